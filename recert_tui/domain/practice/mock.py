"""Mock exams: a draw by outline weight, time scaled from the real exam's, a score per category."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import NamedTuple

from ..bank import MockAnswer, MockExam, Question, Review
from ..models import PracticeTest
from ..study import OVERALL
from .scheduler import utc

MOCK_SIZE = 50


def largest_remainder(seats: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Share `seats` out in proportion to `weights` (Hamilton's method).

    Each gets the whole part of its quota; seats left go one each to the largest remainders,
    ties to the larger weight, then to the name first in alphabetical order.
    """
    total = sum(Fraction(w) for w in weights.values())
    if seats <= 0 or total <= 0:
        return dict.fromkeys(weights, 0)
    quotas = {name: seats * Fraction(w) / total for name, w in weights.items()}
    shares = {name: math.floor(quota) for name, quota in quotas.items()}
    left = seats - sum(shares.values())
    order = sorted(weights, key=lambda name: (-(quotas[name] - shares[name]), -weights[name], name))
    for name in order[:left]:
        shares[name] += 1
    return shares


def apportion(size: int, weights: Mapping[str, float], available: Mapping[str, int]) -> dict[str, int]:
    """Questions per category for a mock of `size`, by weight, never more than a category has.

    A category with too few questions gives all it has, and the seats it cannot fill are
    shared again over the others by their weights, until every seat that can be filled is.
    """
    counts: dict[str, int] = {}
    open_ = {name: w for name, w in weights.items() if w > 0 and available.get(name, 0) > 0}
    seats = min(size, sum(available[name] for name in open_))
    while True:
        shares = largest_remainder(seats - sum(counts.values()), open_)
        short = [name for name, share in shares.items() if share > available[name]]
        if not short:
            counts.update(shares)
            return {name: counts.get(name, 0) for name in weights}
        for name in short:
            counts[name] = available[name]
            del open_[name]


def mock_minutes(exam_minutes: int, scored_items: int, size: int) -> int:
    """The real exam's time scaled to `size` questions: exam_minutes x size / scored_items,
    rounded to the nearest minute (halves up), and at least one minute."""
    if scored_items <= 0:
        raise ValueError("The real exam's number of scored questions must be above zero.")
    return max(1, (2 * exam_minutes * size + scored_items) // (2 * scored_items))


def draw_mock(
    questions: Iterable[Question], weights: Mapping[str, float], size: int = MOCK_SIZE, seed: int = 0
) -> tuple[Question, ...]:
    """`size` questions drawn by outline weight (see `apportion`), in a shuffled order.

    The same bank, weights and seed give the same mock whatever order the bank comes in.
    Without weights (no published outline), each category counts by its number of questions.
    """
    pools: dict[str, dict[str, Question]] = {}
    for question in questions:
        pools.setdefault(question.category, {}).setdefault(question.key, question)
    available = {name: len(pool) for name, pool in pools.items()}
    counts = apportion(size, weights or available, available)
    rng = random.Random(seed)
    drawn: list[Question] = []
    for name in sorted(counts):
        pool = [pools[name][key] for key in sorted(pools[name])] if counts[name] else []
        drawn += rng.sample(pool, counts[name])
    rng.shuffle(drawn)
    return tuple(drawn)


def check_choice(question: Question, chosen: int | None) -> None:
    """A choice is an index into the question's choices, or None for a blank."""
    if chosen is not None and not 0 <= chosen < len(question.choices):
        raise ValueError(f"Choice {chosen} is not one of the {len(question.choices)} choices of this question.")


class CategoryScore(NamedTuple):
    category: str
    right: int
    total: int
    percent: float  # one decimal
    passed: bool  # percent at or above the pass mark


class MockResult(NamedTuple):
    """A finished mock and the records it leaves: the practice tests feed the weakest area
    and readiness; the reviews (kind "mock") feed accuracy and stats."""

    mock: MockExam
    scores: tuple[CategoryScore, ...]  # by category name
    tests: tuple[PracticeTest, ...]  # overall first, then one per category
    reviews: tuple[Review, ...]

    @property
    def passed(self) -> bool:
        return self.mock.score >= self.mock.pass_mark


def category_scores(mock: MockExam) -> tuple[CategoryScore, ...]:
    right: dict[str, int] = {}
    total: dict[str, int] = {}
    for answer in mock.answers:
        total[answer.category] = total.get(answer.category, 0) + 1
        right[answer.category] = right.get(answer.category, 0) + answer.correct
    scores = []
    for name in sorted(total):
        percent = round(100 * right[name] / total[name], 1)
        scores.append(CategoryScore(name, right[name], total[name], percent, percent >= mock.pass_mark))
    return tuple(scores)


def finish_mock(
    exam: str,
    questions: Sequence[Question],
    chosen: Sequence[int | None],
    *,
    finished_at: datetime,
    on: date,
    seconds_allowed: int,
    seconds_used: int,
    pass_mark: float,
    flagged: Iterable[int] = (),
) -> MockResult:
    """Score a mock: `chosen[i]` is the choice index given for `questions[i]` (None: blank).

    `on` is the user's calendar day, the date the practice tests are filed under.
    """
    if len(chosen) != len(questions):
        raise ValueError(f"{len(questions)} questions but {len(chosen)} answers.")
    for question, pick in zip(questions, chosen, strict=True):
        check_choice(question, pick)
    finished_at = utc(finished_at)
    marked = set(flagged)
    answers = tuple(
        MockAnswer(q.key, q.category, pick, pick == q.answer, index in marked)
        for index, (q, pick) in enumerate(zip(questions, chosen, strict=True))
    )
    mock = MockExam(exam, finished_at, seconds_allowed, seconds_used, answers, pass_mark)
    scores = category_scores(mock)
    tests = (
        PracticeTest(exam, on, round(mock.score, 1), OVERALL),
        *(PracticeTest(exam, on, score.percent, score.category) for score in scores),
    )
    reviews = tuple(Review(a.question_key, exam, a.category, finished_at, "mock", correct=a.correct) for a in answers)
    return MockResult(mock, scores, tests, reviews)


class Missed(NamedTuple):
    answer: MockAnswer
    question: Question | None  # None when the question has since left the bank


def missed_questions(mock: MockExam, questions: Iterable[Question]) -> tuple[Missed, ...]:
    """Every wrong or blank answer, in the order asked, with its question (and explanation)."""
    found = {q.key: q for q in questions if q.exam == mock.exam}
    return tuple(Missed(a, found.get(a.question_key)) for a in mock.answers if not a.correct)
