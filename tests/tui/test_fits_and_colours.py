"""At 80x24 nothing is cut without saying so, and status reads the same in every theme:
due soon and grace in the warning colour (a yellow), lapsed in the error colour (a red),
also where the terminal has only 16 colours. The words are always there too."""

from __future__ import annotations

import re

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual import constants
from textual.color import Color

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.first_run import CredentialScreen
from tests.helpers.screen import screen_text, wait_for

from .conftest import activity_fields

ANSI_YELLOWS = {"ansi_yellow", "ansi_bright_yellow"}
ANSI_REDS = {"ansi_red", "ansi_bright_red"}
STANDARD_YELLOWS = {3, 11}  # yellow, bright yellow in the 16-colour palette
STANDARD_REDS = {1, 9}


async def test_the_first_run_description_is_never_drawn_cut(session, monkeypatch):
    """The line under the list (what the highlighted credential is) has two lines at 80
    columns; no frame may show its first line without its second."""
    frames: list[str] = []
    original = RecertApp._display

    def display(app, screen, renderable):
        if renderable is not None and isinstance(screen, CredentialScreen):
            frames.append(screen_text(app))
        return original(app, screen, renderable)

    monkeypatch.setattr(RecertApp, "_display", display)
    app = RecertApp(session)  # no credentials: the first-run screen
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any("Medical Assistants." in frame for frame in frames), what="the description")
    drawn = [frame for frame in frames if "American Association of" in frame]
    assert drawn and all("Medical Assistants." in frame for frame in drawn), next(
        frame for frame in drawn if "Medical Assistants." not in frame
    )


async def test_cut_table_cells_end_in_an_ellipsis(held):
    held.add_activity(activity_fields(title="Phlebotomy Techniques Workshop", provider="AAMA e-Learning Center"))
    held.add_activity(activity_fields(title="CPR", provider="AHA", date="2025-03-06"))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen) and "Phlebotomy" in screen_text(app))
        row = next(line for line in screen_text(app).splitlines() if "Phlebotomy" in line)
        assert re.search(r"Phlebotomy Te\w*… ", row), row  # the title column, cut where the column ends
        assert re.search(r"AAMA e-\w*… ", row), row  # the provider column
        short = next(line for line in screen_text(app).splitlines() if " CPR " in line)
        assert "…" not in short, short  # nothing cut, nothing added


def hue(color: Color) -> float:
    return color.hsl[0] * 360


@pytest.mark.parametrize("depth", ["truecolor", "256", "standard"])
def test_warning_is_a_yellow_and_error_a_red_in_every_theme(session, monkeypatch, depth):
    monkeypatch.setattr(constants, "COLOR_SYSTEM", depth)
    app = RecertApp(session)
    assert app.console.color_system == depth
    for name in app.available_themes:
        theme = app.get_theme(name)  # as the app uses it
        if theme.ansi:
            assert theme.warning in ANSI_YELLOWS and theme.error in ANSI_REDS, (name, theme.warning, theme.error)
            continue
        warning, error = Color.parse(theme.warning), Color.parse(theme.error)
        assert 30 <= hue(warning) <= 65, (name, theme.warning)  # orange-yellow to yellow
        assert hue(error) >= 330 or hue(error) <= 15, (name, theme.error)
        if depth == "standard":  # what a 16-colour terminal is sent: its own yellow and red
            assert RichColor.parse(warning.hex).downgrade(ColorSystem.STANDARD).number in STANDARD_YELLOWS, (
                name,
                theme.warning,
            )
            assert RichColor.parse(error.hex).downgrade(ColorSystem.STANDARD).number in STANDARD_REDS, (
                name,
                theme.error,
            )


async def test_an_ansi_light_dashboard_shows_due_soon_yellow_and_lapsed_red(session):
    session.add_credential("cma-aama", "2022-03-15", "CMA-1")  # due soon on 23 Nov 2026
    session.add_credential("ccma-nha", "2020-01-10", "CCMA-1")  # long lapsed
    session.set_setting("theme", "ansi-light")
    app = RecertApp(session)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for(pilot, lambda: "LAPSED" in screen_text(app) and "DUE SOON" in screen_text(app))
        styles = {}
        for strip in app.screen._compositor.render_strips():
            for segment in strip:
                for word in ("DUE SOON", "LAPSED"):
                    if word in segment.text:
                        styles[word] = segment.style
        # The badge is reversed: its colour is the foreground's (the terminal's own palette numbers).
        colours = {
            word: {colour.number for colour in (style.color, style.bgcolor) if colour is not None}
            for word, style in styles.items()
        }
        assert colours["DUE SOON"] & STANDARD_YELLOWS and not colours["DUE SOON"] & STANDARD_REDS, colours
        assert colours["LAPSED"] & STANDARD_REDS, colours
