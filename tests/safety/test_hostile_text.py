"""User text holding markup, ANSI/OSC escape sequences, control characters and bidi overrides.

Such text is data: it is stored exactly (store, CLI JSON, CSV and JSON exports round-trip it
byte for byte), and everywhere it is shown (CLI text, the worksheet, the terminal app) it
appears in a visible form (`\\x1b[31m`, `[red]x[/red]`) and never reaches the terminal raw.
The raw-bytes checks run the real `recert` in a pseudo-terminal and read every byte it wrote.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textual.widgets import Input

from recert_tui.exports.csv_io import export_csv, import_csv
from recert_tui.session import Session
from recert_tui.store import Store
from recert_tui.textsafe import visible
from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.activity_form import ActivityForm
from recert_tui.tui.screens.dialogs import ConfirmScreen
from recert_tui.tui.widgets.row_table import RowTable
from tests.helpers.rules import RECERT, TODAY, TODAY_TEXT, shipped_catalog
from tests.helpers.screen import screen_text, wait_for
from tests.helpers.terminals import PtyTerminal, needs_recert

from .conftest import cli_env, fresh_db, run_cli

CATALOG = shipped_catalog()

MARKUP = "[red]x[/red] [b]bold [@click=app.quit]q[/]"
ANSI = "\x1b[31mZQX\x1b[0m \x1b]0;PWNTITLE\x07 \x1b[2J"
CONTROLS = "cr\rbs\bbel\x07csi\x9bJ"
BIDI = "abc\u202eevil"
TITLE = f"{MARKUP} {ANSI} {CONTROLS}"
FIELDS = {"title": TITLE, "provider": ANSI, "certificate": MARKUP, "notes": f"{CONTROLS}\n{BIDI}\n{ANSI}"}

# What must never reach a terminal: the sequences above, raw (UTF-8 bytes for C1 and bidi).
RAW = {
    b"\x1b[31mZQX": "an SGR colour change",
    b"\x1b]0;PWNTITLE": "an OSC title change",
    b"\x1b[2J": "a clear-screen",
    b"\xc2\x9bJ": "a C1 CSI",
    b"\xe2\x80\xae": "a bidi override",
    b"\x07bel": "a bell",
    b"\x08bel": "a backspace",
}
RAW_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def add_hostile(session: Session, **overrides) -> int:
    fields = {"credential": "cma-aama", "date": "2025-03-05", "points": "2", "area": "clinical", **FIELDS, **overrides}
    return session.add_activity(fields).id


@pytest.fixture
def hostile_db(tmp_path) -> Path:
    db = fresh_db(tmp_path / "data", None)
    with Session.open(db, TODAY, catalog=CATALOG) as session:
        session.add_credential("cma-aama", "2022-03-15", "12\x1b[2J34")
        add_hostile(session)
        add_hostile(session, title=BIDI, date="2025-03-04")
    return db


def stored(db: Path) -> list[dict]:
    with Store.open(db, write=False) as store:
        return [
            {"title": a.title, "provider": a.provider, "certificate": a.certificate, "notes": a.notes}
            for a in store.activities()
        ]


# --- stored intact -----------------------------------------------------------------------------


def test_cli_stores_hostile_text_exactly_and_json_gives_it_back(tmp_path):
    db = tmp_path / "recert.json"
    base = ["--db", str(db), "--today", TODAY_TEXT]
    assert run_cli([*base, "credential", "add", "cma-aama", "--earned", "2022-03-15"]).code == 0
    for text in (MARKUP, ANSI, CONTROLS, BIDI):
        run = run_cli(
            [
                *base,
                "activity",
                "add",
                "--credential",
                "cma-aama",
                "--title",
                text,
                "--date",
                "2025-03-05",
                "--points",
                "1",
                "--area",
                "general",
                "--provider",
                text,
                "--certificate",
                text,
                "--notes",
                text,
            ]
        )
        assert run.code == 0, run.err
        assert not RAW_CHARS.search(run.out), run.out  # the confirmation shows it escaped
    expected = [
        {"title": t.strip(), "provider": t.strip(), "certificate": t.strip(), "notes": t}
        for t in (MARKUP, ANSI, CONTROLS, BIDI)
    ]
    assert stored(db) == expected
    listing = run_cli([*base, "activity", "list", "--json"])
    assert [
        {k: row[k] for k in ("title", "provider", "certificate", "notes")}
        for row in sorted(json.loads(listing.out), key=lambda r: r["id"])
    ] == expected
    backup = run_cli([*base, "export", "json"])
    assert backup.code == 0 and json.loads(backup.out) == json.loads(db.read_bytes())


def test_csv_and_json_exports_round_trip_hostile_text_exactly(hostile_db, tmp_path):
    base = ["--db", str(hostile_db), "--today", TODAY_TEXT]
    for kind in ("csv", "json"):
        run = run_cli([*base, "export", kind, "-o", str(tmp_path / f"out.{kind}")])
        assert run.code == 0, run.err
    again = tmp_path / "again.json"
    assert (
        run_cli(["--db", str(again), "--today", TODAY_TEXT, "import", "json", str(tmp_path / "out.json"), "--yes"]).code
        == 0
    )
    assert stored(again) == stored(hostile_db)
    fresh = tmp_path / "fresh.json"
    assert (
        run_cli(
            ["--db", str(fresh), "--today", TODAY_TEXT, "credential", "add", "cma-aama", "--earned", "2022-03-15"]
        ).code
        == 0
    )
    run = run_cli(["--db", str(fresh), "--today", TODAY_TEXT, "import", "csv", str(tmp_path / "out.csv")])
    assert run.code == 0, run.out + run.err
    assert sorted(map(str, stored(fresh))) == sorted(map(str, stored(hostile_db)))
    with Store.open(fresh, write=False) as a, Store.open(hostile_db, write=False) as b:
        assert export_csv(a.activities()) == export_csv(b.activities())


def test_csv_import_of_its_own_export_is_exact_in_memory(hostile_db):
    with Session.open(hostile_db, TODAY, write=False, catalog=CATALOG) as session:
        text = export_csv(session.profile.activities)
        result = import_csv(text, session.activity_from)
    assert not result.rejected or all("already recorded" in reason for _, reason in result.rejected)
    with Session.open(hostile_db.with_name("other.json"), TODAY, catalog=CATALOG) as other:
        other.add_credential("cma-aama", "2022-03-15")
        result = import_csv(text, other.activity_from)
        assert result.ok, result.rejected
        originals = sorted(session.profile.activities, key=lambda a: (a.completed_on, a.id))
        assert [(a.title, a.provider, a.certificate, a.notes) for _, a in result.accepted] == [
            (a.title, a.provider, a.certificate, a.notes) for a in originals
        ]


# --- shown literally: CLI text and the worksheet ------------------------------------------------


def test_cli_text_shows_visible_escapes_and_never_raw_controls(hostile_db):
    base = ["--db", str(hostile_db), "--today", TODAY_TEXT]
    everything = ""
    for args in (
        ["activity", "list"],
        ["status"],
        ["credential", "list"],
        ["activity", "edit", "1", "--points", "3"],
        ["activity", "remove", "2"],
    ):
        run = run_cli([*base, *args])
        assert run.code == 0, run.err
        everything += run.out + run.err
    flat = " ".join(everything.split())
    assert "[red]x[/red] [b]bold [@click=app.quit]q[/]" in flat
    assert "\\x1b[31mZQX\\x1b[0m \\x1b]0;PWNTITLE\\x07 \\x1b[2J" in flat
    assert visible(CONTROLS) in flat and visible(CONTROLS).startswith("cr\\r")
    assert "abc\\u202eevil" in flat  # the removed activity's title
    assert "12\\x1b[2J34" in flat
    assert not RAW_CHARS.search(everything.replace("\n", ""))


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_worksheet_shows_visible_escapes(hostile_db, fmt):
    run = run_cli(["--db", str(hostile_db), "--today", TODAY_TEXT, "export", "worksheet", "--format", fmt])
    assert run.code == 0, run.err
    assert not RAW_CHARS.search(run.out.replace("\n", "")), "a raw control character in the worksheet"
    if fmt == "txt":
        assert "[red]x[/red] [b]bold [@click=app.quit]q[/] \\x1b[31mZQX" in run.out
        assert "abc\\u202eevil" in run.out
    else:  # Markdown-escaped, so a viewer shows it as typed
        assert "\\[red\\]x\\[/red\\] \\[b\\]bold \\[@click=app.quit\\]q\\[/\\]" in run.out
        assert "\\\\x1b\\[31mZQX" in run.out
        assert "abc\\\\u202eevil" in run.out


def test_calendar_export_carries_no_raw_control(hostile_db):
    run = run_cli(["--db", str(hostile_db), "--today", TODAY_TEXT, "export", "ics"])
    assert run.code == 0, run.err
    assert not RAW_CHARS.search(run.out.replace("\r\n", "").replace("\n", ""))


# --- shown literally: the terminal app (pilot) --------------------------------------------------


async def _activities(pilot, app) -> None:
    await pilot.press("2")
    await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen), what="the activities screen")


async def test_table_detail_and_delete_dialog_show_user_text_literally(hostile_db):
    session = Session.open(hostile_db, TODAY, catalog=CATALOG)
    app = RecertApp(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await _activities(pilot, app)
            table = app.screen.query_one(RowTable)
            cell = table.rows[0].texts[2].plain
            assert cell.startswith("[red]x[/red] [b]bold") and "\\x1b[31mZQX" in cell and "\x1b" not in cell
            text = screen_text(app)
            assert "[red]x[/red] [b]bold [@click=app.quit]q[/]" in " ".join(text.split())
            assert "\\x1b[31mZQX" in text  # the detail line, and the table cell
            for char in ("\x1b", "\x07", "\x08", "\r", "\x9b"):
                assert char not in text
            await pilot.press("d")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the delete question")
            text = screen_text(app)
            assert "[red]x[/red]" in text and "\\x1b[31mZQX" in text and "\x1b" not in text
            await pilot.press("n")
            assert app.is_running  # [@click=app.quit] did nothing
    finally:
        session.close()


async def test_bidi_override_is_shown_as_an_escape_in_the_app(hostile_db):
    session = Session.open(hostile_db, TODAY, catalog=CATALOG)
    app = RecertApp(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await _activities(pilot, app)
            await pilot.press("down")  # the second row: the activity titled with a bidi override
            await wait_for(pilot, lambda: "evil" in screen_text(app))
            text = screen_text(app)
            assert "\u202e" not in text and "abc\\u202eevil" in text
    finally:
        session.close()


async def test_edit_form_shows_user_text_literally(hostile_db):
    session = Session.open(hostile_db, TODAY, catalog=CATALOG)
    app = RecertApp(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await _activities(pilot, app)
            await pilot.press("e")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm), what="the edit form")
            await pilot.pause()
            text = screen_text(app)
            assert "[red]x[/red]" in text and "[@click=app.quit]q[/]" in text  # markup is literal already
            assert "\x1b" not in text and "\x9b" not in text, [line for line in text.splitlines() if "ZQX" in line]
            assert "\\x1b[31mZQX" in text
    finally:
        session.close()


async def test_saving_the_edit_form_unchanged_keeps_the_text_byte_for_byte(hostile_db):
    before = stored(hostile_db)
    session = Session.open(hostile_db, TODAY, catalog=CATALOG)
    app = RecertApp(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await _activities(pilot, app)
            await pilot.press("e")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm), what="the edit form")
            form = app.screen
            await wait_for(pilot, lambda: form.ready)
            assert form.query_one("#title", Input).value == visible(TITLE.strip())  # shown safely
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen), what="the save")
    finally:
        session.close()
    assert stored(hostile_db) == before


# --- the raw bytes a real terminal receives -----------------------------------------------------


@pytest.fixture(scope="module")
def app_bytes(tmp_path_factory) -> dict[str, bytes]:
    """Every byte the real `recert` wrote to an 80x24 pty: dashboard, activities, the edit form."""
    if not RECERT.exists():
        pytest.skip("needs the installed recert script")
    folder = tmp_path_factory.mktemp("pty")
    db = fresh_db(folder / "data", None)
    with Session.open(db, TODAY, catalog=CATALOG) as session:
        session.add_credential("cma-aama", "2022-03-15", "12\x1b]0;PWNTITLE\x0734")
        add_hostile(session)
        add_hostile(session, title=BIDI, date="2025-03-04")
    env = cli_env(folder / "rules")
    terminal = PtyTerminal([str(RECERT), "--db", str(db), "--today", TODAY_TEXT], env)
    phases = {}
    try:
        terminal.wait_for(b"Dashboard")
        terminal.pump(1.0)
        phases["dashboard"] = terminal.output
        terminal.send(b"2", settle=0.3)
        terminal.wait_for(b"Activities")
        terminal.wait_for(b"ZQX")
        terminal.send(b"\x1b[B", settle=1.0)  # down: the bidi row's detail line
        phases["activities"] = terminal.output[len(phases["dashboard"]) :]
        mark = len(terminal.output)
        terminal.send(b"\x1b[A", settle=0.3)
        terminal.send(b"e", settle=1.5)
        phases["form"] = terminal.output[mark:]
        terminal.send(b"\x07", settle=0.5)  # ctrl+g: cancel
        terminal.send(b"q", settle=0.2)
        terminal.wait_exit()
    finally:
        terminal.close()
    return phases


@needs_recert
@pytest.mark.parametrize("phase", ["dashboard", "activities"])
def test_no_escape_sequence_from_user_text_reaches_the_terminal(app_bytes, phase):
    raw = app_bytes[phase]
    assert raw, "the app wrote nothing"
    found = {what for needle, what in RAW.items() if needle in raw}
    assert not found, f"{phase}: {found}"
    if phase == "activities":
        assert b"\\x1b[31mZQX" in raw  # the visible form is what was drawn


@needs_recert
def test_no_bidi_override_reaches_the_terminal(app_bytes):
    assert b"\xe2\x80\xae" not in app_bytes["activities"]


@needs_recert
def test_no_escape_sequence_reaches_the_terminal_from_the_edit_form(app_bytes):
    raw = app_bytes["form"]
    assert b"ZQX" in raw, "the form was not drawn"
    found = {what for needle, what in RAW.items() if needle in raw}
    assert not found, found


@needs_recert
@pytest.mark.parametrize(
    "args",
    [
        ["activity", "list"],
        ["status"],
        ["credential", "list"],
        ["export", "csv"],
        ["export", "json"],
        ["export", "worksheet", "--format", "txt"],
    ],
)
def test_cli_on_a_terminal_never_writes_user_escapes(hostile_db, tmp_path, args):
    """On a terminal even the exact-text exports are shown with visible escapes."""
    terminal = PtyTerminal(
        [str(RECERT), "--db", str(hostile_db), "--today", TODAY_TEXT, *args], cli_env(tmp_path / "rules")
    )
    try:
        status = terminal.wait_exit(20)
    finally:
        terminal.close()
    raw = terminal.output
    assert status == 0, raw[-500:]
    found = {what for needle, what in RAW.items() if needle in raw}
    assert not found, found
    assert b"\x1b" not in raw and b"\x07" not in raw and b"\xc2\x9b" not in raw and b"\xe2\x80\xae" not in raw
