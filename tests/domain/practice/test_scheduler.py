"""FSRS ratings: Again soon, Easy later; the exam-date cap; undo keeps the state before."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from recert_tui.domain.bank import CardState
from recert_tui.domain.practice.scheduler import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    cap_due,
    cap_edge,
    from_fsrs,
    rate,
    to_fsrs,
)

from .conftest import EXAM, at, state

NOW = at("2026-03-02", "09:00")


def rate_new(rating: int, now: datetime = NOW, exam_day: date | None = None):
    return rate("k1", EXAM, "clinical", None, rating, now, exam_day)


def test_a_new_card_comes_back_soon_on_again_and_days_later_on_easy():
    again, hard, good, easy = (rate_new(r).after for r in (AGAIN, HARD, GOOD, EASY))
    assert again.due == NOW + timedelta(minutes=1)  # the first learning step
    assert good.due == NOW + timedelta(minutes=10)  # the second learning step
    assert again.due < hard.due < good.due < easy.due
    assert easy.state == 2 and easy.due - NOW >= timedelta(days=2)  # Easy skips learning
    assert good.state == 1 and good.step == 1


def test_a_review_card_forgotten_goes_to_relearning_and_easy_goes_furthest():
    card = state("k1", NOW, stability=10.0)
    outcomes = {r: rate("k1", EXAM, "clinical", card, r, NOW).after for r in (AGAIN, HARD, GOOD, EASY)}
    assert outcomes[AGAIN].state == 3  # relearning
    assert outcomes[AGAIN].due == NOW + timedelta(minutes=10)
    assert outcomes[HARD].due < outcomes[GOOD].due < outcomes[EASY].due
    assert outcomes[GOOD].due - NOW > timedelta(days=7)
    assert outcomes[AGAIN].stability < card.stability < outcomes[EASY].stability


def test_the_same_rating_gives_the_same_due_every_time():
    # fsrs fuzzes intervals of 3 days and more at random unless told not to.
    card = state("k1", NOW, stability=60.0)
    dues = {rate("k1", EXAM, "clinical", card, GOOD, NOW).after.due for _ in range(30)}
    assert len(dues) == 1
    assert next(iter(dues)) - NOW > timedelta(days=30)


def test_the_state_round_trips_through_fsrs():
    card = CardState(
        "k1", EXAM, NOW, stability=4.5, difficulty=6.25, state=3, step=0, last_review=NOW - timedelta(days=1), id=7
    )
    assert from_fsrs(to_fsrs(card, NOW), "k1", EXAM, 7) == card


def test_undo_keeps_the_state_before_and_the_row_id():
    first = rate_new(GOOD)
    assert first.before is None  # undo of a new item's first rating: no state at all
    second = rate("k1", EXAM, "clinical", first.after._replace(id=12), EASY, NOW + timedelta(minutes=10))
    assert second.before == first.after._replace(id=12)
    assert second.after.id == 12
    assert second.review.rating == EASY and second.review.kind == "review" and second.review.category == "clinical"
    assert second.review.at == NOW + timedelta(minutes=10)


def test_times_without_a_zone_and_unknown_ratings_are_refused():
    with pytest.raises(ValueError, match="no time zone"):
        rate_new(GOOD, now=datetime(2026, 3, 2, 9))
    with pytest.raises(ValueError, match="1 \\(Again\\)"):
        rate_new(5)


def test_times_in_other_zones_are_taken_as_the_same_instant():
    eastern = NOW.astimezone(timezone(timedelta(hours=-5)))
    assert rate_new(GOOD, now=eastern).after.due == NOW + timedelta(minutes=10)


# The exam-date cap. Exam on 20 March: the edge is midnight UTC starting 19 March.
EXAM_DAY = date(2026, 3, 20)
EDGE = at("2026-03-19", "00:00")


def test_the_edge_is_midnight_utc_starting_the_day_before_the_exam():
    assert cap_edge(EXAM_DAY) == EDGE
    for hours in (-12, 14):  # the edge is before exam day in the furthest time zones
        local = EDGE.astimezone(timezone(timedelta(hours=hours))).date()
        assert local in (EXAM_DAY - timedelta(days=1), EXAM_DAY - timedelta(days=2))


def test_cap_due_around_the_edge():
    reviewed = at("2026-03-10")
    assert cap_due(EDGE - timedelta(days=1), reviewed, EXAM_DAY) == EDGE - timedelta(days=1)  # earlier: kept
    assert cap_due(EDGE, reviewed, EXAM_DAY) == EDGE  # on the edge: kept
    assert cap_due(EDGE + timedelta(days=1), reviewed, EXAM_DAY) == EDGE  # later: brought back to the edge
    assert cap_due(EDGE + timedelta(days=1), reviewed, None) == EDGE + timedelta(days=1)  # no exam: no cap


@pytest.mark.parametrize(
    ("reviewed", "capped"),
    [
        (EDGE - timedelta(days=1), True),  # the day before the edge: brought back to the edge
        (EDGE, False),  # the edge itself: the exam is a day away, no cap
        (EDGE + timedelta(days=1), False),  # exam day: no cap
    ],
)
def test_a_long_interval_is_capped_only_before_the_edge(reviewed, capped):
    card = state("k1", reviewed, stability=30.0)
    free = rate("k1", EXAM, "clinical", card, EASY, reviewed).after
    held = rate("k1", EXAM, "clinical", card, EASY, reviewed, EXAM_DAY).after
    assert free.due > EDGE + timedelta(days=2)  # uncapped, it would come back after the exam
    assert held.due == (EDGE if capped else free.due)
    assert held.stability == free.stability  # the cap moves the date, not the memory model


def test_a_short_step_is_not_stretched_by_the_cap():
    reviewed = EDGE - timedelta(hours=3)
    assert rate_new(AGAIN, reviewed, EXAM_DAY).after.due == reviewed + timedelta(minutes=1)


def test_every_rating_before_the_edge_comes_back_before_exam_day():
    card = state("k1", NOW, stability=200.0)
    for rating in (AGAIN, HARD, GOOD, EASY):
        after = rate("k1", EXAM, "clinical", card, rating, NOW, EXAM_DAY).after
        assert after.due <= EDGE
