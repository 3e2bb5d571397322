"""`recert import csv|json`: every row or the whole file is checked before anything is written.

A CSV import is all or nothing (one atomic write) unless --skip-rejected. A JSON restore
checks the backup first and keeps the current file aside. FILE may be `-`: standard input.

What a CSV import prints, so that 10,000 rows do not make 10,000 lines:
- rejected rows, each with its row number and reason: the user must fix them. Without
  --dry-run the first LISTED_REJECTIONS are listed, then how many more (a file refused as a
  whole, or imported twice, would otherwise bury the summary); --dry-run lists every one;
- accepted rows only with --dry-run (what would be added), never with --quiet;
- notes that say the file may be misread (a guessed encoding, ignored columns), always;
- progress on standard error, only when it is a terminal and not --quiet: one line
  rewritten in place and cleared before anything else is printed;
- last, one summary line.
"""

from __future__ import annotations

import argparse
import codecs
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from ..catalog import load_catalog
from ..domain.counting import plural_points
from ..domain.dates import show_date
from ..exports.backup import check_backup, restore_json
from ..exports.csv_io import ImportResult, import_csv
from ..session import Session
from ..store import StoreDamaged
from ..terminal import is_terminal
from ..textsafe import visible
from .commands import out, session_for
from .errors import EXIT_BAD_INPUT, EXIT_NOT_DONE, EXIT_OK, CliError, FileProblem
from .files import (
    STANDARD_STREAM,
    as_file,
    confirm,
    input_file,
    read_input,
    records_phrase,
    require_consent,
    with_path,
)
from .render_text import INDENT, wrap

RESTORE_QUESTION = "Replace your records with this backup? A copy of the current file is kept. [y/N]"


LISTED_REJECTIONS = 10  # without --dry-run: a screenful at 80x24 with the summary, even at two lines each


def _rows(count: int) -> str:
    return f"{count:,} row{'' if count == 1 else 's'}"


def _activities(count: int) -> str:
    return f"{count:,} activit{'y' if count == 1 else 'ies'}"


# --- progress ---------------------------------------------------------------------------------


class ProgressLine:
    """One line on standard error rewritten in place (`\\r`), and blanked when done.

    Drawn only when `shown` (standard error is a terminal and the user did not say --quiet),
    and at most every INTERVAL seconds after the first, so a fast import costs nothing.
    Plain text and spaces only: no escape codes, so it works on any terminal and NO_COLOR.
    """

    INTERVAL = 0.1

    def __init__(self, shown: bool) -> None:
        self.shown = shown
        self._width = 0  # of the line on screen now; 0: nothing drawn
        self._drawn_at: float | None = None

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.clear()

    def say(self, text: str, *, now: bool = True) -> None:
        """Show `text` in place of the line before; unless `now`, only if INTERVAL has passed."""
        if not self.shown:
            return
        moment = time.monotonic()
        if not now and self._drawn_at is not None and moment - self._drawn_at < self.INTERVAL:
            return
        self._drawn_at = moment
        self._write("\r" + text.ljust(self._width))
        self._width = len(text)

    def rows_read(self, count: int) -> None:
        self.say(f"Checking row {count:,}...", now=count == 1)

    def clear(self) -> None:
        if self._width:
            self._write("\r" + " " * self._width + "\r")
            self._width = 0

    def _write(self, text: str) -> None:
        try:
            sys.stderr.write(text)
            sys.stderr.flush()
        except (OSError, ValueError):  # the terminal went away: progress is not worth failing for
            self.shown = False


# --- CSV --------------------------------------------------------------------------------------


ENCODING_EXAMPLES = "utf-8, cp1252, latin-1 or utf-16"


def csv_text(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str | None]:
    """The file's bytes as text, and a note if its encoding was guessed.

    In the `encoding` named, if any; else UTF-8, else Windows-1252 (which older spreadsheets
    write), a guess the note names. A UTF-8 byte-order mark (Excel's "CSV UTF-8") is read
    as part of UTF-8 and dropped by import_csv.
    """
    if encoding is not None:
        return _decoded(raw, name, encoding), None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), (
            f"{name} is not UTF-8, so it was read as Windows-1252 text (a guess); "
            "check the titles, or give its encoding with --encoding."
        )
    except UnicodeDecodeError:
        raise CliError(
            "FILE",
            f"{name} is neither UTF-8 nor Windows-1252 text; save it from your spreadsheet "
            "as CSV UTF-8, or give its encoding with --encoding",
        ) from None


def _decoded(raw: bytes, name: str, encoding: str) -> str:
    """`raw` read in the `encoding` the user named; a bad name or an undecodable line is bad input."""
    try:
        codecs.lookup(encoding)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise CliError(
            "--encoding", f"{encoding!r} is not an encoding recert knows; name one such as {ENCODING_EXAMPLES}"
        ) from None
    try:
        return raw.decode(encoding)
    except LookupError:  # known, but not for text (base64, rot13, ...)
        raise CliError(
            "--encoding", f"{encoding!r} is not a text encoding; name one such as {ENCODING_EXAMPLES}"
        ) from None
    except UnicodeDecodeError as error:
        line = _line_of(raw, error.start, encoding)
        raise CliError(
            "--encoding",
            f"{name} cannot be read as {encoding}: line {line} has bytes that are not {encoding} text ({error.reason})",
        ) from None
    except UnicodeError as error:  # a codec that fails without saying where (idna, undefined)
        raise CliError("--encoding", f"{name} cannot be read as {encoding} ({error})") from None


def _line_of(raw: bytes, offset: int, encoding: str) -> int:
    """The line (1 is the first) that byte `offset` is on, counting CR, LF and CRLF line ends.

    Counted in the text before it, not in bytes: a line end is not one byte in every encoding.
    """
    before = raw[:offset].decode(encoding, "replace")
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def import_csv_file(args: argparse.Namespace) -> int:
    raw, name = read_input(args.file)
    text, note = csv_text(raw, name, args.encoding)
    progress_shown = not args.quiet and is_terminal(sys.stderr)
    with session_for(args, write=not args.dry_run) as session:
        credential = _default_credential(session, args.credential)
        with ProgressLine(progress_shown) as progress:
            result = import_csv(
                text,
                session.activity_from,
                default_credential=credential,
                existing=session.profile.activities,
                on_row=progress.rows_read if progress_shown else None,
            )
        lines = _report_lines(result, note, dry_run=args.dry_run, quiet=args.quiet)
        if lines:
            out("\n".join(lines))
        accepted = [activity for _, activity in result.accepted]
        refused = bool(result.rejected) and (not args.skip_rejected or not accepted)
        if refused:
            out(wrap(f"Nothing was written: {_rows(len(result.rejected))} rejected."))
            advice = (
                f"add --skip-rejected to add only the {_rows(len(accepted))} accepted"
                if accepted
                else "fix them and import again"
            )
            print(
                visible(
                    f"recert: FILE: {_rows(len(result.rejected))} of {name} rejected, so nothing "
                    f"{'would be' if args.dry_run else 'was'} written; {advice}"
                ),
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        rejected = len(result.rejected)
        skipped = f", {rejected:,} rejected row{'' if rejected == 1 else 's'} skipped" if rejected else ""
        if not accepted:
            out(wrap(f"{name} has no activity rows; nothing was written."))
        elif args.dry_run:
            out(wrap(f"Dry run: {_activities(len(accepted))} would be added{skipped}."))
        else:
            with ProgressLine(progress_shown) as progress:
                progress.say(f"Saving {_activities(len(accepted))}...")
                session.add_activities(accepted)  # one atomic write: all of them or none
            out(wrap(f"Added {_activities(len(accepted))}{skipped}."))
    return EXIT_OK


def _default_credential(session: Session, text: str | None) -> str | None:
    if text is None:
        return None
    code = text.strip().lower()
    if code not in session.held_codes:
        held = ", ".join(sorted(session.held_codes)) or "none yet"
        raise CliError("--credential", f"{code!r} is not a credential you hold; yours: {held}")
    return code


def _report_lines(result: ImportResult, note: str | None, *, dry_run: bool, quiet: bool) -> list[str]:
    """What comes before the summary line (see the module's docstring for what is listed when)."""
    lines = [wrap(note)] if note else []
    if result.accepted and dry_run and not quiet:
        lines.append(wrap(f"Would add {_activities(len(result.accepted))}:"))
        for row, activity in result.accepted:
            lines.append(
                wrap(
                    f"row {row}: {show_date(activity.completed_on)}, {activity.title}, "
                    f"{plural_points(activity.total_points)} ({activity.credential})",
                    INDENT,
                    INDENT * 2,
                )
            )
    if result.rejected:
        listed = result.rejected if dry_run else result.rejected[:LISTED_REJECTIONS]
        lines.append(wrap(f"Rejected {_rows(len(result.rejected))}:"))
        lines += [wrap(f"row {row}: {reason}", INDENT, INDENT * 2) for row, reason in listed]
        if len(listed) < len(result.rejected):
            more = len(result.rejected) - len(listed)
            lines.append(wrap(f"... and {more:,} more; --dry-run lists every one.", INDENT, INDENT * 2))
    if result.unknown_columns:
        lines.append(wrap(f"Ignored columns (not used): {', '.join(result.unknown_columns)}"))
    return lines


# --- JSON -------------------------------------------------------------------------------------


def import_json_file(args: argparse.Namespace) -> int:
    if args.file != STANDARD_STREAM:
        return _restore(args, input_file(args.file), args.file)
    if not args.yes:  # checked first: standard input is the backup, so it cannot also be the answer
        raise CliError(
            "--yes",
            "the backup comes from standard input, so recert cannot ask; add --yes to replace your records with it",
        )
    raw, name = read_input(args.file)
    with as_file(raw, name) as path:  # the backup is read twice: checked, then restored
        return _restore(args, path, name)


def _restore(args: argparse.Namespace, path: Path, name: str) -> int:
    """Check the backup at `path` (called `name`), ask, and restore it."""
    try:
        # Checked before the session opens: a bad backup must not even take the lock.
        counts = check_backup(path, load_catalog().credentials, args.today)  # run() made it a date
    except StoreDamaged as error:
        raise FileProblem(f"{str(error).rstrip()} Your records were not replaced.") from None
    require_consent(args.yes, "replace your records with this backup")
    with session_for(args, write=True) as session:
        profile = session.profile
        current = {table: len(getattr(profile, table)) for table in counts if hasattr(profile, table)}
        out(wrap(f"The backup holds {records_phrase(counts)}."))
        out(wrap(f"Your records now: {records_phrase(current)}."))
        if not args.yes and not confirm(RESTORE_QUESTION):
            out("Nothing was changed.")
            return EXIT_NOT_DONE
        aside = restore_json(session.store, path, session.rules, session.today)
        out(with_path("Restored your records from", name))
        out(with_path("The previous file was kept as", aside) if aside else "There was no previous file to keep.")
    return EXIT_OK


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("import", "csv"): import_csv_file,
    ("import", "json"): import_json_file,
}
