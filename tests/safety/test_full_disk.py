"""No room to write: the save is refused with one plain message, nothing typed is lost, and the
file on disk (and its folder) stays exactly as it was.

The terminal app and the CLI are tested with a disk that fills after a few bytes (ENOSPC from
os.write, in the store's write path only); the CLI also against a real file-size limit
(RLIMIT_FSIZE) in a child process, where the kernel itself refuses the write.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import types

import pytest
from textual.widgets import Input, Select

import recert_tui.store.replace as atomic  # where every save writes its bytes
from recert_tui.session import Session
from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.activity_form import ActivityForm
from tests.helpers.rules import TODAY, TODAY_TEXT, shipped_catalog
from tests.helpers.screen import screen_text, shows, wait_for

from .conftest import cli_env, folder_snapshot, run_cli, seeded_db

CATALOG = shipped_catalog()
NO_SPACE = "no space left on device"


@pytest.fixture
def full_disk(monkeypatch):
    """The store's writes get a few bytes out, then ENOSPC; everything else writes as usual."""
    state = {"full": True}

    def write(fd, data):
        if state["full"]:
            os.write(fd, bytes(data[:10]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return os.write(fd, data)

    proxy = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    proxy.write = write
    monkeypatch.setattr(atomic, "os", proxy)
    return state


db = seeded_db  # this file's `db` is the seeded one, backups and all


async def fill_form(pilot, app) -> dict[str, str]:
    typed = {
        "title": "Wound care 漢字",
        "date": "3/5/2025",
        "points": "2.5",
        "provider": "AAMA",
        "certificate": "C-9",
        "notes": "typed before the disk filled",
    }
    form = app.screen
    for name, text in typed.items():
        box = form.query_one(f"#{name}", Input)
        box.focus()
        await pilot.pause()
        await pilot.press("ctrl+u", *text) if text.isascii() else setattr(box, "value", text)
    form.query_one("#area", Select).value = "clinical"
    await pilot.pause()
    return typed


async def test_app_save_on_a_full_disk_keeps_the_form_and_the_file(db, full_disk):
    full_disk["full"] = False
    session = Session.open(db, TODAY, catalog=CATALOG)
    app = RecertApp(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
            form = app.screen
            await wait_for(pilot, lambda: form.ready)
            typed = await fill_form(pilot, app)
            before = folder_snapshot(db.parent)
            count = len(session.profile.activities)
            full_disk["full"] = True
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: shows(app, NO_SPACE), what="the disk-full message")
            message = [line for line in screen_text(app).splitlines() if "Not saved" in line]
            assert message, screen_text(app)  # on screen, at the top of the form
            assert app.screen is form and app.is_running and app._exception is None
            assert {name: form.query_one(f"#{name}", Input).value for name in typed} == typed
            assert folder_snapshot(db.parent) == before  # the file, its backups, no temp file left
            assert len(session.profile.activities) == count

            full_disk["full"] = False  # room again: the same form saves
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen), what="the save")
            assert session.profile.activities[-1].title == typed["title"]
    finally:
        session.close()


def test_cli_write_on_a_full_disk_exits_3_with_one_line(db, full_disk):
    before = folder_snapshot(db.parent)
    commands = [
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
        ["activity", "edit", "1", "--title", "changed"],
        ["activity", "remove", "2"],
        ["credential", "add", "ccma-nha", "--earned", "2024-01-01"],
        ["exam", "add", "--exam", "cma-aama", "--date", "2026-12-01", "--result", "scheduled"],
        ["study", "add", "--exam", "cma-aama", "--date", "2026-11-20", "--minutes", "30"],
    ]
    for args in commands:
        run = run_cli(["--db", str(db), "--today", TODAY_TEXT, *args])
        assert run.crash is None, run.crash
        assert run.code == 3 and run.out == "", (args, run.code, run.out)
        assert run.err == f"recert: Could not save to {db}: {NO_SPACE}. Nothing was changed.\n", run.err
        assert folder_snapshot(db.parent) == before


def test_export_to_a_full_disk_leaves_no_partial_file(db, full_disk, tmp_path):
    target = tmp_path / "worksheet.md"
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, "export", "worksheet", "-o", str(target)])
    assert run.code == 3 and len(run.err.splitlines()) == 1 and NO_SPACE in run.err, run.err
    assert "Nothing was written" in run.err
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".worksheet")]


FSIZE_CHILD = textwrap.dedent("""
    import os, resource, signal, sys
    from recert_tui.cli import main
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so write() fails with EFBIG instead of killing us
    limit = os.path.getsize(sys.argv[1]) + 200
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.exit(main(["--db", sys.argv[1], "--today", sys.argv[2], *sys.argv[3:]]))
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE and SIGXFSZ as on Linux")
def test_cli_against_a_real_file_size_limit(db, tmp_path):
    before = folder_snapshot(db.parent)
    args = [
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Too big",
        "--date",
        "2025-03-05",
        "--points",
        "1",
        "--area",
        "general",
        "--notes",
        "x" * 5000,
    ]
    result = subprocess.run(
        [sys.executable, "-c", FSIZE_CHILD, str(db), TODAY_TEXT, *args],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path / "rules"),
        timeout=60,
    )
    assert result.returncode == 3, result.stderr
    assert result.stderr == f"recert: Could not save to {db}: file too large. Nothing was changed.\n"
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert folder_snapshot(db.parent) == before
    small = run_cli(["--db", str(db), "--today", TODAY_TEXT, *args[:-2]])  # without the limit it saves
    assert small.code == 0, small.err
