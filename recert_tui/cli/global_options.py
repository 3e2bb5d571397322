"""The options that come before any command (--db, --today, --read-only, --mouse, --demo)."""

from __future__ import annotations

import argparse
from datetime import date

from .. import __version__
from ..domain.dates import parse_date
from ..domain.limits import EARLIEST_DATE, LATEST_DATE
from .errors import CliError

DATES = "2025-03-05 or 3/5/2025"


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options `recert` reads before its command; with nothing else, they open the app."""
    parser.add_argument("--db", metavar="PATH", help="the database file (default: $RECERT_DB, else your data folder)")
    parser.add_argument("--today", metavar="DATE", help=f"treat this day as today ({DATES}); default: today")
    parser.add_argument("--read-only", action="store_true", help="open the database without changing it")
    parser.add_argument("--mouse", action="store_true", help="terminal app: enable mouse support")
    parser.add_argument("--demo", action="store_true", help="terminal app: try it on a throwaway copy of demo data")
    parser.add_argument(
        "--roster",
        metavar="PATH",
        nargs="+",
        help="terminal app: open the Roster of these exports or folders (read only)",
    )
    parser.add_argument("--version", action="version", version=f"recert {__version__}")


def today_from(args: argparse.Namespace) -> date:
    """--today as a date (default: the real today); a bad value is a usage error naming --today."""
    if not args.today:
        return date.today()
    try:
        today = parse_date(args.today)
    except ValueError as error:
        raise CliError("--today", str(error)) from None
    if not EARLIEST_DATE <= today <= LATEST_DATE:
        raise CliError(
            "--today",
            f"{today.isoformat()} is outside {EARLIEST_DATE.year} to {LATEST_DATE.year}; use a date like 2026-11-23",
        )
    return today
