"""Exam attempts: per exam program, the flag first, then the history."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..widgets.exam_panel import ExamPanel
from .base import ModeScreen

EMPTY = (
    "No exam programs yet.\n\nPress {attempt} to record an exam attempt (taken or scheduled); "
    "the attempts used, the next allowed retake and any re-enrollment rule then show here."
)


class ExamsScreen(ModeScreen):
    MODE = "exams"
    WRITE_ACTIONS = frozenset({"attempt", "reenroll", "correct"})
    BINDINGS = [
        Binding("a", "attempt", "Record attempt", id="exam.attempt",
                tooltip="Record an exam attempt: passed, failed or scheduled."),
        Binding("n", "reenroll", "Re-enrollment", id="exam.reenroll",
                tooltip="Record completing an accredited program again (starts a fresh attempt count)."),
        Binding("c", "correct", "Correct", id="exam.correct",
                tooltip="Edit or delete an attempt of the chosen program that was recorded by mistake."),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="exams"):
            yield Static(Text(EMPTY.format(attempt=self.recert.keys(self.BINDINGS, "exam.attempt"))), id="empty")

    def show_data(self) -> None:
        report = self.recert.session.report
        order = list(self.recert.session.rules)  # catalog order: CMA (AAMA) first
        exams = sorted(report.exams, key=lambda e: order.index(e.exam) if e.exam in order else len(order))
        panels = {panel.exam.exam: panel for panel in self.query(ExamPanel)}
        if list(panels) == [exam.exam for exam in exams]:
            for exam in exams:
                panels[exam.exam].show(exam)
        else:
            for panel in panels.values():
                panel.remove()
            self.query_one("#exams").mount_all([ExamPanel(exam) for exam in exams], before="#empty")
        self.query_one("#empty").display = not report.exams

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
