"""Exam attempts: each failure changes the flag, in words, on the exam screen and the dashboard."""

from __future__ import annotations

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.exam_form import ExamForm
from recert_tui.tui.screens.exams import ExamsScreen
from recert_tui.tui.widgets.exam_panel import ExamPanel
from tests.helpers.screen import screen_text, shows, wait_for


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

        def panel() -> ExamPanel:
            return app.screen.query_one("#exam-cma-aama", ExamPanel)

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


async def test_an_attempt_recorded_by_mistake_is_corrected_then_deleted(held):
    for day in ("2026-01-10", "2026-04-10", "2026-08-10"):
        held.add_exam_attempt("cma-aama", day, "fail", "400")
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_for(pilot, lambda: shows(app, "Re-enrollment required: 3 of 3 attempts used"))
        await pilot.press("c")  # newest first: the August attempt is highlighted
        await wait_for(pilot, lambda: "#3  10 Aug 2026  fail, score 400" in screen_text(app), what="the attempts")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamForm), what="the form with the attempt")
        assert "Correct exam attempt #3" in screen_text(app) and app.screen.query_one("#date").value == "2026-08-10"
        assert app.screen.query_one("#score").value == "400"
        await pilot.press("tab", "enter", "down", "enter")  # Result: failed -> passed
        await wait_for(pilot, lambda: app.screen.query_one("#result").value == "pass", what="passed chosen")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamsScreen), what="the form to close")
        await wait_for(pilot, lambda: "10 Aug 2026   pass" in screen_text(app), what="the corrected row")
        assert shows(app, "3 attempts available")  # the pass ends the count of failures
        assert [a.result for a in held.profile.exam_attempts] == ["fail", "fail", "pass"]

        await pilot.press("c", "down")  # the April failure
        await wait_for(pilot, lambda: "#2  10 Apr 2026  fail" in screen_text(app))
        await pilot.press("d")
        await wait_for(pilot, lambda: "Delete this exam attempt?" in screen_text(app), what="the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: [a.id for a in held.profile.exam_attempts] == [1, 3], what="the delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamsScreen))


async def test_nothing_to_correct_says_so(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_for(pilot, lambda: shows(app, "3 attempts available"))
        await pilot.press("c")
        await wait_for(pilot, lambda: any("no attempt to correct" in n.message for n in app._notifications))
        assert isinstance(app.screen, ExamsScreen)
