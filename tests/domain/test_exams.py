"""Exam attempt policies: the three-attempt limit, re-enrollment, waits and windows."""

from datetime import date

from recert_tui.domain.exams import exam_report
from recert_tui.domain.models import ExamAttempt, Reenrollment

TODAY = date(2026, 11, 23)


def attempts(exam, *pairs):
    return [ExamAttempt(exam, date.fromisoformat(day), result, id=i) for i, (day, result) in enumerate(pairs, 1)]


def cma_report(catalog, *pairs, reenrollments=(), today=TODAY):
    return exam_report(catalog.get("cma-aama").exam, attempts("cma-aama", *pairs), list(reenrollments), today)


def test_no_attempts_means_three_available(catalog):
    report = cma_report(catalog)
    assert (report.attempts, report.failures, report.remaining) == (0, 0, 3)
    assert report.next_eligible_on == TODAY
    assert not report.reenrollment_required


def test_one_failure(catalog):
    report = cma_report(catalog, ("2026-01-10", "fail"))
    assert (report.failures, report.remaining, report.one_left) == (1, 2, False)
    assert report.next_eligible_on == TODAY and report.wait_ends_on is None  # no wait is set for the CMA
    assert "1 of 3 attempts used" in report.flag


def test_worked_example_two_failures_one_attempt_left(catalog):
    report = cma_report(catalog, ("2026-01-10", "fail"), ("2026-05-10", "fail"))
    assert report.one_left and report.remaining == 1
    assert "One attempt left before re-enrollment is required" in report.flag
    assert not report.reenrollment_required


def test_worked_example_three_failures_reenrollment_required(catalog):
    report = cma_report(catalog, ("2026-01-10", "fail"), ("2026-05-10", "fail"), ("2026-09-10", "fail"))
    assert report.reenrollment_required and report.remaining == 0
    assert report.flag.startswith("Re-enrollment required")
    assert report.next_eligible_on is None


def test_worked_example_reenrollment_starts_a_fresh_count(catalog):
    report = cma_report(
        catalog,
        ("2025-01-10", "fail"),
        ("2025-05-10", "fail"),
        ("2025-09-10", "fail"),
        ("2026-10-01", "fail"),
        reenrollments=[Reenrollment("cma-aama", date(2026, 8, 1))],
    )
    assert (report.attempts, report.failures, report.remaining) == (4, 1, 2)
    assert not report.reenrollment_required


def test_a_pass_resets_the_failures(catalog):
    report = cma_report(catalog, ("2020-01-10", "fail"), ("2020-05-10", "fail"), ("2020-09-10", "pass"))
    assert (report.attempts, report.failures, report.remaining) == (3, 0, 3)
    assert report.last_passed_on == date(2020, 9, 10)


def test_cmac_waits_30_then_60_days(catalog):
    policy = catalog.get("cmac-amca").exam
    first = exam_report(policy, attempts("cmac-amca", ("2026-11-10", "fail")), [], TODAY)
    assert first.next_eligible_on == first.wait_ends_on == date(2026, 12, 10)
    assert "Next retake allowed from 10 Dec 2026" in first.flag
    second = exam_report(policy, attempts("cmac-amca", ("2026-09-01", "fail"), ("2026-11-01", "fail")), [], TODAY)
    assert second.next_eligible_on == date(2026, 12, 31)
    assert second.window_closes_on == date(2027, 9, 1)


def test_cmac_one_year_window_from_the_first_attempt(catalog):
    policy = catalog.get("cmac-amca").exam
    report = exam_report(policy, attempts("cmac-amca", ("2026-01-05", "fail"), ("2026-11-20", "fail")), [], TODAY)
    # 60 days after 20 Nov 2026 is 19 Jan 2027, after the window closes on 5 Jan 2027.
    assert report.window_closes_on == date(2027, 1, 5)
    assert report.next_eligible_on is None
    assert any("window" in warning for warning in report.warnings)


def test_ccma_three_failures_then_a_twelve_month_wait(catalog):
    policy = catalog.get("ccma-nha").exam
    pairs = (("2025-01-10", "fail"), ("2025-03-10", "fail"), ("2025-05-10", "fail"))
    waiting = exam_report(policy, attempts("ccma-nha", *pairs), [], date(2026, 1, 1))
    assert waiting.remaining == 0 and not waiting.reenrollment_required
    assert waiting.next_eligible_on == date(2026, 5, 10)
    served = exam_report(policy, attempts("ccma-nha", *pairs), [], date(2026, 5, 10))
    assert served.remaining == 3


def test_scheduled_attempts_countdown_and_warnings(catalog):
    report = cma_report(catalog, ("2026-12-16", "scheduled"), ("2026-10-01", "scheduled"))
    assert [a.on for a in report.upcoming] == [date(2026, 12, 16)]
    assert "Exam in 23 days (16 Dec 2026)" in report.flag
    assert any("1 Oct 2026 has no result yet" in warning for warning in report.warnings)


def test_a_scheduled_attempt_before_the_wait_ends_is_flagged(catalog):
    policy = catalog.get("cmac-amca").exam
    pairs = (("2026-11-10", "fail"), ("2026-11-30", "scheduled"))
    report = exam_report(policy, attempts("cmac-amca", *pairs), [], TODAY)
    assert any("allowed only from 10 Dec 2026" in warning for warning in report.warnings)
