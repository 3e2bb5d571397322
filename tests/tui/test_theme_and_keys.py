"""Theme remembered; help lists every key; keymap remapping; palette; leaving modals."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console
from textual.command import CommandPalette

from recert_tui.tui.actions import all_actions
from recert_tui.tui.app import RecertApp
from recert_tui.tui.commands import RecertCommands, commands
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.activity_form import ActivityForm
from recert_tui.tui.screens.help import HelpScreen
from tests.helpers.screen import screen_text, wait_for

from .conftest import activity_fields


async def test_theme_is_remembered(held, db_path, catalog):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "ansi-dark"  # the palette's theme picker sets this
        await wait_for(pilot, lambda: held.store.get_setting("theme") == "ansi-dark")
    again = RecertApp(held)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "ansi-dark"


async def test_t_opens_the_theme_picker(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"ansi-light")
        await wait_for(pilot, lambda: "ansi-light" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: held.store.get_setting("theme") == "ansi-light")


async def test_help_lists_every_action_with_its_id(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
            shown = rendered(app.screen.table())
            for each in all_actions():
                assert each.id in shown, each.id
            await pilot.press("q")
            await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))


def rendered(renderable) -> str:
    console = Console(width=80, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


async def test_keymap_file_remaps_a_key(held):
    Path(os.environ["RECERT_KEYMAP"]).write_text('activity.add = "insert"\n')
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
        await pilot.press("insert")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
        await pilot.press("ctrl+g")  # every modal closes without Escape
        await wait_for(pilot, lambda: not isinstance(app.screen, ActivityForm))


REMAPPED = """\
credential.save = "f2"
credential.leave = "f3"
credential.add = "k"
form.save = "f4"
dialog.cancel = "f5"
activity.undo = "z"
confirm.no = "x"
mode.activities = "f6"
"""


async def test_texts_that_name_a_key_name_the_one_the_keymap_gives(session):
    Path(os.environ["RECERT_KEYMAP"]).write_text(REMAPPED)
    app = RecertApp(session)  # no credentials yet: the first-run screen
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "Press f2 to add it;" in screen_text(app), what="the welcome's keys")
        assert "f2 to add it; f3 when done" in screen_text(app)
        assert "ctrl+s" not in screen_text(app) and "ctrl+g" not in screen_text(app)  # the remapped ones
        await pilot.press("f3")
        await wait_for(pilot, lambda: "Press k to add the credential you hold" in " ".join(screen_text(app).split()))
        assert "f6 Activities" in screen_text(app).splitlines()[0]  # the top bar, composed before the app mounts
        await pilot.press("k", "enter", *"2024-03-15", "f2", "f3")
        await wait_for(pilot, lambda: "Total" in screen_text(app), what="the new card")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
        await wait_for(pilot, lambda: "f4 save · f5 cancel" in screen_text(app), what="the form's keys")
        await pilot.press(*"Infection control", "tab", "tab", "tab", "2", "tab", "enter", "down", "enter", "f4")
        await wait_for(pilot, lambda: not isinstance(app.screen, ActivityForm), what="the saved form")
        await pilot.press("f6", "d")  # the activities, as remapped
        await wait_for(pilot, lambda: "Press z afterwards" in screen_text(app), what="the delete question")
        assert "y: yes, delete it    x or f5: no" in screen_text(app)


async def test_a_broken_keymap_is_reported_not_fatal(held):
    Path(os.environ["RECERT_KEYMAP"]).write_text("this is = not toml [\n")
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any("keymap" in n.message for n in app._notifications))


async def test_palette_lists_every_action_with_help(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        provider = RecertCommands(app.screen)
        hits = [hit async for hit in provider.discover()]
        assert len(hits) == len(commands()) and all(hit.help for hit in hits)
        await pilot.press("ctrl+p", *"add activity")
        await wait_for(pilot, lambda: "Record a CE course" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))


async def test_mouse_is_off_by_default():
    import inspect

    from recert_tui.tui.app import run_app

    assert inspect.signature(run_app).parameters["mouse"].default is False


async def test_every_palette_command_runs(held):
    """Each palette entry's action exists and opens what its name says; none raises."""
    held.add_activity(activity_fields())
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        for name, _help, action in commands():
            if action == "quit":
                continue
            await app.run_action(action)
            await pilot.pause()
            assert app._exception is None, name
            if name.startswith(("Add", "Edit", "Record", "Log", "Export", "Delete")):
                await wait_for(pilot, lambda: len(app.screen_stack) > 1, what=f"{name} to open its screen")
            while len(app.screen_stack) > 1:
                app.screen.dismiss(None)
                await pilot.pause()
