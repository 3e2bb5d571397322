"""One exam's study bank and practice, as the CLI and the TUI use it.

The domain (`domain.practice`) schedules, draws and scores; the session stores. This joins
them for one exam: what is due, rating a card, a mock exam, a drill, readiness, the plan,
today's work. The CLI and the TUI only render what it returns. The bank is read when this
is built (when Study opens), never at start-up.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import NamedTuple

from . import booking
from .domain.bank import Flashcard, Question
from .domain.exams import ExamReport
from .domain.outline import ExamOutline
from .domain.practice import (
    counts,
    drill,
    last_attempt,
    mock,
    plan,
    queue,
    readiness,
    scheduler,
    stats,
)
from .domain.practice.drill import DrillMark  # by name: in Practice, the method `drill` hides the module
from .domain.practice.readiness import MockPoint  # and `readiness` hides this one
from .domain.study import StudyReport
from .session import Session

MOCK_SIZE = mock.MOCK_SIZE


class Card(NamedTuple):
    """The next item to review and where the queue stands."""

    item: Question | Flashcard
    entry: queue.QueueEntry
    due: int  # due now, this one included
    new: int  # new still allowed today


def local_midnight(day: date) -> datetime:
    """The start of `day` on this machine's clock, in UTC."""
    return datetime.combine(day, time()).astimezone(UTC)


class Practice:
    def __init__(self, session: Session, exam: str, now: datetime | None = None) -> None:
        self.session = session
        self.exam = exam
        self._now = now
        self.outline: ExamOutline | None = session.outline(exam)
        # Every item's key and category, to queue and count; an item's text is read when shown.
        self.index = session.bank_index(exam)  # key -> (category, table, id)
        self.categories = {key: entry[0] for key, entry in self.index.items()}
        self._queue: tuple[tuple[datetime, int], queue.ReviewQueue] | None = None

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Every question of the exam, built: for a mock exam or a drill."""
        return self.session.questions(self.exam)

    @property
    def categories_with_questions(self) -> set[str]:
        return {category for category, table, _ in self.index.values() if table == "questions"}

    def item(self, key: str) -> Question | Flashcard | None:
        entry = self.index.get(key)
        return None if entry is None else self.session.bank_item(entry[1], entry[2])

    # --- time ---------------------------------------------------------------------------------

    def now(self) -> datetime:
        """Now, in UTC; on the session's `today` when that is not the machine's (RECERT_TODAY)."""
        if self._now is not None:
            return self._now
        moment = datetime.now(UTC)
        if moment.astimezone().date() != self.session.today:
            return datetime.combine(self.session.today, moment.astimezone().time()).astimezone(UTC)
        return moment

    @property
    def exam_report(self) -> ExamReport | None:
        return booking.exam_report(self.session, self.exam)

    @property
    def study_report(self) -> StudyReport | None:
        return next((each for each in self.session.report.study if each.exam == self.exam), None)

    @property
    def exam_day(self) -> date | None:
        """The next scheduled attempt, which caps every interval."""
        report = self.exam_report
        return report.upcoming[0].on if report and report.upcoming else None

    @property
    def weakest(self) -> tuple[str, ...]:
        report = self.study_report
        return tuple(each.category for each in report.weakest) if report else ()

    @property
    def pass_mark(self) -> float:
        return self.outline.pass_mark if self.outline else 70.0

    def label(self, category: str) -> str:
        return self.outline.label(category) if self.outline else category

    # --- review -------------------------------------------------------------------------------

    def review_queue(self) -> queue.ReviewQueue:
        """What to review now; built once per minute and per change to the bank (Study asks
        for it twice as it opens: study_bench's open_study figure)."""
        now = self.now()
        stamp = (now.replace(second=0, microsecond=0), self.session.store.bank_version)
        if self._queue is None or self._queue[0] != stamp:
            midnight = local_midnight(self.session.today)
            introduced = queue.introduced_since(self.session.reviews(self.exam, since=midnight), midnight)
            self._queue = (
                stamp,
                queue.build_queue(self.categories, self.session.card_states(self.exam), now, introduced),
            )
        return self._queue[1]

    def next_card(self) -> Card | None:
        """The card to show now, or None when nothing is due and today's new cards are done."""
        found = self.review_queue()
        for entry in found.entries:
            item = self.item(entry.item_key)
            if item is not None:
                return Card(item, entry, found.due, found.new)
        return None

    def rate(self, card: Card, rating: int) -> scheduler.Rated:
        """Rate the card 1 (Again) to 4 (Easy) and save its new schedule."""
        rated = scheduler.rate(
            card.entry.item_key, self.exam, card.entry.category, card.entry.state, rating, self.now(), self.exam_day
        )
        self.session.record_review(rated.after, rated.review)
        return rated

    def undo(self) -> bool:
        """Take back the last rating; False when there is none."""
        return self.session.undo_last_review() is not None

    def due_counts(self) -> counts.DueCounts:
        return counts.due_counts(self.exam, self.categories, self.session.card_states(self.exam), self.now())

    # --- mock exams and drills ----------------------------------------------------------------

    def _seed(self, seed: int | None, taken: int) -> int:
        """`seed`, else one from the day and what was taken already: each draw differs from
        the last, and the same day and history draw the same (so tests and snapshots can)."""
        return seed if seed is not None else self.session.today.toordinal() * 1000 + taken

    def mock_seconds(self, size: int) -> int:
        outline = self.outline
        if outline is None or not outline.minutes or not outline.scored_items:
            return size * 60  # a minute a question where the exam's timing is not known
        # The exam's time covers every item it sets, unscored pretest items included.
        return mock.mock_minutes(outline.minutes, outline.total_items or outline.scored_items, size) * 60

    def draw_mock(self, size: int = MOCK_SIZE, seed: int | None = None) -> tuple[Question, ...]:
        weights = self.outline.weights if self.outline else {}
        return mock.draw_mock(self.questions, weights, size, self._seed(seed, len(self.session.mock_exams(self.exam))))

    def finish_mock(
        self,
        questions: tuple[Question, ...],
        chosen: list[int | None],
        flagged: set[int],
        seconds_allowed: int,
        seconds_used: int,
    ) -> mock.MockResult:
        """Score and save a mock exam (also as practice tests, and each answer for readiness)."""
        result = mock.finish_mock(
            self.exam,
            questions,
            chosen,
            finished_at=self.now(),
            on=self.session.today,
            seconds_allowed=seconds_allowed,
            seconds_used=seconds_used,
            pass_mark=self.pass_mark,
            flagged=flagged,
        )
        self.session.record_mock_exam(result.mock, result.reviews)
        return result

    def missed(self, result: mock.MockResult) -> tuple[mock.Missed, ...]:
        return mock.missed_questions(result.mock, self.questions)

    def drill(self, seed: int | None = None) -> tuple[str | None, tuple[Question, ...]]:
        """Ten questions from the weakest category that has questions."""
        category = drill.drill_category(
            self.weakest or tuple(self.outline.names if self.outline else ()), self.categories_with_questions
        )
        if category is None:
            return None, ()
        done_today = len(self.session.reviews(self.exam, since=local_midnight(self.session.today)))
        return category, drill.pick_drill(
            self.questions, category, self.session.reviews(self.exam), self._seed(seed, done_today)
        )

    def mark(self, question: Question, chosen: int | None) -> DrillMark:
        """Mark a drill answer at once, and save it."""
        marked = drill.mark_answer(question, chosen, self.now())
        self.session.record_answers([marked.review])
        return marked

    # --- where you stand ------------------------------------------------------------------------

    def readiness(self) -> readiness.Readiness:
        weights = self.outline.weights if self.outline else {}
        labels = {name: self.label(name) for name in weights}
        recent = self.session.reviews(self.exam, since=self.now() - timedelta(days=readiness.RECENT_DAYS))
        return readiness.readiness(
            self.exam,
            weights,
            self.pass_mark,
            recent,
            self.session.card_states(self.exam),
            self.categories,
            self.now(),
            labels,
        )

    def mock_scores(self) -> tuple[MockPoint, ...]:
        return readiness.mock_scores(self.session.mock_exams(self.exam), self.exam)

    def plan(self) -> plan.Plan | None:
        if self.exam_day is None:
            return None
        # Questions are reviewed as cards too: covering the bank is starting every item.
        started = {state.item_key for state in self.session.card_states(self.exam)}
        new_items: dict[str, int] = {}
        for key, category in self.categories.items():
            if key not in started:
                new_items[category] = new_items.get(category, 0) + 1
        labels = {name: self.label(name) for name in new_items}
        return plan.plan_to_exam(self.session.today, self.exam_day, new_items, {}, self.weakest, labels=labels)

    def todays_work(self) -> str:
        found = self.review_queue()
        category = drill.drill_category(self.weakest, self.categories_with_questions)
        return plan.todays_work(found.due, found.new, self.label(category) if category else None)

    def booking_advice(self) -> last_attempt.BookingAdvice | None:
        return booking.last_attempt_advice(self.session, self.exam)

    def stats(self) -> stats.StudyStats:
        return stats.study_stats(self.exam, self.session.reviews(self.exam), self.session.mock_exams(self.exam))
