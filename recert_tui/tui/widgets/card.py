"""One held credential on the dashboard: status, expiry, progress (the bars, and the points
over the cycle against the pace line), what is still needed."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ...domain.counting import points_text
from ...domain.dates import show_date
from ...domain.engine import CredentialReport
from ...domain.models import AREAS
from ...domain.needs import pace_text
from ...domain.pace import points_of
from ...textsafe import visible
from .points_chart import LEFT, chart_content

BAR_WIDTH = 22
STATUS_CLASSES = ("status-current", "status-due-soon", "status-grace", "status-lapsed")
# The parts' looks, in the theme's colours, as content styles: the card is one text, not a
# node per part. Status always has words too; colour only adds emphasis.
STATUS_STYLES = {
    "current": "bold reverse $success",
    "due-soon": "bold reverse $warning",
    "grace": "bold reverse $warning",
    "lapsed": "bold reverse $error",
}
ALERT_STYLE = "bold $warning"
MUTED_STYLE = "italic $foreground-muted"
NEWLINE = Content("\n")


def countdown(days_left: int) -> str:
    """Words for the engine's `days_left`."""
    if days_left > 1:
        return f"in {days_left} days"
    if days_left == 1:
        return "tomorrow"
    if days_left == 0:
        return "today"
    return f"{-days_left} day{'s' if days_left != -1 else ''} ago"


def bar_line(label: str, have: float, need: float, short: float) -> Content:
    """`Total            ██████████░░░░  56.5 of 60  met` — fill and words, never colour alone."""
    share = 1.0 if need <= 0 else max(0.0, min(1.0, have / need))
    filled = round(share * BAR_WIDTH)
    # "met" comes from the engine's shortfall, not from comparing numbers here.
    done = short <= 0
    return Content.assemble(
        f"{label:<{LEFT}}",
        ("█" * filled, "bold"),
        ("░" * (BAR_WIDTH - filled), "dim"),
        f" {points_text(have)} of {points_text(need)}",
        ("  met", "bold") if done else f"  {points_text(short)} short",
    )


class CredentialCard(Widget):
    """One credential's card, drawn as one block of text; `show(report)` updates it in place.

    One widget rather than one per line: the dashboard is built at start-up and redrawn
    after every change, and a widget costs more to mount, style and lay out than its text
    costs to draw. The text is made once per change, as Textual's own Content.
    """

    def __init__(self, report: CredentialReport) -> None:
        super().__init__(classes=f"card status-{report.status}", id=f"card-{report.code}")
        self._content = self._content_of(report)

    def show(self, report: CredentialReport) -> None:
        if not self.has_class(f"status-{report.status}"):
            self.remove_class(*STATUS_CLASSES, update=False)
            self.add_class(f"status-{report.status}")
        content = self._content_of(report)
        if not content.is_same(self._content):  # text and looks: == compares the text only
            self._content = content
            self.refresh(layout=True)

    def render(self) -> Content:
        return self._content

    @classmethod
    def _content_of(cls, report: CredentialReport) -> Content:
        """Everything the card says: its head, the bars, the chart, what is still needed, the routes,
        the exam attempts and, if any, the unconfirmed rules it relies on."""
        exam = cls._exam(report)
        if report.exam and (report.exam.failures or report.exam.warnings):
            exam = exam.stylize_before(ALERT_STYLE)
        lines: list[Content | str] = [
            Content.assemble(
                (visible(report.rules.name), "bold"),
                " ",
                (f" {report.status_words.upper()} ", STATUS_STYLES.get(report.status, "bold reverse")),
                " ",
                cls._expiry_text(report),
            ),
            Content.assemble(("Next step: ", "bold"), visible(report.next_step)),
            "",  # the gap above the bars
            cls._bars(report),
            "",  # the gap above the chart
            chart_content(points_of(report)),
            "",  # the gap above what is still needed
            cls._needs(report),
            cls._routes(report),
        ]
        if report.exam is not None:  # no empty line for a credential without an exam policy
            lines.append(exam)
        if report.unconfirmed:
            lines.append(cls._unconfirmed(report))
        return NEWLINE.join(lines)

    @staticmethod
    def _expiry_text(report: CredentialReport) -> str:
        expires = show_date(report.cycle.expires_on)
        verb = "expired" if report.days_left < 0 else "expires"
        return f" {verb} {expires}, {countdown(report.days_left)}"

    @staticmethod
    def _bars(report: CredentialReport) -> Content:
        ce, tally, needs = report.rules.ce, report.tally, report.needs
        lines = [bar_line("Total", tally.counted, ce.total_points.value, needs.points)]
        if ce.approved_minimum:
            label = report.rules.approved_label
            lines.append(
                bar_line(
                    label if len(label) <= 15 else "Approved", tally.approved, ce.approved_minimum.value, needs.approved
                )
            )
        for area in AREAS:
            minimum = ce.minimum_for(area)
            if minimum > 0:
                lines.append(bar_line(f"  {area}", tally.by_area.get(area, 0.0), minimum, needs.by_area.get(area, 0.0)))
        return NEWLINE.join(lines)

    @staticmethod
    def _needs(report: CredentialReport) -> Content:
        parts: list[str | tuple[str, str]] = [
            ("Still needed: " if not report.needs.met else "Done: ", "bold"),
            visible(report.needs.sentence),
        ]
        pace = pace_text(report.needs)
        if pace:
            parts += [("\nPace: ", "bold"), pace]
        return Content.assemble(*parts)

    @staticmethod
    def _routes(report: CredentialReport) -> Content:
        lines = []
        for route in report.routes:
            if route.starts_on is not None:  # a way for later: when it opens is all the card needs
                lines.append(
                    Content.assemble((f"{visible(route.name)}: ", "bold"), f"from {show_date(route.starts_on)}")
                )
                continue
            parts = [(f"{visible(route.name)}: ", "bold"), "open" if route.open else "CLOSED"]
            # A closed route's reason says all; its old deadlines would only read as choices.
            for step in route.steps if route.open else ():
                mark = " (passed)" if step.passed else ""
                parts.append(f"; {visible(step.label)} {show_date(step.on)}{mark}")
            if route.unconfirmed:
                parts.append(" *")
            if route.note:
                parts.append(f". {visible(route.note)}")
            lines.append(Content.assemble(*parts))
        return NEWLINE.join(lines)

    @staticmethod
    def _exam(report: CredentialReport) -> Content:
        exam = report.exam
        if exam is None:
            return Content("")
        return Content.assemble(
            ("Exam attempts: ", "bold"), visible(exam.flag), *(f"\n! {visible(warning)}" for warning in exam.warnings)
        )

    @staticmethod
    def _unconfirmed(report: CredentialReport) -> Content:
        count = len(report.unconfirmed)
        values = f"{count} unconfirmed rule value{'s' if count != 1 else ''}"
        return Content.styled(f"* Relies on {values}; `recert rules {report.code}` lists them.", MUTED_STYLE)
