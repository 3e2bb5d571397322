"""Exam attempts: each failure changes the flag, in words, on the exam screen and the dashboard."""

from __future__ import annotations

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.exam_form import ExamForm
from recert_tui.tui.screens.exams import ExamsScreen
from recert_tui.tui.widgets.exam_panel import ExamPanel

from .conftest import screen_text, shows, wait_for


async def record_failure(pilot, day: str) -> None:
    app = pilot.app
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, ExamForm), what="the attempt form")
    await pilot.press("ctrl+u", *day, "ctrl+s")  # the date has focus; the result is "failed"
    await wait_for(pilot, lambda: isinstance(app.screen, ExamsScreen), what="the form to close")


async def test_failed_attempts_raise_the_flag_step_by_step(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_for(pilot, lambda: shows(app, "3 attempts available"))
        panel = lambda: app.screen.query_one("#exam-cma-aama", ExamPanel)

        await record_failure(pilot, "2026-01-10")
        await wait_for(pilot, lambda: shows(app, "1 of 3 attempts used; 2 left"))
        assert "WARNING" in screen_text(app)

        await record_failure(pilot, "2026-04-10")
        await wait_for(pilot, lambda: shows(app, "One attempt left before re-enrollment is required"))
        assert panel().exam.one_left

        await record_failure(pilot, "2026-08-10")
        await wait_for(pilot, lambda: shows(app, "Re-enrollment required: 3 of 3 attempts used"))
        assert "STOP" in screen_text(app)
        assert panel().query_one(".exam-flag").has_class("level-stop")

        await pilot.press("1")  # the dashboard says it too
        await wait_for(pilot, lambda: shows(app, "Re-enrollment required"))


async def test_a_reenrollment_starts_a_fresh_count(held):
    for day in ("2026-01-10", "2026-04-10", "2026-08-10"):
        held.add_exam_attempt("cma-aama", day, "fail")
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_for(pilot, lambda: shows(app, "Re-enrollment required"))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamForm))
        await pilot.press("ctrl+u", *"2026-10-01", "ctrl+s")
        await wait_for(pilot, lambda: shows(app, "3 attempts available"))


async def test_a_bad_attempt_keeps_the_form_open(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamForm))
        await pilot.press("ctrl+u", *"2027-02-01", "ctrl+s")  # a future date recorded as failed
        await wait_for(pilot, lambda: shows(app, "2027-02-01 is in the future"))
        assert isinstance(app.screen, ExamForm)
        assert app.screen.query_one("#date").value == "2027-02-01"
        assert held.profile.exam_attempts == ()


async def test_a_scheduled_attempt_shows_its_countdown(held):
    held.add_exam_attempt("cma-aama", "2027-01-12", "scheduled")
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_for(pilot, lambda: shows(app, "Exam in 50 days (12 Jan 2027)"))
