"""`recert study due`: total, new and due counts per exam and by category."""

from __future__ import annotations

from datetime import timedelta

from recert_tui.domain.practice.counts import CategoryCounts, due_counts
from recert_tui.domain.practice.queue import item_categories

from .conftest import EXAM, at, questions, state

NOW = at("2026-03-02", "09:00")


def test_counts_by_category():
    bank = questions(clinical=4, general=2, administrative=1)
    items = item_categories(bank)
    clinical = [q.key for q in bank if q.category == "clinical"]
    general = [q.key for q in bank if q.category == "general"]
    states = [
        state(clinical[0], NOW - timedelta(days=1)),  # due
        state(clinical[1], NOW),  # due now
        state(clinical[2], NOW + timedelta(minutes=1)),  # started, not due
        state(general[0], NOW - timedelta(days=9)),  # due
        state(general[0], NOW - timedelta(days=9)),  # the same item twice counts once
        state("not-in-the-bank", NOW - timedelta(days=1)),
    ]
    counts = due_counts(EXAM, items, states, NOW)
    assert (counts.exam, counts.total, counts.new, counts.due) == (EXAM, 7, 3, 3)
    assert counts.by_category == {
        "administrative": CategoryCounts(total=1, new=1, due=0),
        "clinical": CategoryCounts(total=4, new=1, due=2),
        "general": CategoryCounts(total=2, new=1, due=1),
    }
    assert list(counts.by_category) == ["administrative", "clinical", "general"]


def test_an_empty_bank_counts_nothing():
    counts = due_counts(EXAM, {}, [], NOW)
    assert (counts.total, counts.new, counts.due, counts.by_category) == (0, 0, 0, {})
