"""Fixtures for the store tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A db path whose folder does not exist yet (the store creates it)."""
    return tmp_path / "data" / "recert.json"
