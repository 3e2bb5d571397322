"""The command line's shape: global options, then one subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Collection
from typing import Any, NoReturn, Protocol

from ..textsafe import visible
from .errors import EXIT_BAD_INPUT
from .global_options import DATES, add_global_options

DESCRIPTION = """\
Keep medical-assistant credentials current: CE points, expiry, exam attempts.
With no command, opens the terminal app."""

EPILOG = """\
examples:
  recert credential add cma-aama --earned 2022-03-15 --number 123456
  recert activity add --credential cma-aama --title "Infection control" \\
      --date 3/5/2025 --points 2 --area clinical
  recert status
  recert status --json
  recert rules cma-aama
  recert study add --exam cma-aama --date 2026-11-20 --minutes 45
  recert export worksheet -o worksheet.md
  recert import csv my-ce.csv --dry-run
  recert doctor"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one short line (and still exits 2)."""

    def error(self, message: str) -> NoReturn:
        # Always "recert: ...", also for a subcommand, so every error line starts the same way.
        print(f"recert: {visible(message)} (see `{self.prog} --help`)", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def _rules_options(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("code", nargs="?", metavar="CODE", help="one credential, e.g. cma-aama (default: all)")
    _json_option(rules)


def _doctor_options(doctor: argparse.ArgumentParser) -> None:
    doctor.add_argument(
        "--restore",
        action="store_true",
        help="if the file is damaged, put the newest good backup in its place (the damaged file is kept aside)",
    )
    doctor.add_argument(
        "--fix-permissions", action="store_true", help="make the file and its backups private to you (0600)"
    )
    _yes_option(doctor, "do it without asking")


def _status_options(status: argparse.ArgumentParser) -> None:
    status.add_argument(
        "--json", action="store_true", help="print JSON instead of text (with --check: the code and the items due)"
    )
    _check_options(status, status)


class _TakesArguments(Protocol):
    """A parser or a group of it: what add_argument is called on."""

    def add_argument(self, *names: str, **options: Any) -> Any: ...


def _check_options(parser: argparse.ArgumentParser, check_group: _TakesArguments) -> None:
    """--check and --within, for status and roster alike (`check_group`: where --check goes)."""
    check_group.add_argument(
        "--check",
        action="store_true",
        help="for cron: one line per item due, nothing at all when nothing is due; exit 0 (nothing "
        "due), 1 (action needed within --within days) or 2 (a credential expired or lapsed, or "
        "re-enrollment required)",
    )
    parser.add_argument(
        "--within",
        metavar="DAYS",
        help="with --check: how many days ahead count as due, 0 to 3650 (default 90)",
    )


def _roster_options(roster: argparse.ArgumentParser) -> None:
    roster.add_argument(
        "paths", metavar="PATH", nargs="+", help="people's JSON exports or backups, or folders of them (read only)"
    )
    roster.add_argument("--name", metavar="TEXT", help="only people whose name contains TEXT")
    roster.add_argument("--credential", metavar="CODE", help="only this credential, e.g. cma-aama")
    roster.add_argument("--status", metavar="STATUS", help="only this status, e.g. lapsed or due-soon")
    shape = roster.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON instead of text")
    shape.add_argument("--csv", action="store_true", help="print CSV (for a mail merge) instead of text")
    _check_options(roster, shape)


def _profile_options(profile: argparse.ArgumentParser) -> None:
    profile.add_argument(
        "--name", metavar="NAME", help="your name, as the worksheet and rosters show it (an empty value removes it)"
    )
    _json_option(profile)


def _completion_options(completion: argparse.ArgumentParser) -> None:
    completion.add_argument(
        "shell", choices=("bash", "zsh", "fish"), help="the shell to complete in: bash, zsh or fish"
    )


def _group(add_actions: Callable) -> Callable[[argparse.ArgumentParser], None]:
    """A filler for a command with actions (`recert activity add`): its ACTION list, then each action."""

    def fill(parser: argparse.ArgumentParser) -> None:
        add_actions(parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser))

    return fill


def _action(actions, name: str, help_text: str) -> argparse.ArgumentParser:
    return actions.add_parser(name, help=help_text, description=help_text, allow_abbrev=False)


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def _credential_commands(actions) -> None:
    add = _action(actions, "add", "add a credential you hold")
    add.add_argument("code", metavar="CODE", help="e.g. cma-aama (see `recert rules`)")
    add.add_argument("--earned", metavar="DATE", required=True, help=f"the day you earned it ({DATES})")
    add.add_argument("--number", metavar="N", help="your certificate number")

    _json_option(_action(actions, "list", "list your credentials"))

    edit = _action(actions, "edit", "correct the earned date or number; options not given keep their values")
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--earned", metavar="DATE", help=f"the day you earned it ({DATES})")
    edit.add_argument("--number", metavar="N", help="your certificate number (an empty value removes it)")

    remove = _action(actions, "remove", "take a credential off your list (its activities are kept)")
    remove.add_argument("code", metavar="CODE")

    recertified = _action(actions, "recertified", "record a recertification, which starts a new cycle")
    recertified.add_argument("code", metavar="CODE")
    recertified.add_argument("--on", metavar="DATE", required=True, help=f"the recertification day ({DATES})")
    recertified.add_argument(
        "--route", metavar="ROUTE", default="ce", help="how: ce (default), exam, late-exam, start-over or reinstatement"
    )


def _activity_fields(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """The options of `activity add` (required ones enforced) and `activity edit` (all optional)."""
    parser.add_argument("--credential", metavar="CODE", required=required, help="the credential it counts for")
    parser.add_argument("--title", metavar="T", required=required)
    parser.add_argument("--date", metavar="DATE", required=required, help=f"the day completed ({DATES})")
    parser.add_argument("--points", metavar="P", help="points earned (with --area)")
    parser.add_argument("--area", metavar="AREA", help="administrative, clinical or general")
    parser.add_argument("--split", metavar="SPLIT", help="points across areas, e.g. administrative=2,clinical=1")
    approval = parser.add_mutually_exclusive_group()
    approval.add_argument(
        "--approved",
        dest="approved",
        action="store_const",
        const="yes",
        help="approved by the credential's own body (default for ceu)",
    )
    approval.add_argument(
        "--not-approved",
        dest="approved",
        action="store_const",
        const="no",
        help="not approved by the credential's own body (default for other)",
    )
    parser.add_argument("--kind", metavar="KIND", help="ceu (default), cpr, college or other")
    parser.add_argument("--college-credits", metavar="N", help="for --kind college: points = credits x the rule's rate")
    parser.add_argument("--provider", metavar="P")
    parser.add_argument("--certificate", metavar="REF")
    parser.add_argument("--notes", metavar="N")
    parser.add_argument(
        "--category",
        metavar="C",
        help="the credential's own category, where it has some (RMA: e.g. professional-education)",
    )
    recurrence = parser.add_mutually_exclusive_group()
    recurrence.add_argument(
        "--recurring",
        dest="recurring",
        action="store_const",
        const="yes",
        help="a training repeated every year or so (asked where the rules count those apart, e.g. ncma-ncct)",
    )
    recurrence.add_argument(
        "--not-recurring",
        dest="recurring",
        action="store_const",
        const="no",
        help="not a recurring training (the default)",
    )


def _activity_commands(actions) -> None:
    _activity_fields(_action(actions, "add", "record a completed CE activity"), required=True)

    listing = _action(actions, "list", "list activities, newest first, and how each counts")
    _json_option(listing)
    listing.add_argument("--credential", metavar="CODE", help="only this credential's activities")

    edit = _action(actions, "edit", "change an activity; options not given keep their values")
    edit.add_argument("id", metavar="ID", help="the activity's id (see `recert activity list`)")
    _activity_fields(edit, required=False)

    remove = _action(actions, "remove", "delete an activity")
    remove.add_argument("id", metavar="ID")


def _exam_commands(actions) -> None:
    add = _action(actions, "add", "record an exam attempt (taken or scheduled)")
    add.add_argument("--exam", metavar="CODE", required=True, help="the exam program, e.g. cma-aama")
    add.add_argument("--date", metavar="DATE", required=True, help=DATES)
    add.add_argument("--result", metavar="RESULT", required=True, help="pass, fail or scheduled")
    add.add_argument("--score", metavar="N")
    add.add_argument(
        "--recertify",
        action="store_true",
        help="a pass that recertifies a credential you hold: close its cycle and start the next on that day",
    )

    edit = _action(actions, "edit", "correct an attempt; options not given keep their values")
    edit.add_argument("id", metavar="ID", help="the attempt's #id (see `recert exam list`)")
    edit.add_argument("--exam", metavar="CODE", help="the exam program, e.g. cma-aama")
    edit.add_argument("--date", metavar="DATE", help=DATES)
    edit.add_argument("--result", metavar="RESULT", help="pass, fail or scheduled")
    edit.add_argument("--score", metavar="N", help="the score; an empty value removes it")

    remove = _action(actions, "remove", "delete an attempt recorded by mistake")
    remove.add_argument("id", metavar="ID", help="the attempt's #id (see `recert exam list`)")

    reenrolled = _action(actions, "reenrolled", "record completing an accredited program again")
    reenrolled.add_argument("--exam", metavar="CODE", required=True)
    reenrolled.add_argument("--on", metavar="DATE", required=True, help=DATES)

    _json_option(_action(actions, "list", "attempts per exam program, and what is allowed next"))


def _yes_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--yes", action="store_true", help=help_text + " (needed when input is not a terminal)")


def _study_commands(actions) -> None:
    add = _action(actions, "add", "record time spent studying for an exam")
    add.add_argument("--exam", metavar="CODE", required=True, help="the exam program, e.g. cma-aama")
    add.add_argument("--date", metavar="DATE", required=True, help=DATES)
    add.add_argument("--minutes", metavar="N", required=True, help="whole minutes, 1 to 1440")
    add.add_argument("--category", metavar="C", help="an exam outline category, e.g. clinical (default: overall)")
    add.add_argument("--note", metavar="TEXT")

    test = _action(actions, "test", "record a practice-test result")
    test.add_argument("--exam", metavar="CODE", required=True, help="the exam program, e.g. cma-aama")
    test.add_argument("--date", metavar="DATE", required=True, help=DATES)
    test.add_argument("--score", metavar="PERCENT", required=True, help="the score in percent, 0 to 100")
    test.add_argument("--category", metavar="C", help="an exam outline category, e.g. clinical (default: overall)")

    status = _action(actions, "status", "time studied, scores by category, and what to study next")
    status.add_argument("--exam", metavar="CODE", help="only this exam program")
    _json_option(status)

    bank_import = _action(actions, "import", "add questions (CSV) or flashcards (Anki's notes as plain text)")
    bank_import.add_argument("file", metavar="FILE", nargs="?", help="the file, or - for standard input")
    bank_import.add_argument(
        "--starter", action="store_true", help="the starter bank shipped with the app (unofficial)"
    )
    bank_import.add_argument(
        "--dry-run", action="store_true", help="check every row and say what would be added; write nothing"
    )
    bank_import.add_argument("--skip-bad", action="store_true", help="add the good rows even if others are bad")

    bank_export = _action(actions, "export", "the questions as CSV, in the same columns import reads")
    bank_export.add_argument("--exam", metavar="CODE", help="only this exam program")
    bank_export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (private to you, 0600); - or none: the screen"
    )
    bank_export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    mark = _action(actions, "mark", "the mock-exam score to reach twice before booking a last attempt (default 80)")
    mark.add_argument("percent", metavar="PERCENT", help="a percent above 0, up to 100")

    for name, help_text in (
        ("due", "cards and questions due and new, per exam and category"),
        ("stats", "reviews, drills and mock exams, with scores by category"),
    ):
        action = _action(actions, name, help_text)
        action.add_argument("--exam", metavar="CODE", help="only this exam program")
        _json_option(action)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (private to you, 0600); - or none: standard output"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _export_commands(actions) -> None:
    worksheet = _action(actions, "worksheet", "the audit-ready recertification worksheet")
    worksheet.add_argument(
        "--format",
        choices=("md", "txt", "html", "pdf"),
        default="md",
        help="md (Markdown, default), txt, html (prints on A4 and Letter) or pdf",
    )
    worksheet.add_argument(
        "--cycle", metavar="N", help="a past cycle's worksheet: 1 is the first (see `recert history`)"
    )
    _output_options(worksheet)
    csv = _action(actions, "csv", "every activity as CSV (imports back exactly)")
    _output_options(csv)
    csv.add_argument("--excel", action="store_true", help="for Excel: UTF-8 with a byte-order mark and CRLF line ends")
    ics = _action(actions, "ics", "deadlines and scheduled exams as a calendar file (.ics)")
    _output_options(ics)
    ics.add_argument(
        "--reminders",
        metavar="DAYS",
        default="180,90,30",
        help="reminders this many days before each date, e.g. 180,90,30 (default); none for no reminders",
    )
    backup = _action(actions, "json", "a full backup of the database (restore with `recert import json`)")
    _output_options(backup)
    backup.add_argument(
        "--for-roster",
        action="store_true",
        help="only what a roster needs: no notes and no certificate references (not a backup)",
    )


def _import_commands(actions) -> None:
    csv = _action(actions, "csv", "add activities from a CSV file; every row is checked first")
    csv.add_argument("file", metavar="FILE", help="the file, or - for standard input")
    csv.add_argument("--dry-run", action="store_true", help="show what would be added and rejected; write nothing")
    csv.add_argument("--credential", metavar="CODE", help="the credential for rows that do not name one")
    csv.add_argument("--skip-rejected", action="store_true", help="add the accepted rows even if others were rejected")
    csv.add_argument(
        "--encoding",
        metavar="NAME",
        help="the file's text encoding, e.g. cp1252 (Windows), latin-1, mac-roman or utf-16 "
        "(default: UTF-8, else Windows-1252 on a guess, which the output says)",
    )
    csv.add_argument(
        "--quiet", action="store_true", help="no progress and no line per row: only the summary line and errors"
    )

    json = _action(actions, "json", "replace your records with a JSON backup (the current file is kept)")
    json.add_argument("file", metavar="FILE", help="the backup, or - for standard input")
    _yes_option(json, "replace without asking")


COMMANDS: tuple[tuple[str, Callable[[argparse.ArgumentParser], None], dict[str, str]], ...] = (
    ("credential", _group(_credential_commands), {"help": "credentials you hold"}),
    ("activity", _group(_activity_commands), {"help": "continuing-education activities"}),
    ("exam", _group(_exam_commands), {"help": "exam attempts"}),
    (
        "study",
        _group(_study_commands),
        {"help": "exam preparation: study time, practice tests, the question bank and practice"},
    ),
    ("export", _group(_export_commands), {"help": "write your records out: worksheet, CSV, calendar, backup"}),
    ("import", _group(_import_commands), {"help": "read records in: activities from CSV, a JSON backup"}),
    ("status", _status_options, {"help": "where each credential stands"}),
    ("history", _json_option, {"help": "every cycle of each credential: dates, route, totals, what counted"}),
    ("profile", _profile_options, {"help": "your name, as exports and rosters show it"}),
    ("roster", _roster_options, {"help": "many people's exports on one list, most urgent first (read only)"}),
    ("rules", _rules_options, {"help": "the rules applied, with sources and confidence"}),
    (
        "doctor",
        _doctor_options,
        {
            "help": "check the database file; restore a good backup if it is damaged",
            "description": "Check the database file: does it read, its schema version, its "
            "permissions, whether another session has it open, and its backups.",
        },
    ),
    ("completion", _completion_options, {"help": "print a shell completion script: bash, zsh or fish"}),
)
"""Each command: its name, what adds its options (and actions), and its help texts."""


def build_parser(
    commands: Collection[str] | None = None, *, listed: Collection[str] | None = None
) -> argparse.ArgumentParser:
    """The `recert` parser: the global options, then one command with its options.

    `listed` limits which commands the parser knows (default: every one, with its help
    line); `commands` limits whose options and actions are added (default: every listed one).
    """
    parser = _Parser(
        prog="recert",
        formatter_class=argparse.RawDescriptionHelpFormatter,  # keeps the examples' line breaks
        description=DESCRIPTION,
        epilog=EPILOG,
        allow_abbrev=False,
    )
    add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, add_options, texts in COMMANDS:
        if listed is not None and name not in listed:
            continue
        command = subparsers.add_parser(
            name, allow_abbrev=False, help=texts["help"], description=texts.get("description")
        )
        if commands is None or name in commands:
            add_options(command)
    return parser


def parse_command_line(argv: list[str]) -> argparse.Namespace:
    """`argv` read by build_parser, with only the typed command (every command is listed
    when none is typed, for --help, and when it is not one of them, for the error).

    Kept because building every command costs a share of the bench's `status --json vs
    import tinydb` figure (docs/speed.md).
    """
    typed = _typed_command(argv)
    if typed is None:
        return build_parser().parse_args(argv)  # the full parser says what is wrong
    if not typed:
        return build_parser(()).parse_args(argv)  # the app, or --help: every command listed
    return build_parser(typed, listed=typed).parse_args(argv)


class _Unsure(Exception):
    """The global options do not read cleanly: leave every case to the full parser."""


class _FrontParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Unsure(message)


COMMAND_NAMES = frozenset(name for name, _, _ in COMMANDS)


def _typed_command(argv: list[str]) -> tuple[str, ...] | None:
    """The command `argv` names, as the full parser reads the options before it.

    () when it names none (the app opens, or --help); None when the options before it do
    not read cleanly or the command is not one of ours, so that the full parser gives the error.
    """
    if "--" in argv:  # the front parser would read what follows as the command; the full one does not
        return None
    front = _FrontParser(add_help=False, allow_abbrev=False)
    add_global_options(front)
    front.add_argument("command", nargs="?")
    try:
        known, _ = front.parse_known_args(argv)
    except _Unsure:
        return None
    if not known.command:
        return ()
    return (known.command,) if known.command in COMMAND_NAMES else None
