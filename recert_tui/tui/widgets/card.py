"""One held credential on the dashboard: status, expiry, progress, what is still needed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ...domain.counting import points_text
from ...domain.dates import show_date
from ...domain.engine import CredentialReport
from ...domain.models import AREAS
from ...domain.needs import pace_text
from ..text import literal

BAR_WIDTH = 22
STATUS_CLASSES = ("status-current", "status-due-soon", "status-grace", "status-lapsed")


def countdown(days_left: int) -> str:
    """Words for the engine's `days_left`."""
    if days_left > 1:
        return f"in {days_left} days"
    if days_left == 1:
        return "tomorrow"
    if days_left == 0:
        return "today"
    return f"{-days_left} day{'s' if days_left != -1 else ''} ago"


def bar_line(label: str, have: float, need: float, short: float) -> Text:
    """`Total            ██████████░░░░  56.5 of 60  met` — fill and words, never colour alone."""
    share = 1.0 if need <= 0 else max(0.0, min(1.0, have / need))
    filled = round(share * BAR_WIDTH)
    line = Text(f"{label:<17}")
    line.append("█" * filled, style="bold")
    line.append("░" * (BAR_WIDTH - filled), style="dim")
    line.append(f" {points_text(have)} of {points_text(need)}")
    # "met" comes from the engine's shortfall, not from comparing numbers here.
    line.append("  met" if short <= 0 else f"  {points_text(short)} short", style="bold" if short <= 0 else "")
    return line


class CredentialCard(Vertical):
    """Built once per credential; `show(report)` updates it in place after a change."""

    def __init__(self, report: CredentialReport) -> None:
        super().__init__(classes="card", id=f"card-{report.code}")
        self._report = report

    def compose(self) -> ComposeResult:
        with Horizontal(classes="card-head"):
            yield Static(classes="card-name")
            yield Static(classes="card-status")
            yield Static(classes="card-expiry")
        yield Static(classes="card-bars")
        yield Static(classes="card-needs")
        yield Static(classes="card-routes")
        yield Static(classes="card-exam")
        yield Static(classes="card-unconfirmed")

    def on_mount(self) -> None:
        self.show(self._report)

    def show(self, report: CredentialReport) -> None:
        self._report = report
        rules = report.rules
        self.remove_class(*STATUS_CLASSES)
        self.add_class(f"status-{report.status}")
        self.query_one(".card-name", Static).update(literal(rules.name))
        self.query_one(".card-status", Static).update(Text(f" {report.status_words.upper()} "))
        self.query_one(".card-expiry", Static).update(self._expiry_text(report))
        self.query_one(".card-bars", Static).update(self._bars(report))
        self.query_one(".card-needs", Static).update(self._needs(report))
        self.query_one(".card-routes", Static).update(self._routes(report))
        exam = self.query_one(".card-exam", Static)
        exam.update(self._exam(report))
        exam.set_class(bool(report.exam and (report.exam.failures or report.exam.warnings)), "-alert")
        unconfirmed = self.query_one(".card-unconfirmed", Static)
        unconfirmed.update(self._unconfirmed(report))
        unconfirmed.display = bool(report.unconfirmed)

    @staticmethod
    def _expiry_text(report: CredentialReport) -> Text:
        expires = show_date(report.cycle.expires_on)
        verb = "expired" if report.days_left < 0 else "expires"
        return Text(f" {verb} {expires}, {countdown(report.days_left)}")

    @staticmethod
    def _bars(report: CredentialReport) -> Text:
        ce, tally, needs = report.rules.ce, report.tally, report.needs
        lines = [bar_line("Total", tally.counted, ce.total_points.value, needs.points)]
        if ce.approved_minimum:
            label = report.rules.approved_label
            lines.append(bar_line(label if len(label) <= 15 else "Approved", tally.approved, ce.approved_minimum.value, needs.approved))
        for area in AREAS:
            minimum = ce.minimum_for(area)
            if minimum > 0:
                lines.append(bar_line(f"  {area}", tally.by_area.get(area, 0.0), minimum, needs.by_area.get(area, 0.0)))
        return Text("\n").join(lines)

    @staticmethod
    def _needs(report: CredentialReport) -> Text:
        text = Text().append("Still needed: ", style="bold") if not report.needs.met else Text().append("Done: ", style="bold")
        text.append(report.needs.sentence)
        pace = pace_text(report.needs)
        if pace:
            text.append("\nPace: ", style="bold")
            text.append(pace)
        return text

    @staticmethod
    def _routes(report: CredentialReport) -> Text:
        lines = []
        for route in report.routes:
            line = Text().append(f"{route.name}: ", style="bold")
            line.append("open" if route.open else "CLOSED")
            for deadline in route.deadlines:
                mark = " (passed)" if deadline.passed else ""
                line.append(f"; {deadline.label} {show_date(deadline.on)}{mark}")
            if route.unconfirmed:
                line.append(" *")
            if route.note:
                line.append(f". {route.note}")
            lines.append(line)
        return Text("\n").join(lines)

    @staticmethod
    def _exam(report: CredentialReport) -> Text:
        exam = report.exam
        if exam is None:
            return Text("")
        text = Text().append("Exam attempts: ", style="bold")
        text.append(exam.flag)
        for warning in exam.warnings:
            text.append(f"\n! {warning}")
        return text

    @staticmethod
    def _unconfirmed(report: CredentialReport) -> Text:
        count = len(report.unconfirmed)
        values = f"{count} unconfirmed rule value{'s' if count != 1 else ''}"
        return Text(f"* Relies on {values}; `recert rules {report.code}` lists them.", style="italic")
