"""`recert study stats`: reviews, drills and mock exams with scores by category."""

from __future__ import annotations

from recert_tui.domain.bank import MockAnswer, MockExam, Review
from recert_tui.domain.practice.stats import CategoryStats, Tally, study_stats

from .conftest import EXAM, at


def review(category: str, rating: int) -> Review:
    return Review("k", EXAM, category, at("2026-03-01"), "review", rating=rating)


def answered(category: str, kind: str, correct: bool, exam: str = EXAM) -> Review:
    return Review("k", exam, category, at("2026-03-01"), kind, correct=correct)


def test_totals_and_scores_by_category():
    reviews = [
        review("clinical", 1),
        review("clinical", 3),
        review("general", 4),
        answered("clinical", "drill", True),
        answered("clinical", "drill", False),
        answered("clinical", "drill", True),
        answered("general", "mock", True),
        answered("general", "mock", False),
        answered("general", "drill", True, exam="rma-amt"),  # another exam
    ]
    mocks = [
        MockExam(
            EXAM,
            at("2026-03-01"),
            60,
            60,
            (MockAnswer("a", "general", 0, True), MockAnswer("b", "general", 1, False)),
            70.0,
        )
    ]
    stats = study_stats(EXAM, reviews, mocks)
    assert stats.reviews == 3
    assert stats.ratings == {"Again": 1, "Hard": 0, "Good": 1, "Easy": 1}
    assert (stats.drills, stats.mocks) == (Tally(2, 3), Tally(1, 2))
    assert stats.drills.percent == 66.7 and stats.mocks.percent == 50.0
    assert stats.by_category == {
        "clinical": CategoryStats("clinical", 2, 1, Tally(2, 3), Tally(0, 0)),
        "general": CategoryStats("general", 1, 0, Tally(0, 0), Tally(1, 2)),
    }
    assert stats.by_category["general"].drills.percent is None
    assert [(p.score, p.passed) for p in stats.mock_exams] == [(50.0, False)]


def test_no_study_yet():
    stats = study_stats(EXAM, [], [])
    assert (stats.reviews, stats.drills, stats.mocks, stats.by_category, stats.mock_exams) == (
        0,
        Tally(0, 0),
        Tally(0, 0),
        {},
        (),
    )
