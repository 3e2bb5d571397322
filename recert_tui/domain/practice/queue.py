"""What to review now: due cards first (most overdue first), then new items up to the daily limit.

Built fresh after every rating (cheap: one pass over the states and, at most, the items),
so a card rated Again comes back once its short learning step has passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import NamedTuple

from fsrs import State

from ..bank import CardState, Flashcard, Question, Review
from .scheduler import utc

NEW_PER_DAY = 20  # new items a day, as Anki's default: enough to cover a bank, few enough to keep up
# A learning card due within this long is shown when nothing else is left, so a card rated
# Again (back in 1 to 10 minutes) does not end the session early (Anki's "learn ahead" default).
LEARN_AHEAD = timedelta(minutes=20)
LEARNING_STATES = (int(State.Learning), int(State.Relearning))


class QueueEntry(NamedTuple):
    item_key: str
    category: str
    state: CardState | None  # None: a new item, never reviewed


class ReviewQueue(NamedTuple):
    entries: tuple[QueueEntry, ...]  # in the order to show them
    due: int  # entries due now
    new: int  # new entries, within today's limit
    ahead: int  # learning entries due within LEARN_AHEAD, shown last

    @property
    def next(self) -> QueueEntry | None:
        return self.entries[0] if self.entries else None


def item_categories(items: Iterable[Question | Flashcard]) -> dict[str, str]:
    """Item key -> category, in the order given (the order new items are introduced).

    Hashing keys is the slow part (about 6 ms per 1,000 items): build this once per
    session and reuse it, not once per card.
    """
    return {item.key: item.category for item in items}


def introduced_since(reviews: Iterable[Review], since: datetime) -> int:
    """How many items had their first review at or after `since` (the start of the user's day).

    Each review says whether it was the item's first, so only the reviews since then are needed.
    """
    since = utc(since)
    return len(
        {review.item_key for review in reviews if review.kind == "review" and review.first and review.at >= since}
    )


def build_queue(
    categories: Mapping[str, str],
    states: Iterable[CardState],
    now: datetime,
    introduced_today: int = 0,
    new_per_day: int = NEW_PER_DAY,
) -> ReviewQueue:
    """The review queue at `now` for one exam's items (`categories`: key -> category).

    Order: due states by due time, oldest first (ties by key); then new items in the order
    of `categories`, up to `new_per_day` minus those already introduced today; then learning
    states due within LEARN_AHEAD, soonest first. States of items no longer in the bank are skipped.
    """
    now = utc(now)
    horizon = now + LEARN_AHEAD
    due: list[CardState] = []
    ahead: list[CardState] = []
    seen: set[str] = set()
    for state in states:
        if state.item_key not in categories or state.item_key in seen:
            continue
        seen.add(state.item_key)
        if state.due <= now:
            due.append(state)
        elif state.state in LEARNING_STATES and state.due <= horizon:
            ahead.append(state)
    due.sort(key=lambda s: (s.due, s.item_key))
    ahead.sort(key=lambda s: (s.due, s.item_key))

    room = max(0, new_per_day - introduced_today)
    new: list[QueueEntry] = []
    if room:
        for key, category in categories.items():
            if key not in seen:
                new.append(QueueEntry(key, category, None))
                if len(new) == room:
                    break
    entries = (
        *(QueueEntry(s.item_key, categories[s.item_key], s) for s in due),
        *new,
        *(QueueEntry(s.item_key, categories[s.item_key], s) for s in ahead),
    )
    return ReviewQueue(entries, due=len(due), new=len(new), ahead=len(ahead))
