"""Last-attempt mode for one user: the mark to reach, and when to book the one attempt left.

Apart from `practice` because the dashboard, the exam tracker and `recert exam add` ask:
they need only the mock exams, never the scheduler or the bank.
"""

from __future__ import annotations

from .domain.errors import InvalidInput
from .domain.exams import ExamReport
from .domain.practice import last_attempt
from .session import Session

BOOKING_MARK_SETTING = "booking_mark"


def booking_mark(session: Session) -> float:
    """The mock-exam mark to reach twice before booking a last attempt (a setting; default 80%)."""
    saved = session.store.get_setting(BOOKING_MARK_SETTING)
    if isinstance(saved, (int, float)) and not isinstance(saved, bool) and 0 < saved <= 100:
        return float(saved)
    return last_attempt.BOOKING_MARK


def set_booking_mark(session: Session, text: str) -> float:
    """Set the booking mark from what a person typed; InvalidInput says why not."""
    try:
        mark = float(text.strip().rstrip("%"))
    except ValueError:
        mark = -1.0
    if not 0 < mark <= 100:
        raise InvalidInput({"mark": f"the mark is a percent above 0 and up to 100, not {text.strip()!r}"})
    session.set_setting(BOOKING_MARK_SETTING, mark)
    return mark


def exam_report(session: Session, exam: str) -> ExamReport | None:
    """The exam tracker's report on `exam`; None when it has no attempts on record."""
    return next((each for each in session.report.exams if each.exam == exam), None)


def last_attempt_advice(session: Session, exam: str) -> last_attempt.BookingAdvice | None:
    """With one attempt left, when to book it; None when `exam` has no attempts on record.
    Reads only the mock exams, not the whole bank: the dashboard and the tracker ask."""
    report = exam_report(session, exam)
    if report is None:
        return None
    return last_attempt.booking_advice(report, session.mock_exams(exam), booking_mark(session))


def last_attempt_warning(session: Session, exam: str) -> str | None:
    """The warning for scheduling a last attempt before the advice is met (it is still saved)."""
    report = exam_report(session, exam)
    if report is None:
        return None
    return last_attempt.scheduling_warning(report, session.mock_exams(exam), booking_mark(session))
