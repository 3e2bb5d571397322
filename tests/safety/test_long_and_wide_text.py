"""Very long titles (500 characters), 10,000-character notes, non-Latin scripts and emoji.

They are stored and exported exactly (CSV and JSON round trips), and shown without breaking
the 80x24 layout: the top bar and the footer stay on screen and no line is wider than 80 cells,
both under the test pilot and in a real terminal (tmux), whose idea of a character's width
is the one that counts.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from recert_tui.session import Session
from recert_tui.store import Store
from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.activity_form import ActivityForm
from recert_tui.tui.screens.dashboard import DashboardScreen
from tests.helpers.rules import RECERT, TODAY, TODAY_TEXT, shipped_catalog
from tests.helpers.screen import screen_lines, wait_for
from tests.helpers.terminals import TmuxTerminal, needs_tmux

from .conftest import cli_env, fresh_db, run_cli

CATALOG = shipped_catalog()

SCRIPTS = "漢字テスト العربية ελληνικά Кириллица हिन्दी ไทย"
EMOJI = "👩‍⚕️🩺 💉🧪 ❤️‍🩹 🇺🇸"
LONG_TITLE = ("Long " + SCRIPTS + " " + EMOJI + " ") * 20
LONG_TITLE = LONG_TITLE[:499] + "!"  # exactly at the 500-character limit
NOTES = ("Notes line with " + SCRIPTS + " and " + EMOJI + ".\n") * 400
NOTES = NOTES[:10_000]
ROWS = [
    {"title": LONG_TITLE, "provider": ("Provider " * 33).strip(), "certificate": "C" * 300, "notes": NOTES},
    {"title": SCRIPTS, "provider": "ελληνικά", "certificate": "漢字-1", "notes": EMOJI},
    {"title": EMOJI, "provider": "العربية", "certificate": "🩺", "notes": ""},
]


@pytest.fixture
def wide_db(tmp_path) -> Path:
    db = fresh_db(tmp_path / "data", None)
    with Session.open(db, TODAY, catalog=CATALOG) as session:
        session.add_credential("cma-aama", "2022-03-15", "漢字-№1")
        session.add_credential("cmac-amca", "2024-12-05", "🩺-7")
        for number, row in enumerate(ROWS):
            session.add_activity(
                {"credential": "cma-aama", "date": f"2025-03-0{number + 1}", "points": "2", "area": "clinical", **row}
            )
    return db


def stored(db: Path) -> list[tuple]:
    with Store.open(db, write=False) as store:
        return sorted((a.title, a.provider, a.certificate, a.notes) for a in store.activities())


def test_long_and_non_latin_text_is_stored_exactly(wide_db):
    assert len(LONG_TITLE) == 500 and len(NOTES) == 10_000
    assert stored(wide_db) == sorted((r["title"], r["provider"], r["certificate"], r["notes"]) for r in ROWS)
    raw = json.loads(wide_db.read_bytes())
    assert LONG_TITLE in {doc["title"] for doc in raw["activities"].values()}


def test_cli_add_json_csv_and_backup_round_trip_exactly(wide_db, tmp_path):
    base = ["--db", str(wide_db), "--today", TODAY_TEXT]
    listed = json.loads(run_cli([*base, "activity", "list", "--json"]).out)
    assert sorted((r["title"], r["provider"], r["certificate"], r["notes"]) for r in listed) == stored(wide_db)
    for kind in ("csv", "json"):
        run = run_cli([*base, "export", kind, "-o", str(tmp_path / f"out.{kind}")])
        assert run.code == 0, run.err
    restored = tmp_path / "restored.json"
    assert (
        run_cli(
            ["--db", str(restored), "--today", TODAY_TEXT, "import", "json", str(tmp_path / "out.json"), "--yes"]
        ).code
        == 0
    )
    assert stored(restored) == stored(wide_db)
    imported = tmp_path / "imported.json"
    assert (
        run_cli(
            ["--db", str(imported), "--today", TODAY_TEXT, "credential", "add", "cma-aama", "--earned", "2022-03-15"]
        ).code
        == 0
    )
    run = run_cli(["--db", str(imported), "--today", TODAY_TEXT, "import", "csv", str(tmp_path / "out.csv")])
    assert run.code == 0, run.out + run.err
    assert stored(imported) == stored(wide_db)


def test_cli_refuses_one_character_more_than_each_limit(wide_db):
    base = [
        "--db",
        str(wide_db),
        "--today",
        TODAY_TEXT,
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--date",
        "2025-03-05",
        "--points",
        "1",
        "--area",
        "general",
    ]
    before = wide_db.read_bytes()
    for option, text in (("--title", "字" * 501), ("--notes", "🩺" * 20_001), ("--provider", "ε" * 301)):
        args = [*base, option, text] if option == "--title" else [*base, "--title", "T", option, text]
        run = run_cli(args)
        assert run.code == 2 and run.err.startswith(f"recert: {option}: is ") and "characters long" in run.err
    assert wide_db.read_bytes() == before
    text_out = run_cli(["--db", str(wide_db), "--today", TODAY_TEXT, "activity", "list"]).out
    assert LONG_TITLE.split()[1] in text_out


def _layout_problems(lines: list[str], screen: str) -> list[str]:
    problems = []
    if len(lines) != 24:
        problems.append(f"{screen}: {len(lines)} lines")
    wide = [(n, cell_len(line)) for n, line in enumerate(lines) if cell_len(line) > 80]
    if wide:
        problems.append(f"{screen}: lines wider than 80 cells: {wide}")
    if not (lines and lines[0].startswith("recert") and "Dashboard" in lines[0] and "Exams" in lines[0]):
        problems.append(f"{screen}: the top bar is gone: {lines[:1]}")
    if not (lines and "Help" in lines[-1] and "palette" in lines[-1]):
        problems.append(f"{screen}: the footer is gone: {lines[-1:]}")
    return problems


async def test_activities_and_dashboard_keep_their_layout_at_80x24(wide_db):
    session = Session.open(wide_db, TODAY, catalog=CATALOG)
    app = RecertApp(session)
    problems = []
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
            await pilot.pause()
            problems += _layout_problems(screen_lines(app), "dashboard")
            await pilot.press("2")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
            shown = ""
            for row in range(3):  # each row's detail line: the 500-character title, the long notes
                await pilot.pause()
                problems += _layout_problems(screen_lines(app), f"activities, row {row}")
                shown += "\n".join(screen_lines(app))
                await pilot.press("down")
            for text in ("漢字テスト", "العربية", "ελληνικά", "Кириллица", "🩺", "💉🧪"):
                assert text in shown, text  # shown intact, in the table or the detail line
            await pilot.press("slash", *"Long")
            await pilot.pause()
            problems += _layout_problems(screen_lines(app), "activities, filtered")
            await pilot.press("enter", "e")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
            await pilot.pause()
            lines = screen_lines(app)
            assert all(cell_len(line) <= 80 for line in lines) and "Save" in lines[-1], lines
    finally:
        session.close()
    assert problems == []


@needs_tmux
def test_real_terminal_keeps_the_layout_with_wide_characters(wide_db, tmp_path):
    """tmux measures emoji and CJK by its own tables: the frame must still hold at 80x24."""
    env = {
        key: value
        for key, value in cli_env(tmp_path / "rules").items()
        if key in ("RECERT_RULES_DIR", "RECERT_KEYMAP", "PATH", "HOME", "PYTHONPATH", "LANG", "LC_ALL")
    }
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    terminal = TmuxTerminal([str(RECERT), "--db", str(wide_db), "--today", TODAY_TEXT], env)
    problems = []

    def settled() -> str:
        """The screen once two captures 0.3 s apart agree (a frame is drawn in pieces)."""
        last = terminal.screen()
        for _ in range(30):
            time.sleep(0.3)
            now = terminal.screen()
            if now == last and "palette" in now:
                return now
            last = now
        return last

    try:
        terminal.wait("Dashboard")
        terminal.wait("CMA")
        screen = settled()
        problems += _layout_problems(screen.rstrip("\n").split("\n"), "dashboard")
        terminal.keys("2")
        terminal.wait("Areas")
        for row in range(3):
            screen = settled()
            problems += _layout_problems(screen.rstrip("\n").split("\n"), f"activities, row {row}")
            terminal.keys("Down")
        terminal.keys("q")
    finally:
        terminal.close()
    assert problems == [], "\n".join(problems) + "\n" + screen
