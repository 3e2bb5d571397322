"""A read-only session (`--read-only`, or a second session on the same file) offers no key
that would change the file: none in the key bar, none in the palette."""

from __future__ import annotations

import pytest

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.first_run import CredentialScreen
from tests.helpers.screen import screen_text, wait_for

from .conftest import activity_fields, add_study, open_session

# What each screen's key bar must not offer read-only (and does offer to the writer).
EDITING = {
    "1": ("Add activity", "Add credential"),
    "2": ("Add", "Edit", "Delete"),
    "3": ("Record attempt", "Re-enrollment", "Correct"),
    "4": ("Review", "Mock exam", "Drill", "Log", "Score"),
}


def key_bar(app) -> str:
    return screen_text(app).splitlines()[-1]


def offers(bar: str, description: str) -> bool:
    """Whether the key bar has an entry `KEY description` (whole words)."""
    return f" {description} " in f" {bar} " or bar.endswith(f" {description}")


@pytest.fixture
def profile(held):
    held.add_activity(activity_fields())
    held.add_exam_attempt("cma-aama", "2024-01-10", "fail", "400")
    add_study(held)
    return held


@pytest.mark.parametrize("how", ["--read-only", "second session"])
async def test_read_only_key_bars_offer_no_editing_key(profile, db_path, catalog, how):
    reader = open_session(db_path, catalog, write=how != "--read-only")
    try:
        assert reader.read_only
        app = RecertApp(reader)
        async with app.run_test(size=(80, 24)) as pilot:
            for key, descriptions in EDITING.items():
                await pilot.press(key)
                await wait_for(pilot, lambda: app.screen.is_current and app.current_mode and key_bar(app).strip())
                await pilot.pause()
                bar = key_bar(app)
                assert not [d for d in descriptions if offers(bar, d)], (key, bar)
                assert "Help" in bar and "Quit" in bar  # the bar itself is there
            app.push_screen(CredentialScreen(reader, first_run=False))
            await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen) and app.screen.query("#earned"))
            await pilot.pause()
            bar = key_bar(app)
            assert not offers(bar, "Add credential") and "Recertified" not in bar, bar
            assert "Done / skip" in bar
    finally:
        reader.close()


async def test_the_writer_still_sees_every_editing_key(profile):
    app = RecertApp(profile)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, descriptions in EDITING.items():
            await pilot.press(key)
            await wait_for(
                pilot,
                lambda descriptions=descriptions: all(offers(key_bar(app), d) for d in descriptions),
                what=f"screen {key}'s keys",
            )


async def test_read_only_palette_offers_no_editing_command(profile, db_path, catalog):
    reader = open_session(db_path, catalog)
    try:
        app = RecertApp(reader)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+p", *"record")
            await wait_for(pilot, lambda: "Search for commands" in screen_text(app) or "record" in screen_text(app))
            await pilot.pause(0.3)
            shown = screen_text(app)
            assert "Record exam attempt" not in shown and "Record practice test" not in shown, shown
            await pilot.press("ctrl+a", "backspace", *"export")
            await wait_for(pilot, lambda: "Export the worksheet" in screen_text(app) or "Export" in screen_text(app))
    finally:
        reader.close()
