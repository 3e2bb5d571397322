"""The study companion: log sessions and practice tests with keys; the screen follows at once."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Select, Sparkline

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.study import StudyScreen
from recert_tui.tui.screens.study_form import StudyForm
from recert_tui.tui.widgets.study_panel import StudyPanel
from tests.helpers.screen import press_to_open, screen_text, shows, wait_for

from .conftest import build_sample


async def open_study(pilot) -> None:
    await pilot.press("4")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, StudyScreen), what="the study screen")
    await wait_for(pilot, lambda: isinstance(pilot.app.focused, StudyPanel), what="a program's panel in focus")


async def fill(pilot, key: str, amount: str, category_downs: int, note: str = "", date: str = "") -> None:
    """Open a form with `key` and fill it as a user would: amount, (date), category, note."""
    app = pilot.app
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, StudyForm), what="the form")
    form = app.screen
    await wait_for(pilot, lambda: form.focused is not None and form.focused.id in ("minutes", "percent"))
    await pilot.press(*amount)
    if date:
        await pilot.press("shift+tab", "ctrl+u", *date, "tab")
    await pilot.press("tab")  # the category
    await wait_for(pilot, lambda: form.focused is not None and form.focused.id == "category")
    if category_downs:
        await pilot.press("enter", *["down"] * category_downs, "enter")
    if note:
        await pilot.press("tab", *note)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen), what="the form to close")


async def test_log_sessions_and_tests_and_the_screen_follows(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(pilot)
        # The panel is filled as the screen is first shown; on a busy machine that can be
        # a frame after it takes focus.
        await wait_for(pilot, lambda: shows(app, "Log a study session with l, or a practice test with p"))
        assert shows(app, "No practice test yet for Clinical Competency (59% of the exam)")

        await fill(pilot, "l", "45", 1, note="Vitals chapter")  # Overall, then Clinical
        await wait_for(pilot, lambda: shows(app, "this week 45 min; last 8 weeks 45 min"))
        assert app.screen.query_one(Sparkline).data == [0, 0, 0, 0, 0, 0, 0, 45]
        saved = held.profile.study_sessions[0]
        assert (saved.minutes, saved.category, saved.note) == (45, "clinical", "Vitals chapter")

        await fill(pilot, "l", "30", 0, date="2026-11-18")  # last week (from Monday 16 Nov), overall
        await wait_for(pilot, lambda: shows(app, "this week 45 min; last 8 weeks 75 min"))
        assert app.screen.query_one(Sparkline).data == [0, 0, 0, 0, 0, 0, 30, 45]

        await fill(pilot, "p", "55", 1, date="2026-11-10")
        await fill(pilot, "p", "61", 1)
        report = held.report.study_for("cma-aama")
        assert report.suggestion.startswith("Clinical Competency is 59% of the exam and your weakest: 61%")
        await wait_for(pilot, lambda: shows(app, report.suggestion), what="the new suggestion")
        assert "↑ +6" in screen_text(app)  # the trend: arrow and signed number, not colour alone
        assert not shows(app, "Log a study session with l")  # the newcomer hint has gone


async def test_a_refused_value_keeps_the_typing(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(pilot)
        form = await press_to_open(pilot, "l", StudyForm)
        await wait_for(pilot, lambda: form.query_one("#minutes", Input).has_focus)
        await pilot.press(*"45x", "tab")  # leaving the field checks it
        await wait_for(pilot, lambda: shows(app, "'45x' is not a number"), what="the error under Minutes")
        await pilot.press("shift+tab", "shift+tab", "ctrl+u", *"2027-01-05", "ctrl+s")
        await wait_for(pilot, lambda: shows(app, "Not saved"))
        assert shows(app, "2027-01-05 is in the future")
        assert isinstance(app.screen, StudyForm)
        assert form.query_one("#minutes", Input).value == "45x"
        assert form.query_one("#date", Input).value == "2027-01-05"
        assert held.profile.study_sessions == ()
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen))


async def test_a_burst_through_a_choice_box_lands_in_order(held):
    """Over SSH, `30 Tab Enter Down Enter Tab note` arrives at once: each key must still count."""
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(pilot)
        form = await press_to_open(pilot, "l", StudyForm)
        await wait_for(pilot, lambda: form.query_one("#minutes", Input).has_focus)
        for key in ["3", "0", "tab", "enter", "down", "down", "enter", "tab", *"Coding"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await wait_for(pilot, lambda: form.query_one("#note", Input).value == "Coding", what="the note typed")
        assert form.query_one("#category", Select).value == "general"
        assert form.query_one("#minutes", Input).value == "30"


async def test_tab_chooses_the_program_and_the_form_follows(session):
    build_sample(session)  # holds CMA (AAMA) and CMAC (AMCA)
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(pilot)
        assert app.focused.report.exam == "cma-aama"
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused.report.exam == "cmac-amca")
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, StudyForm))
        assert app.screen.query_one("#exam", Select).value == "cmac-amca"
        await pilot.press(*"70", "tab", "enter", *["down"] * 4, "enter", "ctrl+s")  # law and ethics (4%)
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen))
        assert [(t.exam, t.category, t.score) for t in session.profile.practice_tests] == [
            ("cmac-amca", "law-and-ethics", 70.0)
        ]
        await wait_for(
            pilot,
            lambda: isinstance(app.focused, StudyPanel) and app.focused.report.exam == "cmac-amca",
            what="focus kept on the program just recorded",
        )


async def test_the_palette_logs_from_anywhere(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"log study")
        await wait_for(pilot, lambda: "minutes studied" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StudyForm))
        await pilot.press(*"20", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen))
        await wait_for(pilot, lambda: shows(app, "this week 20 min"))
