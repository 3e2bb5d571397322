"""The exam form at the edges: the attempt limit, the waits, and a pass that starts a new cycle."""

from __future__ import annotations

from datetime import date

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.dialogs import ConfirmScreen
from recert_tui.tui.screens.exam_form import ExamForm
from recert_tui.tui.screens.exams import ExamsScreen
from tests.helpers.screen import shows, wait_for


async def open_attempt_form(pilot) -> None:
    await pilot.press("3")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExamsScreen), what="the exams screen")
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExamForm), what="the attempt form")


async def test_a_fourth_failure_is_refused_with_a_sentence_that_names_reenrollment(held):
    for day in ("2026-01-10", "2026-04-10", "2026-08-10"):
        held.add_exam_attempt("cma-aama", day, "fail")
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_attempt_form(pilot)
        assert shows(app, "Re-enrollment required: 3 of 3 attempts used")
        await pilot.press("ctrl+u", *"2026-11-01", "ctrl+s")
        await wait_for(
            pilot, lambda: shows(app, "re-enrollment in an accredited medical assisting program is required")
        )
        assert isinstance(app.screen, ExamForm)
        assert app.screen.query_one("#date").value == "2026-11-01"
        assert len(held.profile.exam_attempts) == 3


async def test_the_form_says_when_the_next_attempt_is_allowed_and_refuses_an_earlier_date(session):
    session.add_credential("cmac-amca", "2024-12-05")
    session.add_exam_attempt("cmac-amca", "2026-11-01", "fail")
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_attempt_form(pilot)
        line = "The next attempt is allowed from 1 Dec 2026 (30 days after the failure on 1 Nov 2026)"
        await wait_for(pilot, lambda: shows(app, line), what="the next-attempt line")
        await pilot.press("ctrl+u", *"2026-11-20", "ctrl+s")
        await wait_for(pilot, lambda: shows(app, "20 Nov 2026 is too early"), what="the refusal")
        assert [a.on for a in session.profile.exam_attempts] == [date(2026, 11, 1)]


async def passed_on(pilot, day: str) -> None:
    await open_attempt_form(pilot)
    await pilot.press("ctrl+u", *day, "tab", "enter", "down", "enter")  # Result: failed -> passed
    await wait_for(pilot, lambda: pilot.app.screen.query_one("#result").value == "pass", what="passed chosen")
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), what="the question")


async def test_a_passed_exam_starts_a_new_cycle_once_the_user_confirms(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await passed_on(pilot, "2026-11-02")
        assert shows(
            app,
            "Record it as your CMA (AAMA) recertification? A new 60-month cycle starts that day "
            "and runs to 30 Nov 2031",
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: held.profile.credentials[0].recertified_on == (date(2026, 11, 2),))
        assert held.profile.credentials[0].routes_used == {date(2026, 11, 2): "exam"}
        assert held.report.credential("cma-aama").cycle.expires_on == date(2031, 11, 30)


async def test_saying_no_keeps_the_cycle_and_the_attempt(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await passed_on(pilot, "2026-11-02")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamsScreen), what="back to the exams")
        assert held.profile.credentials[0].recertified_on == ()
        assert [a.result for a in held.profile.exam_attempts] == ["pass"]
