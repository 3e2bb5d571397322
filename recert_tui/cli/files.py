"""Files named on the command line: reading an input, writing an export, asking before replacing.

Exports hold personal data, so a file written here is private (0600) and replaced atomically;
an existing file is replaced only when the user said --force.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from ..exports.destination import DestinationProblem, write_export
from ..store.errors import os_reason
from ..textsafe import visible
from .errors import CliError, FileProblem
from .render_text import INDENT, WIDTH, wrap

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
        raise CliError(option, f"{text} is a folder; give a file")
    if not path.exists():
        raise CliError(option, f"{text} does not exist")
    return path


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FileProblem(f"Could not read {path}: {os_reason(error)}.") from None


def write_output(path: Path | None, payload: bytes, what: str) -> None:
    """Write `payload` to `path` (atomically, 0600) and say where; to stdout when path is None."""
    if path is None:
        if sys.stdout.isatty():  # a terminal shows user text, never obeys it
            text = payload.decode("utf-8", "replace").replace("\r\n", "\n")
            payload = visible(text, single_line=False).encode("utf-8")
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    try:
        write_export(path, payload)
    except DestinationProblem as problem:
        raise FileProblem(str(problem)) from None
    print(visible(f"Wrote {what} to {path} (private to you)."))  # one line: a path is not wrapped


def can_ask() -> bool:
    """Whether a question can be asked: input comes from a terminal."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def require_consent(yes: bool, action: str) -> None:
    """Refuse (exit 2) up front when consent is needed but cannot be asked for."""
    if not yes and not can_ask():
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
