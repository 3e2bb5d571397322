"""Last-attempt mode and the study line on the dashboard, the tracker and the Study screen."""

from __future__ import annotations

from datetime import UTC, datetime

from recert_tui.domain.bank import MockAnswer, MockExam
from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.exams import ExamsScreen
from recert_tui.tui.screens.study import StudyScreen
from tests.helpers.screen import screen_text, shows, wait_for

from .test_practice import small_bank


def fail_twice(session) -> None:
    session.add_exam_attempt("cma-aama", "2026-01-10", "fail")
    session.add_exam_attempt("cma-aama", "2026-05-10", "fail")


def mock(session, percent: int, minute: int) -> None:
    right = percent // 10
    answers = tuple(MockAnswer(f"k{n}", "clinical", 1, n < right) for n in range(10))
    session.record_mock_exam(
        MockExam("cma-aama", datetime(2026, 11, 20, 10, minute, tzinfo=UTC), 600, 500, answers, 70.0)
    )


async def test_one_attempt_left_is_said_on_the_dashboard_and_the_tracker(held):
    fail_twice(held)
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(
            pilot,
            lambda: shows(app, "One attempt left: book it after two mock exams in a row at 80%"),
            what="the dashboard's advice",
        )
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamsScreen))
        await wait_for(pilot, lambda: shows(app, "One attempt left: book it after two mock exams"), what="the tracker")


async def test_two_good_mocks_make_it_a_good_time_to_book(held):
    fail_twice(held)
    mock(held, 90, 1)
    mock(held, 80, 2)
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: shows(app, "A good time to book."), what="the advice met")


async def test_the_dashboard_says_todays_study_once_there_is_a_bank(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Study (" not in screen_text(app)  # no bank: no line
    held.import_bank(small_bank(6))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: shows(app, "Study (CMA (AAMA)): 6 new cards"), what="today's study")


async def test_after_the_last_failure_study_says_what_restarts_the_count(held):
    fail_twice(held)
    held.add_exam_attempt("cma-aama", "2026-09-10", "fail")
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen))
        await wait_for(pilot, lambda: shows(app, "restarts the count"), what="the re-enrollment words")
        assert "No attempt scheduled" not in screen_text(app)
