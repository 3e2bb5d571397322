"""Two sessions in two processes, both wanting to write.

The first session to open the file writes; the second is told who has it and to close it and
try again, and nothing either side acknowledged is lost. Once the first closes, the second can
write. Pairs: the terminal app (this process) with the CLI (a child process); a Python child
holding a writable Store with the CLI; and the same child with the terminal app.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap

import pytest
from textual.widgets import Input, Select

from recert_tui.session import Session
from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.activity_form import ActivityForm
from tests.helpers.rules import TODAY, TODAY_TEXT, shipped_catalog
from tests.helpers.screen import screen_text, shows, wait_for

from .conftest import cli_env, run_recert, seeded_db

CATALOG = shipped_catalog()


def add_args(title: str) -> list[str]:
    return [
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        title,
        "--date",
        "2025-03-05",
        "--points",
        "1",
        "--area",
        "general",
    ]


def titles(db) -> set[str]:
    return {doc["title"] for doc in json.loads(db.read_bytes())["activities"].values()}


db = seeded_db  # this file's `db` is the seeded one, backups and all


@pytest.fixture
def recert(db, tmp_path):
    env = cli_env(tmp_path / "rules")

    def call(*args: str) -> subprocess.CompletedProcess:
        return run_recert(["--db", str(db), "--today", TODAY_TEXT, *args], env)

    return call


def assert_told_to_wait(result: subprocess.CompletedProcess, pid: int) -> None:
    assert result.returncode == 3 and result.stdout == "", result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(
        f"recert: recert.json is open in another recert session (pid {pid} on {socket.gethostname()}, since "
    ), line
    assert line.endswith("Close it and try again; nothing was changed."), line


async def test_app_first_then_the_cli(db, recert):
    session = Session.open(db, TODAY, catalog=CATALOG)
    assert not session.read_only
    app = RecertApp(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
            form = app.screen
            await wait_for(pilot, lambda: form.ready)
            form.query_one("#title", Input).value = "Saved in the app"
            form.query_one("#points", Input).value = "1"
            form.query_one("#area", Select).value = "general"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen), what="the app's save")
            assert "Saved in the app" in titles(db)  # acknowledged: on disk

            before = db.read_bytes()
            refused = recert(*add_args("From the CLI, too early"))
            assert_told_to_wait(refused, os.getpid())
            assert db.read_bytes() == before
            listed = json.loads(recert("activity", "list", "--json").stdout)  # reading is fine meanwhile
            assert "Saved in the app" in {row["title"] for row in listed}

            await pilot.press("e")  # the app keeps writing; the refused CLI changed nothing
            await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
            await wait_for(pilot, lambda: app.screen.ready)
            app.screen.query_one("#notes", Input).value = "edited after the CLI was refused"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen), what="the app's edit")
            await pilot.press("q")
    finally:
        session.close()

    later = recert(*add_args("From the CLI, after the app closed"))
    assert later.returncode == 0, later.stderr
    assert {"Saved in the app", "From the CLI, after the app closed"} <= titles(db)
    assert "edited after the CLI was refused" in {
        d.get("notes") for d in json.loads(db.read_bytes())["activities"].values()
    }


# Holds a writable store; `add TITLE` saves an activity and prints `saved ID` once it is on disk.
HOLDER = textwrap.dedent("""
    import sys
    from datetime import date
    from recert_tui.domain.models import Activity
    from recert_tui.store import Store
    store = Store.open(sys.argv[1])
    print("writable" if not store.read_only else "read-only", flush=True)
    for line in sys.stdin:
        command, _, title = line.strip().partition(" ")
        if command == "add":
            saved = store.add_activity(Activity("cma-aama", title, date(2025, 3, 5), {"general": 1.0}))
            print("saved", saved.id, flush=True)
        elif command == "close":
            store.close()
            print("closed", flush=True)
""")


@pytest.fixture
def holder(db, tmp_path):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(tmp_path / "rules"),
    )
    assert child.stdout.readline().strip() == "writable", child.stderr.read()

    def ask(command: str) -> str:
        child.stdin.write(command + "\n")
        child.stdin.flush()
        return child.stdout.readline().strip()

    child.ask = ask
    yield child
    if child.poll() is None:
        child.stdin.close()
        child.wait(timeout=10)
    child.stdout.close()
    child.stderr.close()


def test_python_holder_first_then_the_cli(db, recert, holder):
    assert holder.ask("add first by the holder").startswith("saved ")
    before = db.read_bytes()
    assert_told_to_wait(recert(*add_args("CLI while held")), holder.pid)
    assert db.read_bytes() == before
    assert holder.ask("add second by the holder").startswith("saved ")  # the holder is unaffected
    assert recert("status").returncode == 0
    assert holder.ask("close") == "closed"
    assert recert(*add_args("CLI after close")).returncode == 0
    assert {"first by the holder", "second by the holder", "CLI after close"} <= titles(db)
    assert "CLI while held" not in titles(db)


async def test_python_holder_first_then_the_app(db, holder):
    session = Session.open(db, TODAY, catalog=CATALOG)
    assert session.read_only
    app = RecertApp(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: shows(app, "this session is read-only"), what="the read-only reason")
            assert f"pid {holder.pid}" in " ".join(screen_text(app).split())
            await pilot.press("2")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
            before = db.read_bytes()
            await pilot.press("a")  # refused, with the reason; no form
            await pilot.pause()
            assert isinstance(app.screen, ActivitiesScreen)
            assert any("read-only" in str(n.message).lower() for n in app._notifications)
            assert holder.ask("add HolderSave").startswith("saved ")
            await wait_for(
                pilot, lambda: "HolderSave" in screen_text(app), timeout=8, what="the app to show the holder's save"
            )
            assert titles(db) - {"HolderSave"} == {doc["title"] for doc in json.loads(before)["activities"].values()}
            await pilot.press("q")
    finally:
        session.close()
    assert holder.ask("add after the app left").startswith("saved ")
    assert holder.ask("close") == "closed"
    with Session.open(db, TODAY, catalog=CATALOG) as again:  # the next session can write
        assert not again.read_only
        again.add_activity(
            {
                "credential": "cma-aama",
                "title": "app, second run",
                "date": "2025-03-05",
                "points": "1",
                "area": "general",
            }
        )
    assert {"HolderSave", "after the app left", "app, second run"} <= titles(db)
