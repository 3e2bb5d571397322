"""Each subcommand: open the session, ask it to read or change, print what the engine computed."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module

from ..booking import last_attempt_warning
from ..catalog import load_catalog
from ..domain.dates import show_date
from ..domain.engine import history as every_cycle
from ..domain.errors import InvalidInput, unknown_credential
from ..domain.routes import recertified_by_words
from ..domain.urgency import check
from ..exports.history import history_lines
from ..session import Session
from ..store import ReadOnlyStore, resolve_db_path
from ..textsafe import visible
from . import render_check, render_json, render_text
from .ending import keep_until_exit
from .errors import EXIT_OK, CliError, FileProblem, OutputFailed
from .fields import edited_fields, given_fields

CODE_FIELDS = {"credential": "CODE"}  # where the credential is the positional CODE
ACTIVITY_OPTIONS = {"recurring": "--recurring"}  # activity fields the shared option names do not cover
MODULES = {
    "study": "study_commands",
    "export": "export_commands",
    "import": "import_commands",
    "doctor": "doctor",
    "roster": "roster_commands",
    "profile": "profile_commands",
    "completion": "completion",
}


@contextmanager
def session_for(args: argparse.Namespace, *, write: bool) -> Iterator[Session]:
    """The session on --db; a write command stops here (exit 3) if the file cannot be written.

    A command that only reads a file named with --db that is not there stops too (exit 3):
    `recert --db typo.json status` must not answer for an empty profile. Writing creates
    the file (and its folder), and so may a dry run of a write; the default database, not
    yet created on first use, reads as empty.
    """
    path = resolve_db_path(args.db)
    catalog = load_catalog()  # a broken rule file is reported first, whatever the database
    if args.db and not (write or getattr(args, "dry_run", False)) and not os.path.lexists(path):
        raise FileProblem(
            f"{visible(path)} does not exist. Check the --db path; a command that records "
            "something (e.g. `recert credential add`) creates it."
        )
    session = Session.open(path, args.today, write=write and not args.read_only, catalog=catalog)
    try:
        if write and session.read_only:
            advice = "Nothing was changed." if args.read_only else "Close it and try again; nothing was changed."
            raise ReadOnlyStore(f"{session.read_only_reason.rstrip('.')}. {advice}")
        yield session
    finally:
        session.close()
        keep_until_exit(session)  # its records are freed by the process ending, at once


@contextmanager
def fields_named(renames: dict[str, str] | None = None) -> Iterator[None]:
    """Turn the domain's InvalidInput into a CliError that names the options typed."""
    try:
        yield
    except InvalidInput as error:
        raise CliError.from_invalid(error.errors, renames) from None


def out(text: str) -> None:
    """Print a command's result; a failed write (a full disk) becomes OutputFailed."""
    out_parts((text,))


def out_parts(parts: Iterable[str]) -> None:
    """out() for a result made in parts: each is written as it comes, never joined into one."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed: print() would have written nothing too
        return
    try:
        for part in parts:
            stream.write(part)
        stream.write("\n")
    except BrokenPipeError:
        raise  # the reader left: main() ends quietly
    except OSError as error:
        raise OutputFailed(error) from None


# Options that only the terminal app reads: given with a command they would do nothing.
APP_ONLY_OPTIONS = {"demo": ("--demo", "recert --demo"), "mouse": ("--mouse", "recert --mouse")}


def run(args: argparse.Namespace) -> int:
    """Dispatch to the handler for `recert COMMAND [ACTION]` (--today already a date)."""
    for name, (option, alone) in APP_ONLY_OPTIONS.items():
        if getattr(args, name, False):
            raise CliError(option, f"is for the terminal app, not for `recert {args.command}`; run `{alone}` alone")
    key = (args.command, getattr(args, "action", None))
    if key in HANDLERS:
        return HANDLERS[key](args)
    # The newer commands live in their own modules, imported only when used.
    module = import_module(f".{MODULES[args.command]}", __package__)
    return module.HANDLERS[key](args)


# --- credentials ------------------------------------------------------------------------------


def _credential_line(verb: str, session: Session, saved) -> str:
    """`Added CMA (AAMA), earned 15 Mar 2022: current, expires 31 Mar 2027.`, from the fresh report."""
    item = session.report.credential(saved.code)
    line = f"{verb} {item.rules.name if item else saved.code}, earned {show_date(saved.earned_on)}"
    return render_text.wrap(
        line + (f": {item.status_words}, expires {show_date(item.cycle.expires_on)}." if item else ".")
    )


def credential_add(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named(CODE_FIELDS):
        out(_credential_line("Added", session, session.add_credential(args.code, args.earned, args.number)))
    return EXIT_OK


def credential_list(args: argparse.Namespace) -> int:
    with session_for(args, write=False) as session:
        held, report = session.profile.credentials, session.report
        if args.json:
            out(render_json.dumps([render_json.credential_entry(c, report.credential(c.code)) for c in held]))
        else:
            out(render_text.credentials(held, report))
    return EXIT_OK


def credential_edit(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named(CODE_FIELDS):
        out(_credential_line("Corrected", session, session.correct_credential(args.code, args.earned, args.number)))
    return EXIT_OK


def credential_remove(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named(CODE_FIELDS):
        removed = session.remove_credential(args.code)
        kept = sum(1 for activity in session.profile.activities if activity.credential == removed.code)
        out(
            render_text.wrap(
                f"Removed {removed.code} (earned {show_date(removed.earned_on)}) from your credentials."
                + (
                    (
                        " Its 1 activity is kept, and counts again if you add it back."
                        if kept == 1
                        else f" Its {kept} activities are kept, and count again if you add it back."
                    )
                    if kept
                    else ""
                )
            )
        )
    return EXIT_OK


def credential_recertified(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named({**CODE_FIELDS, "route": "--route"}):
        saved = session.record_recertification(args.code, args.on, args.route)
        item = session.report.credential(saved.code)
        day = saved.cycle_anchors[-1]
        out(
            render_text.wrap(
                f"Recorded the recertification of {saved.code} on {show_date(day)}"
                f" ({recertified_by_words(saved.routes_used[day])})"
                + (f": the new cycle runs {item.cycle.label}." if item else ".")
            )
        )
    return EXIT_OK


# --- activities -------------------------------------------------------------------------------


def activity_id(text: str) -> int:
    return record_id(text, "an activity id", "recert activity list")


def record_id(text: str, what: str, listing: str) -> int:
    """ID as a whole number above 0, or a usage error saying where the ids are listed."""
    try:
        value = int(text.strip().removeprefix("#"))
    except ValueError:
        value = -1
    if value < 1:
        raise CliError("ID", f"{text.strip()!r} is not {what} (a whole number); see `{listing}`")
    return value


def _saved_line(verb: str, session: Session, number: int) -> str:
    """`Added activity 7 (...)`, then how it counts and what is still needed, from the fresh report."""
    activity = session.activity(number)
    assert activity is not None  # just saved under this number
    lines = [
        f"{verb} activity {activity.id} ({activity.credential}, {show_date(activity.completed_on)}): {activity.title}"
    ]
    item = session.report.credential(activity.credential)
    if item is not None:
        counted = next((c for c in item.activities if c.activity.id == activity.id), None)
        if counted is not None:
            lines.append(f"{counted.outcome}: {counted.reason}.")
        lines.append(item.needs.sentence)
    return "\n".join(render_text.wrap(line) for line in lines)


def activity_add(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named(ACTIVITY_OPTIONS):
        saved = session.add_activity(given_fields(args))
        assert saved.id is not None  # the store numbers every activity it saves
        out(_saved_line("Added", session, saved.id))
    return EXIT_OK


def activity_edit(args: argparse.Namespace) -> int:
    number = activity_id(args.id)
    with session_for(args, write=True) as session, fields_named(ACTIVITY_OPTIONS):
        given = given_fields(args)
        stored = session.activity(number)
        session.edit_activity(number, edited_fields(stored, given) if stored else given)
        out(_saved_line("Changed", session, number))
    return EXIT_OK


def activity_remove(args: argparse.Namespace) -> int:
    number = activity_id(args.id)
    with session_for(args, write=True) as session, fields_named():
        removed = session.remove_activity(number)
        out(
            render_text.wrap(
                f"Removed activity {removed.id} ({removed.credential}, "
                f"{show_date(removed.completed_on)}): {removed.title}"
            )
        )
    return EXIT_OK


def activity_list(args: argparse.Namespace) -> int:
    with session_for(args, write=False) as session:
        code = (args.credential or "").strip().lower()
        if args.credential is not None and code not in session.held_codes:
            held = ", ".join(sorted(session.held_codes)) or "none yet"
            raise CliError("--credential", f"{code!r} is not a credential you hold; yours: {held}")
        report = session.report
        counted = {c.activity.id: c for item in report.credentials for c in item.activities}
        labels = {item.code: item.rules.approved_label for item in report.credentials}
        rules = session.rules
        chosen = [a for a in session.profile.activities if not code or a.credential == code]
        chosen.sort(key=lambda a: (a.completed_on, a.id or 0), reverse=True)
        if args.json:
            out(render_json.dumps([render_json.activity_entry(a, counted.get(a.id)) for a in chosen]))
        else:
            rows = [
                (
                    a,
                    counted.get(a.id),
                    labels.get(a.credential, "approved"),
                    rules[a.credential].ce.category_label(a.category)
                    if a.category and a.credential in rules
                    else a.category,
                )
                for a in chosen
            ]
            out(render_text.activities(rows))
    return EXIT_OK


# --- exams ------------------------------------------------------------------------------------


def exam_add(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named({"recertify": "--recertify"}):
        saved = session.add_exam_attempt(args.exam, args.date, args.result, args.score, recertify=args.recertify)
        out(_exam_line(session, saved.exam, f"Recorded {saved.exam} exam on {show_date(saved.on)}: {saved.result}."))
        warning = last_attempt_warning(session, saved.exam) if saved.result == "scheduled" else None
        if warning:
            out(render_text.wrap(f"Warning: {warning}"))
        if args.recertify:
            recertified = session.report.credential(saved.exam)
            assert recertified is not None  # add_exam_attempt recertifies only a credential that is held
            cycle = recertified.cycle
            out(
                f"Recertified by exam: a new cycle runs from {show_date(cycle.starts_on)} to {show_date(cycle.expires_on)}."
            )
        elif session.recertification_by_exam(saved) is not None:
            out(
                render_text.wrap(
                    f"If this pass recertifies your {saved.exam}, record it: recert credential recertified {saved.exam} "
                    f"--on {saved.on.isoformat()} --route exam (or add --recertify next time)."
                )
            )
    return EXIT_OK


def exam_edit(args: argparse.Namespace) -> int:
    number = record_id(args.id, "an exam attempt id", "recert exam list")
    with session_for(args, write=True) as session, fields_named():
        stored = next((a for a in session.profile.exam_attempts if a.id == number), None)
        if stored is None:
            raise CliError("ID", f"there is no exam attempt #{number}; see `recert exam list`")
        score = args.score if args.score is not None else (None if stored.score is None else str(stored.score))
        saved = session.update_exam_attempt(
            number,
            args.exam if args.exam is not None else stored.exam,
            args.date if args.date is not None else stored.on.isoformat(),
            args.result if args.result is not None else stored.result,
            score,
        )
        out(
            _exam_line(
                session,
                saved.exam,
                f"Changed attempt #{saved.id}: {saved.exam} exam on {show_date(saved.on)}, {saved.result}.",
            )
        )
    return EXIT_OK


def exam_remove(args: argparse.Namespace) -> int:
    number = record_id(args.id, "an exam attempt id", "recert exam list")
    with session_for(args, write=True) as session, fields_named():
        removed = session.remove_exam_attempt(number)
        out(
            _exam_line(
                session,
                removed.exam,
                f"Removed attempt #{removed.id}: {removed.exam} exam on {show_date(removed.on)}, {removed.result}.",
            )
        )
    return EXIT_OK


def exam_reenrolled(args: argparse.Namespace) -> int:
    with session_for(args, write=True) as session, fields_named():
        saved = session.add_reenrollment(args.exam, args.on)
        out(
            _exam_line(
                session, saved.exam, f"Recorded re-enrollment for the {saved.exam} exam on {show_date(saved.on)}."
            )
        )
    return EXIT_OK


def _exam_line(session: Session, exam: str, first: str) -> str:
    report = session.report.exam(exam)
    lines = [first] + ([report.flag, *(f"Warning: {w}" for w in report.warnings)] if report else [])
    return "\n".join(render_text.wrap(line) for line in lines)


def exam_list(args: argparse.Namespace) -> int:
    with session_for(args, write=False) as session:
        exams = session.report.exams
        if args.json:
            out(render_json.dumps([render_json.exam_entry(item) for item in exams]))
        else:
            out(render_text.exams(exams))
    return EXIT_OK


# --- status and rules -------------------------------------------------------------------------


def status(args: argparse.Namespace) -> int:
    if args.check:
        return _status_check(args)
    if args.within is not None:
        raise CliError("--within", "goes with --check (`recert status --check --within 60`)")
    with session_for(args, write=False) as session:
        report = session.report
        if args.json:
            out_parts(render_json.status_text(report))
        else:
            out(render_text.status(report))
    return EXIT_OK


def _status_check(args: argparse.Namespace) -> int:
    """`status --check`: the items due, and exit 0 (nothing), 1 (action soon) or 2 (expired, lapsed, re-enroll)."""
    within = render_check.within_days(args.within)  # refused before the file is opened
    with session_for(args, write=False) as session:
        due = check(session.report, within)
        if args.json:
            out(render_json.dumps(render_check.check_json(due, session.today, within)))
        elif due.items:  # nothing at all when nothing is due: cron mails only output
            out(render_check.check_text(due))
    return due.code


def history(args: argparse.Namespace) -> int:
    with session_for(args, write=False) as session:
        report = every_cycle(session.profile, session.rules, session.today, due_soon_days=session.due_soon_days)
        if args.json:
            out(render_json.dumps(render_json.history(report)))
        else:
            wrap = render_text.wrap
            out(
                "\n".join(wrap(line.lstrip(), line[: len(line) - len(line.lstrip())]) for line in history_lines(report))
            )
    return EXIT_OK


def rules(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    chosen = list(catalog.credentials.values())
    if args.code is not None:
        code = args.code.strip().lower()
        if code not in catalog:
            raise CliError("CODE", unknown_credential(code, catalog.codes))
        chosen = [catalog.get(code)]
    if args.json:
        out(render_json.dumps({"rules": [render_json.rules_entry(item) for item in chosen]}))
    else:
        out(render_text.rules(chosen))
    return EXIT_OK


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("credential", "add"): credential_add,
    ("credential", "list"): credential_list,
    ("credential", "edit"): credential_edit,
    ("credential", "remove"): credential_remove,
    ("credential", "recertified"): credential_recertified,
    ("activity", "add"): activity_add,
    ("activity", "list"): activity_list,
    ("activity", "edit"): activity_edit,
    ("activity", "remove"): activity_remove,
    ("exam", "add"): exam_add,
    ("exam", "edit"): exam_edit,
    ("exam", "remove"): exam_remove,
    ("exam", "reenrolled"): exam_reenrolled,
    ("exam", "list"): exam_list,
    ("status", None): status,
    ("history", None): history,
    ("rules", None): rules,
}
