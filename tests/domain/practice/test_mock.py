"""Mock exams: the draw follows the outline weights, time scales, the score is per category."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from recert_tui.domain.models import PracticeTest
from recert_tui.domain.practice.mock import (
    CategoryScore,
    apportion,
    draw_mock,
    finish_mock,
    largest_remainder,
    missed_questions,
    mock_minutes,
)

from .conftest import EXAM, at, questions

WEIGHTS = {"clinical": 59, "administrative": 26, "general": 15}
PLENTY = {"clinical": 100, "administrative": 100, "general": 100}


def test_largest_remainder_gives_leftover_seats_to_the_largest_remainders():
    # Quotas 29.5, 13, 7.5: the two halves tie, and the heavier category wins the seat.
    assert largest_remainder(50, WEIGHTS) == {"clinical": 30, "administrative": 13, "general": 7}
    # Quotas 3.33.., 3.33.., 3.33..: one seat left, equal weights, the first name wins.
    assert largest_remainder(10, {"b": 1, "a": 1, "c": 1}) == {"b": 3, "a": 4, "c": 3}
    assert largest_remainder(7, {"x": 2.5, "y": 7.5}) == {"x": 2, "y": 5}  # 1.75 and 5.25


def test_the_published_cma_weights_for_a_fifty_question_mock():
    assert apportion(50, {"general": 21, "administrative": 20, "clinical": 59}, PLENTY) == {
        "general": 10,
        "administrative": 10,
        "clinical": 30,
    }


def test_a_short_category_gives_what_it_has_and_the_rest_is_shared_again():
    available = {"clinical": 100, "administrative": 100, "general": 3}
    # 47 seats over 59:26 -> 32.6 and 14.4 -> 32 and 14, the last seat to clinical.
    assert apportion(50, WEIGHTS, available) == {"clinical": 33, "administrative": 14, "general": 3}


def test_a_bank_smaller_than_the_mock_gives_every_question_once():
    available = {"clinical": 10, "administrative": 4, "general": 0}
    assert apportion(50, WEIGHTS, available) == {"clinical": 10, "administrative": 4, "general": 0}


def test_a_category_of_zero_weight_gets_no_seat():
    assert apportion(10, {"a": 100, "b": 0}, {"a": 20, "b": 20}) == {"a": 10, "b": 0}


def test_the_draw_follows_the_weights_with_a_fixed_seed():
    bank = questions(clinical=60, administrative=40, general=20)
    mock = draw_mock(bank, WEIGHTS, 50, seed=7)
    assert Counter(q.category for q in mock) == {"clinical": 30, "administrative": 13, "general": 7}
    assert len({q.key for q in mock}) == 50  # no question twice


def test_the_same_seed_gives_the_same_mock_whatever_the_bank_order():
    bank = questions(clinical=60, administrative=40, general=20)
    first = draw_mock(bank, WEIGHTS, 50, seed=7)
    assert draw_mock(list(reversed(bank)), WEIGHTS, 50, seed=7) == first
    assert draw_mock(bank, WEIGHTS, 50, seed=8) != first
    categories = [q.category for q in first]
    assert categories != sorted(categories)  # shuffled, not grouped by category


def test_without_an_outline_the_bank_sets_the_shares():
    bank = questions(clinical=30, general=10)
    assert Counter(q.category for q in draw_mock(bank, {}, 20, seed=1)) == {"clinical": 15, "general": 5}


def test_time_scales_from_the_real_exam_rounding_halves_up():
    assert mock_minutes(160, 180, 50) == 44  # 44.4
    assert mock_minutes(90, 100, 5) == 5  # 4.5 rounds up
    assert mock_minutes(90, 100, 3) == 3  # 2.7
    assert mock_minutes(10, 200, 1) == 1  # 0.05, but never under a minute
    with pytest.raises(ValueError, match="above zero"):
        mock_minutes(160, 0, 50)


def finished(chosen, *, pass_mark=70.0, bank=None):
    bank = bank or questions(clinical=3, general=2)  # every right answer is index 1
    return finish_mock(
        EXAM,
        bank,
        chosen,
        finished_at=at("2026-03-02", "10:00"),
        on=date(2026, 3, 2),
        seconds_allowed=3000,
        seconds_used=2400,
        pass_mark=pass_mark,
        flagged=[4],
    )


def test_scores_overall_and_per_category_against_the_pass_mark():
    result = finished([1, 1, 0, 1, None])  # clinical 2 of 3, general 1 of 2 (one blank)
    assert result.mock.score == 60
    assert not result.passed
    assert result.scores == (
        CategoryScore("clinical", 2, 3, 66.7, False),
        CategoryScore("general", 1, 2, 50.0, False),
    )
    assert result.tests == (
        PracticeTest(EXAM, date(2026, 3, 2), 60.0, "overall"),
        PracticeTest(EXAM, date(2026, 3, 2), 66.7, "clinical"),
        PracticeTest(EXAM, date(2026, 3, 2), 50.0, "general"),
    )
    assert [r.correct for r in result.reviews] == [True, True, False, True, False]
    assert {r.kind for r in result.reviews} == {"mock"}
    assert result.mock.answers[4].chosen is None and result.mock.answers[4].flagged
    assert not result.mock.answers[0].flagged


def test_a_score_exactly_at_the_pass_mark_passes():
    result = finished([1, 1, 1, 1, 0], pass_mark=80.0)
    assert result.mock.score == 80 and result.passed
    assert result.scores[0].passed and not result.scores[1].passed  # general 50%


def test_every_missed_question_can_be_reviewed_with_its_explanation():
    bank = questions(clinical=3, general=2)
    result = finished([1, 0, 1, None, 1], bank=bank)
    missed = missed_questions(result.mock, bank)
    assert [m.question.stem for m in missed if m.question] == [bank[1].stem, bank[3].stem]
    assert missed[0].question is not None and missed[0].question.explanation == "Because 1."
    assert missed[1].answer.chosen is None
    gone = missed_questions(result.mock, bank[:2])  # question 3 has left the bank since
    assert [m.question is None for m in gone] == [False, True]


def test_answers_must_match_the_questions():
    with pytest.raises(ValueError, match="5 questions but 4 answers"):
        finished([1, 1, 1, 1])
    with pytest.raises(ValueError, match="not one of the 4 choices"):
        finished([1, 1, 1, 1, 4])
