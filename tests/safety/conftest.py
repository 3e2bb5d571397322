"""Shared helpers for the fault and bad-input suite.

Everything here is a plain function or fixture; no test in this folder depends on another
folder's conftest, so these tests keep working while the other suites change.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import time
import traceback
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

import pytest

from recert_tui.catalog import Catalog, load_catalog
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

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data" / "credentials"
TODAY = date(2026, 11, 23)
TODAY_TEXT = TODAY.isoformat()
RECERT = Path(sys.executable).parent / "recert"  # the installed console script

# --- long runs -------------------------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    """This folder's `slow` variants (minutes each) run only when asked: `-m slow` or RECERT_SLOW=1."""
    if config.option.markexpr or os.environ.get("RECERT_SLOW"):
        return
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason="a long run: use -m slow or RECERT_SLOW=1")
    for item in items:
        if item.get_closest_marker("slow") and here in Path(str(item.fspath)).parents:
            item.add_marker(skip)


# --- the rules ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(SHIPPED, Path("/nonexistent-user-rules"))


def shipped_catalog() -> Catalog:
    return load_catalog(SHIPPED, Path("/nonexistent-user-rules"))


# --- a small, fixed profile --------------------------------------------------------------------

HOLDS = ("cma-aama", "rma-amt")


def seed(path: Path, catalog: Catalog | None = None, *, today: date = TODAY) -> bytes:
    """A database holding two credentials, three activities, exam and study records; its bytes."""
    with Session.open(path, today, catalog=catalog or shipped_catalog()) as session:
        session.add_credential("cma-aama", "2022-03-15", "CMA-1")
        session.add_credential("rma-amt", "2023-01-10", "RMA-2")
        session.add_activity({"credential": "cma-aama", "title": "Infection control", "date": "2025-03-05",
                              "split": "clinical=2,general=1", "provider": "AAMA", "certificate": "C-1",
                              "notes": "kept"})
        session.add_activity({"credential": "cma-aama", "title": "BLS card", "date": "2024-06-01", "kind": "cpr"})
        session.add_activity({"credential": "cma-aama", "title": "Anatomy", "date": "2024-09-01", "kind": "college",
                              "college_credits": "1", "area": "general", "points": ""})
        session.add_activity({"credential": "rma-amt", "title": "Vitals", "date": "2024-10-01", "points": "1.5",
                              "area": "clinical", "approved": "no", "category": "professional-education"})
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
            except BaseException:  # noqa: BLE001 - the point is to see what escaped
                crash = traceback.format_exc()
    finally:
        sys.stdin = old_stdin
    for stream in (out, err):
        with contextlib.suppress(ValueError):
            stream.flush()
    return CliRun(code, out.buffer.getvalue().decode("utf-8", "replace"),
                  err.buffer.getvalue().decode("utf-8", "replace"), crash)


def cli_env(rules_dir: Path, db: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a `recert` child process: no user rules, a default db in tmp."""
    env = dict(os.environ)
    env.update(RECERT_RULES_DIR=str(rules_dir), PYTHONIOENCODING="utf-8", COLUMNS="80",
               RECERT_KEYMAP=str(rules_dir / "keymap.toml"))
    if db is not None:
        env["RECERT_DB"] = str(db)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_recert(args: Iterable[str], env: dict[str, str], timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """`python -m recert_tui.cli ARGS` in a child process (what the `recert` script runs)."""
    return subprocess.run([sys.executable, "-m", "recert_tui.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout, stdin=subprocess.DEVNULL, **kwargs)


# --- what a valid database holds ---------------------------------------------------------------


def record_problems(path: Path, catalog: Catalog, today: date, *, baseline: dict | None = None,
                    baseline_today: date = TODAY) -> list[str]:
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

    def check(label: str, build: Callable[[], object]) -> None:
        try:
            build()
        except InvalidInput as error:
            problems.append(f"{label}: {error.errors}")

    credential_ids = sorted(int(key) for key in raw.get("credentials", {}))
    for number, credential in zip(credential_ids, profile.credentials):
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
        check(f"activity {activity.id}", lambda: activity_from_fields(
            stored_fields(activity), rules_by_code=rules, held_codes=held, today=day, activity_id=activity.id))
    for attempt in profile.exam_attempts:
        day = when("exam_attempts", attempt.id)
        score = None if attempt.score is None else repr(attempt.score)
        if attempt.result not in EXAM_RESULTS:
            problems.append(f"exam attempt {attempt.id}: result {attempt.result!r}")
        else:
            check(f"exam attempt {attempt.id}", lambda: exam_attempt_from_fields(
                attempt.exam, attempt.on.isoformat(), attempt.result, score, rules_by_code=rules, today=day))
    for session in profile.study_sessions:
        day = when("study_sessions", session.id)
        check(f"study session {session.id}", lambda: study_session_from_fields(
            session.exam, session.on.isoformat(), str(session.minutes), session.category, session.note,
            rules_by_code=rules, today=day))
    for test in profile.practice_tests:
        day = when("practice_tests", test.id)
        check(f"practice test {test.id}", lambda: practice_test_from_fields(
            test.exam, test.on.isoformat(), repr(test.score), test.category, rules_by_code=rules, today=day))
    return problems


# --- output checks ----------------------------------------------------------------------------

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s+File \".*\", line \d+", re.M)


def folder_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` (lock files aside) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith((".lock", ".lock.owner"))}


# --- the terminal app under a test pilot -------------------------------------------------------


async def wait_for(pilot, predicate: Callable[[], object], timeout: float = 5.0, what: str = "") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return
        except Exception:  # noqa: BLE001 - the widget may not be mounted yet
            pass
        await pilot.pause(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")


def screen_lines(app) -> list[str]:
    """The screen as the user sees it, one string per row."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


_FRAME = re.compile(r"[\s│║┃╭╮╰╯─━═╔╗╚╝┏┓┗┛▁▔▊▎]+")


def shows(app, text: str) -> bool:
    """Whether the screen shows `text`, even wrapped over lines inside a frame."""
    return _FRAME.sub(" ", text) in _FRAME.sub(" ", screen_text(app))


# --- a real terminal: a pseudo-terminal that keeps every byte the program wrote ----------------


class PtyTerminal:
    """Run `argv` in an 80x24 pseudo-terminal; `output` is every byte it wrote, unfiltered."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        import fcntl
        import termios

        environment = {**env, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the pty is its terminal
            try:
                os.execvpe(argv[0], argv, environment)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = b""
        self.status: int | None = None

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output += chunk

    def wait_for(self, needle: bytes, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if needle in self.output:
                return
            self.pump(0.1)
        raise AssertionError(f"{needle!r} never appeared; last output: {self.output[-800:]!r}")

    def send(self, keys: bytes, settle: float = 0.6) -> None:
        os.write(self.fd, keys)
        self.pump(settle)

    def wait_exit(self, timeout: float = 15.0) -> int | None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        return None

    def close(self) -> None:
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)


class TmuxTerminal:
    """An 80x24 tmux pane on a private socket (never the user's own tmux server)."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        self.socket = f"recert-safety-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-s", "app", "-x", str(size[0]), "-y", str(size[1]),
                   *(f"-e{key}={value}" for key, value in env.items()), "--", *command)
        self._tmux("set-option", "-t", "app", "remain-on-exit", "on")
        self._tmux("set-option", "-s", "escape-time", "10")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True,
                              text=True, encoding="utf-8", errors="replace").stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "app")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", "app", key)
            time.sleep(0.05)

    def wait(self, text: str, timeout: float = 20.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def pane_title(self) -> str:
        return self._tmux("display-message", "-p", "-t", "app", "#{pane_title}").strip()

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None or not RECERT.exists(),
                                reason="needs tmux and the installed recert script")
needs_recert = pytest.mark.skipif(not RECERT.exists(), reason="needs the installed recert script")

ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def db(tmp_path):
    """A private database in a private folder holding a CMA (AAMA) earned 15 Mar 2022."""
    path = fresh_db(tmp_path / "data", None)
    with Session.open(path, TODAY, catalog=shipped_catalog()) as session:
        session.add_credential("cma-aama", "2022-03-15")
    return path
