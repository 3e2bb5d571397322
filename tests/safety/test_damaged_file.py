"""A damaged database: cut short, not JSON, JSON of the wrong shape, a schema newer than the app.

`recert` (the terminal app's start) and `recert status` never overwrite it: the bytes and the
folder stay as they were, they say what is wrong on one line (exit 3), and `recert doctor
--restore --yes` puts the newest good backup back and keeps the damaged file aside.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from recert_tui.store import list_backups
from tests.helpers.rules import RECERT, TODAY_TEXT, shipped_catalog
from tests.helpers.terminals import PtyTerminal, needs_recert

from .conftest import cli_env, folder_snapshot, fresh_db, run_cli, seed

CATALOG = shipped_catalog()

DAMAGE = {
    "cut-short": (lambda good: good[: len(good) // 2], "is cut short"),
    "not-json": (lambda good: b"this is not a recert database\n", "is not valid JSON"),
    "binary": (lambda good: b"\x00\xff\xfe garbage", "is not a text file"),
    "wrong-shape": (lambda good: b"[1, 2, 3]", "top level is a list"),
    "wrong-record": (
        lambda good: json.dumps({**json.loads(good), "activities": {"1": {"title": 5}}}).encode(),
        "activity record 1 cannot be read",
    ),
    "newer-schema": (
        lambda good: json.dumps({**json.loads(good), "meta": {"1": {"schema_version": 99}}}).encode(),
        "newer recert-tui",
    ),
}
RESTORABLE = [kind for kind in DAMAGE if kind != "newer-schema"]


@pytest.fixture(params=list(DAMAGE))
def damaged(request, tmp_path):
    """(kind, db path, damaged bytes, the newest good backup) with several backups beside the file."""
    db = fresh_db(tmp_path / "data", None)
    good = seed(db, CATALOG)
    newest = list_backups(db)[0]
    content = DAMAGE[request.param][0](good)
    db.write_bytes(content)
    return request.param, db, content, newest


def one_line(run) -> str:
    assert run.crash is None, run.crash
    lines = run.err.splitlines()
    assert len(lines) == 1 and run.err.startswith("recert: "), run.err
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["status"],
        ["status", "--json"],
        ["activity", "list"],
        [
            "activity",
            "add",
            "--credential",
            "cma-aama",
            "--title",
            "T",
            "--date",
            "2025-03-05",
            "--points",
            "1",
            "--area",
            "general",
        ],
    ],
    ids=["app", "status", "status-json", "activity-list", "activity-add"],
)
def test_damaged_file_is_never_overwritten_and_is_named_in_one_line(damaged, no_app, args):
    kind, db, content, _ = damaged
    before = folder_snapshot(db.parent)
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, *args])
    assert run.code == 3 and run.out == "", (run.code, run.out)
    line = one_line(run)
    assert DAMAGE[kind][1] in line and "recert.json" in line, line
    assert "Traceback" not in run.err
    assert db.read_bytes() == content
    assert folder_snapshot(db.parent) == before  # no backup, no temp file, nothing renamed


@pytest.mark.parametrize("damaged", RESTORABLE, indirect=True)  # a newer schema is not damage
@pytest.mark.parametrize("args", [[], ["status"]], ids=["app", "status"])
def test_damaged_file_message_names_the_newest_good_backup(damaged, no_app, args):
    kind, db, _, newest = damaged
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, *args])
    assert newest.name in one_line(run)


def test_doctor_restore_puts_the_newest_good_backup_back_and_keeps_the_damaged_file(damaged):
    kind, db, content, newest = damaged
    good = newest.read_bytes()
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, "doctor", "--restore", "--yes"])
    assert run.crash is None, run.crash
    if kind == "newer-schema":  # written by a newer recert-tui: never restored over
        assert run.code == 1 and "update recert-tui instead" in " ".join(run.out.split())
        assert db.read_bytes() == content
        return
    assert run.code == 0, run.out + run.err
    flat = " ".join(run.out.split())
    kept = Path(re.search(r"The damaged file was kept as (\S+)\.", flat).group(1))
    assert kept.read_bytes() == content and (kept.stat().st_mode & 0o777) == 0o600
    assert db.read_bytes() == good
    assert run_cli(["--db", str(db), "--today", TODAY_TEXT, "status"]).code == 0


@needs_recert
def test_the_real_app_start_on_a_cut_short_file(tmp_path):
    """`recert` in a terminal: one line, exit 3, the file untouched (no app drawn over it)."""
    db = fresh_db(tmp_path / "data", None)
    good = seed(db, CATALOG)
    db.write_bytes(good[: len(good) // 3])
    before = folder_snapshot(db.parent)
    terminal = PtyTerminal([str(RECERT), "--db", str(db), "--today", TODAY_TEXT], cli_env(tmp_path / "rules"))
    try:
        status = terminal.wait_exit(30)
    finally:
        terminal.close()
    text = terminal.output.decode("utf-8", "replace")
    assert status == 3, text
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    assert lines == [lines[0]] and lines[0].startswith("recert: recert.json is cut short"), lines
    assert folder_snapshot(db.parent) == before
