"""`recert study import|export|due|stats`: the question bank and practice, from the shell.

The figures come from `recert_tui.practice`, the same code the Study screens use.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..booking import set_booking_mark
from ..domain.counting import points_text
from ..exports.bank_files import BankProblem, read_bank, write_bank_csv
from ..exports.starter_bank import starter_items
from ..practice import Practice
from ..session import Session
from ..textsafe import visible
from . import render_json
from .commands import fields_named, out, session_for
from .errors import EXIT_BAD_INPUT, EXIT_OK, CliError
from .files import STANDARD_STREAM, output_target, read_input, write_output


def _bank_text(source: str) -> tuple[str, str]:
    """(text, name shown in problems) of FILE, or of standard input for `-`."""
    raw, name = read_input(source)
    if source != STANDARD_STREAM:
        name = Path(source).name
    try:
        return raw.decode("utf-8-sig"), name
    except UnicodeDecodeError:
        raise CliError(
            "FILE",
            f"{visible(name)} is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet) and import it again",
        ) from None


def study_import(args: argparse.Namespace) -> int:
    problems: list[BankProblem] = []  # the starter bank's rows are all good
    if args.starter:
        items = starter_items()
        name = "the starter bank"
    elif args.file is None:
        raise CliError("FILE", "name a FILE to import (or - for standard input), or use --starter")
    else:
        text, name = _bank_text(args.file)
        items, problems = read_bank(text, name)
    with session_for(args, write=not args.dry_run) as session:
        result = session.import_bank(items, problems, dry_run=args.dry_run, skip_bad=args.skip_bad)
    lines = [visible(problem) for problem in result.problems]
    verb = "Would add" if args.dry_run else ("Added" if result.saved else "Added nothing:")
    if result.problems and not args.skip_bad and not args.dry_run:
        lines.append(
            f"Nothing was imported from {visible(name)}: {result.refused} bad row(s) above. "
            "Fix them, or import the good rows with --skip-bad."
        )
        out("\n".join(lines))
        return EXIT_BAD_INPUT
    summary = (
        f"{verb} {result.added} item(s) from {visible(name)}; {result.already_there} already in the bank"
        + (f"; {result.refused} bad row(s) left out" if result.refused else "")
        + "."
    )
    if not args.dry_run and not result.saved and result.added == 0:
        summary = f"Nothing new in {visible(name)}: {result.already_there} item(s) already in the bank."
    lines.append(summary)
    out("\n".join(lines))
    return EXIT_BAD_INPUT if result.refused and args.dry_run else EXIT_OK


def study_export(args: argparse.Namespace) -> int:
    target = output_target(args)
    with session_for(args, write=False) as session:
        questions = session.questions(args.exam)
    write_output(target, write_bank_csv(questions).encode("utf-8"), f"{len(questions)} question(s)")
    return EXIT_OK


def study_mark(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named({"mark": "PERCENT"}):
        mark = set_booking_mark(session, args.percent)
    out(
        f"With one attempt left, the app advises booking it after two mock exams in a row at {points_text(mark)}% "
        "or above."
    )
    return EXIT_OK


def _exams(session: Session, exam: str | None) -> list[str]:
    if exam is not None:
        if session.outline(exam) is None:
            known = ", ".join(code for code in session.catalog.exam_codes if session.outline(code))
            raise CliError("--exam", f"{visible(exam)} has no exam outline; choose one of: {known}")
        return [exam]
    return [
        code
        for code in session.rules
        if session.outline(code) is not None and (session.questions(code) or session.flashcards(code))
    ]


def study_due(args: argparse.Namespace) -> int:
    with session_for(args, write=False) as session:
        counts = [Practice(session, code).due_counts() for code in _exams(session, args.exam)]
    if args.json:
        out(
            render_json.dumps(
                {
                    "exams": [
                        {
                            "exam": each.exam,
                            "total": each.total,
                            "new": each.new,
                            "due": each.due,
                            "by_category": {name: category._asdict() for name, category in each.by_category.items()},
                        }
                        for each in counts
                    ]
                }
            )
        )
        return EXIT_OK
    if not counts:
        out("No questions or cards yet. Add the starter bank with `recert study import --starter`.")
        return EXIT_OK
    lines = []
    for each in counts:
        lines.append(f"{each.exam}: {each.due} due, {each.new} new, {each.total} in all")
        lines.extend(
            f"  {name}: {category.due} due, {category.new} new, {category.total} in all"
            for name, category in each.by_category.items()
        )
    out("\n".join(lines))
    return EXIT_OK


def study_stats(args: argparse.Namespace) -> int:
    with session_for(args, write=False) as session:
        stats = [Practice(session, code).stats() for code in _exams(session, args.exam)]
    if args.json:
        out(
            render_json.dumps(
                {
                    "exams": [
                        {
                            "exam": each.exam,
                            "reviews": each.reviews,
                            "ratings": each.ratings,
                            "drills": each.drills._asdict(),
                            "mocks": each.mocks._asdict(),
                            "mock_exams": [
                                {
                                    "finished_at": point.finished_at.isoformat(),
                                    "score": point.score,
                                    "pass_mark": point.pass_mark,
                                    "passed": point.passed,
                                }
                                for point in each.mock_exams
                            ],
                            "by_category": {
                                name: {
                                    "reviews": category.reviews,
                                    "again": category.again,
                                    "drills": category.drills._asdict(),
                                    "mocks": category.mocks._asdict(),
                                }
                                for name, category in each.by_category.items()
                            },
                        }
                        for each in stats
                    ]
                }
            )
        )
        return EXIT_OK
    if not stats:
        out("No practice yet.")
        return EXIT_OK
    lines = []
    for each in stats:
        lines.append(
            f"{each.exam}: {each.reviews} reviews; drills {each.drills.right} of {each.drills.total} right; "
            f"mock exams {len(each.mock_exams)}, answers {each.mocks.right} of {each.mocks.total} right"
        )
        for name, category in each.by_category.items():
            lines.append(
                f"  {name}: {category.reviews} reviews ({category.again} forgotten); drills "
                f"{category.drills.right}/{category.drills.total}; mocks {category.mocks.right}/{category.mocks.total}"
            )
    out("\n".join(lines))
    return EXIT_OK
