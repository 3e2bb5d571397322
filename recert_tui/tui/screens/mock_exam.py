"""A timed mock exam: a to e answer, f flags, left/right move, ctrl+s hands it in (asks first).
Time up hands it in. Then the score, overall and per category against the pass mark, and
every missed question with its explanation."""

from __future__ import annotations

import time

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from ...domain.bank import Question
from ...domain.practice.mock import MockResult
from ...practice import Practice
from ..actions import bindings
from ..text import plural
from ..widgets.question_view import explanation_text, question_text
from .dialogs import ConfirmScreen
from .practice_screen import PracticeScreen

QUESTION_ACTIONS = frozenset({"answer", "flag", "move", "submit"})


def clock(seconds: int) -> str:
    """`47:05`, or `1:02:03` from an hour up."""
    minutes, seconds = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class MockExamScreen(PracticeScreen):
    BINDINGS = bindings("mock")
    clock = staticmethod(time.monotonic)  # seconds, for the timer (a test may hold it still)

    def __init__(self, practice: Practice, questions: tuple[Question, ...], seconds_allowed: int) -> None:
        super().__init__(practice)
        self.questions = questions
        self.seconds_allowed = seconds_allowed
        self.chosen: list[int | None] = [None] * len(questions)
        self.flagged: set[int] = set()
        self.index = 0
        self.started = self.clock()
        self.result: MockResult | None = None
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        super().on_mount()
        self._timer = self.set_interval(1.0, self._tick)
        self.show_question()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Once handed in, only closing is left (the keys leave the key bar).
        return not (self.result is not None and action in QUESTION_ACTIONS)

    # --- time -----------------------------------------------------------------------------------

    @property
    def seconds_used(self) -> int:
        return min(self.seconds_allowed, int(self.clock() - self.started))

    def _tick(self) -> None:
        if self.result is not None:
            return
        if self.seconds_used >= self.seconds_allowed:
            self.notify("Time is up: the exam was handed in.", title="Mock exam", markup=False)
            self.hand_in()
            return
        self.query_one("#practice-top", Static).update(Text(self._top(), style="bold"))

    def _top(self) -> str:
        answered = sum(choice is not None for choice in self.chosen)
        flagged = f" · {len(self.flagged)} flagged" if self.flagged else ""
        left = clock(self.seconds_allowed - self.seconds_used)
        return (
            f"Mock · {self.exam_name} · {self.index + 1} of {len(self.questions)} · "
            f"{answered} answered{flagged} · {left} left"
        )

    # --- questions ------------------------------------------------------------------------------

    def show_question(self) -> None:
        question = self.questions[self.index]
        keys = self.recert.keys
        hint = (
            f"{self.answer_letters(question)} answer · {keys('mock.flag')} flag · "
            f"{keys('mock.previous')}/{keys('mock.next')} move · {keys('mock.submit')} hand in"
        )
        body = question_text(question, chosen=self.chosen[self.index], flagged=self.index in self.flagged)
        self.show(self._top(), body, hint)

    def action_answer(self, index: int) -> None:
        question = self.questions[self.index]
        if self.refuse_letter(question, index):
            return
        self.chosen[self.index] = index
        self.show_question()

    def action_flag(self) -> None:
        self.flagged ^= {self.index}
        self.show_question()

    def action_move(self, step: int) -> None:
        self.index = max(0, min(len(self.questions) - 1, self.index + step))
        self.show_question()

    def action_submit(self) -> None:
        blank = self.chosen.count(None)
        words = "Hand in the mock exam now?"
        if blank or self.flagged:
            words += f" {plural(blank, 'question')} unanswered, {len(self.flagged)} flagged."
        self.app.push_screen(ConfirmScreen(Text(words), "yes, hand it in"), lambda yes: self.hand_in() if yes else None)

    def hand_in(self) -> None:
        if self.result is not None:
            return
        result = self.saved(
            lambda: self.practice.finish_mock(
                self.questions, self.chosen, self.flagged, self.seconds_allowed, self.seconds_used
            )
        )
        if result is None:
            return  # not saved: the answers stay; hand in again
        assert isinstance(result, MockResult)
        self.result = result
        if self._timer is not None:
            self._timer.stop()
        self.refresh_bindings()
        self.show(
            f"Mock · {self.exam_name} · handed in",
            self.result_text(result),
            f"↑/↓ scroll · {self.recert.keys('practice.close')} back to Study",
        )

    def result_text(self, result: MockResult) -> Text:
        mock = result.mock
        right = sum(answer.correct for answer in mock.answers)
        verdict = "at or above" if mock.score >= mock.pass_mark else "below"
        text = Text(
            f"{right} of {len(mock.answers)} right: {mock.score:.0f}%, {verdict} the pass mark of "
            f"{mock.pass_mark:.0f}%.\n",
            style="bold",
        )
        text.append(f"Time used: {clock(mock.seconds_used)} of {clock(mock.seconds_allowed)}.\n\n")
        for score in result.scores:
            mark = "✓" if score.passed else "✗"
            text.append(
                f"{mark} {self.practice.label(score.category)}: {score.right} of {score.total}, {score.percent:.0f}%\n"
            )
        missed = self.practice.missed(result)
        text.append(f"\nMissed questions ({len(missed)}), each with its explanation:\n", style="bold")
        for number, each in enumerate(missed, start=1):
            text.append(f"\n{number}. ")
            if each.question is None:
                text.append("(this question has left the bank)\n")
                continue
            text.append_text(question_text(each.question, chosen=each.answer.chosen, reveal=True))
            text.append("\n\n")
            text.append_text(explanation_text(each.question, each.answer.chosen))
            text.append("\n")
        return text

    def action_close(self) -> None:
        if self.result is not None or all(choice is None for choice in self.chosen):
            self.dismiss(None)
            return

        def leave_if_yes(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(Text("Leave without handing in? This mock exam will not be saved."), "yes, leave"),
            leave_if_yes,
        )
