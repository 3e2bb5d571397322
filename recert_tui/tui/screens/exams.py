"""Exam attempts: per exam program, the flag first, then the history."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...booking import last_attempt_advice
from ..actions import bindings
from ..ordering import in_catalog_order
from ..widgets.exam_panel import ExamPanel
from .base import ModeScreen

EMPTY = (
    "No exam programs yet.\n\nPress {attempt} to record an exam attempt (taken or scheduled); "
    "the attempts used, the next allowed retake and any re-enrollment rule then show here."
)


class ExamsScreen(ModeScreen):
    MODE = "exams"
    BINDINGS = bindings("exams")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="exams"):
            yield Static(Text(EMPTY.format(attempt=self.recert.keys("exam.attempt"))), id="empty")

    def show_data(self) -> None:
        report = self.recert.session.report
        exams = in_catalog_order(self.recert.session, report.exams, lambda e: e.exam)
        panels = {panel.exam.exam: panel for panel in self.query(ExamPanel)}
        if list(panels) == [exam.exam for exam in exams]:
            for exam in exams:
                panels[exam.exam].show(exam, self._advice(exam.exam))
        else:
            for panel in panels.values():
                panel.remove()
            self.query_one("#exams").mount_all(
                [ExamPanel(exam, self._advice(exam.exam)) for exam in exams], before="#empty"
            )
        self.query_one("#empty").display = not report.exams

    def _advice(self, exam: str) -> str:
        """Last-attempt mode: when to book the one attempt left ("" otherwise)."""
        advice = last_attempt_advice(self.recert.session, exam)
        return advice.sentence if advice is not None and advice.applies else ""

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._focus_first)

    def _focus_first(self) -> None:
        panels = self.query(ExamPanel)
        if panels:
            panels.first().focus()

    @property
    def chosen_exam(self) -> str | None:
        focused = self.focused
        return focused.exam.exam if isinstance(focused, ExamPanel) else None

    def action_attempt(self) -> None:
        self.recert.open_exam_form("attempt", self.chosen_exam)

    def action_reenroll(self) -> None:
        self.recert.open_exam_form("reenrollment", self.chosen_exam)

    def action_correct(self) -> None:
        self.recert.correct_exam_attempt(self.chosen_exam)
