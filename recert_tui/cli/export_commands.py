"""`recert export worksheet|csv|ics|json`: to standard output (no -o, or -o -), or to a private file.

-o is checked before the database is read, so a refused file name costs nothing and writes nothing.
The calendar library is imported only by `export ics`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..domain.engine import Report, cycle_number, history
from ..exports.backup import export_json as backup_bytes
from ..exports.csv_io import csv_bytes
from ..exports.ics import calendar_events, render_ics
from ..exports.worksheet import worksheet_bytes
from ..textsafe import visible
from .commands import session_for
from .errors import EXIT_OK, CliError
from .files import output_target, write_output

MAX_REMINDER_DAYS = 3650
BINARY_FORMATS = {"pdf": "a PDF"}  # worksheet formats that are not text, as a sentence names them


def export_worksheet(args: argparse.Namespace) -> int:
    binary = BINARY_FORMATS.get(args.format)
    target = output_target(args, binary=binary)
    with session_for(args, write=False) as session:
        report = session.report if args.cycle is None else _cycle_report(session, args.cycle)
        payload = worksheet_bytes(report, args.format, holder=session.holder_name)
    write_output(target, payload, "the worksheet", binary=binary is not None)
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
    target = output_target(args)
    with session_for(args, write=False) as session:
        activities = session.profile.activities
        payload = csv_bytes(activities, excel=args.excel)
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
    target = output_target(args)
    with session_for(args, write=False) as session:
        report = session.report
        payload = render_ics(report, days, calendar_id=session.calendar_id)
        count = len(calendar_events(report, calendar_id=session.calendar_id))
    write_output(target, payload, f"{count} calendar event{'' if count == 1 else 's'}")
    return EXIT_OK


def export_json(args: argparse.Namespace) -> int:
    target = output_target(args)
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
