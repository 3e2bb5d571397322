"""`recert export worksheet|csv|ics|json`: to the screen, or to a private file with -o.

-o is checked before the database is read, so a refused file name costs nothing and writes nothing.
The calendar library is imported only by `export ics`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..domain.engine import Report, cycle_number, history
from ..exports.backup import export_json as backup_bytes
from ..exports.csv_io import export_csv as render_csv
from ..exports.destination import DestinationExists, DestinationProblem, check_destination
from ..exports.ics import calendar_events, render_ics
from ..exports.worksheet import worksheet_bytes
from ..store import resolve_db_path
from ..textsafe import visible
from .commands import session_for
from .errors import EXIT_OK, CliError
from .files import write_output

MAX_REMINDER_DAYS = 3650


def _target(args: argparse.Namespace) -> Path | None:
    """Where -o points, checked (by the same rules as the app) before anything is computed."""
    if args.output is None:
        return None
    try:
        return check_destination(args.output, database=[resolve_db_path(args.db)], replace=args.force)
    except DestinationExists:
        raise CliError("-o", f"{visible(args.output)} already exists; add --force to replace it") from None
    except DestinationProblem as problem:
        sentence = str(problem).rstrip(".")  # a sentence for the app; after "-o:" it is a clause
        raise CliError("-o", sentence[:1].lower() + sentence[1:]) from None


def export_worksheet(args: argparse.Namespace) -> int:
    target = _target(args)
    with session_for(args, write=False) as session:
        report = session.report if args.cycle is None else _cycle_report(session, args.cycle)
        payload = worksheet_bytes(report, args.format, holder=session.holder_name)
    write_output(target, payload, "the worksheet")
    return EXIT_OK


def _cycle_report(session, text: str):
    """The report on cycle number `text` (1 is the first) of every credential that has one."""
    whole = history(session.profile, session.rules, session.today, due_soon_days=session.due_soon_days)
    longest = max((cycle_number(item) for item in whole.credentials), default=0)
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= max(longest, 1):
        choices = f"1 to {longest}" if longest > 1 else "1"
        raise CliError("--cycle", f"{visible(text)!r} is not a cycle number; yours: {choices} (see `recert history`)")
    number = int(text)
    return Report(whole.today, tuple(item for item in whole.credentials if cycle_number(item) == number), whole.exams)


def export_csv(args: argparse.Namespace) -> int:
    target = _target(args)
    with session_for(args, write=False) as session:
        activities = session.profile.activities
        payload = render_csv(activities).encode("utf-8")
    count = len(activities)
    write_output(target, payload, f"{count} activit{'y' if count == 1 else 'ies'} as CSV")
    return EXIT_OK


def reminder_days(text: str) -> tuple[int, ...]:
    """`180,90,30` -> (180, 90, 30); `none` (or empty) -> no reminders."""
    if text.strip().lower() in ("", "none"):
        return ()
    days: dict[int, None] = {}  # in the order given, each once
    for part in text.split(","):
        part = part.strip()
        digits = part.lstrip("0") or "0"
        # Digits are counted before int() is called: Python refuses to convert more than 4,300
        # of them (ValueError), so a long enough number never reached the MAX_REMINDER_DAYS check.
        if (
            not (part.isascii() and part.isdigit())
            or len(digits) > len(str(MAX_REMINDER_DAYS))
            or int(digits) > MAX_REMINDER_DAYS
        ):
            shown = repr(part) if len(part) <= 20 else f"{part[:20]!r}... ({len(part):,} characters)"
            raise CliError(
                "--reminders",
                f"{shown} is not a number of days from 0 to {MAX_REMINDER_DAYS}; "
                "use whole days separated by commas, e.g. 180,90,30, or none",
            )
        days[int(digits)] = None
    return tuple(sorted(days, reverse=True))


def export_ics(args: argparse.Namespace) -> int:
    days = reminder_days(args.reminders)
    target = _target(args)
    with session_for(args, write=False) as session:
        report = session.report
        payload = render_ics(report, days)
        count = len(calendar_events(report))
    write_output(target, payload, f"{count} calendar event{'' if count == 1 else 's'}")
    return EXIT_OK


def export_json(args: argparse.Namespace) -> int:
    target = _target(args)
    with session_for(args, write=False) as session:
        payload = backup_bytes(session.store, for_roster=args.for_roster)
    write_output(target, payload, "a roster export" if args.for_roster else "a full backup")
    return EXIT_OK


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("export", "worksheet"): export_worksheet,
    ("export", "csv"): export_csv,
    ("export", "ics"): export_ics,
    ("export", "json"): export_json,
}
