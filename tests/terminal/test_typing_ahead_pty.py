"""Keys typed in one burst (as they arrive over SSH) land where they would land typed slowly:
the real `recert` in a real 80x24 pseudo-terminal, read back from what the screen shows."""

from __future__ import annotations

import re

import pytest

from tests.helpers.rules import RECERT, TODAY
from tests.helpers.terminals import needs_recert
from tests.perf.ptyrun import PtySession

from .conftest import recert_env, seeded_db

pytestmark = needs_recert


@pytest.fixture
def app(tmp_path):
    """The app on a CMA (AAMA) with three activities, its dashboard on screen."""
    db = seeded_db(tmp_path, "Flu vaccine update", "Coding basics", "Ethics review")
    argv = [str(RECERT), "--db", str(db), "--today", TODAY.isoformat()]
    tty = PtySession(argv, env=recert_env(tmp_path))
    try:
        tty.wait_for_screen(lambda screen: "Total" in screen.text(), timeout=20, what="the dashboard")
        yield tty
    finally:
        tty.close(keys=b"\x11")  # ctrl+q: quits from anywhere, a form too


def line_with(screen, pattern: str) -> str | None:
    return next((line for line in screen.lines() if re.search(pattern, line)), None)


def title_field_holds(text: str):
    """The form's Title line shows `text` in its box (the label, then what was typed)."""
    return lambda screen: line_with(screen, rf"Title\s+{re.escape(text)}(\s|$)") is not None


def test_a_burst_after_the_key_that_opens_the_form_lands_in_its_first_field(app):
    app.write("aTitle")  # `t` alone would open the theme picker: it must reach the title
    app.wait_for_screen(title_field_holds("Title"), timeout=10, what="'Title' in the title field")
    assert "Search for themes" not in app.screen.text()


def test_a_burst_after_the_filter_key_lands_in_the_filter(app):
    app.write("2")
    app.wait_for_screen(lambda screen: "3 activities" in screen.text(), timeout=10, what="the activities")
    app.write("/flu")  # `u` on the list would be undo: it must reach the filter
    app.wait_for_screen(lambda screen: "1 of 3 activities" in screen.text(), timeout=10, what="the filtered list")
    assert line_with(app.screen, r"^\s*flu\s*$") is not None, app.screen.text()


def test_a_burst_that_switches_screen_then_filters(app):
    app.write("2/flu")
    app.wait_for_screen(lambda screen: "1 of 3 activities" in screen.text(), timeout=10, what="the filtered list")
    assert line_with(app.screen, r"^\s*flu\s*$") is not None, app.screen.text()


def test_a_whole_activity_typed_ahead_is_saved_as_typed(app):
    # a, the title, Tab, the date (typed over today's), Tab to Kind, Tab to Points, 2, Tab to
    # Area, Enter opens its list (on "choose an area"), down, Enter picks "administrative"
    # (as typed slowly: checked in tmux), ctrl+s saves.
    app.write("aBurst course\t3/5/2025\t\t2\t\r\x1b[B\r\x13")
    app.wait_for_screen(
        lambda screen: "Add a CE activity" not in screen.text() and "Total" in screen.text(),
        timeout=10,
        what="the dashboard after the save",
    )
    app.write("2")
    app.wait_for_screen(lambda screen: "4 activities" in screen.text(), timeout=10, what="the new activity listed")
    row = line_with(app.screen, r"Burst course")
    assert row and re.search(r"5 Mar 2025\s+CMA\s+Burst course\s+2\s+adm 2", row), app.screen.text()
