"""Readiness per exam: recent accuracy and cards mastered per category against the pass mark,
a verdict in plain words, and mock scores over time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import NamedTuple

from fsrs import State

from ..bank import CardState, MockExam, Review
from ..counting import points_text
from ..study import category_label
from .scheduler import utc

# Answers older than this describe what was known then, not now.
RECENT_DAYS = 30
# With fewer answers one lucky or unlucky guess moves the percentage by more than 5 points:
# too noisy to tell a pass from a fail.
MIN_ANSWERS = 20
# A card is mastered once FSRS expects a 90% chance of recall three weeks after its last
# review (stability of 21 days or more): the line Anki draws for a "mature" card.
MASTERED_STABILITY_DAYS = 21.0
# Mastery is judged only in a category with this many cards started: a handful says little.
MIN_STARTED = 20

READY, NOT_YET, NOT_ENOUGH = "ready", "not yet", "not enough data"


class CategoryReadiness(NamedTuple):
    category: str
    label: str
    answers: int  # drill and mock answers in the last RECENT_DAYS
    right: int
    accuracy: float | None  # percent, one decimal; None without answers
    started: int  # cards (items) reviewed at least once
    mastered: int
    mastery: float | None  # percent of started cards mastered; None below MIN_STARTED
    verdict: str  # READY, NOT_YET or NOT_ENOUGH
    why: str  # a short phrase for NOT_YET and NOT_ENOUGH, "" when ready


class Readiness(NamedTuple):
    exam: str
    pass_mark: float
    categories: tuple[CategoryReadiness, ...]  # outline order
    verdict: str
    sentence: str


def is_mastered(state: CardState) -> bool:
    return state.state == State.Review and (state.stability or 0.0) >= MASTERED_STABILITY_DAYS


def readiness(
    exam: str,
    weights: Mapping[str, float],
    pass_mark: float,
    answers: Iterable[Review],
    states: Iterable[CardState],
    categories: Mapping[str, str],
    now: datetime,
    labels: Mapping[str, str] | None = None,
) -> Readiness:
    """Judge each outline category (with `weights`; without an outline, each bank category).

    `answers`: this exam's reviews (only drill and mock answers count); `categories`: item key
    -> category for the exam's items, to place each card state; `labels`: category -> the
    outline's words for it (default: the name in words).
    """
    now = utc(now)
    since = now - timedelta(days=RECENT_DAYS)
    names = [name for name, weight in weights.items() if weight > 0] or sorted(set(categories.values()))
    answered = dict.fromkeys(names, 0)
    right = dict.fromkeys(names, 0)
    for review in answers:
        if (
            review.correct is None
            or review.exam != exam
            or review.category not in answered
            or not since <= review.at <= now
        ):
            continue
        answered[review.category] += 1
        right[review.category] += review.correct
    started = dict.fromkeys(names, 0)
    mastered = dict.fromkeys(names, 0)
    for state in states:
        category = categories.get(state.item_key)
        if category in started:
            started[category] += 1
            mastered[category] += is_mastered(state)
    labels = labels or {}
    judged = tuple(
        _judge(
            name,
            labels.get(name) or category_label(name),
            answered[name],
            right[name],
            started[name],
            mastered[name],
            pass_mark,
        )
        for name in names
    )
    verdict, sentence = _verdict(judged, pass_mark)
    return Readiness(exam, pass_mark, judged, verdict, sentence)


def _judge(
    name: str, label: str, answers: int, right: int, started: int, mastered: int, pass_mark: float
) -> CategoryReadiness:
    accuracy = round(100 * right / answers, 1) if answers else None
    mastery = round(100 * mastered / started, 1) if started >= MIN_STARTED else None
    if accuracy is not None and answers >= MIN_ANSWERS and accuracy < pass_mark:
        verdict, why = NOT_YET, f"{label} is at {points_text(accuracy)}% in the last {RECENT_DAYS} days"
    elif mastery is not None and mastery < pass_mark:
        verdict, why = NOT_YET, f"only {points_text(mastery)}% of the {label} cards you study are mastered"
    elif answers < MIN_ANSWERS:
        verdict, why = NOT_ENOUGH, f"{label} has {answers} of {MIN_ANSWERS} answers"
    else:
        verdict, why = READY, ""
    return CategoryReadiness(name, label, answers, right, accuracy, started, mastered, mastery, verdict, why)


def _verdict(judged: tuple[CategoryReadiness, ...], pass_mark: float) -> tuple[str, str]:
    mark = f"{points_text(pass_mark)}%"
    if not judged:
        return NOT_ENOUGH, "Not enough data yet: this exam has no categories to practise."
    behind = [c for c in judged if c.verdict == NOT_YET]
    if behind:
        return NOT_YET, f"Not yet: {'; '.join(c.why for c in behind)} (pass mark {mark})."
    short = [c for c in judged if c.verdict == NOT_ENOUGH]
    if short:
        return NOT_ENOUGH, (
            f"Not enough data yet: answer at least {MIN_ANSWERS} drill or mock questions in each area "
            f"within {RECENT_DAYS} days ({'; '.join(c.why for c in short)})."
        )
    return READY, f"Ready: every area is at or above the {mark} pass mark in the last {RECENT_DAYS} days."


class MockPoint(NamedTuple):
    finished_at: datetime
    score: float  # percent, one decimal
    pass_mark: float
    passed: bool


def mock_scores(mocks: Iterable[MockExam], exam: str) -> tuple[MockPoint, ...]:
    """One exam's mock scores, oldest first: the data for a chart of progress."""
    mine = sorted((m for m in mocks if m.exam == exam), key=lambda m: (m.finished_at, m.id or 0))
    return tuple(MockPoint(m.finished_at, round(m.score, 1), m.pass_mark, m.score >= m.pass_mark) for m in mine)
