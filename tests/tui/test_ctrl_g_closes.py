"""ctrl+g closes every overlay, as Escape does (a lone Escape waits over SSH and in tmux):
the command palette and the theme picker (Textual's own), an open choice list, and every
dialog and form of ours."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Select

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activity_form import ActivityForm
from recert_tui.tui.screens.base import ModeScreen
from tests.helpers.screen import screen_text, wait_for

from .conftest import activity_fields


async def closes(app, pilot, opening: list[str], what: str) -> None:
    before = app.screen
    await pilot.press(*opening)
    await wait_for(pilot, lambda: app.screen is not before, what=f"{what} open")
    opened = app.screen
    await pilot.press("ctrl+g")
    await wait_for(pilot, lambda: app.screen is before, what=f"{what} closed by ctrl+g (still on {opened!r})")


OVERLAYS = [  # (the screen to start from, the keys that open it, what it is)
    ("1", ["ctrl+p"], "the command palette"),
    ("1", ["ctrl+p", *"exp"], "the command palette with a search typed"),
    ("1", ["t"], "the theme picker"),
    ("1", ["t", *"ansi"], "the theme picker with a search typed"),
    ("1", ["question_mark"], "help"),
    ("1", ["x"], "the export list"),
    ("1", ["x", "enter"], "the export dialog"),
    ("1", ["h"], "history"),
    ("1", ["c"], "the credential screen"),
    ("1", ["a"], "the activity form"),
    ("2", ["d"], "the delete question"),
    ("3", ["a"], "the exam form"),
    ("3", ["c"], "the attempt chooser"),
    ("4", ["l"], "the study form"),
]


@pytest.mark.parametrize("mode, opening, what", OVERLAYS, ids=[what for _, _, what in OVERLAYS])
async def test_ctrl_g_closes_it(held, mode, opening, what):
    held.add_activity(activity_fields())
    held.add_exam_attempt("cma-aama", "2024-01-10", "fail", "400")
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        if mode != "1":
            await pilot.press(mode)
            await wait_for(pilot, lambda: app.current_mode != "dashboard" and isinstance(app.screen, ModeScreen))
        await closes(app, pilot, opening, what)


async def test_ctrl_g_closes_an_open_choice_list_then_the_form(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
        form = app.screen
        await pilot.press("tab", "tab", "enter")  # Kind, its list open
        kind = form.query_one("#kind", Select)
        await wait_for(pilot, lambda: kind.expanded, what="the list open")
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: not kind.expanded, what="the list closed")
        assert app.screen is form  # only the list: the form stays, with what was typed
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: not isinstance(app.screen, ActivityForm), what="the form closed")


async def test_ctrl_g_in_the_palette_runs_nothing(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"quit")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette) and "Quit" in screen_text(app))
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
        assert app.is_running
