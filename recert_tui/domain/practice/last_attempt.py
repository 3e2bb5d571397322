"""Last-attempt mode: with one attempt left, book only after two mock exams at or above a mark.

Advice, never a refusal: scheduling sooner gives a warning and the attempt is still saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..bank import MockExam
from ..counting import points_text
from ..exams import ExamReport

BOOKING_MARK = 80.0  # percent; the user may set another
MOCKS_NEEDED = 2  # in a row: one good score can be luck, two is form


class BookingAdvice(NamedTuple):
    applies: bool  # one attempt left
    ready: bool  # the last MOCKS_NEEDED mock exams are all at or above the mark
    recent: tuple[float, ...]  # the latest mock scores, newest first (up to MOCKS_NEEDED)
    sentence: str  # "" when it does not apply


def booking_advice(report: ExamReport, mocks: Iterable[MockExam], mark: float = BOOKING_MARK) -> BookingAdvice:
    """Advice for booking the next attempt of `report`'s exam.

    Rule: with one attempt left, booking is advised once the two most recent mock exams of
    this exam both scored at or above `mark` (percent). Older good scores do not count: the
    latest form is what the exam day will meet.
    """
    if not 0 < mark <= 100:
        raise ValueError(f"The booking mark is a percent above 0 and up to 100, not {points_text(mark)}.")
    mine = sorted((m for m in mocks if m.exam == report.exam), key=lambda m: (m.finished_at, m.id or 0), reverse=True)
    recent = tuple(round(m.score, 1) for m in mine[:MOCKS_NEEDED])
    ready = len(recent) == MOCKS_NEEDED and all(score >= mark for score in recent)
    if not report.one_left:
        return BookingAdvice(False, ready, recent, "")
    target = f"{points_text(mark)}%"
    if ready:
        scores = " and ".join(f"{points_text(s)}%" for s in recent)
        return BookingAdvice(
            True,
            True,
            recent,
            f"One attempt left: your last two mock exams scored {scores}, at or above {target}. A good time to book.",
        )
    if not recent:
        so_far = "no mock exam yet"
    else:
        so_far = "last mock exams: " + ", ".join(f"{points_text(s)}%" for s in recent) + " (newest first)"
    return BookingAdvice(
        True, False, recent, f"One attempt left: book it after two mock exams in a row at {target} or above; {so_far}."
    )


def scheduling_warning(report: ExamReport, mocks: Iterable[MockExam], mark: float = BOOKING_MARK) -> str | None:
    """The warning shown when the last attempt is scheduled before the advice is met; None if fine."""
    advice = booking_advice(report, mocks, mark)
    if not advice.applies or advice.ready:
        return None
    return (
        f"This is your last attempt, and your last two mock exams are not both at {points_text(mark)}% or above yet. "
        "The date is saved; consider more mock exams before the exam day."
    )
