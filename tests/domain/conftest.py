"""Fixtures for the domain tests: the CMA (AAMA) rules and terse activities."""

from __future__ import annotations

from datetime import date

import pytest

from recert_tui.domain.models import Activity


@pytest.fixture(scope="session")
def cma(catalog):
    return catalog.get("cma-aama")


_ids = iter(range(1, 10**9))


def activity(
    day: str,
    *,
    approved: bool = True,
    kind: str = "ceu",
    credential: str = "cma-aama",
    title: str = "",
    category: str = "",
    recurring: bool = False,
    **points: float,
) -> Activity:
    """A terse activity for tests: activity("2023-01-05", clinical=5, approved=False)."""
    return Activity(
        credential=credential,
        title=title or f"{kind} on {day}",
        completed_on=date.fromisoformat(day),
        points=dict(points),
        approved=approved,
        kind=kind,
        id=next(_ids),
        category=category,
        recurring=recurring,
    )
