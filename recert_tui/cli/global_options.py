"""The options that come before any command (--db, --today, --read-only, --mouse, --demo).

`recert` with only these opens the terminal app, many times a day. Importing, building and
running argparse for that cost ~15M instructions, 1.5% of the app's start-up, so
`launch_options` reads this one shape by hand. Anything else (a command, --help, an unknown
option, a value starting with a dash) is left to the full parser (cli.parser), with its
errors and help; tests/cli/test_global_options.py holds the two to the same result.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from ..domain.dates import parse_date
from ..domain.limits import EARLIEST_DATE, LATEST_DATE
from .errors import CliError

SWITCHES = {"--read-only": "read_only", "--mouse": "mouse", "--demo": "demo"}
"""Options that take no value: given means True."""
VALUED = {"--db": "db", "--today": "today"}
"""Options that take a value, as `--db PATH` or `--db=PATH`."""


def launch_options(argv: list[str]) -> SimpleNamespace | None:
    """`argv` as the parser would read it, if it holds global options only; else None."""
    values: dict[str, object] = {"command": None, **{name: None for name in VALUED.values()},
                                 **{name: False for name in SWITCHES.values()}}
    index = 0
    while index < len(argv):
        arg = argv[index]
        option, equals, value = arg.partition("=")
        if arg in SWITCHES:
            values[SWITCHES[arg]] = True
        elif equals and option in VALUED:
            values[VALUED[option]] = value
        elif arg in VALUED and index + 1 < len(argv) and not argv[index + 1].startswith("-"):
            # A value that starts with '-' is argparse's to judge (a negative number, an error).
            index += 1
            values[VALUED[arg]] = argv[index]
        else:
            return None
        index += 1
    return SimpleNamespace(**values)


def today_from(args) -> date:
    """--today as a date (default: the real today); a bad value is a usage error naming --today."""
    if not args.today:
        return date.today()
    try:
        today = parse_date(args.today)
    except ValueError as error:
        raise CliError("--today", str(error)) from None
    if not EARLIEST_DATE <= today <= LATEST_DATE:
        raise CliError("--today", f"{today.isoformat()} is outside {EARLIEST_DATE.year} to {LATEST_DATE.year}; "
                                  "use a date like 2026-11-23")
    return today
