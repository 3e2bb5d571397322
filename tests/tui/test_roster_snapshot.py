"""The Roster at 80x24, with today fixed at 2026-11-23: as it opens, and filtered without colour.

Regenerate with `pytest tests/tui/test_roster_snapshot.py --snapshot-update` and look at each one.
"""

from __future__ import annotations

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.roster import RosterScreen
from tests.helpers.roster_people import clinic, reading_of
from tests.helpers.screen import wait_for

from .conftest import open_session

SIZE = (80, 24)


async def every_file_read(pilot) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, RosterScreen)
    await wait_for(pilot, lambda: screen.loaded, what="every file read")
    await pilot.pause()


def roster_app(tmp_path, catalog, monkeypatch) -> RecertApp:
    """The clinic's roster, its paths relative (the detail line shows one: the same every run)."""
    clinic(tmp_path / "clinic")
    monkeypatch.chdir(tmp_path)
    own = open_session(tmp_path / "own.json", catalog, write=False)
    return RecertApp(own, roster=reading_of(own, ["clinic"]))


def test_roster(snap_compare, tmp_path, catalog, monkeypatch):
    assert snap_compare(roster_app(tmp_path, catalog, monkeypatch), terminal_size=SIZE, run_before=every_file_read)


def test_roster_filtered_without_colour(snap_compare, tmp_path, catalog, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def filtered(pilot) -> None:
        await every_file_read(pilot)
        await pilot.press(*"cma due", "down")
        await pilot.pause()

    assert snap_compare(roster_app(tmp_path, catalog, monkeypatch), terminal_size=SIZE, run_before=filtered)
