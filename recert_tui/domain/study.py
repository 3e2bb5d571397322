"""The study companion: time studied, practice-test scores by outline category, what to study next."""

from datetime import date, timedelta
from typing import NamedTuple, cast

from .counting import points_text
from .exams import ExamReport
from .models import PracticeTest, StudySession
from .rules import ExamPolicy

WEEKS_SHOWN = 8
OVERALL = "overall"


def category_label(category: str) -> str:
    """`law-and-ethics` -> `Law and ethics`."""
    return category.replace("-", " ").replace("_", " ").capitalize()


class CategoryStatus(NamedTuple):
    category: str
    label: str
    weight: float | None  # percent of the exam; None for "overall"
    latest: float | None  # latest practice-test score in percent
    latest_on: date | None
    trend: float | None  # latest minus the one before, in percentage points
    minutes: int  # minutes studied on this category, all time
    priority: float  # weight x room to improve; higher means study this first


class StudyReport(NamedTuple):
    exam: str
    name: str
    weights_unconfirmed: bool
    days_to_exam: int | None  # to the next scheduled attempt
    next_exam_on: date | None
    weekly_minutes: tuple[int, ...]  # oldest week first; the last is the current week
    week_starts: tuple[date, ...]
    categories: tuple[CategoryStatus, ...]  # outline categories, heaviest first, then overall
    weakest: tuple[CategoryStatus, ...]  # outline categories by priority, highest first
    suggestion: str


def study_report(
    policy: ExamPolicy,
    sessions: list[StudySession],
    tests: list[PracticeTest],
    exam: ExamReport | None,
    today: date,
) -> StudyReport:
    """Summarise preparation for one exam program as of `today`."""
    outline = policy.outline.weights if policy.outline else {}  # the one source: the rule file's [outline]
    week_starts = tuple(today - timedelta(days=today.weekday() + 7 * back) for back in reversed(range(WEEKS_SHOWN)))
    weekly = [0] * WEEKS_SHOWN
    minutes_by_category: dict[str, int] = {}
    for session in sessions:
        minutes_by_category[session.category] = minutes_by_category.get(session.category, 0) + session.minutes
        for index, start in enumerate(week_starts):
            if start <= session.on < start + timedelta(days=7) and session.on <= today:
                weekly[index] += session.minutes

    def label(key: str) -> str:  # the outline's words for a category
        return policy.outline.label(key) if policy.outline else category_label(key)

    categories = [
        _status(key, label(key), weight, tests, minutes_by_category)
        for key, weight in sorted(outline.items(), key=lambda kv: -kv[1])
    ]
    overall = _status(OVERALL, "Overall", None, tests, minutes_by_category)
    weakest = tuple(sorted(categories, key=lambda c: -c.priority))
    next_exam = exam.upcoming[0].on if exam and exam.upcoming else None
    days = (next_exam - today).days if next_exam else None
    return StudyReport(
        exam=policy.code,
        name=policy.name,
        weights_unconfirmed=bool(policy.outline and policy.outline.unconfirmed),
        days_to_exam=days,
        next_exam_on=next_exam,
        weekly_minutes=tuple(weekly),
        week_starts=week_starts,
        categories=(*categories, overall),
        weakest=weakest,
        suggestion=_suggestion(weakest, days),
    )


def _status(
    category: str, label: str, weight: float | None, tests: list[PracticeTest], minutes: dict[str, int]
) -> CategoryStatus:
    mine = sorted((t for t in tests if t.category == category), key=lambda t: (t.on, t.id or 0))
    latest = mine[-1] if mine else None
    trend = round(mine[-1].score - mine[-2].score, 1) if len(mine) >= 2 else None
    # An untested category counts as halfway: worth a practice test before anything else.
    room = (100 - latest.score) / 100 if latest else 0.5
    return CategoryStatus(
        category=category,
        label=label,
        weight=weight,
        latest=latest.score if latest else None,
        latest_on=latest.on if latest else None,
        trend=trend,
        minutes=minutes.get(category, 0),
        priority=(weight or 0) * room,
    )


def _suggestion(weakest: tuple[CategoryStatus, ...], days: int | None) -> str:
    if not weakest:
        return "The rules give no content outline for this exam; log study time and overall practice tests."
    untested = [c for c in weakest if c.latest is None]
    heaviest_untested = max(untested, key=lambda c: c.weight or 0) if untested else None
    top = weakest[0]
    if heaviest_untested is not None and heaviest_untested is top:
        text = (
            f"No practice test yet for {top.label} ({points_text(top.weight or 0)}% of the exam): "
            f"take one to see where you stand."
        )
    else:
        # Only tested categories are compared, so each `latest` here is a score.
        lowest = min((c for c in weakest if c.latest is not None), key=lambda c: cast(float, c.latest))
        # The top one is tested too: an untested category ranks by weight alone, so one at the
        # top is the heaviest untested and took the branch above.
        top_score = cast(float, top.latest)
        share = f"{top.label} is {points_text(top.weight or 0)}% of the exam"
        if lowest is top:
            text = f"{share} and your weakest: {points_text(top_score)}% on the last practice test. Study {top.label} next."
        else:
            text = (
                f"{share}, with {points_text(top_score)}% on the last practice test: the most to gain. "
                f"Study {top.label} next."
            )
    if days is not None:
        text += f" Exam in {days} day{'s' if days != 1 else ''}."
    return text
