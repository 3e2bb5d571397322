"""Helpers for the fault and bad-input suite: a seeded database, the CLI in this process and in a
child, the checks a stored record must pass, and what a run printed.

Helpers other folders use too (today, the shipped rules, the screen, real terminals) are in
tests/helpers; the `catalog` fixture and the slow tier are in tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import traceback
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from recert_tui.catalog import Catalog
from recert_tui.cli import main
from recert_tui.cli.fields import stored_fields
from recert_tui.domain.models import ACTIVITY_KINDS, AREAS, EXAM_RESULTS
from recert_tui.domain.validate import (
    EARLIEST_DATE,
    MAX_POINTS_PER_ACTIVITY,
    TEXT_LIMITS,
    InvalidInput,
    activity_from_fields,
    exam_attempt_from_fields,
    practice_test_from_fields,
    study_session_from_fields,
)
from recert_tui.session import Session
from recert_tui.store import Store
from tests.helpers.rules import REPO, TODAY, shipped_catalog

# --- a small, fixed profile --------------------------------------------------------------------


def seed(path: Path, catalog: Catalog | None = None, *, today: date = TODAY) -> bytes:
    """A database holding two credentials, three activities, exam and study records; its bytes."""
    with Session.open(path, today, catalog=catalog or shipped_catalog()) as session:
        session.add_credential("cma-aama", "2022-03-15", "CMA-1")
        session.add_credential("rma-amt", "2023-01-10", "RMA-2")
        session.add_activity(
            {
                "credential": "cma-aama",
                "title": "Infection control",
                "date": "2025-03-05",
                "split": "clinical=2,general=1",
                "provider": "AAMA",
                "certificate": "C-1",
                "notes": "kept",
            }
        )
        session.add_activity({"credential": "cma-aama", "title": "BLS card", "date": "2024-06-01", "kind": "cpr"})
        session.add_activity(
            {
                "credential": "cma-aama",
                "title": "Anatomy",
                "date": "2024-09-01",
                "kind": "college",
                "college_credits": "1",
                "area": "general",
                "points": "",
            }
        )
        session.add_activity(
            {
                "credential": "rma-amt",
                "title": "Vitals",
                "date": "2024-10-01",
                "points": "1.5",
                "area": "clinical",
                "approved": "no",
                "category": "professional-education",
            }
        )
        session.add_exam_attempt("cma-aama", "2021-05-01", "fail", "380")
        session.add_reenrollment("cma-aama", "2021-06-01")
        session.add_study_session("cma-aama", "2026-11-01", "45", "clinical", "flash cards")
        session.add_practice_test("cma-aama", "2026-11-02", "72", "clinical")
    return path.read_bytes()


@pytest.fixture(scope="session")
def seed_bytes(tmp_path_factory) -> bytes:
    return seed(tmp_path_factory.mktemp("seed") / "recert.json")


def fresh_db(folder: Path, content: bytes | None) -> Path:
    """`folder/recert.json` holding `content` (no file when None), private like the app makes it."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    path = folder / "recert.json"
    if content is not None:
        path.write_bytes(content)
        os.chmod(path, 0o600)
    return path


# --- the CLI in this process -------------------------------------------------------------------


@dataclass
class CliRun:
    code: int | None
    out: str
    err: str
    crash: str | None  # the traceback of an exception main() let through

    @property
    def text(self) -> str:
        return self.out + self.err + (self.crash or "")


def run_cli(argv: list[str], stdin_text: str = "") -> CliRun:
    """`recert ARGV` through recert_tui.cli.main, with stdin/stdout/stderr captured as bytes."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    stdin = io.TextIOWrapper(io.BytesIO(stdin_text.encode("utf-8")), encoding="utf-8")
    code, crash = None, None
    old_stdin = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except BaseException:
                crash = traceback.format_exc()
    finally:
        sys.stdin = old_stdin
    for stream in (out, err):
        with contextlib.suppress(ValueError):
            stream.flush()
    return CliRun(
        code, out.buffer.getvalue().decode("utf-8", "replace"), err.buffer.getvalue().decode("utf-8", "replace"), crash
    )


def cli_env(rules_dir: Path, db: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a `recert` child process: no user rules, a default db in tmp."""
    env = dict(os.environ)
    env.update(
        RECERT_RULES_DIR=str(rules_dir),
        PYTHONIOENCODING="utf-8",
        COLUMNS="80",
        RECERT_KEYMAP=str(rules_dir / "keymap.toml"),
    )
    if db is not None:
        env["RECERT_DB"] = str(db)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_recert(args: Iterable[str], env: dict[str, str], timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """`python -m recert_tui.cli ARGS` in a child process (what the `recert` script runs)."""
    return subprocess.run(
        [sys.executable, "-m", "recert_tui.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        **kwargs,
    )


# --- what a valid database holds ---------------------------------------------------------------


def record_problems(
    path: Path, catalog: Catalog, today: date, *, baseline: dict | None = None, baseline_today: date = TODAY
) -> list[str]:
    """Every record in the file that the app's own input rules would refuse (empty list: all valid).

    Records equal to one in `baseline` (the raw dict the file started from) are checked
    against `baseline_today`; new or changed ones against `today`.
    """
    if not path.exists():
        return []
    raw = json.loads(path.read_bytes())
    problems: list[str] = []
    base = baseline or {}
    with Store.open(path, write=False) as store:
        profile = store.profile()
    held = {credential.code for credential in profile.credentials}
    rules = catalog.credentials

    def when(table: str, record_id: int | None) -> date:
        old = base.get(table, {}).get(str(record_id))
        new = raw.get(table, {}).get(str(record_id))
        return baseline_today if old is not None and old == new else today

    @contextlib.contextmanager
    def refusal_noted(label: str) -> Iterator[None]:
        """Note the app's refusal (InvalidInput) of the record built inside, as a problem."""
        try:
            yield
        except InvalidInput as error:
            problems.append(f"{label}: {error.errors}")

    credential_ids = sorted(int(key) for key in raw.get("credentials", {}))
    # The store builds one credential per record, in id order.
    for number, credential in zip(credential_ids, profile.credentials, strict=True):
        day = when("credentials", number)
        if credential.code not in rules:
            problems.append(f"credential {credential.code!r}: not a known credential")
        anchors = credential.cycle_anchors
        if list(anchors) != sorted(set(anchors)) or anchors[0] < EARLIEST_DATE or anchors[-1] > day:
            problems.append(f"credential {credential.code}: earned or recertified on {anchors}")
        if len(credential.number) > TEXT_LIMITS["number"]:
            problems.append(f"credential {credential.code}: number too long")
    for activity in profile.activities:
        day = when("activities", activity.id)
        total = sum(activity.points.values())
        if not (0 < total <= MAX_POINTS_PER_ACTIVITY) or not set(activity.points) <= set(AREAS):
            problems.append(f"activity {activity.id}: points {activity.points}")
        if activity.kind not in ACTIVITY_KINDS or activity.credential not in held:
            problems.append(f"activity {activity.id}: kind {activity.kind!r} / credential {activity.credential!r}")
        with refusal_noted(f"activity {activity.id}"):
            activity_from_fields(
                stored_fields(activity), rules_by_code=rules, held_codes=held, today=day, activity_id=activity.id
            )
    for attempt in profile.exam_attempts:
        day = when("exam_attempts", attempt.id)
        score = None if attempt.score is None else repr(attempt.score)
        if attempt.result not in EXAM_RESULTS:
            problems.append(f"exam attempt {attempt.id}: result {attempt.result!r}")
        else:
            with refusal_noted(f"exam attempt {attempt.id}"):
                exam_attempt_from_fields(
                    attempt.exam, attempt.on.isoformat(), attempt.result, score, rules_by_code=rules, today=day
                )
    for session in profile.study_sessions:
        day = when("study_sessions", session.id)
        with refusal_noted(f"study session {session.id}"):
            study_session_from_fields(
                session.exam,
                session.on.isoformat(),
                str(session.minutes),
                session.category,
                session.note,
                rules_by_code=rules,
                today=day,
            )
    for test in profile.practice_tests:
        day = when("practice_tests", test.id)
        with refusal_noted(f"practice test {test.id}"):
            practice_test_from_fields(
                test.exam, test.on.isoformat(), repr(test.score), test.category, rules_by_code=rules, today=day
            )
    return problems


# --- output checks ----------------------------------------------------------------------------

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s+File \".*\", line \d+", re.M)


def folder_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` (lock files aside) and its bytes."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith((".lock", ".lock.owner"))
    }


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path):
    """A private database in a private folder holding a CMA (AAMA) earned 15 Mar 2022."""
    path = fresh_db(tmp_path / "data", None)
    with Session.open(path, TODAY, catalog=shipped_catalog()) as session:
        session.add_credential("cma-aama", "2022-03-15")
    return path


@pytest.fixture
def seeded_db(tmp_path):
    """A private database seeded in place by `seed`, so its folder holds the backups the saves made."""
    path = fresh_db(tmp_path / "data", None)
    seed(path)
    return path


@pytest.fixture
def no_app(monkeypatch):
    """If the CLI started the terminal app (on a damaged file, on another user's file), fail."""
    module = types.ModuleType("recert_tui.tui.app")

    def run_app(session, **kwargs):
        raise AssertionError("the terminal app started where the CLI must stop with one sentence")

    module.run_app = run_app
    monkeypatch.setitem(sys.modules, "recert_tui.tui.app", module)
