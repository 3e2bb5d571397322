"""The dashboard after a change: logging an activity from it, and screens that catch up.

A change re-renders only the screen that is showing; the others catch up when shown, and a
key typed together with the one that made the change is not held up by hidden screens.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.command import CommandPalette

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.activity_form import ActivityForm
from recert_tui.tui.screens.dashboard import DashboardScreen
from recert_tui.tui.screens.dialogs import ConfirmScreen
from recert_tui.tui.widgets.keybar import KeyBar
from recert_tui.tui.widgets.row_table import RowTable
from tests.helpers.screen import screen_text, shows, wait_for

from .conftest import activity_fields


async def log_from_dashboard(pilot, title: str, split: str) -> None:
    """`a` on the dashboard, the title, then Tab by Tab to the split field, then ctrl+s."""
    app = pilot.app
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm), what="the activity form")
    await pilot.press(*title)
    for _ in range(5):  # date (today) -> kind -> points -> area -> split
        await pilot.press("tab")
    await wait_for(
        pilot, lambda: app.screen.focused is not None and app.screen.focused.id == "split", what="the split field"
    )
    await pilot.press(*split, "ctrl+s")


async def test_a_on_the_dashboard_logs_an_activity_and_comes_back_with_the_new_figures(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: shows(app, "0 of 60"), what="the empty total")
        assert "a Add activity" in screen_text(app)  # the key is in the key bar
        await log_from_dashboard(pilot, "Infection control", "clinical=2")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), what="the dashboard again")
        await wait_for(pilot, lambda: shows(app, "2 of 60"), what="the new total")
        saved = held.profile.activities[0]
        assert (saved.title, saved.points) == ("Infection control", {"clinical": 2.0})
        assert any(n.message == "Saved." for n in app._notifications)


async def test_cancelling_the_form_changes_nothing(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
        await pilot.press(*"Not kept", "ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert not held.profile.activities
        assert shows(app, "0 of 60")


async def test_a_hidden_list_catches_up_when_shown(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
        activities = app.screen
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await log_from_dashboard(pilot, "Wound care", "general=1.5")
        await wait_for(pilot, lambda: shows(app, "1.5 of 60"), what="the new total")
        # The list was hidden: it has not been rebuilt yet...
        assert activities._seen_version != app.data_version
        assert activities.query_one(RowTable).row_count == 0
        # ...and shows the activity as soon as it is shown.
        await pilot.press("2")
        await wait_for(pilot, lambda: app.screen is activities)
        assert activities.query_one(RowTable).row_count == 1
        assert "Wound care" in screen_text(app)


async def test_delete_and_1_typed_together_show_the_new_figures(held):
    held.add_activity(activity_fields(title="Kept", points="3"))
    held.add_activity(activity_fields(title="Dropped", points="2", date="2025-06-01"))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
        activities = app.screen
        await pilot.press("d")  # the newest ("Dropped") is highlighted first
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Dropped" in screen_text(app)
        await pilot.press("y", "1")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), what="the dashboard")
        await wait_for(pilot, lambda: shows(app, "3 of 60"), what="the total without the deleted activity")
        assert [a.title for a in held.profile.activities] == ["Kept"]
        await pilot.press("u")  # the message said "Press u to undo"; it works here too
        await wait_for(pilot, lambda: shows(app, "5 of 60"), what="the total with it restored")
        assert sorted(a.title for a in held.profile.activities) == ["Dropped", "Kept"]
        held.remove_activity(next(a.id for a in held.profile.activities if a.title == "Dropped"))
        app.data_changed()
        await wait_for(pilot, lambda: shows(app, "3 of 60"), what="the total without it again")
        await pilot.press("2")
        await wait_for(pilot, lambda: app.screen is activities)
        await wait_for(pilot, lambda: activities.query_one(RowTable).row_count == 1, what="the list without it")
        assert "Dropped" not in screen_text(app)


async def test_a_screen_shown_again_has_the_new_figures_at_once(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
        held.add_activity(activity_fields(points="4"))  # as a form would, then say so
        app.data_changed()
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert shows(app, "4 of 60")


async def test_the_dashboard_scrolls_with_keys(session):
    from .conftest import build_sample

    app = RecertApp(build_sample(session))
    async with app.run_test(size=(80, 24)) as pilot:
        cards = app.screen.query_one("#cards")
        await wait_for(pilot, lambda: cards.max_scroll_y > 0, what="cards taller than the screen")
        assert app.screen.focused is None  # nothing to focus: the keys belong to the screen
        await pilot.press("end")
        await wait_for(pilot, lambda: cards.scroll_y == cards.max_scroll_y, what="scrolled to the end")
        await pilot.press("home")
        await wait_for(pilot, lambda: cards.scroll_y == 0, what="scrolled to the top")


async def test_the_add_key_follows_the_keymap_on_the_dashboard_too(held):
    Path(os.environ["RECERT_KEYMAP"]).write_text('activity.add = "insert"\n')
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "insert Add activity" in screen_text(app), what="the remapped key in the key bar")
        await pilot.press("insert")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))


async def test_the_key_bar_lists_the_keys_that_work_here(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one(KeyBar)
        await wait_for(pilot, lambda: "c Add credential" in screen_text(app))
        assert "ctrl+p palette" in screen_text(app)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
        await wait_for(pilot, lambda: "ctrl+s Save" in screen_text(app), what="the form's keys")
        assert bar.screen is not app.screen  # each screen has its own bar


async def test_a_click_on_the_key_bar_presses_that_key(held):
    """With --mouse: a click anywhere on a key or its words presses it, the palette's too."""
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "c Add credential" in screen_text(app))
        line = screen_text(app).splitlines()[-1]
        await pilot.click(KeyBar, offset=(line.index("Add activity") + 5, 0))  # on the words
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm), what="the form from a click")
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.click(KeyBar, offset=(line.index("ctrl+p"), 0))  # the palette, at the right
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette from a click")


async def test_the_collector_runs_when_quiet_and_never_freezes_a_dialog(held, monkeypatch):
    """run_app's app collects at quiet moments; dialogs are never frozen (they would leak)."""
    import gc

    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    monkeypatch.setattr(gc, "collect", lambda *args: 0)
    app = RecertApp(held, manage_gc=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: frozen, what="the built dashboard frozen")
        monkeypatch.setattr(RecertApp, "COLLECT_AFTER", 0)
        app._last_key_at = 0.0  # quiet for a long time
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
        app._last_key_at = 0.0
        before = len(frozen)
        app._collect_when_quiet()
        assert len(frozen) == before  # a dialog is up: collected, not frozen
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        app._last_key_at = 0.0
        app._collect_when_quiet()
        assert len(frozen) == before + 1
