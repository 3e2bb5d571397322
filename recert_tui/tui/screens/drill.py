"""Drill: ten questions from the weakest category, each answer marked at once with its explanation."""

from __future__ import annotations

from rich.text import Text

from ...domain.bank import Question
from ...domain.practice.drill import DrillMark
from ...practice import Practice
from ..actions import bindings
from ..widgets.question_view import explanation_text, question_text
from .practice_screen import PracticeScreen


class DrillScreen(PracticeScreen):
    BINDINGS = bindings("drill")

    def __init__(self, practice: Practice, category: str, questions: tuple[Question, ...]) -> None:
        super().__init__(practice)
        self.category = category
        self.questions = questions
        self.index = 0
        self.mark: DrillMark | None = None
        self.right = 0

    def on_mount(self) -> None:
        super().on_mount()
        self.show_question()

    def _top(self) -> str:
        label = self.practice.label(self.category)
        return (
            f"Drill · {self.exam_name} · {label} · question {self.index + 1} of {len(self.questions)}"
            f" · {self.right} right"
        )

    def show_question(self) -> None:
        question = self.questions[self.index]
        self.show(self._top(), question_text(question), f"Answer with {self.answer_letters(question)}.")

    def action_answer(self, index: int) -> None:
        if self.mark is not None or self.index >= len(self.questions):
            return
        question = self.questions[self.index]
        if self.refuse_letter(question, index):
            return
        marked = self.saved(lambda: self.practice.mark(question, index))
        if marked is None:
            return
        assert isinstance(marked, DrillMark)
        self.mark = marked
        self.right += marked.correct
        body = question_text(question, chosen=index, reveal=True) + Text("\n\n") + explanation_text(question, index)
        self.show(self._top(), body, f"Press {self.recert.key('drill.next')} for the next question.")

    def action_next(self) -> None:
        if self.index >= len(self.questions):
            return
        if self.mark is None:
            self.notify("Answer first (a to e).", markup=False)
            return
        self.index += 1
        self.mark = None
        if self.index < len(self.questions):
            self.show_question()
            return
        label = self.practice.label(self.category)
        self.show(
            f"Drill · {self.exam_name} · {label} · done",
            Text(
                f"{self.right} of {len(self.questions)} right in {label}.\n\n"
                "Each answer is saved and counts toward readiness on the Study screen."
            ),
            f"Press {self.recert.keys('practice.close')} to go back to Study.",
        )
