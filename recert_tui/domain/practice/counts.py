"""Due and new counts for one exam, overall and by category: `recert study due`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import NamedTuple

from ..bank import CardState
from .scheduler import utc


class CategoryCounts(NamedTuple):
    total: int  # items in the bank
    new: int  # never reviewed
    due: int  # reviewed before and due now


class DueCounts(NamedTuple):
    exam: str
    total: int
    new: int
    due: int
    by_category: dict[str, CategoryCounts]  # categories in name order


def due_counts(exam: str, categories: Mapping[str, str], states: Iterable[CardState], now: datetime) -> DueCounts:
    """Count one exam's items (`categories`: key -> category) as new or due at `now`."""
    now = utc(now)
    totals: dict[str, int] = {}
    for name in categories.values():
        totals[name] = totals.get(name, 0) + 1
    started: dict[str, int] = dict.fromkeys(totals, 0)
    due: dict[str, int] = dict.fromkeys(totals, 0)
    counted: set[str] = set()
    for state in states:
        category = categories.get(state.item_key)
        if category is None or state.item_key in counted:
            continue
        counted.add(state.item_key)
        started[category] += 1
        if state.due <= now:
            due[category] += 1
    by_category = {
        name: CategoryCounts(totals[name], totals[name] - started[name], due[name]) for name in sorted(totals)
    }
    return DueCounts(
        exam=exam,
        total=sum(c.total for c in by_category.values()),
        new=sum(c.new for c in by_category.values()),
        due=sum(c.due for c in by_category.values()),
        by_category=by_category,
    )
