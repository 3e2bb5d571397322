"""Readiness: each branch of the verdict, the recent window, mastery, and mock scores over time."""

from __future__ import annotations

from datetime import timedelta

from recert_tui.domain.bank import MockAnswer, MockExam, Review
from recert_tui.domain.practice.queue import item_categories
from recert_tui.domain.practice.readiness import (
    MASTERED_STABILITY_DAYS,
    MIN_ANSWERS,
    MIN_STARTED,
    NOT_ENOUGH,
    NOT_YET,
    READY,
    RECENT_DAYS,
    mock_scores,
    readiness,
)

from .conftest import EXAM, at, question, questions, state

NOW = at("2026-03-30", "12:00")
WEIGHTS = {"clinical": 59, "general": 41}


def answers(category: str, right: int, total: int, when=NOW - timedelta(days=1), exam: str = EXAM) -> list[Review]:
    q = question(category, 0, exam=exam)
    return [Review(q.key, exam, category, when, "drill", correct=n < right) for n in range(total)]


def judge(reviews, states=(), bank=None, pass_mark=70.0, weights=WEIGHTS):
    items = item_categories(bank or questions(clinical=30, general=30))
    return readiness(EXAM, weights, pass_mark, reviews, states, items, NOW)


def test_ready_when_every_area_has_enough_recent_answers_at_or_above_the_pass_mark():
    result = judge(answers("clinical", 14, 20) + answers("general", 18, 20))  # 70% and 90%
    assert result.verdict == READY
    assert result.sentence == "Ready: every area is at or above the 70% pass mark in the last 30 days."
    clinical = result.categories[0]
    assert (clinical.category, clinical.answers, clinical.right, clinical.accuracy) == ("clinical", 20, 14, 70.0)


def test_not_yet_names_the_area_below_the_pass_mark():
    result = judge(answers("clinical", 13, 20) + answers("general", 18, 20))  # 65%
    assert result.verdict == NOT_YET
    assert result.sentence == "Not yet: Clinical is at 65% in the last 30 days (pass mark 70%)."
    assert [c.verdict for c in result.categories] == [NOT_YET, READY]


def test_not_yet_when_too_few_of_the_cards_studied_are_mastered():
    bank = questions(clinical=30, general=30)
    clinical = [q.key for q in bank if q.category == "clinical"]
    states = [state(key, NOW + timedelta(days=5), stability=MASTERED_STABILITY_DAYS) for key in clinical[:12]]
    states += [state(key, NOW + timedelta(days=5), stability=5.0) for key in clinical[12:25]]  # 12 of 25 mastered
    result = judge(answers("clinical", 18, 20) + answers("general", 18, 20), states, bank)
    row = result.categories[0]
    assert (row.started, row.mastered, row.mastery) == (25, 12, 48.0)
    assert result.verdict == NOT_YET
    assert "only 48% of the Clinical cards you study are mastered" in result.sentence


def test_mastery_is_not_judged_on_a_handful_of_cards():
    bank = questions(clinical=30, general=30)
    clinical = [q.key for q in bank if q.category == "clinical"]
    states = [state(key, NOW + timedelta(days=5), stability=1.0) for key in clinical[: MIN_STARTED - 1]]
    result = judge(answers("clinical", 18, 20) + answers("general", 18, 20), states, bank)
    assert result.categories[0].mastery is None
    assert result.verdict == READY


def test_a_learning_card_is_not_mastered_whatever_its_stability():
    bank = questions(clinical=30, general=30)
    clinical = [q.key for q in bank if q.category == "clinical"]
    states = [state(key, NOW, stability=50.0, kind=1) for key in clinical[:MIN_STARTED]]
    result = judge(answers("clinical", 18, 20) + answers("general", 18, 20), states, bank)
    assert result.categories[0].mastered == 0


def test_not_enough_data_says_how_many_answers_each_area_lacks():
    result = judge(answers("clinical", 19, 19) + answers("general", 18, 20))
    assert result.verdict == NOT_ENOUGH
    assert result.sentence == (
        f"Not enough data yet: answer at least {MIN_ANSWERS} drill or mock questions in each area "
        f"within {RECENT_DAYS} days (Clinical has 19 of 20 answers)."
    )


def test_a_low_score_on_too_few_answers_is_not_yet_a_verdict():
    result = judge(answers("clinical", 2, MIN_ANSWERS - 1) + answers("general", 18, 20))
    assert result.categories[0].verdict == NOT_ENOUGH
    assert result.verdict == NOT_ENOUGH


def test_a_clear_shortfall_outweighs_missing_data_elsewhere():
    result = judge(answers("clinical", 5, 20) + answers("general", 5, 5))
    assert result.verdict == NOT_YET
    assert [c.verdict for c in result.categories] == [NOT_YET, NOT_ENOUGH]


def test_only_recent_answers_for_this_exam_count():
    old = answers("clinical", 0, 40, when=NOW - timedelta(days=RECENT_DAYS, seconds=1))
    edge = answers("clinical", 20, 20, when=NOW - timedelta(days=RECENT_DAYS))
    elsewhere = answers("clinical", 0, 40, exam="ccma-nha")
    ratings = [Review("k", EXAM, "clinical", NOW, "review", rating=1)] * 40
    result = judge(old + edge + elsewhere + ratings + answers("general", 20, 20))
    assert (result.categories[0].answers, result.categories[0].accuracy) == (20, 100.0)
    assert result.verdict == READY


def test_without_an_outline_each_bank_category_is_judged():
    result = judge(answers("clinical", 20, 20), bank=questions(clinical=2, pharmacology=2), weights={})
    assert [c.category for c in result.categories] == ["clinical", "pharmacology"]
    assert result.verdict == NOT_ENOUGH


def test_no_categories_at_all_is_not_enough_data():
    result = readiness(EXAM, {}, 70.0, [], [], {}, NOW)
    assert result.verdict == NOT_ENOUGH and result.categories == ()


def mock(day: str, right: int, total: int = 10, exam: str = EXAM, pass_mark: float = 70.0) -> MockExam:
    picks = tuple(MockAnswer(f"q{n}", "clinical", 0, n < right) for n in range(total))
    return MockExam(exam, at(day), 600, 500, picks, pass_mark)


def test_mock_scores_over_time_oldest_first():
    mocks = [mock("2026-03-20", 8), mock("2026-03-01", 6), mock("2026-03-10", 7, exam="rma-amt"), mock("2026-03-25", 7)]
    points = mock_scores(mocks, EXAM)
    assert [(p.finished_at.day, p.score, p.passed) for p in points] == [
        (1, 60.0, False),
        (20, 80.0, True),
        (25, 70.0, True),
    ]
