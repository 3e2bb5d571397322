"""The holder's name in the app: asked on the first run, changed with `n` (or the palette's
"Your name"), checked as `recert profile --name` checks it, never saved from a read-only session."""

from __future__ import annotations

from textual.widgets import Input

from recert_tui.session import MAX_HOLDER_NAME
from recert_tui.tui.app import RecertApp
from recert_tui.tui.commands import RecertCommands
from recert_tui.tui.screens.first_run import CredentialScreen, NameDialog
from tests.helpers.screen import screen_text, shows, wait_for

from .conftest import open_session


async def first_run(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen) and "Welcome" in screen_text(app))


async def test_the_first_run_asks_for_the_name_and_keeps_it(session):
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_run(pilot)
        await pilot.press("tab", "tab", "tab", *"Maria  Lopez", "enter")
        await wait_for(pilot, lambda: session.holder_name == "Maria Lopez", what="the name to be saved")
        await wait_for(pilot, lambda: shows(app, "Your name: Maria Lopez."))
        assert app.screen.query_one("#holder", Input).value == "Maria Lopez"  # as kept: one space
        await pilot.press("enter", *"3/15/2022", "ctrl+s")  # a credential after it, as before
        await wait_for(pilot, lambda: session.held_codes == {"cma-aama"})
        await wait_for(pilot, lambda: shows(app, "Added: CMA (AAMA), earned 15 Mar 2022. Your name: Maria Lopez."))


async def test_ctrl_s_in_the_name_box_adds_the_credential_above_it_too(session):
    """Steps 1 and 2, then Tab to the name and ctrl+s: the credential is added with the name,
    not dropped for it (ctrl+s in an empty form's name box keeps the name alone, above)."""
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_run(pilot)
        await pilot.press("enter", *"3/15/2022", "tab", "tab", *"Ana Diaz", "ctrl+s")
        await wait_for(pilot, lambda: session.held_codes == {"cma-aama"}, what="the credential added")
        assert session.holder_name == "Ana Diaz"
        await wait_for(pilot, lambda: shows(app, "Added: CMA (AAMA), earned 15 Mar 2022. Your name: Ana Diaz."))


async def test_a_name_typed_then_leaving_saves_it(session):
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_run(pilot)
        await pilot.press("tab", "tab", "tab", *"Olu", "ctrl+g")
        await wait_for(pilot, lambda: not isinstance(app.screen, CredentialScreen), what="the dashboard")
        assert session.holder_name == "Olu"


async def test_a_refused_name_keeps_the_first_run_open_and_saves_nothing(session):
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_run(pilot)
        await pilot.press("tab", "tab", "tab")
        box = app.focused
        assert isinstance(box, Input)
        box.value = "x" * MAX_HOLDER_NAME  # typed at once; the key that goes one over is pressed
        await pilot.press("x", "ctrl+g")
        await wait_for(pilot, lambda: shows(app, f"✗ Your name: that is {MAX_HOLDER_NAME + 1} characters"))
        assert isinstance(app.screen, CredentialScreen)
        assert session.store.get_setting("holder_name") is None
        await pilot.press("ctrl+u", "ctrl+g")  # cleared: leaving works, and nothing is saved
        await wait_for(pilot, lambda: not isinstance(app.screen, CredentialScreen))
        assert session.store.get_setting("holder_name") is None


async def test_n_changes_the_name_and_escape_leaves_it(held):
    held.set_holder_name("Maria Lopez")
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NameDialog), what="the name dialog")
        box = app.screen.query_one("#name", Input)
        assert box.value == "Maria Lopez"  # the name as it is
        await pilot.press("ctrl+u", *"Maria J. Lopez", "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, NameDialog))
        assert held.holder_name == "Maria J. Lopez"
        await wait_for(pilot, lambda: any("Your name is now Maria J. Lopez." in n.message for n in app._notifications))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NameDialog))
        await pilot.press(*" Jr", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, NameDialog))
        assert held.holder_name == "Maria J. Lopez"  # cancelled: unchanged


async def test_the_dialog_shows_why_a_name_is_refused_and_keeps_it(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NameDialog))
        app.screen.query_one("#name", Input).value = "y" * MAX_HOLDER_NAME  # typed at once
        await pilot.press("end", "y", "enter")
        await wait_for(pilot, lambda: shows(app, "Not saved: fix the fields marked ✗"))
        assert isinstance(app.screen, NameDialog)
        assert app.screen.query_one("#name", Input).value == "y" * (MAX_HOLDER_NAME + 1)
        assert held.holder_name == ""
        await pilot.press("ctrl+u", "enter")  # an empty box: no name (and none was set)
        await wait_for(pilot, lambda: not isinstance(app.screen, NameDialog))
        assert held.store.get_setting("holder_name") is None


async def test_the_palette_offers_it_and_a_read_only_session_does_not(held, db_path, catalog):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)):
        names = [hit.text async for hit in RecertCommands(app.screen).discover()]
        assert "Your name" in names
    reader = open_session(db_path, catalog, write=False)
    try:
        app = RecertApp(reader)
        async with app.run_test(size=(80, 24)) as pilot:
            names = [hit.text async for hit in RecertCommands(app.screen).discover()]
            assert "Your name" not in names
            await pilot.press("n")
            await pilot.pause()
            assert not isinstance(app.screen, NameDialog)
    finally:
        reader.close()
