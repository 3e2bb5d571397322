"""The study bank's records: questions, flashcards, their review state, and mock exams.

Plain values like the rest of the domain. The store keeps each in a table of its own; the
practice code (`domain.practice`) schedules and scores them. An item is known by its `key`,
a hash of its content, so that importing the same file twice adds nothing.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache
from typing import NamedTuple

LETTERS = "abcde"


@cache  # an item's key is asked for on every queue, count and plan: hashed once per process
def content_key(*parts: str) -> str:
    """A short stable hash of the parts (letter case and spacing aside)."""
    normal = "\x1f".join(" ".join(part.split()).casefold() for part in parts)
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


class Question(NamedTuple):
    """A multiple-choice question: 2 to 5 choices, one right answer (an index into choices)."""

    exam: str  # credential code, e.g. "cma-aama"
    category: str  # an outline category of that exam
    stem: str
    choices: tuple[str, ...]
    answer: int  # 0 for a, 1 for b, ...
    explanation: str
    source: str
    id: int | None = None

    @property
    def key(self) -> str:
        return content_key(self.exam, self.stem, *self.choices)

    @property
    def answer_letter(self) -> str:
        return LETTERS[self.answer]


class Flashcard(NamedTuple):
    """A card with a front and a back, in one outline category."""

    exam: str
    category: str
    front: str
    back: str
    id: int | None = None

    @property
    def key(self) -> str:
        return content_key(self.exam, self.front, self.back)


class CardState(NamedTuple):
    """Where one item (question or flashcard, by key) stands in spaced repetition (FSRS)."""

    item_key: str
    exam: str
    due: datetime  # aware, UTC
    stability: float | None = None
    difficulty: float | None = None
    state: int = 1  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None = 0
    last_review: datetime | None = None
    id: int | None = None


class Review(NamedTuple):
    """One answer given: a rating in review, or right/wrong in a drill or mock exam."""

    item_key: str
    exam: str
    category: str
    at: datetime  # aware, UTC
    kind: str  # "review", "drill" or "mock"
    rating: int | None = None  # 1 Again, 2 Hard, 3 Good, 4 Easy (reviews)
    correct: bool | None = None  # drills and mock exams
    id: int | None = None
    first: bool = False  # a review of an item never reviewed before (it counts toward today's new)


class MockAnswer(NamedTuple):
    question_key: str
    category: str
    chosen: int | None  # index into the question's choices; None when left blank
    correct: bool
    flagged: bool = False


class MockExam(NamedTuple):
    """A finished mock exam: every answer, so each missed question can be reviewed."""

    exam: str
    finished_at: datetime  # aware, UTC
    seconds_allowed: int
    seconds_used: int
    answers: tuple[MockAnswer, ...]
    pass_mark: float  # percent
    id: int | None = None

    @property
    def score(self) -> float:
        """Percent right, blanks counting as wrong."""
        if not self.answers:
            return 0.0
        return 100.0 * sum(answer.correct for answer in self.answers) / len(self.answers)


# --- bounds (additions) -------------------------------------------------------------------
# What one item may hold: far more than any real question needs, small enough that a pasted
# file cannot make one record the size of the whole database.
MAX_STEM = 4_000
MAX_CHOICE = 1_000
MAX_EXPLANATION = 8_000
MAX_SOURCE = 1_000
MAX_CARD_SIDE = 8_000
MIN_CHOICES, MAX_CHOICES = 2, len(LETTERS)
REVIEW_KINDS = ("review", "drill", "mock")
CARD_STATES = (1, 2, 3)  # fsrs.State: learning, review, relearning
RATINGS = (1, 2, 3, 4)  # fsrs.Rating: again, hard, good, easy
