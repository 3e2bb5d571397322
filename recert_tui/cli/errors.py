"""Exit codes and the one stderr line each known failure becomes."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from ..domain.rules import RuleFileError
from ..store import StoreDamaged, StoreError, StoreTooNew
from ..textsafe import visible

EXIT_OK = 0
EXIT_APP_UNAVAILABLE = 1  # the terminal app (or its demo data) is not installed
EXIT_NOT_DONE = 1  # `doctor`: a problem remains; a confirmation was declined
EXIT_BAD_INPUT = 2  # a value the user typed was not accepted; nothing was written
EXIT_STORE = 3  # the database or a rule file cannot be used; nothing was written

# Field names used by domain.validate and the session -> the option a user typed.
OPTION_NAMES = {
    "credential": "--credential",
    "title": "--title",
    "date": "--date",
    "points": "--points",
    "area": "--area",
    "split": "--split",
    "approved": "--approved",
    "kind": "--kind",
    "college_credits": "--college-credits",
    "provider": "--provider",
    "certificate": "--certificate",
    "notes": "--notes",
    "earned": "--earned",
    "number": "--number",
    "on": "--on",
    "exam": "--exam",
    "result": "--result",
    "score": "--score",
    "id": "ID",
    "minutes": "--minutes",
    "percent": "--score",
    "category": "--category",
    "note": "--note",
}

DOCTOR_ADVICE = "Run `recert doctor` to check it and restore the newest good backup."


class CliError(Exception):
    """A value on the command line was not accepted: exit 2 with `recert: OPTION: message`."""

    def __init__(self, option: str, message: str, others: tuple[str, ...] = ()):
        super().__init__(f"{option}: {message}")
        self.option = option
        self.message = message
        self.others = others

    @classmethod
    def from_invalid(cls, errors: Mapping[str, str], renames: Mapping[str, str] | None = None) -> CliError:
        """Name the first rejected field by its option; list any others on the same line."""
        names = {**OPTION_NAMES, **(renames or {})}
        fields = list(errors)
        option = names.get(fields[0], fields[0])
        others = tuple(
            dict.fromkeys(names.get(field, field) for field in fields[1:] if names.get(field, field) != option)
        )
        return cls(option, errors[fields[0]], others)

    def line(self) -> str:
        text = f"{self.option}: {self.message}"
        if self.others:
            text += f" (also check {', '.join(self.others)})"
        return text


class FileProblem(Exception):
    """A file named on the command line could not be read or written: exit 3, one sentence."""


class OutputFailed(Exception):
    """A command's output could not be written (`recert status > file` on a full disk)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(f"The output could not be written ({getattr(error, 'strerror', None) or error}).")


def report_error(error: BaseException) -> int | None:
    """Print the one line for a known failure and return its exit code; None if unknown."""
    if isinstance(error, CliError):
        return _say(error.line(), EXIT_BAD_INPUT)
    if isinstance(error, (FileProblem, OutputFailed)):
        return _say(str(error), EXIT_STORE)
    if isinstance(error, StoreDamaged) and not isinstance(error, StoreTooNew):
        backup = error.newest_good_backup
        offer = f" The newest good backup is {backup.name}." if backup is not None else ""
        return _say(f"{str(error).rstrip()}{offer} {DOCTOR_ADVICE}", EXIT_STORE)
    if isinstance(error, (StoreError, RuleFileError)):
        return _say(str(error), EXIT_STORE)
    return None


def _say(text: str, code: int) -> int:
    if sys.stderr is not None:  # print(file=None) would write to stdout instead
        print(f"recert: {visible(text)}", file=sys.stderr)  # escaped, so always one line
    return code
