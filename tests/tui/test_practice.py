"""The study companion's practice screens, driven by keys alone: review, mock exam, drill."""

from __future__ import annotations

from datetime import datetime, timedelta

from recert_tui.domain.bank import Question
from recert_tui.exports.starter_bank import starter_items
from recert_tui.practice import Practice
from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.dialogs import ConfirmScreen
from recert_tui.tui.screens.drill import DrillScreen
from recert_tui.tui.screens.mock_exam import MockExamScreen
from recert_tui.tui.screens.review import ReviewScreen
from recert_tui.tui.screens.study import StudyScreen
from tests.helpers.screen import screen_text, wait_for


def small_bank(count: int = 12) -> list[Question]:
    """Questions in each CMA (AAMA) category, the answer always b."""
    names = ("general", "administrative", "clinical")
    return [
        Question(
            "cma-aama",
            names[n % 3],
            f"Question number {n} [red]literal[/red]?",
            ("wrong", "right", "also wrong"),
            1,
            f"Because {n}.",
            "CDC, a page",
        )
        for n in range(count)
    ]


async def open_study(app, pilot) -> StudyScreen:
    await pilot.press("4")
    await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen), what="the Study screen")
    return app.screen


async def test_an_empty_bank_is_offered_the_starter_bank(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(app, pilot)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the starter-bank question")
        assert "starter bank" in screen_text(app)
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), what="the review")
    assert len(held.questions("cma-aama")) == len(starter_items("cma-aama")) >= 200


async def test_reviewing_schedules_through_the_app_and_undo_takes_it_back(held):
    held.import_bank(small_bank())
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(app, pilot)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        first = app.screen.card.item
        assert "[red]literal[/red]" in screen_text(app)  # question text is never markup
        await pilot.press("3")  # before the answer: refused, nothing saved
        await pilot.pause()
        assert held.card_states("cma-aama") == ()
        await pilot.press("space", "4")  # Easy
        await wait_for(pilot, lambda: len(held.card_states("cma-aama")) == 1)
        easy = held.card_states("cma-aama")[0]
        assert easy.item_key == first.key and easy.due > easy.last_review + timedelta(days=1)
        await pilot.press("space", "1")  # Again: back within minutes
        await wait_for(pilot, lambda: len(held.card_states("cma-aama")) == 2)
        again = next(s for s in held.card_states("cma-aama") if s.item_key != first.key)
        assert again.due < easy.due
        await pilot.press("u")
        await wait_for(pilot, lambda: len(held.card_states("cma-aama")) == 1)
        assert len(held.reviews("cma-aama")) == 1


async def test_a_whole_mock_exam_by_keyboard(held):
    held.import_bank(small_bank(30))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(app, pilot)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MockExamScreen), what="the mock exam")
        mock = app.screen
        total = len(mock.questions)
        assert total == 30  # the whole bank: fewer than 50 questions
        assert "left" in screen_text(app).splitlines()[0]  # the timer on the top line
        for number in range(total):
            await pilot.press("b" if number % 2 == 0 else "a")  # half right
            if number == 3:
                await pilot.press("f")
            await pilot.press("right")
        await pilot.press("left")  # moving back keeps the answers
        assert mock.chosen.count(None) == 0 and mock.flagged == {3}
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the hand-in question")
        await pilot.press("y")
        await wait_for(pilot, lambda: mock.result is not None, what="the result")
        await wait_for(pilot, lambda: "15 of 30 right: 50%" in screen_text(app), what="the score")
        assert "below the pass mark" in screen_text(app)
        assert "Missed questions (15)" in mock.result_text(mock.result).plain
        await pilot.press("a")  # handed in: answering does nothing now
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen))
    saved = held.mock_exams("cma-aama")
    assert len(saved) == 1 and round(saved[0].score) == 50
    overall = [t for t in held.profile.practice_tests if t.category == "overall"]
    assert overall and round(overall[-1].score) == 50  # it feeds the study report like any practice test
    assert sum(1 for r in held.reviews("cma-aama") if r.kind == "mock") == 30


async def test_time_up_hands_the_mock_exam_in(held):
    held.import_bank(small_bank(6))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(app, pilot)
        practice = Practice(held, "cma-aama")
        app.push_screen(MockExamScreen(practice, practice.draw_mock(6, seed=1), seconds_allowed=1))
        await wait_for(pilot, lambda: isinstance(app.screen, MockExamScreen))
        await pilot.press("b")
        await wait_for(pilot, lambda: app.screen.result is not None, timeout=5, what="time up")
    assert len(held.mock_exams("cma-aama")) == 1


async def test_a_drill_marks_each_answer_at_once(held):
    held.import_bank(small_bank(30))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(app, pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen), what="the drill")
        drill = app.screen
        assert len(drill.questions) == 10
        assert len({q.category for q in drill.questions}) == 1
        await pilot.press("enter")  # before answering: nothing happens
        assert drill.index == 0
        await pilot.press("a")
        await wait_for(pilot, lambda: "✗ Not a. The answer is b)" in screen_text(app), what="the mark")
        await pilot.press("enter", "b")
        await wait_for(pilot, lambda: "✓ Right." in screen_text(app))
        assert drill.right == 1
    assert sum(1 for r in held.reviews("cma-aama") if r.kind == "drill") == 2


async def test_the_exam_date_caps_every_interval(held):
    """An attempt scheduled 3 days ahead: a card rated Easy still comes back before exam day."""
    held.import_bank(small_bank(3))
    held.add_exam_attempt("cma-aama", "2026-11-26", "scheduled")  # TODAY is 23 Nov 2026
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(app, pilot)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("space", "4", "space", "4", "space", "4")
        await wait_for(pilot, lambda: len(held.card_states("cma-aama")) == 3)
    for state in held.card_states("cma-aama"):
        assert state.due.date() <= datetime(2026, 11, 25).date(), state.due  # the day before the exam at latest


async def test_study_opens_on_the_practice_the_dashboard_worked_out_and_a_change_makes_a_new_one(held, monkeypatch):
    built: list[Practice] = []
    making = Practice.__init__

    def counted(self, *args, **kwargs) -> None:
        built.append(self)
        making(self, *args, **kwargs)

    monkeypatch.setattr(Practice, "__init__", counted)
    held.import_bank(small_bank())
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "Study (CMA (AAMA))" in screen_text(app), what="the dashboard's study line")
        assert len(built) == 1  # the dashboard's
        await open_study(app, pilot)
        await wait_for(pilot, lambda: "Practice for CMA (AAMA)" in screen_text(app), what="Study's summary")
        assert len(built) == 1  # Study showed the dashboard's practice, not one of its own
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("space", "3")  # a rating changes the bank
        await wait_for(pilot, lambda: len(held.reviews("cma-aama")) == 1, what="the rating saved")
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen), what="Study again")
        await wait_for(pilot, lambda: len(built) == 2, what="a new practice for the changed bank")
        assert app.practice_for("cma-aama") is built[1]
