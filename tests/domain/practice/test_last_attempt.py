"""Last-attempt mode: book after two mock exams in a row at or above the mark; warn, never refuse."""

from __future__ import annotations

from datetime import date

import pytest

from recert_tui.domain.bank import MockAnswer, MockExam
from recert_tui.domain.exams import exam_report
from recert_tui.domain.models import ExamAttempt
from recert_tui.domain.practice.last_attempt import booking_advice, scheduling_warning

from .conftest import EXAM, at

TODAY = date(2026, 11, 23)


def report(catalog, failures: int):
    attempts = [ExamAttempt(EXAM, date(2026, 1 + 4 * n, 10), "fail", id=n + 1) for n in range(failures)]
    return exam_report(catalog.get(EXAM).exam, attempts, [], TODAY)


def mock(day: str, score: int, exam: str = EXAM) -> MockExam:
    """A mock of 100 answers scoring `score` percent."""
    answers = tuple(MockAnswer(f"q{n}", "clinical", 0, n < score) for n in range(100))
    return MockExam(exam, at(day), 3000, 2000, answers, 70.0)


@pytest.fixture
def last(catalog):
    result = report(catalog, 2)
    assert result.one_left
    return result


def test_two_mocks_at_or_above_the_mark_advise_booking(last):
    advice = booking_advice(last, [mock("2026-11-01", 81), mock("2026-11-20", 85)])
    assert (advice.applies, advice.ready, advice.recent) == (True, True, (85.0, 81.0))
    assert (
        advice.sentence
        == "One attempt left: your last two mock exams scored 85% and 81%, at or above 80%. A good time to book."
    )
    assert scheduling_warning(last, [mock("2026-11-01", 81), mock("2026-11-20", 85)]) is None


def test_exactly_at_the_mark_counts(last):
    assert booking_advice(last, [mock("2026-11-01", 80), mock("2026-11-20", 80)]).ready


def test_one_under_the_mark_is_not_enough(last):
    mocks = [mock("2026-11-01", 79), mock("2026-11-20", 90)]
    advice = booking_advice(last, mocks)
    assert not advice.ready
    assert advice.sentence == (
        "One attempt left: book it after two mock exams in a row at 80% or above; last mock exams: 90%, 79% (newest first)."
    )
    warning = scheduling_warning(last, mocks)
    assert warning is not None and warning.startswith("This is your last attempt") and "The date is saved" in warning


def test_only_the_two_most_recent_mocks_count(last):
    older_good = [mock("2026-10-01", 90), mock("2026-10-15", 92), mock("2026-11-20", 70)]
    assert not booking_advice(last, older_good).ready
    assert booking_advice(last, [*older_good, mock("2026-11-21", 88), mock("2026-11-22", 84)]).ready


def test_one_good_mock_is_not_two(last):
    advice = booking_advice(last, [mock("2026-11-20", 95)])
    assert not advice.ready and advice.recent == (95.0,)


def test_no_mock_yet(last):
    assert booking_advice(last, []).sentence.endswith("at 80% or above; no mock exam yet.")


def test_mocks_of_another_exam_do_not_count(last):
    assert not booking_advice(last, [mock("2026-11-01", 90, "rma-amt"), mock("2026-11-20", 90, "rma-amt")]).ready


def test_the_user_sets_the_mark(last):
    mocks = [mock("2026-11-01", 86), mock("2026-11-20", 88)]
    assert not booking_advice(last, mocks, mark=90).ready
    assert booking_advice(last, mocks, mark=85).ready
    with pytest.raises(ValueError, match="above 0 and up to 100"):
        booking_advice(last, mocks, mark=120)


def test_with_more_than_one_attempt_left_there_is_no_advice(catalog):
    advice = booking_advice(report(catalog, 1), [mock("2026-11-20", 40)])
    assert (advice.applies, advice.sentence) == (False, "")
    assert scheduling_warning(report(catalog, 1), [mock("2026-11-20", 40)]) is None
