"""One exam program: the flag that cannot be missed, then the attempt history."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...domain.dates import show_date
from ...domain.exams import ExamReport
from ...domain.models import ExamAttempt
from ..text import literal, visible

LEVELS = ("level-ok", "level-warning", "level-stop")


def flag_level(exam: ExamReport) -> str:
    """How loud the flag is; the words themselves always say the same thing."""
    if exam.reenrollment_required or exam.remaining == 0 or exam.blocked:
        return "level-stop"
    if exam.failures or exam.warnings:
        return "level-warning"
    return "level-ok"


def flag_text(exam: ExamReport) -> Text:
    heading = {"level-stop": "STOP: ", "level-warning": "WARNING: ", "level-ok": ""}[flag_level(exam)]
    text = Text().append(heading, style="bold")
    text.append(visible(exam.flag), style="bold")  # names from a rule file
    text.append(f"\nAttempts used: {exam.failures} of {exam.max_attempts}")
    text.append(f" ({exam.remaining} left)")
    if exam.next_eligible_on is None:
        text.append(" · no retake is allowed now")
    elif exam.wait_ends_on:
        text.append(f" · next retake allowed from {show_date(exam.wait_ends_on)}")
    for planned in exam.upcoming:
        text.append(f"\nScheduled: {show_date(planned.on)}")
    for warning in exam.warnings:
        text.append(f"\n! {visible(warning)}")
    return text


def history_text(exam: ExamReport) -> Text:
    if not exam.history:
        return Text("No attempts recorded yet.", style="italic")
    lines = [Text().append("Date          Result      Score", style="bold")]
    for item in exam.history:
        if isinstance(item, ExamAttempt):
            score = "" if item.score is None else f"{item.score:g}"
            lines.append(Text(f"{show_date(item.on):<13} {item.result:<11} {score}"))
        else:
            lines.append(Text(f"{show_date(item.on):<13} re-enrolled (attempt count starts again)"))
    return Text("\n").join(lines)


class ExamPanel(Vertical, can_focus=True):
    """Focusable, so `a` / `n` know which program the user means."""

    def __init__(self, exam: ExamReport, advice: str = "") -> None:
        super().__init__(classes="exam-panel", id=f"exam-{exam.exam}")
        self.exam = exam
        self.advice = advice  # last-attempt mode: when to book (booking.last_attempt_advice)
        self.border_title = literal(exam.name)  # a rule file's text: never markup

    def compose(self) -> ComposeResult:
        yield Static(classes="exam-flag")
        yield Static(classes="exam-advice")
        yield Static(classes="exam-history")

    def on_mount(self) -> None:
        self.show(self.exam, self.advice)

    def show(self, exam: ExamReport, advice: str = "") -> None:
        self.exam, self.advice = exam, advice
        shown = self.query_one(".exam-advice", Static)
        shown.update(Text(advice, style="bold"))
        shown.display = bool(advice)
        flag = self.query_one(".exam-flag", Static)
        flag.update(flag_text(exam))
        flag.remove_class(*LEVELS)
        flag.add_class(flag_level(exam))
        self.query_one(".exam-history", Static).update(history_text(exam))
