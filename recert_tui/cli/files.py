"""Files named on the command line: reading an input, writing an export, asking before replacing.

Exports hold personal data, so a file written here is private (0600) and replaced atomically;
an existing file is replaced only when the user said --force. Every command reads `-` as
standard input and writes `-o -` to standard output, through the functions here.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..exports.destination import DestinationExists, DestinationProblem, check_destination, write_export
from ..store import resolve_db_path
from ..store.errors import os_reason
from ..terminal import is_terminal
from ..textsafe import visible
from .errors import CliError, FileProblem, OutputFailed
from .render_text import INDENT, WIDTH, wrap

STANDARD_STREAM = "-"  # as FILE: standard input; as -o: standard output
STANDARD_INPUT = "standard input"  # how problems name it

# table -> (one, many), as a person says it
RECORD_WORDS = {
    "credentials": ("credential", "credentials"),
    "activities": ("activity", "activities"),
    "exam_attempts": ("exam attempt", "exam attempts"),
    "reenrollments": ("re-enrollment", "re-enrollments"),
    "study_sessions": ("study session", "study sessions"),
    "practice_tests": ("practice test", "practice tests"),
}


def records_phrase(counts: Mapping[str, int]) -> str:
    """{'credentials': 1, 'activities': 14} -> '1 credential, 14 activities' ('no records' if none)."""
    parts = []
    for table, (one, many) in RECORD_WORDS.items():
        count = counts.get(table, 0)
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts) or "no records"


def input_file(text: str, option: str = "FILE") -> Path:
    """A file to read; a missing file or a folder is bad input naming `option`."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise CliError(option, f"{visible(text)} is a folder; give a file")
    if not path.exists():
        raise CliError(option, f"{visible(text)} does not exist")
    return path


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FileProblem(f"Could not read {visible(str(path))}: {os_reason(error)}.") from None


def read_input(source: str, option: str = "FILE") -> tuple[bytes, str]:
    """(bytes, name for messages) of the file `source` names, or of standard input for `-`."""
    if source != STANDARD_STREAM:
        return read_bytes(input_file(source, option)), source
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # started with standard input closed: an empty input, said as such
        return b"", STANDARD_INPUT
    if is_terminal(sys.stdin):  # a person at the keyboard may not know the command waits for them
        end = "Ctrl-Z and Enter" if os.name == "nt" else "Ctrl-D"
        print(f"Reading standard input; end it with {end}.", file=sys.stderr, flush=True)
    try:
        return stream.read(), STANDARD_INPUT
    except OSError as error:
        raise FileProblem(f"Could not read standard input: {os_reason(error)}.") from None


@contextmanager
def as_file(raw: bytes, name: str) -> Iterator[Path]:
    """`raw` (standard input's bytes) as a private file named `name`, removed afterwards.

    For readers that take a path (a backup is checked, then read again to restore). The
    file's name is what their messages say, so `name` is the one a person should read.
    """
    import tempfile  # here: only a restore from standard input needs it

    with tempfile.TemporaryDirectory(prefix="recert-input-") as folder:  # created 0700
        path = Path(folder, name)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as file:
                file.write(raw)
        except OSError as error:  # a full temporary folder, say
            raise FileProblem(f"Could not keep a private copy of {name} to read: {os_reason(error)}.") from None
        yield path


def output_target(args: argparse.Namespace, *, binary: str | None = None) -> Path | None:
    """Where -o points (None: standard output), checked before anything is computed.

    The same rules as the app's export dialog; `binary` names a payload that is not text
    (e.g. "a PDF"), which is refused up front if standard output is a terminal.
    """
    if args.output is None or args.output.strip() == STANDARD_STREAM:  # stripped, as check_destination does
        if binary is not None and is_terminal(sys.stdout):
            raise _not_for_a_terminal(binary)
        return None
    try:
        return check_destination(args.output, database=[resolve_db_path(args.db)], replace=args.force)
    except DestinationExists:
        raise CliError("-o", f"{visible(args.output)} already exists; add --force to replace it") from None
    except DestinationProblem as problem:
        sentence = str(problem).rstrip(".")  # a sentence for the app; after "-o:" it is a clause
        raise CliError("-o", sentence[:1].lower() + sentence[1:]) from None


def _not_for_a_terminal(what: str) -> CliError:
    return CliError("-o", f"{what} is not text and would garble the terminal; use -o FILE or a pipe")


def write_output(path: Path | None, payload: bytes, what: str, *, binary: bool = False) -> None:
    """Write `payload` to `path` (atomically, 0600) and say where; to stdout when path is None.

    Text shown on a terminal has its control characters made visible (it shows user text,
    never obeys it); a pipe or a redirect gets the exact bytes. A `binary` payload is never
    written to a terminal (output_target refused that already; this is the last guard).
    """
    if path is None:
        if sys.stdout is None:  # started with stdout closed: print() would have written nothing too
            return
        if is_terminal(sys.stdout):
            if binary:
                raise _not_for_a_terminal(what)
            # utf-8-sig: a byte-order mark (export csv --excel) marks the encoding; it is not text to show
            text = payload.decode("utf-8-sig", "replace").replace("\r\n", "\n")
            payload = visible(text, single_line=False).encode("utf-8")
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise  # the reader left: main() ends quietly
        except OSError as error:  # a full disk under `> file`
            raise OutputFailed(error) from None
        return
    try:
        write_export(path, payload)
    except DestinationProblem as problem:
        raise FileProblem(str(problem)) from None
    print(visible(f"Wrote {what} to {path} (private to you)."))  # one line: a path is not wrapped


def require_consent(yes: bool, action: str) -> None:
    """Refuse (exit 2) up front when consent is needed but cannot be asked for."""
    if not yes and not is_terminal(sys.stdin):
        raise CliError("--yes", f"input is not a terminal, so recert cannot ask; add --yes to {action}")


def confirm(question: str) -> bool:
    """Ask on the terminal; only y or yes agrees."""
    print(visible(question), end=" ", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


def with_path(start: str, path: Path | str, end: str = ".", indent: str = "") -> str:
    """`start path.` on one line if it fits in 80 columns, else the path on its own line.

    A path is never split (it would not work when copied); a very long one may pass 80 columns.
    """
    line = indent + visible(f"{start} {path}{end}")
    if len(line) <= WIDTH:
        return line
    return wrap(start, indent) + "\n" + indent + INDENT + visible(f"{path}{end}")
