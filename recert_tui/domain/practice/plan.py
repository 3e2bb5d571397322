"""The plan to exam day: new cards and questions a day to cover the bank, weakest areas first,
and the one line of today's work for the dashboard."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from ..study import category_label
from .queue import NEW_PER_DAY


class PlanDay(NamedTuple):
    on: date
    cards: int  # new cards to start
    questions: int  # questions never answered, in drills or mock exams
    categories: tuple[str, ...]  # where that day's new work comes from, weakest first


class Plan(NamedTuple):
    exam_day: date
    days: int  # study days: today up to the day before the exam
    cards_per_day: int
    questions_per_day: int
    order: tuple[str, ...]  # categories, weakest first
    days_plan: tuple[PlanDay, ...]
    sentence: str


def study_order(weakest: Sequence[str], *counts: Mapping[str, int]) -> tuple[str, ...]:
    """`weakest` first (as `StudyReport.weakest`), then any other category with work, by name."""
    rest = sorted({name for count in counts for name, n in count.items() if n > 0} - set(weakest))
    return (*weakest, *rest)


def _spread(per_day: int, days: int, order: Sequence[str], count: Mapping[str, int]) -> list[list[tuple[str, int]]]:
    """Deal the items out day by day, `per_day` at a time, category by category in `order`."""
    stream = [(name, count.get(name, 0)) for name in order if count.get(name, 0) > 0]
    out: list[list[tuple[str, int]]] = [[] for _ in range(days)]
    day, room = 0, per_day
    for name, left in stream:
        while left and day < days:
            take = min(left, room)
            out[day].append((name, take))
            left -= take
            room -= take
            if room == 0:
                day, room = day + 1, per_day
    return out


def plan_to_exam(
    today: date,
    exam_day: date,
    new_cards: Mapping[str, int],
    new_questions: Mapping[str, int],
    weakest: Sequence[str],
    new_per_day: int = NEW_PER_DAY,
    labels: Mapping[str, str] | None = None,
) -> Plan | None:
    """Cover every new card and unanswered question (counts by category) by the day before
    the exam, each a day rounded up; None when the exam is today or past. `labels`: category
    -> the outline's words for it (default: the name in words)."""
    days = (exam_day - today).days
    if days <= 0:
        return None
    cards = math.ceil(sum(new_cards.values()) / days)
    questions = math.ceil(sum(new_questions.values()) / days)
    order = study_order(weakest, new_cards, new_questions)
    card_days = _spread(cards, days, order, new_cards)
    question_days = _spread(questions, days, order, new_questions)
    plan_days = []
    for index in range(days):
        touched = {name for name, _ in card_days[index] + question_days[index]}
        plan_days.append(
            PlanDay(
                on=today + timedelta(days=index),
                cards=sum(n for _, n in card_days[index]),
                questions=sum(n for _, n in question_days[index]),
                categories=tuple(name for name in order if name in touched),
            )
        )
    return Plan(
        exam_day,
        days,
        cards,
        questions,
        order,
        tuple(plan_days),
        _sentence(days, cards, questions, order, new_per_day, labels or {}),
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _sentence(
    days: int, cards: int, questions: int, order: Sequence[str], new_per_day: int, labels: Mapping[str, str]
) -> str:
    if not cards and not questions:
        return f"Every card and question has been started: keep up with the reviews due for the next {_plural(days, 'day')}."
    work = " and ".join(
        part for part in (cards and _plural(cards, "new card"), questions and _plural(questions, "question")) if part
    )
    text = f"{work} a day for {_plural(days, 'day')} cover the bank, starting with {labels.get(order[0]) or category_label(order[0])}."
    if cards > new_per_day:
        text += (
            f" That is more than the daily limit of {new_per_day} new cards: raise it, or focus on the weakest areas."
        )
    return text


def todays_work(due: int, new: int, drill_in: str | None) -> str:
    """The dashboard's line: `12 cards due, 5 new cards, a drill in Clinical.` (`drill_in`:
    the category as people read it, e.g. the outline's label)."""
    parts = []
    if due:
        parts.append(f"{_plural(due, 'card')} due")
    if new:
        parts.append(_plural(new, "new card"))
    if drill_in:
        parts.append(f"a drill in {drill_in}")
    if not parts:
        return "Nothing due today: a mock exam shows where you stand."
    return ", ".join(parts) + "."
