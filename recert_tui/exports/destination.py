"""Where an export may be written: checked before anything is rendered or written.

Headless and face-neutral: each problem is one sentence for the person who typed the path.
The terminal app asks before replacing a file; `replace=True` says the user agreed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..store.errors import os_reason
from ..store.replace import write_atomically
from ..textsafe import visible


class DestinationProblem(ValueError):
    """The path cannot be used as typed; str() is one sentence naming it."""


class DestinationExists(DestinationProblem):
    """The file is there already: replace it only with the user's explicit agreement."""

    def __init__(self, path: Path, text: str) -> None:
        super().__init__(f"{visible(text)} already exists.")
        self.path = path


def check_destination(text: str, *, database: Iterable[str | os.PathLike[str]] = (), replace: bool = False) -> Path:
    """The file `text` names (with `~` expanded), or DestinationProblem saying why not.

    `database` lists the paths of the open database (as given and where its bytes live):
    an export must never land on it.
    """
    typed = text.strip()
    if not typed:
        raise DestinationProblem("Type a file name to write to, e.g. ~/recert-export.")
    path = Path(typed).expanduser()
    shown = visible(typed)
    if path.is_dir():
        raise DestinationProblem(
            f"{shown} is a folder; add a file name, e.g. {visible(str(Path(typed) / 'recert-export'))}."
        )
    if not path.parent.is_dir():
        raise DestinationProblem(
            f"The folder {visible(str(path.parent))} does not exist; create it first or choose another."
        )
    target = _resolved(path)
    if any(target == _resolved(Path(db)) for db in database):
        raise DestinationProblem(f"{shown} is your database file; choose another name.")
    if (path.exists() or path.is_symlink()) and not replace:
        raise DestinationExists(path, typed)
    return path


def write_export(path: Path, payload: bytes) -> Path:
    """Write privately (0600) and atomically; returns the absolute path written.

    Raises DestinationProblem with one sentence (permission, disk full, ...) on failure;
    the previous file, if any, is then untouched.
    """
    try:
        write_atomically(path, payload)
    except OSError as error:
        raise DestinationProblem(
            f"Could not write {visible(str(path))}: {os_reason(error)}. Nothing was written."
        ) from None
    return Path(os.path.abspath(path))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # a symlink loop, say: compare as typed
        return path.absolute()
