from __future__ import annotations

import re
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
    add(
        {
            "credential": "cma-aama",
            "title": "Coding update",
            "date": "2023-01-10",
            "points": "10",
            "area": "administrative",
            "provider": "AAMA e-Learning",
            "certificate": "C-1",
        }
    )
    add(
        {
            "credential": "cma-aama",
            "title": "Phlebotomy",
            "date": "2023-05-02",
            "split": "clinical=4,general=6",
            "provider": "AAMA",
        }
    )
    add(
        {
            "credential": "cma-aama",
            "title": "Anatomy 101",
            "date": "2024-01-20",
            "kind": "college",
            "college_credits": "3",
            "split": "clinical=30,general=15",
        }
    )
    add({"credential": "cma-aama", "title": "CPR card", "date": "2024-03-01", "kind": "cpr"})
    add({"credential": "cma-aama", "title": "Old course", "date": "2021-06-01", "points": "3", "area": "general"})
    opened.add_exam_attempt("cma-aama", "2026-12-16", "scheduled")
    yield opened
    opened.close()


# A character that must never reach an export raw: C0 and C1 controls (tab and newline aside),
# DEL, bidi embeddings, overrides, isolates and marks.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


@pytest.fixture
def hostile_rules(tmp_path, isolated_user_dirs):
    """A CMA holder whose own rule file renames the credential with ESC, BEL and bidi controls."""
    rules = isolated_user_dirs / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "cma-aama.toml").write_text(
        'name = "CMA\\u001b[31m (AAMA)\\u202e\\u200f\\u061c"\n'
        'title = "Certified\\u0007 Medical\\u2066 Assistant"\n'
        'body = "American\\u001b]0;x\\u0007 Association\\u200e"\n'
    )
    with Session.open(tmp_path / "recert.json", TODAY) as session:
        session.add_credential("cma-aama", "2022-03-15", "1\u200f2")
        session.add_exam_attempt("cma-aama", "2026-12-16", "scheduled")
        yield session
