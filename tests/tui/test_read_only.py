"""A second session on the same file is read-only, says why, refuses writes, follows saves."""

from __future__ import annotations

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from tests.helpers.screen import screen_text, shows, wait_for

from .conftest import activity_fields, open_session


async def test_read_only_session_says_why_and_picks_up_saves(held, db_path, catalog):
    reader = open_session(db_path, catalog)  # the writer (held) has the lock
    try:
        assert reader.read_only
        app = RecertApp(reader)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: "READ-ONLY —" in screen_text(app), what="the read-only banner")
            await wait_for(pilot, lambda: shows(app, "this session is read-only"), what="the reason")
            await pilot.press("2")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
            await pilot.press("a")  # refused with the reason, no form
            await pilot.pause()
            assert isinstance(app.screen, ActivitiesScreen)
            assert any("read-only" in n.message.lower() for n in app._notifications)

            held.add_activity(activity_fields(title="Saved by the other session"))
            await wait_for(
                pilot,
                lambda: "Saved by the other" in screen_text(app),
                timeout=8,
                what="the read-only session to pick up the save",
            )
    finally:
        reader.close()


async def test_theme_is_not_saved_from_a_read_only_session(held, db_path, catalog):
    reader = open_session(db_path, catalog)
    try:
        app = RecertApp(reader)
        async with app.run_test(size=(80, 24)) as pilot:
            app.theme = "ansi-dark"
            await pilot.pause()
        assert held.store.get_setting("theme") is None
    finally:
        reader.close()
