"""One exam program's preparation: countdown, what to study next, time per week, categories.

Everything shown comes from the engine's StudyReport; this only puts it into words.
Numbers always come with words or signs, so nothing depends on colour. Names and labels come
from rule files a user may edit, so they are shown literally.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from ...domain.counting import points_text
from ...domain.dates import show_date
from ...domain.study import CategoryStatus, StudyReport
from ..text import literal
from .card import countdown

EMPTY_HINT = "Nothing yet. Log a study session with l, or a practice test with p."


def countdown_text(report: StudyReport) -> Text:
    if report.next_exam_on is None or report.days_to_exam is None:
        return Text("No attempt scheduled yet (add one on the Exams screen: 3, then a).")
    text = Text("Next attempt: ")
    text.append(f"{show_date(report.next_exam_on)}, {countdown(report.days_to_exam)}", style="bold")
    return text


def minutes_words(report: StudyReport) -> str:
    weeks = len(report.weekly_minutes)
    this_week = report.weekly_minutes[-1] if report.weekly_minutes else 0
    return f"this week {this_week} min; last {weeks} weeks {sum(report.weekly_minutes)} min"


def trend_text(trend: float | None) -> Text:
    """`↑ +6`, `↓ -4`, `= 0`: the arrow and the signed number, colour only adds emphasis."""
    if trend is None:
        return Text("-", style="dim")
    if trend > 0:
        return Text(f"↑ +{points_text(trend)}", style="bold")
    if trend < 0:
        return Text(f"↓ -{points_text(-trend)}", style="bold")
    return Text("= 0")


def category_table(report: StudyReport) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", padding=(0, 1), pad_edge=False, width=66)
    table.add_column("Category", width=24, no_wrap=True, overflow="ellipsis")
    table.add_column("Weight", width=7, justify="right")
    table.add_column("Latest", width=8, justify="right")
    table.add_column("Trend", width=8, justify="right")
    table.add_column("Minutes", width=7, justify="right")
    for item in report.categories:
        table.add_row(
            literal(item.label),
            _weight(item, report.weights_unconfirmed),
            _latest(item),
            trend_text(item.trend),
            Text(str(item.minutes)),
        )
    return table


def _weight(item: CategoryStatus, unconfirmed: bool) -> Text:
    if item.weight is None:
        return Text("-", style="dim")
    return Text(f"{points_text(item.weight)}%{'*' if unconfirmed else ''}")


def _latest(item: CategoryStatus) -> Text:
    if item.latest is None:
        return Text("no test", style="dim")
    return Text(f"{points_text(item.latest)}%")


def footnotes(report: StudyReport) -> Text:
    lines = []
    if report.weights_unconfirmed and any(item.weight is not None for item in report.categories):
        lines.append(Text("* weight not confirmed by an official source", style="italic"))
    if report.weakest:
        line = Text("Weakest first: ", style="bold")
        line.append(literal(", ".join(item.label for item in report.weakest)))
        lines.append(line)
    return Text("\n").join(lines)


def is_empty(report: StudyReport) -> bool:
    """Nothing logged for this program yet (no minutes, no practice test)."""
    return not any(item.minutes or item.latest is not None for item in report.categories)


class StudyPanel(Vertical, can_focus=True):
    """Focusable, so `l` / `p` know which program the user means; Tab moves to the next."""

    def __init__(self, report: StudyReport, blocked: str = "") -> None:
        super().__init__(classes="study-panel", id=f"study-{report.exam}")
        self.report = report
        self.blocked = blocked  # after the last failure: what the countdown says instead
        self.border_title = literal(report.name)  # a rule file's text: never markup

    def compose(self) -> ComposeResult:
        yield Static(classes="study-countdown")
        yield Static(classes="study-hint")
        yield Static(classes="study-suggestion")
        with Horizontal(classes="study-week"):
            yield Static("Minutes/week", classes="study-week-label")
            yield Sparkline(classes="study-sparkline")
            yield Static(classes="study-week-words")
        yield Static(classes="study-table")
        yield Static(classes="study-notes")

    def on_mount(self) -> None:
        self.show(self.report, self.blocked)

    def show(self, report: StudyReport, blocked: str = "") -> None:
        self.report, self.blocked = report, blocked
        countdown = literal(blocked, "bold") if blocked else countdown_text(report)
        self.query_one(".study-countdown", Static).update(countdown)
        hint = self.query_one(".study-hint", Static)
        hint.update(EMPTY_HINT)
        hint.display = is_empty(report)
        self.query_one(".study-suggestion", Static).update(literal(report.suggestion))
        self.query_one(Sparkline).data = list(report.weekly_minutes)
        self.query_one(".study-week-words", Static).update(Text(minutes_words(report)))
        self.query_one(".study-table", Static).update(category_table(report))
        notes = footnotes(report)
        widget = self.query_one(".study-notes", Static)
        widget.update(notes)
        widget.display = bool(notes.plain)
