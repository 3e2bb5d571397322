"""Small builders for the practice tests: questions, states and times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from recert_tui.domain.bank import CardState, Question, Review

EXAM = "cma-aama"


def at(day: str, clock: str = "12:00") -> datetime:
    """at("2026-03-01", "09:30"): an aware UTC time."""
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC)


def question(category: str, n: int, answer: int = 1, exam: str = EXAM) -> Question:
    return Question(
        exam, category, f"{category} question {n}?", ("one", "two", "three", "four"), answer, f"Because {n}.", "test"
    )


def questions(**per_category: int) -> list[Question]:
    """questions(clinical=3, general=2): numbered questions in each category."""
    return [question(category, n) for category, count in per_category.items() for n in range(count)]


def state(key: str, due: datetime, *, kind: int = 2, stability: float = 10.0, exam: str = EXAM) -> CardState:
    """A reviewed card (by default in the Review state) due at `due`, last reviewed `stability` days before."""
    last = due - timedelta(days=stability)
    return CardState(
        key, exam, due, stability=stability, difficulty=5.0, state=kind, step=None if kind == 2 else 0, last_review=last
    )


def answer(q: Question, when: datetime, correct: bool, kind: str = "drill") -> Review:
    return Review(q.key, q.exam, q.category, when, kind, correct=correct)
