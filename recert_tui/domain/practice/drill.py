"""Drills: ten questions from the weakest category, each answer marked at once with its explanation."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from ..bank import Question, Review
from .mock import check_choice
from .scheduler import utc

DRILL_SIZE = 10
MISSED, UNSEEN, KNOWN = 0, 1, 2  # the order questions are picked in


def drill_category(weakest: Sequence[str], with_questions: Collection[str]) -> str | None:
    """The first category of `weakest` (highest priority first, as `StudyReport.weakest`)
    among `with_questions` (the categories that have a question); None when none is."""
    return next((name for name in weakest if name in with_questions), None)


def pick_drill(
    questions: Iterable[Question],
    category: str,
    answers: Iterable[Review],
    seed: int = 0,
    size: int = DRILL_SIZE,
) -> tuple[Question, ...]:
    """Up to `size` questions of `category`: those missed the last time first, then ones
    never answered, then ones answered right, the longest ago first; ties in a seeded order.

    `answers` are drill and mock answers (reviews with `correct` set); the rest are ignored.
    """
    pool = {q.key: q for q in questions if q.category == category}
    last: dict[str, Review] = {}
    for review in answers:
        if review.correct is None or review.item_key not in pool:
            continue
        seen = last.get(review.item_key)
        if seen is None or review.at >= seen.at:
            last[review.item_key] = review
    rng = random.Random(seed)
    tiebreak = {key: rng.random() for key in sorted(pool)}

    def rank(key: str) -> tuple[int, float, float]:
        review = last.get(key)
        if review is None:
            return (UNSEEN, 0.0, tiebreak[key])
        return (KNOWN if review.correct else MISSED, review.at.timestamp(), tiebreak[key])

    return tuple(pool[key] for key in sorted(pool, key=rank)[:size])


class DrillMark(NamedTuple):
    correct: bool
    right_letter: str  # "b"
    explanation: str
    review: Review  # kind "drill", to store


def mark_answer(question: Question, chosen: int | None, at: datetime) -> DrillMark:
    """Mark one drill answer (None: skipped, counted wrong)."""
    check_choice(question, chosen)
    correct = chosen == question.answer
    review = Review(question.key, question.exam, question.category, utc(at), "drill", correct=correct)
    return DrillMark(correct, question.answer_letter, question.explanation, review)
