"""The audit-ready recertification worksheet: one section per credential, figures from the engine.

Every text is shown as typed: the writers pass each one through `visible` (control and
bidirectional characters become escapes such as `\\x1b`), whether it came from a record or
from a rule file (a user's own may rename a credential), and Markdown escapes what would
format.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from ..domain.counting import COUNTED, NOT_COUNTED, PARTLY, CountedActivity, points_text
from ..domain.dates import show_date
from ..domain.engine import CredentialReport, Report, cycle_number
from ..domain.models import AREAS
from ..textsafe import visible

FORMATS = ("md", "txt")


def render_worksheet(report: Report, fmt: str = "md") -> str:
    """Render every held credential's worksheet as Markdown (`md`) or plain text (`txt`)."""
    if fmt not in FORMATS:
        raise ValueError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")
    writer = _Markdown() if fmt == "md" else _Plain()
    writer.title(f"Recertification worksheet, as of {show_date(report.today)}")
    if not report.credentials:
        writer.para("No credentials recorded yet.")
    for credential in report.credentials:
        _credential_section(writer, credential)
    return writer.text()


def worksheet_bytes(report: Report, fmt: str = "md", holder: str = "") -> bytes:
    """The worksheet as the bytes of a file in `fmt` (md, txt, html or pdf) for `holder`.

    Placeholder until the audit packet lands: md and txt only, holder not shown yet.
    """
    return render_worksheet(report, fmt).encode("utf-8")


def _credential_section(writer: _Writer, report: CredentialReport) -> None:
    rules, cycle = report.rules, report.cycle
    number = report.credential.number or "not recorded"
    writer.heading(f"{rules.name}: {rules.title}")
    facts = [
        ("Certifying body", rules.body),
        ("Certificate number", number),
        ("Cycle", f"{cycle_number(report)}: {show_date(cycle.starts_on)} to {show_date(cycle.expires_on)}"),
        ("Credit counts", f"{show_date(cycle.credit_from)} to {show_date(cycle.credit_until)}"),
    ]
    if report.status == "recertified":  # a past cycle: how it ended is its status
        facts.append(("Status", report.needs.sentence))
    else:
        facts += [
            ("CE route closes", show_date(cycle.ce_route_closes_on)),
            ("Status", f"{report.status_words} ({_days(report.days_left)})"),
            ("Ready to recertify by CE", "yes" if report.ready else "no"),
            ("Next step", report.next_step),
        ]
    writer.facts(facts)
    writer.subheading("Totals against each rule")
    writer.table(["Rule", "Required", "Counted", "Still needed"], _rule_rows(report))
    writer.para(report.needs.sentence)
    counted = [item for item in report.activities if item.outcome in (COUNTED, PARTLY)]
    uncounted = [item for item in report.activities if item.outcome == NOT_COUNTED]
    writer.subheading(f"Counted activities ({len(counted)})")
    header = ["Date", "Title", "Provider", *[area.capitalize() for area in AREAS], "Approved", "Certificate"]
    writer.table(header, [_activity_row(item, report) for item in counted] or [["none", *[""] * (len(header) - 1)]])
    partly = [item for item in counted if item.outcome == PARTLY]
    for item in partly:
        writer.para(f"Partly counted: {item.activity.title} ({show_date(item.activity.completed_on)}): {item.reason}.")
    writer.subheading(f"Not counted ({len(uncounted)})")
    if uncounted:
        writer.table(
            ["Date", "Title", "Points", "Reason"],
            [
                [show_date(i.activity.completed_on), i.activity.title, points_text(i.activity.total_points), i.reason]
                for i in uncounted
            ],
        )
    else:
        writer.para("Every activity in this cycle counts.")
    if report.unconfirmed:
        keys = ", ".join(key for key, _ in report.unconfirmed)
        writer.para(f"Unconfirmed rule values in use (check with {rules.body}): {keys}.")


def _days(days_left: int) -> str:
    if days_left >= 0:
        return f"{days_left} days left"
    return f"expired {-days_left} days ago"


def _rule_rows(report: CredentialReport) -> list[list[str]]:
    ce, tally, needs = report.rules.ce, report.tally, report.needs
    rows = [["Total points", points_text(ce.total_points.value), points_text(tally.counted), points_text(needs.points)]]
    if ce.approved_minimum:
        rows.append(
            [
                f"{report.rules.approved_label} minimum",
                points_text(ce.approved_minimum.value),
                points_text(tally.approved),
                points_text(needs.approved),
            ]
        )
    if ce.non_approved_maximum:
        rows.append(
            [
                f"Not {report.rules.approved_label}, at most",
                points_text(ce.non_approved_maximum.value),
                points_text(tally.non_approved),
                "-",
            ]
        )
    for area in AREAS:
        minimum = ce.minimum_for(area)
        if minimum:
            rows.append(
                [
                    f"{area.capitalize()} minimum",
                    points_text(minimum),
                    points_text(tally.by_area[area]),
                    points_text(needs.by_area[area]),
                ]
            )
    rows.append(["Fewest extra points to meet every rule", "", "", points_text(needs.minimum_additional)])
    return rows


def _activity_row(item: CountedActivity, report: CredentialReport) -> list[str]:
    activity = item.activity
    cells = [show_date(activity.completed_on), activity.title, activity.provider]
    cells += [points_text(item.counted.get(area, 0)) if item.counted.get(area) else "" for area in AREAS]
    cells += ["yes" if item.approved else "no", activity.certificate]
    return cells


class _Writer(ABC):
    """Collects a worksheet's lines; each format says how a piece of it looks."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def text(self) -> str:
        return "\n".join(self.lines).rstrip() + "\n"

    @abstractmethod
    def title(self, text: str) -> None: ...

    @abstractmethod
    def heading(self, text: str) -> None: ...

    @abstractmethod
    def subheading(self, text: str) -> None: ...

    @abstractmethod
    def para(self, text: str) -> None: ...

    @abstractmethod
    def facts(self, pairs: list[tuple[str, str]]) -> None: ...

    @abstractmethod
    def table(self, header: list[str], rows: list[list[str]]) -> None: ...


class _Markdown(_Writer):
    def title(self, text: str) -> None:
        self.lines += [f"# {_md(text)}", ""]

    def heading(self, text: str) -> None:
        self.lines += [f"## {_md(text)}", ""]

    def subheading(self, text: str) -> None:
        self.lines += [f"### {_md(text)}", ""]

    def para(self, text: str) -> None:
        self.lines += [_md(text), ""]

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        self.lines += [f"- **{_md(label)}:** {_md(value)}" for label, value in pairs] + [""]

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.lines.append("| " + " | ".join(_md(cell) for cell in header) + " |")
        self.lines.append("|" + "|".join("---" for _ in header) + "|")
        self.lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
        self.lines.append("")


def _md(text: str) -> str:
    """User text made visible, then Markdown-escaped: shown as typed, never as formatting or a table break."""
    out = []
    for char in visible(text):
        if char in "\\`*_[]<>|~":  # the characters that format inline text or break a table row
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


class _Plain(_Writer):
    def title(self, text: str) -> None:
        text = visible(text)
        self.lines += [text, "=" * len(text), ""]

    def heading(self, text: str) -> None:
        text = visible(text)
        self.lines += [text, "-" * len(text), ""]

    def subheading(self, text: str) -> None:
        self.lines += [visible(text), ""]

    def para(self, text: str) -> None:
        self.lines += [visible(text), ""]

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        pairs = [(visible(label), visible(value)) for label, value in pairs]
        width = max(len(label) for label, _ in pairs)
        self.lines += [f"{label + ':':<{width + 1}} {value}" for label, value in pairs] + [""]

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        header, rows = [visible(cell) for cell in header], [[visible(str(cell)) for cell in row] for row in rows]
        # Every row has a cell under each heading, so the lengths match.
        widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
        self.lines.append("  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)).rstrip())
        self.lines.append("  ".join("-" * width for width in widths))
        self.lines += [
            "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
        ]
        self.lines.append("")
