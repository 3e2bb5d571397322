"""Keys typed in a burst (as they arrive over SSH) land in the field they were typed for."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activity_form import ActivityForm
from tests.helpers.screen import wait_for

from .conftest import activity_fields


def burst(app, keys: list[str]) -> None:
    """Post raw key events back to back, as a terminal delivers a burst: no waiting between."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_a_burst_across_tab_lands_in_the_right_fields(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm), what="the form")
        title = app.screen.query_one("#title", Input)
        date = app.screen.query_one("#date", Input)
        await wait_for(pilot, lambda: title.has_focus, what="focus in title")
        # A backspace typed before Tab edits the title; what follows Tab goes to the date,
        # replacing the prefilled date (selected on focus); shift+tab goes back, where End
        # (a key the field handles through a binding) keeps the title instead of replacing it.
        burst(
            app,
            ["C", "P", "R", "x", "backspace", "tab", "3", "/", "5", "/", "2", "0", "2", "5", "shift+tab", "end", "!"],
        )
        await wait_for(
            pilot,
            lambda: title.value == "CPR!" and date.value == "3/5/2025",
            timeout=5,
            what="title 'CPR!' and date '3/5/2025'",
        )


async def test_many_tabs_in_one_burst(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm), what="the form")
        form = app.screen
        await wait_for(pilot, lambda: form.query_one("#title", Input).has_focus, what="focus in title")
        # title, date, kind (a Select: typed letters do nothing there), then points: College
        # credits is out of the Tab order unless the kind is a college course.
        burst(app, [*"Vitals", "tab", *"2025-01-02", "tab", "tab", "1", ".", "5"])
        await wait_for(pilot, lambda: form.query_one("#points", Input).value == "1.5", what="points 1.5")
        assert form.query_one("#title", Input).value == "Vitals"
        assert form.query_one("#date", Input).value == "2025-01-02"
        assert form.query_one("#college_credits", Input).value == ""


async def test_a_burst_after_choosing_a_credential_in_first_run(session):
    """Enter on the credential list moves to the date; the date typed right after lands there."""
    from recert_tui.tui.screens.first_run import CredentialScreen

    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        # The screen is current a moment before its fields are mounted; a person sees them first.
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CredentialScreen) and app.screen.query("#earned"),
            what="the first-run screen with its fields",
        )
        burst(app, ["enter", *"3/15/2022"])
        earned = app.screen.query_one("#earned", Input)
        await wait_for(pilot, lambda: earned.value == "3/15/2022", what="the date in its field")


async def test_a_burst_that_opens_a_screen_acts_on_what_it_shows_first(session):
    """`3a` typed at once records an attempt for the exam program the exams screen shows
    first (and focuses), as typed slowly: not the form's fallback, the first held credential."""
    from recert_tui.tui.screens.exam_form import ExamForm

    session.add_credential("rma-amt", "2022-03-15", "RMA-1")  # held: the form's fallback
    session.add_exam_attempt("cma-aama", "2024-01-10", "fail", "400")  # shown first (catalog order)
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#card-rma-amt"), what="the dashboard")
        burst(app, ["3", "a"])
        await wait_for(
            pilot, lambda: isinstance(app.screen, ExamForm) and app.screen.query("#exam"), what="the exam form"
        )
        await wait_for(
            pilot, lambda: app.screen.query_one("#exam").value == "cma-aama", what="the first program's exam"
        )


async def test_a_burst_after_the_filter_key_lands_in_the_filter(held):
    held.add_activity(activity_fields(title="Flu shot"))
    held.add_activity(activity_fields(title="Ethics", date="2025-03-06"))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, ["2", "slash", *"flu"])
        await wait_for(
            pilot,
            lambda: app.screen.query("#filter") and app.screen.query_one("#filter", Input).value == "flu",
            what="'flu' in the filter",
        )
        assert app.last_deleted is None  # `u` did not reach the list (undo)
