"""Start-up work kept off the first frame: the saved theme, the style sheets read later."""

from __future__ import annotations

from pathlib import Path

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.dashboard import DashboardScreen
from recert_tui.tui.screens.help import HelpScreen
from tests.helpers.screen import wait_for


async def test_a_saved_theme_is_in_place_before_anything_is_styled(held):
    held.set_setting("theme", "nord")
    app = RecertApp(held)
    nord = app.get_theme("nord")
    assert app.theme == "nord" and "-theme-nord" in app.classes and "-dark-mode" in app.classes
    assert app.theme_variables["background"] == nord.background  # what the style sheets will be read with
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert app.screen.styles.background.hex.lower() == nord.background.lower()


async def test_the_later_style_sheets_are_read_once_the_dashboard_shows(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app._later_css_read)
        read = {Path(path).name for path, _ in app.stylesheet.source}
        assert {Path(name).name for name in (*app.CSS_PATH, *app.LATER_CSS)} <= read


async def test_a_screen_shown_before_the_later_style_sheets_is_styled_by_them(held, monkeypatch):
    mount = RecertApp.on_mount

    def help_at_once(app: RecertApp) -> None:  # a dialog before the first frame, as keys typed ahead can
        mount(app)
        assert not app._later_css_read
        app.action_help()

    monkeypatch.setattr(RecertApp, "on_mount", help_at_once)
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        body = app.screen.query_one("#help-body")
        assert body.styles.border_top[0] == "round"  # from screens/help.tcss, a later sheet


async def test_the_dashboard_is_laid_out_only_once_the_start_up_hold_is_over(held, monkeypatch):
    """Laid out while Textual holds drawing back at start, the dashboard was laid out twice
    and drawn once for nothing before its first frame (textual_compat.start_like_the_default_screen)."""
    from textual.screen import Screen

    held_back_at_layout: list[int] = []
    layout = Screen._refresh_layout

    def recording_layout(screen, *args, **kwargs):
        if isinstance(screen, DashboardScreen):
            held_back_at_layout.append(screen.app._batch_count)
        return layout(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", recording_layout)
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#card-cma-aama"))
        assert isinstance(app.screen, DashboardScreen)
    assert held_back_at_layout, "the dashboard was never laid out"
    assert held_back_at_layout == [0] * len(held_back_at_layout)


async def test_the_other_screens_still_start_and_come_back(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: app.current_mode == "activities" and app.screen.is_current)
        await pilot.press("1")
        await wait_for(pilot, lambda: app.current_mode == "dashboard")
        assert app.screen is app.mode_screens["dashboard"] and app.screen.query("#card-cma-aama")
