"""`recert roster PATH...`: many people's exports on one list, most urgent first (read only).

Text (80 columns), `--json` (the shape below), `--csv` (for a mail merge) or `--check` (for
cron). The roster is read and sorted by `recert_tui.roster`; this module only chooses rows and
prints. Files that cannot be read are listed on stderr (or in the JSON's `errors`), and the
others are still shown; the exit status then says so:

- text, `--json`, `--csv`: 0 when every file was read, 3 when any could not be;
- `--check`: 0 nothing due, 1 action needed within DAYS, 2 lapsed or re-enrollment required,
  as `recert status --check`; a file that could not be read is at least 1 (someone must look
  at it: the person in it cannot be checked).

`--json`: {"today", "within_days", "files_read", "rows": [row...], "errors": [{"path", "reason"}]},
each row {"person", "path", "credential", "credential_name", "status", "status_words",
"expires_on", "days_left", "needs", "needs_short", "next_step", "attempts_used",
"attempts_allowed", "last_attempt", "reenrollment_required", "last_activity_on", "urgency",
"due": [{"level", "subject", "sentence", "on"}]}; dates are ISO, absent values null.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ..catalog import load_catalog
from ..domain.dates import show_date
from ..domain.errors import unknown_credential
from ..domain.urgency import ACTION_SOON, DEFAULT_WITHIN_DAYS, NOTHING_DUE, CheckItem, most_urgent_first
from ..exports.csv_io import neutralise
from ..exports.escapes import escaped
from ..roster import (
    STATUSES,
    Roster,
    RosterRow,
    Unreadable,
    as_sentence,
    attempts_words,
    chosen,
    counts,
    read_roster,
    said_of,
    status_named,
)
from ..textsafe import columns, fit, visible
from . import render_json
from .commands import out, out_parts
from .errors import EXIT_OK, EXIT_STORE, CliError
from .render_check import item_json, item_line, within_days
from .render_text import wrap

# The text table: (heading, width) of each column; the rest of a row goes on the lines under it.
COLUMNS = (("Person", 18), ("Credential", 11), ("Status", 10), ("Expires", 11), ("Attempts", 9), ("Last CE", 11))
GAP = "  "  # between columns: 80 in all
CSV_COLUMNS = (
    "person",
    "path",
    "credential",
    "credential_name",
    "status",
    "expires_on",
    "days_left",
    "needs",
    "next_step",
    "attempts_used",
    "attempts_allowed",
    "last_attempt",
    "reenrollment_required",
    "last_activity_on",
    "urgency",
    "due",
)


def roster(args: argparse.Namespace) -> int:
    if args.within is not None and not args.check:
        raise CliError("--within", "goes with --check (`recert roster --check --within 60 PATH...`)")
    within = within_days(args.within) if args.check else DEFAULT_WITHIN_DAYS
    catalog = load_catalog()
    code = _credential(args.credential, catalog.codes)
    status = _status(args.status)
    found = read_roster(args.paths, catalog.credentials, args.today, within)
    rows = chosen(found.rows, name=args.name, code=code, status=status)
    if args.json:
        out(render_json.dumps(roster_json(found, rows)))
    else:
        _say_unreadable(found.unreadable)
        if args.check:
            return _check(rows, found)
        if args.csv:
            _write_csv(rows)
        else:
            out_parts(_text_parts(found, rows))
    return EXIT_STORE if found.unreadable else EXIT_OK


def _credential(text: str | None, known: list[str]) -> str | None:
    if text is None:
        return None
    code = text.strip().lower()
    if code not in known:
        raise CliError("--credential", unknown_credential(code, known))
    return code


def _status(text: str | None) -> str | None:
    if text is None:
        return None
    status = status_named(text)
    if status is None:
        raise CliError("--status", f"{visible(text.strip())!r} is not a status; use one of: {', '.join(STATUSES)}")
    return status


def _say_unreadable(unreadable: Iterable[Unreadable]) -> None:
    """One line on stderr per path that could not be read (the rows go to stdout)."""
    if sys.stderr is None:
        return
    for problem in unreadable:
        shown = problem.path or '""'  # an empty argument
        print(visible(f"recert: skipped {shown}: {problem.reason}"), file=sys.stderr)


# --- --check -----------------------------------------------------------------------------------


def _check(rows: list[RosterRow], found: Roster) -> int:
    """One line per thing due, most urgent first, each naming the person; nothing when none."""
    due: list[tuple[RosterRow, CheckItem]] = [(row, item) for row in rows for item in row.due.items]
    due.sort(key=lambda pair: most_urgent_first(pair[1]))  # stable: in the rows' order within a tie
    if due:
        out("\n".join(item_line(item, f"{row.person}: ") for row, item in due))
    code = max((row.urgency for row in rows), default=NOTHING_DUE)
    # A file that could not be read is at least ACTION_SOON: someone must look at it.
    return max(code, ACTION_SOON) if found.unreadable else code


# --- text --------------------------------------------------------------------------------------


def _text_parts(found: Roster, rows: list[RosterRow]) -> Iterable[str]:
    """The table, each row with its needs or what is due under it, then a summary line."""
    yield _columns(tuple(heading for heading, _ in COLUMNS))
    for row in rows:
        yield "\n" + _columns(_cells(row))
        for line in said_of(row):
            yield "\n" + wrap(line, "    ", "")
    yield "\n\n" + wrap(_summary(found, rows))


def _columns(cells: tuple[str, ...]) -> str:
    return GAP.join(_fitted(visible(cell), width) for (_, width), cell in zip(COLUMNS, cells, strict=True)).rstrip()


def _fitted(text: str, width: int) -> str:
    """`text` in exactly `width` terminal cells: cut with "…" if longer, padded if shorter."""
    cut = fit(text, width)
    return cut + " " * (width - columns(cut))


def _cells(row: RosterRow) -> tuple[str, ...]:
    return (
        row.person,
        row.name,
        row.status_words,
        show_date(row.expires_on) if row.expires_on else "",
        attempts_words(row),
        show_date(row.last_activity_on) if row.last_activity_on else "",
    )


def _summary(found: Roster, rows: list[RosterRow]) -> str:
    people, urgent, soon = counts(rows)
    line = (
        f"{_count(len(rows), 'row')} for {_count(people, 'person', 'people')} "
        f"({_count(found.files, 'file')} read) as of {show_date(found.today)}: "
        f"{urgent} lapsed or to re-enroll, {soon} with action needed within {found.within_days} days."
    )
    if found.unreadable:
        line += f" {_count(len(found.unreadable), 'path')} could not be read (see above)."
    return line


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


# --- CSV ---------------------------------------------------------------------------------------


def _write_csv(rows: list[RosterRow]) -> None:
    """For a mail merge: a header, then a row per roster row; text cells escaped and guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in _csv_values(row)])
    out(buffer.getvalue().removesuffix("\r\n"))


def _csv_values(row: RosterRow) -> tuple[Any, ...]:
    return (
        row.person,
        row.path,
        row.code,
        row.name,
        row.status,
        row.expires_on,
        row.days_left,
        row.needs,
        row.next_step,
        row.attempts_used,
        row.attempts_allowed,
        "yes" if row.last_attempt else "no",
        "yes" if row.reenrollment_required else "no",
        row.last_activity_on,
        row.urgency,
        " ".join(f"{item.subject}: {as_sentence(item.sentence)}" for item in row.due.items),
    )


def _csv_cell(value: Any) -> str:
    """A date as ISO, a number as written; text with control characters as escapes and a
    formula's first character neutralised, as the activities' CSV export does."""
    if value is None:
        return ""
    if isinstance(value, (date, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    return neutralise(escaped(str(value)))


# --- JSON --------------------------------------------------------------------------------------


def roster_json(found: Roster, rows: list[RosterRow]) -> dict[str, Any]:
    return {
        "today": found.today.isoformat(),
        "within_days": found.within_days,
        "files_read": found.files,
        "rows": [row_json(row) for row in rows],
        "errors": [{"path": problem.path, "reason": problem.reason} for problem in found.unreadable],
    }


def row_json(row: RosterRow) -> dict[str, Any]:
    return {
        "person": row.person,
        "path": row.path,
        "credential": row.code or None,
        "credential_name": row.name or None,
        "status": row.status,
        "status_words": row.status_words,
        "expires_on": render_json.iso(row.expires_on),
        "days_left": row.days_left,
        "needs": row.needs,
        "needs_short": row.needs_short,
        "next_step": row.next_step or None,
        "attempts_used": row.attempts_used,
        "attempts_allowed": row.attempts_allowed,
        "last_attempt": row.last_attempt,
        "reenrollment_required": row.reenrollment_required,
        "last_activity_on": render_json.iso(row.last_activity_on),
        "urgency": row.urgency,
        "due": [item_json(item) for item in row.due.items],
    }


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {("roster", None): roster}
