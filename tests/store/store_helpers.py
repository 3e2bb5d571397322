"""Helpers shared by the store tests: a child-process runner and sample records.

A plain module rather than conftest.py so tests import it by a name no other folder uses.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

from recert_tui.domain.bank import CardState, Review
from recert_tui.domain.models import Activity, ExamAttempt, HeldCredential, Reenrollment

REPO_ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)  # when the sample answers in Study were given


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_child(code: str, *args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run a small python script in a fresh interpreter; fails the test if it crashes."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result


def popen_child(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def cma(**overrides) -> HeldCredential:
    fields = dict(code="CMA", earned_on=date(2019, 6, 1), number="A-123", recertified_on=(date(2024, 6, 1),))
    return HeldCredential(**{**fields, **overrides})


def activity(title: str = "Infection control", **overrides) -> Activity:
    fields = dict(
        credential="CMA",
        title=title,
        completed_on=date(2025, 3, 5),
        points={"clinical": 1.5, "general": 0.5},
        approved=True,
        kind="ceu",
        college_credits=None,
        provider="AAMA",
        certificate="cert.pdf",
        notes="ok",
    )
    return Activity(**{**fields, **overrides})


def exam(**overrides) -> ExamAttempt:
    fields = dict(exam="CMA", on=date(2019, 5, 1), result="pass", score=512.0)
    return ExamAttempt(**{**fields, **overrides})


def reenrollment(**overrides) -> Reenrollment:
    return Reenrollment(**{**dict(exam="CMA", on=date(2023, 1, 9)), **overrides})


def state(item: str, due: datetime = NOW, **changes) -> CardState:
    """A study item's schedule after an answer."""
    fields = {"stability": 2.5, "difficulty": 5.0, "state": 2, "step": None, "last_review": NOW, **changes}
    return CardState(item, "cma-aama", due, **fields)


def review(item: str, rating: int = 3) -> Review:
    """One answer in Study."""
    return Review(item, "cma-aama", "clinical", NOW, "review", rating=rating)
