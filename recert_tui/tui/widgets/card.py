"""One held credential on the dashboard: status, expiry, progress, what is still needed."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from ...domain.counting import points_text
from ...domain.dates import show_date
from ...domain.engine import CredentialReport
from ...domain.models import AREAS
from ...domain.needs import pace_text
from ..text import literal

BAR_WIDTH = 22
GAP = Text(" ", style=Style(italic=False))  # a space between the head's parts, drawn as the gap it was
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


class CredentialCard(Widget):
    """One credential's card, drawn as one block of text; `show(report)` updates it in place.

    One widget rather than one per line: the dashboard is built at start-up and redrawn
    after every change, and a widget costs more to mount, style and lay out than its text
    costs to draw. The parts keep their looks through component classes (widgets.tcss).
    """

    COMPONENT_CLASSES = {"card--name", "card--status", "card--alert", "card--muted"}

    def __init__(self, report: CredentialReport) -> None:
        super().__init__(classes=f"card status-{report.status}", id=f"card-{report.code}")
        self._report = report
        self._parts = self._parts_of(report)

    def show(self, report: CredentialReport) -> None:
        old, self._report = self._report, report
        if report.status != old.status:
            self.remove_class(*STATUS_CLASSES, update=False)
            self.add_class(f"status-{report.status}")
        parts = self._parts_of(report)
        if parts != self._parts:
            self._parts = parts
            self.refresh(layout=True)

    def _parts_of(self, report: CredentialReport) -> tuple:
        """What the card says, as (name, status words, expiry, bars, needs, routes, exam,
        exam alert?, unconfirmed or None): compared to tell whether a redraw is needed."""
        return (
            literal(report.rules.name),
            Text(f" {report.status_words.upper()} "),
            self._expiry_text(report),
            self._bars(report),
            self._needs(report),
            self._routes(report),
            self._exam(report),
            bool(report.exam and (report.exam.failures or report.exam.warnings)),
            self._unconfirmed(report) if report.unconfirmed else None,
        )

    def render(self) -> Text:
        name, status, expiry, bars, needs, routes, exam, alert, unconfirmed = self._parts
        lines = [
            Text.assemble(self._styled(name, "card--name"), GAP, self._styled(status, "card--status"), GAP, expiry),
            Text(),  # the gap above the bars
            bars,
            Text(),  # the gap above what is still needed
            needs,
            routes,
            self._styled(exam, "card--alert") if alert else exam,
        ]
        if unconfirmed is not None:
            lines.append(self._styled(unconfirmed, "card--muted"))
        return Text("\n").join(lines)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if any(not segment.text for segment in strip):
            # A blank line brings an empty piece of text along: drop it (a gap has none).
            strip = Strip([segment for segment in strip if segment.text], strip.cell_length)
        return strip

    def _styled(self, text: Text, component: str) -> Text:
        """`text` under a component class's colour and text style (its own spans win)."""
        style = self.get_component_rich_style(component)
        styled = text.copy()
        styled.stylize_before(Style(color=style.color, bold=style.bold, italic=style.italic, reverse=style.reverse))
        return styled

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
