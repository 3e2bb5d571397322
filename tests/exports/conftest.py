from __future__ import annotations

from datetime import date

import pytest

from recert_tui.session import Session

TODAY = date(2026, 11, 23)


@pytest.fixture
def session(tmp_path):
    """A CMA holder with a realistic mix of activities and two failed exam attempts."""
    opened = Session.open(tmp_path / "recert.json", TODAY)
    opened.add_credential("cma-aama", "2022-03-15", "123456")
    add = opened.add_activity
    add({"credential": "cma-aama", "title": "Coding update", "date": "2023-01-10", "points": "10", "area": "administrative", "provider": "AAMA e-Learning", "certificate": "C-1"})
    add({"credential": "cma-aama", "title": "Phlebotomy", "date": "2023-05-02", "split": "clinical=4,general=6", "provider": "AAMA"})
    add({"credential": "cma-aama", "title": "Anatomy 101", "date": "2024-01-20", "kind": "college", "college_credits": "3", "split": "clinical=30,general=15"})
    add({"credential": "cma-aama", "title": "CPR card", "date": "2024-03-01", "kind": "cpr"})
    add({"credential": "cma-aama", "title": "Old course", "date": "2021-06-01", "points": "3", "area": "general"})
    opened.add_exam_attempt("cma-aama", "2026-12-16", "scheduled")
    yield opened
    opened.close()
