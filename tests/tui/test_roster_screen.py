"""The Roster screen (`recert --roster PATH...`) through Textual's pilot: most urgent first,
filtered by typing, Enter for a person's dashboard and Escape back, read only throughout."""

from __future__ import annotations

from pathlib import Path

import pytest

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.roster import FilterBox, PersonScreen, RosterScreen, RosterTable
from recert_tui.tui.widgets.card import CredentialCard
from tests.helpers.roster_people import clinic, listing, person_file, reading_of
from tests.helpers.screen import screen_text, shows, wait_for

from .conftest import open_session


@pytest.fixture
def folder(tmp_path) -> Path:
    return clinic(tmp_path / "clinic")


@pytest.fixture
def own(tmp_path, catalog):
    """The user's own database, opened read-only as `recert --roster` opens it (no file: none made)."""
    session = open_session(tmp_path / "own" / "recert.json", catalog, write=False)
    yield session
    session.close()


async def loaded(pilot) -> RosterScreen:
    screen = pilot.app.screen
    assert isinstance(screen, RosterScreen)
    await wait_for(pilot, lambda: screen.loaded, what="every file read")
    await pilot.pause()
    return screen


def shown_people(screen: RosterScreen) -> list[str]:
    return [line.row.person for line in screen.query_one(RosterTable).rows]


async def test_it_opens_on_the_roster_most_urgent_first(own, folder):
    app = RecertApp(own, roster=reading_of(own, [str(folder)]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert shown_people(screen)[:3] == ["Lena Lapsed", "Rex Reenroll", "Sam Soon"]
        await wait_for(pilot, lambda: "6 rows · 6 people · 2 lapsed/re-enroll · 1 to act on" in screen_text(app))
        text = screen_text(app)
        assert "LAPSED" in text and "2/3 last" in text and "READ-ONLY" in text
        assert shows(app, "Lena Lapsed · CMA (AAMA) ·")  # the highlighted row in full, under the table
        assert isinstance(app.focused, FilterBox)  # typing filters at once


async def test_typing_filters_escape_clears(own, folder):
    app = RecertApp(own, roster=reading_of(own, [str(folder)]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "esc Clear" not in screen_text(app)  # nothing to clear yet
        await pilot.press(*"student")
        await wait_for(pilot, lambda: shown_people(screen) == ["Rex Reenroll", "Gina Graduate"])
        await wait_for(pilot, lambda: "2 of 6 rows" in screen_text(app) and "esc Clear" in screen_text(app))
        await pilot.press("escape", *"student graduate")  # several words: each must match
        await wait_for(pilot, lambda: shown_people(screen) == ["Gina Graduate"])
        await pilot.press(*"xyz")
        await wait_for(pilot, lambda: shown_people(screen) == [])
        await wait_for(pilot, lambda: shows(app, "No row matches the filter."))
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(shown_people(screen)) == 6)
        assert screen.query_one(FilterBox).value == ""


async def test_enter_shows_the_persons_dashboard_and_escape_returns(own, folder):
    app = RecertApp(own, roster=reading_of(own, [str(folder)]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press(*"cora", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), what="the person's dashboard")
        person = app.screen
        assert person.person.name == "Cora Current"
        (card,) = person.query(CredentialCard)
        assert "CMA (AAMA)" in card.render().plain and "CURRENT" in card.render().plain
        await wait_for(
            pilot, lambda: "read only" in screen_text(app) and "Cora Current" in screen_text(app).splitlines()[0]
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.query_one(FilterBox).value == "cora"  # the filter is kept
        # Clearing the filter keeps Cora highlighted; Down from the filter moves the list.
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(shown_people(screen)) == 6)
        assert screen.selected.person == "Cora Current"
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert app.screen.person.name == "Gina Graduate"
        await wait_for(pilot, lambda: shows(app, "One attempt left"))
        await pilot.press("q")
        await wait_for(pilot, lambda: app.screen is screen)


async def test_the_list_can_have_focus_and_enter_still_opens(own, folder):
    app = RecertApp(own, roster=reading_of(own, [str(folder)]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("tab")
        await wait_for(pilot, lambda: isinstance(app.focused, RosterTable))
        await wait_for(pilot, lambda: "/ Filter" in screen_text(app) and "ctrl+q Quit" not in screen_text(app))
        await pilot.press("end", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert app.screen.person.name == "Gina Graduate"
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("slash", *"lena")
        await wait_for(pilot, lambda: shown_people(screen) == ["Lena Lapsed"])


async def test_no_key_reaches_a_personal_database(own, folder):
    app = RecertApp(own, roster=reading_of(own, [str(folder)]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("tab")  # on the list, letters are keys, not text
        for key in ("1", "2", "3", "4", "c", "x", "h", "n", "a"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
        assert app.current_mode == "dashboard" and not app.mode_screens  # no personal screen was built
        from recert_tui.tui.commands import RecertCommands

        assert RecertCommands not in app.COMMANDS  # the palette offers none of them either


async def test_an_unreadable_file_is_said_and_the_rest_shown(own, folder, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    app = RecertApp(own, roster=reading_of(own, [str(folder), str(bad)]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert len(shown_people(screen)) == 6
        await wait_for(pilot, lambda: "1 path not read" in screen_text(app))
        await wait_for(pilot, lambda: any("bad.json is not valid JSON" in n.message for n in app._notifications))


async def test_nothing_read_says_so(own, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("")
    app = RecertApp(own, roster=reading_of(own, [str(bad)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: shows(app, "No one to show: none of the files could be read."))


async def test_names_and_file_text_are_shown_literally(own, tmp_path):
    person_file(tmp_path, "x.json", name="[b]Bold[/b] \\[x]", credentials=[("cma-aama", "2022-03-15")])
    app = RecertApp(own, roster=reading_of(own, [str(tmp_path)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: "[b]Bold[/b] \\[x]" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        await wait_for(pilot, lambda: "[b]Bold[/b] \\[x]" in screen_text(app).splitlines()[0])


async def test_a_file_gone_before_enter_is_said_not_opened(own, tmp_path):
    gone = person_file(tmp_path, "gone.json", name="Gone Soon", credentials=[("cma-aama", "2022-03-15")])
    app = RecertApp(own, roster=reading_of(own, [str(tmp_path)]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        gone.unlink()
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("gone.json cannot be read" in n.message for n in app._notifications))
        assert app.screen is screen


async def test_the_roster_app_writes_nothing(own, folder, tmp_path):
    live = person_file(
        folder, "live.json", name="Live One", credentials=[("cma-aama", "2022-03-15")], roster_export=False
    )
    before = listing(tmp_path)
    app = RecertApp(own, roster=reading_of(own, [str(folder), str(live)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*"live", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        app.theme = "ansi-dark"  # a read-only session does not remember it
        await pilot.press("escape")
        await pilot.pause()
    assert listing(tmp_path) == before  # no lock, no temp file, and the own database never made


def test_the_roster_help_lists_only_the_keys_it_has():
    from recert_tui.tui import actions

    groups = dict(actions.help_groups(roster=True))
    assert list(groups) == ["Everywhere", "Roster", "A person on the roster", "Help", "Command palette"]
    ids = {row.id for rows in groups.values() for row in rows if isinstance(row, actions.Action)}
    assert not any(each.startswith("mode.") for each in ids)  # no screen of a personal database
    assert {"roster.open", "roster.clear", "roster.quit", "person.back", "quit"} <= ids
