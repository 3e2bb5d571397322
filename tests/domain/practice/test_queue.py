"""The review queue: due first (most overdue first), then new up to the daily limit, then learning ahead."""

from __future__ import annotations

from datetime import timedelta

from recert_tui.domain.bank import Review
from recert_tui.domain.practice.queue import (
    NEW_PER_DAY,
    build_queue,
    introduced_since,
    item_categories,
)

from .conftest import EXAM, at, question, questions, state

NOW = at("2026-03-02", "09:00")


def bank(**per_category: int) -> dict[str, str]:
    return item_categories(questions(**per_category))


def test_due_cards_come_first_most_overdue_first_then_new_ones():
    items = bank(clinical=6)
    keys = list(items)
    states = [
        state(keys[0], NOW - timedelta(hours=1)),
        state(keys[1], NOW - timedelta(days=3)),
        state(keys[2], NOW + timedelta(days=2)),  # not due
        state(keys[3], NOW),  # due this very moment
    ]
    queue = build_queue(items, states, NOW)
    assert [e.item_key for e in queue.entries] == [keys[1], keys[0], keys[3], keys[4], keys[5]]
    assert (queue.due, queue.new, queue.ahead) == (3, 2, 0)
    assert queue.next is not None and queue.next.item_key == keys[1]
    assert queue.entries[3].state is None and queue.entries[3].category == "clinical"


def test_new_items_stop_at_the_daily_limit_less_those_introduced_today():
    items = bank(clinical=30, general=30)
    assert build_queue(items, [], NOW).new == NEW_PER_DAY == 20
    assert build_queue(items, [], NOW, introduced_today=15).new == 5
    assert build_queue(items, [], NOW, introduced_today=25).new == 0
    assert build_queue(items, [], NOW, new_per_day=50).new == 50


def test_new_items_come_in_the_order_of_the_bank_and_the_order_is_stable():
    items = bank(general=3, clinical=3)
    first = build_queue(items, [], NOW, new_per_day=4)
    assert [e.item_key for e in first.entries] == list(items)[:4]
    assert build_queue(items, [], NOW, new_per_day=4) == first


def test_equal_due_times_are_ordered_by_key():
    items = bank(clinical=3)
    states = [state(key, NOW - timedelta(days=1)) for key in reversed(list(items))]
    assert [e.item_key for e in build_queue(items, states, NOW).entries] == sorted(items)


def test_a_card_rated_again_comes_back_after_the_rest_within_twenty_minutes():
    items = bank(clinical=3)
    keys = list(items)
    states = [
        state(keys[0], NOW + timedelta(minutes=1), kind=3),  # relearning, back in a minute
        state(keys[1], NOW + timedelta(minutes=30), kind=1),  # learning, too far ahead
        state(keys[2], NOW + timedelta(minutes=5), kind=2),  # a review card is never shown early
    ]
    queue = build_queue(items, states, NOW)
    assert [e.item_key for e in queue.entries] == [keys[0]]
    assert (queue.due, queue.new, queue.ahead) == (0, 0, 1)


def test_states_of_items_gone_from_the_bank_are_skipped():
    items = bank(clinical=1)
    queue = build_queue(items, [state("gone", NOW - timedelta(days=1))], NOW)
    assert [e.item_key for e in queue.entries] == list(items)
    assert queue.due == 0


def test_an_empty_queue_has_no_next_card():
    assert build_queue({}, [], NOW).next is None


def test_introduced_today_counts_first_reviews_since_the_start_of_the_day():
    old, fresh, other = question("clinical", 1), question("clinical", 2), question("general", 3)
    start = at("2026-03-02", "05:00")  # the user's midnight, in UTC
    reviews = [
        Review(old.key, EXAM, "clinical", start - timedelta(days=2), "review", rating=3, first=True),
        Review(old.key, EXAM, "clinical", start + timedelta(hours=1), "review", rating=3),  # seen before
        Review(fresh.key, EXAM, "clinical", start + timedelta(hours=1), "review", rating=1, first=True),
        Review(fresh.key, EXAM, "clinical", start + timedelta(hours=2), "review", rating=3),  # counted once
        Review(other.key, EXAM, "general", start + timedelta(hours=1), "drill", correct=True),  # not a review
    ]
    assert introduced_since(reviews, start) == 1
    assert introduced_since(reviews, start - timedelta(days=3)) == 2
