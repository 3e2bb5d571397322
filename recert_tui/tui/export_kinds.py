"""The exports the app offers: name, a line of help, a default file name, and how to render.

Rendering is done by `recert_tui.exports` (the same code as `recert export ...`); each
renderer is imported only when that export is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..session import Session


def _worksheet(fmt: str) -> Callable[[Session], bytes]:
    def render(session: Session) -> bytes:
        from ..exports.worksheet import worksheet_bytes

        return worksheet_bytes(session.report, fmt, holder=session.holder_name)

    return render


def _csv(session: Session) -> bytes:
    from ..exports.csv_io import export_csv

    return export_csv(session.profile.activities).encode("utf-8")


def _ics(session: Session) -> bytes:
    from ..exports.ics import render_ics

    return render_ics(session.report, calendar_id=session.calendar_id)


def _backup(session: Session) -> bytes:
    from ..exports.backup import export_json

    return export_json(session.store)


@dataclass(frozen=True)
class ExportKind:
    key: str
    title: str  # as listed: "Worksheet (Markdown)"
    what: str  # as said after writing: "the worksheet"
    help: str  # one line
    stem: str  # file name before the date
    suffix: str
    render: Callable[[Session], bytes]

    def file_name(self, session: Session) -> str:
        return f"{self.stem}-{session.today.isoformat()}{self.suffix}"


EXPORTS: dict[str, ExportKind] = {
    kind.key: kind
    for kind in (
        ExportKind(
            "worksheet-md",
            "Worksheet (Markdown)",
            "the worksheet",
            "For an audit: totals, activities, certificates and a signature line",
            "recert-worksheet",
            ".md",
            _worksheet("md"),
        ),
        ExportKind(
            "worksheet-txt",
            "Worksheet (text)",
            "the worksheet",
            "The same worksheet as plain text, to print or e-mail",
            "recert-worksheet",
            ".txt",
            _worksheet("txt"),
        ),
        ExportKind(
            "worksheet-html",
            "Worksheet (HTML)",
            "the worksheet",
            "The same with a points chart, to print from a browser (A4 or Letter)",
            "recert-worksheet",
            ".html",
            _worksheet("html"),
        ),
        ExportKind(
            "worksheet-pdf",
            "Worksheet (PDF)",
            "the worksheet",
            "The same with a points chart, as a PDF to print or send",
            "recert-worksheet",
            ".pdf",
            _worksheet("pdf"),
        ),
        ExportKind(
            "csv",
            "Activities (CSV)",
            "the activities",
            "Every CE activity as a spreadsheet row (imports back exactly)",
            "recert-activities",
            ".csv",
            _csv,
        ),
        ExportKind(
            "ics",
            "Calendar (ICS)",
            "the calendar",
            "Expiry dates and scheduled exams with reminders, for your calendar app",
            "recert-calendar",
            ".ics",
            _ics,
        ),
        ExportKind(
            "json",
            "Full backup (JSON)",
            "a full backup",
            "The whole database in one file (restore with `recert import json`)",
            "recert-backup",
            ".json",
            _backup,
        ),
    )
}


def shown_path(path: Path) -> str:
    """`~/name` for a file in the home folder, else the path as it is."""
    home = Path.home()
    try:
        return "~/" + str(path.relative_to(home)) if path.is_absolute() else str(path)
    except ValueError:
        return str(path)
