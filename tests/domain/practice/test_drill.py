"""Drills: the weakest category with questions; missed ones first; each answer marked at once."""

from __future__ import annotations

import pytest

from recert_tui.domain.bank import Review
from recert_tui.domain.practice.drill import (
    DRILL_SIZE,
    drill_category,
    mark_answer,
    pick_drill,
)

from .conftest import answer, at, question, questions


def test_the_drill_is_in_the_weakest_category_that_has_questions():
    bank = questions(general=2, administrative=1)
    assert drill_category(["clinical", "general", "administrative"], {q.category for q in bank}) == "general"
    assert drill_category(["administrative", "general"], {q.category for q in bank}) == "administrative"
    assert drill_category(["clinical"], {q.category for q in bank}) is None


def test_missed_questions_first_then_unseen_then_known_the_longest_ago_first():
    q = [question("clinical", n) for n in range(12)]
    other = question("general", 99)
    answers = [
        answer(q[0], at("2026-03-01"), False),
        answer(q[1], at("2026-03-03"), False, kind="mock"),
        answer(q[2], at("2026-03-02"), True),
        answer(q[3], at("2026-03-01"), True),
        answer(q[4], at("2026-03-01"), True),
        answer(q[4], at("2026-03-04"), False),  # the last answer counts: missed
        answer(q[5], at("2026-03-01"), False),
        answer(q[5], at("2026-03-05"), True),  # ... here: known
        Review(q[6].key, q[6].exam, "clinical", at("2026-03-05"), "review", rating=1),  # a rating, not an answer
        answer(other, at("2026-03-01"), False),
    ]
    drill = pick_drill([*q, other], "clinical", answers, seed=3)
    assert len(drill) == DRILL_SIZE == 10
    assert drill[:3] == (q[0], q[1], q[4])
    assert set(drill[3:9]) == set(q[6:12])  # never answered, in a seeded order
    assert drill[9] == q[3]  # known since 1 March: the oldest right answer


def test_the_seed_orders_unseen_questions_and_repeats_itself():
    bank = questions(clinical=30)
    first = pick_drill(bank, "clinical", [], seed=1)
    assert pick_drill(list(reversed(bank)), "clinical", [], seed=1) == first
    assert pick_drill(bank, "clinical", [], seed=2) != first


def test_a_small_category_gives_what_it_has():
    bank = questions(clinical=4)
    assert len(pick_drill(bank, "clinical", [], size=10)) == 4


def test_each_answer_is_marked_at_once_with_the_explanation():
    q = question("clinical", 5, answer=2)
    right = mark_answer(q, 2, at("2026-03-02"))
    wrong = mark_answer(q, 0, at("2026-03-02"))
    skipped = mark_answer(q, None, at("2026-03-02"))
    assert (right.correct, wrong.correct, skipped.correct) == (True, False, False)
    assert wrong.right_letter == "c" and wrong.explanation == "Because 5."
    assert wrong.review == Review(q.key, q.exam, "clinical", at("2026-03-02"), "drill", correct=False)
    with pytest.raises(ValueError, match="not one of"):
        mark_answer(q, 7, at("2026-03-02"))
