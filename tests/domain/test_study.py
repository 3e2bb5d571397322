"""The study companion: weekly minutes, scores by category, weighted weakest, suggestion."""

from datetime import date

import pytest

from recert_tui.domain.engine import compute
from recert_tui.domain.models import ExamAttempt, PracticeTest, Profile, StudySession
from recert_tui.domain.validate import InvalidInput, practice_test_from_fields, study_session_from_fields

TODAY = date(2026, 11, 23)  # a Monday


def study(catalog, sessions=(), tests=(), attempts=(), exam="cma-aama"):
    profile = Profile(study_sessions=tuple(sessions), practice_tests=tuple(tests), exam_attempts=tuple(attempts))
    return compute(profile, catalog.credentials, TODAY).study_for(exam)


def test_weekly_minutes_for_the_last_eight_weeks(catalog):
    sessions = [
        StudySession("cma-aama", date(2026, 11, 23), 30),  # this week (Monday)
        StudySession("cma-aama", date(2026, 11, 22), 45),  # last week (Sunday)
        StudySession("cma-aama", date(2026, 11, 16), 15),  # last week (Monday)
        StudySession("cma-aama", date(2026, 9, 1), 60),  # too old to show
    ]
    report = study(catalog, sessions)
    assert report.week_starts[-1] == date(2026, 11, 23)
    assert report.week_starts[0] == date(2026, 10, 5)
    assert report.weekly_minutes == (0, 0, 0, 0, 0, 0, 60, 30)


def test_weakest_is_weighted_by_the_outline_and_said_in_plain_words(catalog):
    tests = [
        PracticeTest("cma-aama", date(2026, 10, 1), 70, "clinical"),
        PracticeTest("cma-aama", date(2026, 11, 1), 62, "clinical"),
        PracticeTest("cma-aama", date(2026, 11, 1), 75, "general"),
        PracticeTest("cma-aama", date(2026, 11, 1), 80, "administrative"),
    ]
    report = study(catalog, tests=tests, attempts=[ExamAttempt("cma-aama", date(2026, 12, 16), "scheduled")])
    assert report.weakest[0].category == "clinical"
    clinical = next(c for c in report.categories if c.category == "clinical")
    assert (clinical.latest, clinical.trend, clinical.weight) == (62, -8, 59)
    assert report.suggestion == (
        "Clinical Competency is 59% of the exam and your weakest: 62% on the last practice test. "
        "Study Clinical Competency next. Exam in 23 days."
    )
    assert report.weights_unconfirmed  # CMA weights are third-party figures


def test_a_heavy_category_with_a_fair_score_can_still_come_first(catalog):
    tests = [
        PracticeTest("cma-aama", date(2026, 11, 1), 70, "clinical"),
        PracticeTest("cma-aama", date(2026, 11, 1), 60, "general"),
        PracticeTest("cma-aama", date(2026, 11, 1), 90, "administrative"),
    ]
    report = study(catalog, tests=tests)
    # clinical 59 x 0.30 = 17.7 beats general 21 x 0.40 = 8.4
    assert report.weakest[0].category == "clinical"
    assert "the most to gain" in report.suggestion


def test_an_untested_heavy_category_asks_for_a_practice_test(catalog):
    report = study(catalog, tests=[PracticeTest("cma-aama", date(2026, 11, 1), 60, "general")])
    assert report.suggestion.startswith("No practice test yet for Clinical Competency (59% of the exam)")


def test_cmac_outline_is_official(catalog):
    report = study(
        catalog, sessions=[StudySession("cmac-amca", date(2026, 11, 20), 20, "law-and-ethics")], exam="cmac-amca"
    )
    assert not report.weights_unconfirmed
    assert [c.category for c in report.categories] == [
        "clinical",
        "administrative",
        "professionalism",
        "law-and-ethics",
        "overall",
    ]
    assert next(c for c in report.categories if c.category == "law-and-ethics").minutes == 20


def test_study_input_validation(catalog):
    rules = catalog.credentials
    made = study_session_from_fields(
        "cmac-amca", "11/20/2026", "45", "Law and Ethics", "", rules_by_code=rules, today=TODAY
    )
    assert (made.category, made.minutes) == ("law-and-ethics", 45)
    with pytest.raises(InvalidInput) as caught:
        study_session_from_fields("cma-aama", "2026-11-30", "0", "pharmacology", None, rules_by_code=rules, today=TODAY)
    assert set(caught.value.errors) == {"date", "minutes", "category"}
    assert "general, administrative, clinical" in caught.value.errors["category"]
    with pytest.raises(InvalidInput) as caught:
        practice_test_from_fields("cma-aama", "2026-11-01", "120", "clinical", rules_by_code=rules, today=TODAY)
    assert "percent" in caught.value.errors
