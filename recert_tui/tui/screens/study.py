"""The study companion: per exam program, the countdown, what to study next and why."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...domain.errors import InvalidInput
from ...exports.starter_bank import starter_items
from ...practice import Practice
from ...store import StoreError
from ..actions import bindings
from ..ordering import in_catalog_order
from ..text import plural
from ..widgets.practice_summary import PracticeSummary
from ..widgets.study_panel import StudyPanel
from .base import ModeScreen
from .dialogs import ConfirmScreen
from .drill import DrillScreen
from .mock_exam import MockExamScreen
from .review import ReviewScreen

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
        self._practice_exam: str | None = None  # the exam whose practice the summary shows

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="study", can_focus=False):
            yield PracticeSummary(id="practice-summary")
            keys = self.recert.keys
            yield Static(Text(EMPTY.format(log=keys("study.log"), test=keys("study.test"))), id="empty")

    def show_data(self) -> None:
        report = self.recert.session.report
        reports = in_catalog_order(self.recert.session, report.study, lambda s: s.exam)
        panels = {panel.report.exam: panel for panel in self.query(StudyPanel)}
        if list(panels) == [item.exam for item in reports]:
            for item in reports:
                panels[item.exam].show(item, self._blocked(item.exam))
        else:
            for panel in panels.values():
                panel.remove()
            self.query_one("#study").mount_all(
                [StudyPanel(item, self._blocked(item.exam)) for item in reports], before="#empty"
            )
        self.query_one("#empty").display = not reports
        self.call_after_refresh(self._focus_wanted)
        self.show_practice()

    def _blocked(self, code: str) -> str:
        """After the last failure: that re-enrollment is required, and what restarts the count."""
        exam = next((each for each in self.recert.session.report.exams if each.exam == code), None)
        if exam is None or not exam.reenrollment_required or exam.upcoming:
            return ""
        return (
            f"{exam.flag} Recording the completed program on the Exams screen "
            f"({self.recert.keys('mode.exams')}, then {self.recert.keys('exam.reenroll')}) restarts the count."
        )

    def show_practice(self) -> None:
        """The practice summary for the chosen exam (the bank is read here, when Study shows)."""
        summary = self.query_one(PracticeSummary)
        exam = self.practice_exam()
        summary.display = exam is not None
        if exam is None:
            return
        practice = self.practice()
        if practice is not None:
            keys = {name: self.recert.keys(f"study.{name}") for name in ("review", "mock", "drill")}
            summary.show(practice, keys)

    def on_descendant_focus(self) -> None:
        if self._practice_exam is not None and self._practice_exam != self.practice_exam():
            self.show_practice()

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

    # --- practice -------------------------------------------------------------------------------

    def practice_exam(self) -> str | None:
        """The exam to practise for: the chosen panel's, else the first held or catalog exam with an outline."""
        session = self.recert.session
        candidates = [self.chosen_exam, *session.held_codes, *session.catalog.exam_codes]
        return next((code for code in candidates if code and session.outline(code) is not None), None)

    def practice(self) -> Practice | None:
        exam = self.practice_exam()
        if exam is None:
            self.notify(
                "None of the rule files has an exam outline, so there is nothing to practise.",
                severity="warning",
                markup=False,
            )
            return None
        self._practice_exam = exam
        return self.recert.practice_for(exam)

    def with_bank(self, then: Callable[[Practice], object]) -> None:
        """Run `then` with the chosen exam's bank; an empty bank is first offered the starter bank."""
        practice = self.practice()
        if practice is None:
            return
        if practice.index:
            then(practice)
            return
        name = self.recert.session.rules[practice.exam].name
        starter = starter_items(practice.exam)
        if not starter:
            self.notify(
                f"There are no questions for {name} yet. Import some with `recert study import FILE` "
                "(the question CSV, or Anki's notes as plain text).",
                markup=False,
                timeout=10,
            )
            return
        question = Text(
            f"There are no questions for {name} in your file yet.\n\n"
            f"Add the starter bank: {plural(len(starter), 'question')} written for this app "
            "(unofficial, each with its explanation and a public source)?"
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.recert.session.import_bank(starter)
            except (StoreError, InvalidInput) as error:
                self.notify(str(error), title="Not added", severity="error", markup=False)
                return
            self.recert.data_changed()
            added = self.practice()
            if added is not None:
                then(added)

        self.app.push_screen(ConfirmScreen(question, "yes, add them"), answered)

    def action_review(self) -> None:
        self.with_bank(lambda practice: self.app.push_screen(ReviewScreen(practice)))

    def action_mock(self) -> None:
        def start(practice: Practice) -> None:
            questions = practice.draw_mock()
            self.app.push_screen(MockExamScreen(practice, questions, practice.mock_seconds(len(questions))))

        self.with_bank(start)

    def action_drill(self) -> None:
        def start(practice: Practice) -> None:
            category, questions = practice.drill()
            if category is None or not questions:
                self.notify("There are no questions to drill for this exam yet.", markup=False)
                return
            self.app.push_screen(DrillScreen(practice, category, questions))

        self.with_bank(start)

    def action_log(self) -> None:
        self.recert.open_study_form("session", self.chosen_exam, self._saved)

    def action_test(self) -> None:
        self.recert.open_study_form("test", self.chosen_exam, self._saved)

    def _saved(self, exam: str) -> None:
        self.wanted_exam = exam
        self.call_after_refresh(self._focus_wanted)
