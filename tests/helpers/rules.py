"""The fixed facts every suite runs against: the repository, the shipped rules and "today"."""

from __future__ import annotations

import functools
import sys
from datetime import date
from pathlib import Path

from recert_tui.catalog import Catalog, load_catalog

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data" / "credentials"
NO_USER_RULES = Path("/nonexistent-user-rules")
RECERT = Path(sys.executable).parent / "recert"  # the installed console script
TODAY = date(2026, 11, 23)
TODAY_TEXT = TODAY.isoformat()


@functools.cache
def shipped_catalog() -> Catalog:
    """The shipped rules and no user's own, parsed once per test process."""
    return load_catalog(SHIPPED, NO_USER_RULES)
