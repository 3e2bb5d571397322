"""`recert study add|test|status`: exam preparation, on top of the session's study report."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..domain.counting import points_text
from ..domain.dates import show_date
from ..domain.study import StudyReport, category_label, study_report
from ..session import Session
from . import render_json, render_study, render_text
from .commands import fields_named, out, session_for
from .errors import EXIT_OK, CliError
from .study_bank_commands import study_due, study_export, study_import, study_mark, study_stats

# The validator's field names -> the options of these commands.
STUDY_FIELDS = {
    "minutes": "--minutes",
    "percent": "--score",
    "category": "--category",
    "date": "--date",
    "exam": "--exam",
    "note": "--note",
}


def study_add(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named(STUDY_FIELDS):
        saved = session.add_study_session(args.exam, args.date, args.minutes, args.category, args.note)
        first = (
            f"Recorded {saved.minutes} minute{'s' if saved.minutes != 1 else ''} of study for {saved.exam} "
            f"on {show_date(saved.on)} ({category_label(saved.category).lower()})."
        )
        out(_with_suggestion(session, saved.exam, [first]))
    return EXIT_OK


def study_test(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named(STUDY_FIELDS):
        saved = session.add_practice_test(args.exam, args.date, args.score, args.category)
        label = category_label(saved.category).lower()
        lines = [
            f"Recorded a practice test for {saved.exam} on {show_date(saved.on)}: "
            f"{points_text(saved.score)}% ({label})."
        ]
        report = session.report.study_for(saved.exam)
        status = next((c for c in report.categories if c.category == saved.category), None) if report else None
        if status is not None and status.trend is not None and status.latest_on == saved.on:
            lines.append(
                f"Change since the previous {label} test: {'+' if status.trend > 0 else ''}"
                f"{points_text(status.trend)} percentage points."
            )
        out(_with_suggestion(session, saved.exam, lines))
    return EXIT_OK


def _with_suggestion(session: Session, exam: str, lines: list[str]) -> str:
    report = session.report.study_for(exam)
    if report is not None:
        lines.append(report.suggestion)
    return "\n".join(render_text.wrap(line) for line in lines)


def study_status(args: argparse.Namespace) -> int:
    with session_for(args, write=False) as session:
        reports = list(session.report.study)
        if args.exam is not None:
            reports = [_one_exam(session, args.exam)]
        if args.json:
            out(
                render_json.dumps(
                    {"today": session.today.isoformat(), "exams": [render_study.json_report(item) for item in reports]}
                )
            )
        else:
            out(render_study.text(reports))
    return EXIT_OK


def _one_exam(session: Session, text: str) -> StudyReport:
    """The report for --exam; a known program with nothing recorded yet gets an empty one."""
    code = text.strip().lower()
    found = session.report.study_for(code)
    if found is not None:
        return found
    rules = session.rules.get(code)
    if rules is None or rules.exam is None:
        known = [c for c, item in session.rules.items() if item.exam is not None]
        raise CliError("--exam", f"{code!r} is not an exam program with an attempt policy; known: {', '.join(known)}")
    return study_report(rules.exam, [], [], None, session.today)


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("study", "add"): study_add,
    ("study", "test"): study_test,
    ("study", "status"): study_status,
    ("study", "import"): study_import,
    ("study", "export"): study_export,
    ("study", "due"): study_due,
    ("study", "stats"): study_stats,
    ("study", "mark"): study_mark,
}
