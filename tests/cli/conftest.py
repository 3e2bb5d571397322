"""Run `recert` as a user does: a subprocess, its own database, a fixed today, no user rule files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TODAY = "2026-11-23"


class Recert:
    """`recert --db DB --today TODAY ...` in a subprocess, with the user rules folder pinned."""

    def __init__(self, db: Path, rules_dir: Path, today: str = TODAY):
        self.db = db
        self.rules_dir = rules_dir
        self.today = today

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            RECERT_RULES_DIR=str(self.rules_dir),
            RECERT_DB=str(self.db.with_name("unused-default.json")),
            PYTHONIOENCODING="utf-8",
            COLUMNS="80",
        )
        return env

    def __call__(self, *args: str, today: str | None = None, db: Path | None = None) -> subprocess.CompletedProcess:
        return self.raw("--db", str(db or self.db), "--today", today or self.today, *args)

    def raw(self, *args: str) -> subprocess.CompletedProcess:
        """`python -m recert_tui.cli ARGS` exactly as given (no --db or --today added)."""
        return subprocess.run(
            [sys.executable, "-m", "recert_tui.cli", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env(),
            timeout=60,
            stdin=subprocess.DEVNULL,  # never a terminal: nothing may wait for an answer
        )

    def ok(self, *args: str, **kwargs) -> str:
        """Run and insist on exit 0 with nothing on stderr; return stdout."""
        result = self(*args, **kwargs)
        assert result.returncode == 0, (args, result.returncode, result.stderr)
        assert result.stderr == "", result.stderr
        return result.stdout


def make_recert(folder: Path) -> Recert:
    rules = folder / "rules"
    rules.mkdir(parents=True, exist_ok=True)  # empty: no developer's overrides leak in
    return Recert(folder / "data" / "recert.json", rules)


@pytest.fixture
def recert(tmp_path) -> Recert:
    return make_recert(tmp_path)


ACTIVITY = (
    "activity",
    "add",
    "--credential",
    "cma-aama",
    "--title",
    "Infection control",
    "--date",
    "2025-03-05",
    "--points",
    "2",
    "--area",
    "clinical",
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Recert:
    """A database holding a CMA (earned 15 Mar 2022) and one activity (id 1); tests must not change it."""
    recert = make_recert(tmp_path_factory.mktemp("seeded"))
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", "--number", "123456")
    recert.ok(*ACTIVITY)
    return recert
