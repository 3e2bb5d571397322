"""Spaced repetition with FSRS (the `fsrs` package): one rating in, the next state out.

The exam-date cap keeps every card coming back before exam day; see `cap_due` for the
exact rule. Undo needs nothing more than the state before the rating, which `Rated` keeps.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from fsrs import Card, Rating, Scheduler, State

from ..bank import CardState, Review

AGAIN, HARD, GOOD, EASY = (int(rating) for rating in (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy))
RATING_WORDS = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}

# Default parameters, 90% desired retention and the default learning steps (1 and 10 minutes).
# Fuzzing is off: it draws from the process-wide random generator, and the domain must give
# the same answer for the same input (tests, undo and redo, two screens agreeing).
SCHEDULER = Scheduler(desired_retention=0.9, enable_fuzzing=False)


def utc(moment: datetime) -> datetime:
    """The same instant in UTC; a time without a zone is a programming error, not user input."""
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError(f"{moment.isoformat()} has no time zone: pass aware UTC times to the practice code.")
    return moment.astimezone(UTC)


def cap_edge(exam_day: date) -> datetime:
    """Midnight UTC at the start of the day before the exam.

    In every time zone from UTC-12 to UTC+14 that instant falls on the day before the exam
    or the day before that, so a card due by then is due before exam day wherever the user is.
    """
    return datetime.combine(exam_day - timedelta(days=1), time(0), tzinfo=UTC)


def cap_due(due: datetime, reviewed_at: datetime, exam_day: date | None) -> datetime:
    """The due time after the exam-date cap.

    Rule: when a review made before the edge (`cap_edge`: midnight UTC starting the day
    before the exam) would schedule the card later than the edge, it is due at the edge
    instead; an earlier due time is kept. A review at or after the edge is not capped: the
    exam is a day away, and a cap in the past would bring the card back at once, forever.
    """
    if exam_day is None:
        return due
    edge = cap_edge(exam_day)
    if reviewed_at >= edge:
        return due
    return min(due, edge)


def to_fsrs(state: CardState | None, now: datetime) -> Card:
    """The fsrs card for a stored state; a new item (no state yet) is a fresh learning card."""
    if state is None:
        return Card(card_id=0, state=State.Learning, step=0, due=utc(now))
    return Card(
        card_id=0,  # fsrs uses the id only in its review log, which is not kept
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=utc(state.due),
        last_review=utc(state.last_review) if state.last_review else None,
    )


def from_fsrs(card: Card, item_key: str, exam: str, id: int | None = None) -> CardState:
    return CardState(
        item_key=item_key,
        exam=exam,
        due=card.due,
        stability=card.stability,
        difficulty=card.difficulty,
        state=int(card.state),
        step=card.step,
        last_review=card.last_review,
        id=id,
    )


class Rated(NamedTuple):
    """One rating's outcome: `before` is what undo restores (None: the item was new)."""

    before: CardState | None
    after: CardState
    review: Review


def rate(
    item_key: str,
    exam: str,
    category: str,
    before: CardState | None,
    rating: int,
    now: datetime,
    exam_day: date | None = None,
) -> Rated:
    """Apply a rating (1 Again, 2 Hard, 3 Good, 4 Easy) given at `now`, capped by `exam_day`."""
    if rating not in RATING_WORDS:
        raise ValueError(f"A rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating!r}.")
    now = utc(now)
    card, _ = SCHEDULER.review_card(to_fsrs(before, now), Rating(rating), review_datetime=now)
    card.due = cap_due(card.due, now, exam_day)
    after = from_fsrs(card, item_key, exam, before.id if before else None)
    review = Review(
        item_key=item_key, exam=exam, category=category, at=now, kind="review", rating=rating, first=before is None
    )
    return Rated(before, after, review)
