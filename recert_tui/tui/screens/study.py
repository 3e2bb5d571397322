"""The study companion: per exam program, the countdown, what to study next and why."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..actions import bindings
from ..ordering import in_catalog_order
from ..widgets.study_panel import StudyPanel
from .base import ModeScreen

EMPTY = (
    "Nothing to study for yet.\n\n"
    "Log a study session with {log}, or a practice test with {test} (the form asks which exam). "
    "The countdown to your next attempt, minutes per week and what to study next then show here."
)


class StudyScreen(ModeScreen):
    MODE = "study"
    BINDINGS = bindings("study")

    def __init__(self) -> None:
        super().__init__()
        self.wanted_exam: str | None = None  # focus this program's panel after the next render

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="study", can_focus=False):
            keys = self.recert.keys
            yield Static(Text(EMPTY.format(log=keys("study.log"), test=keys("study.test"))), id="empty")

    def show_data(self) -> None:
        report = self.recert.session.report
        reports = in_catalog_order(self.recert.session, report.study, lambda s: s.exam)
        panels = {panel.report.exam: panel for panel in self.query(StudyPanel)}
        if list(panels) == [item.exam for item in reports]:
            for item in reports:
                panels[item.exam].show(item)
        else:
            for panel in panels.values():
                panel.remove()
            self.query_one("#study").mount_all([StudyPanel(item) for item in reports], before="#empty")
        self.query_one("#empty").display = not reports
        self.call_after_refresh(self._focus_wanted)

    def _focus_wanted(self) -> None:
        panels = list(self.query(StudyPanel))
        if not panels:
            return
        wanted = next((p for p in panels if p.report.exam == self.wanted_exam), None)
        self.wanted_exam = None
        if wanted is not None:
            wanted.focus()
        elif not isinstance(self.focused, StudyPanel):
            panels[0].focus()

    @property
    def chosen_exam(self) -> str | None:
        focused = self.focused
        return focused.report.exam if isinstance(focused, StudyPanel) else None

    def action_log(self) -> None:
        self.recert.open_study_form("session", self.chosen_exam, self._saved)

    def action_test(self) -> None:
        self.recert.open_study_form("test", self.chosen_exam, self._saved)

    def _saved(self, exam: str) -> None:
        self.wanted_exam = exam
        self.call_after_refresh(self._focus_wanted)
