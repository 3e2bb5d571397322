from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from recert_tui.catalog import Catalog, load_catalog
from recert_tui.domain.models import Activity

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "credentials"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(SHIPPED, Path("/nonexistent-user-rules"))


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
