"""Errors the store raises. Each message is one plain sentence a user can read as-is."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class StoreError(Exception):
    """Base class; `str(error)` is a complete sentence meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class StoreDamaged(StoreError):
    """The file exists but cannot be read as a recert database; it is left untouched."""

    def __init__(self, path: str | os.PathLike[str], reason: str, newest_good_backup: Path | None = None) -> None:
        from pathlib import Path  # only a damaged file gets here; off the read path (docs/speed.md)

        super().__init__(reason)
        self.path = Path(path)
        self.reason = reason
        self.newest_good_backup = newest_good_backup


class StoreTooNew(StoreDamaged):
    """The file was written by a newer recert-tui with a schema this one cannot read."""

    def __init__(self, path: str | os.PathLike[str], version: int, supported: int) -> None:
        reason = (
            f"{os.path.basename(path)} was written by a newer recert-tui (schema {version}; "
            f"this one reads up to {supported}). Update recert-tui; the file was not changed."
        )
        super().__init__(path, reason)
        self.version = version
        self.supported = supported


class StoreRefused(StoreError):
    """The store will not open this path (foreign owner, unreadable, cannot create folder)."""


class ReadOnlyStore(StoreError):
    """A write was attempted on a read-only session; the message says why it is read-only."""


class SaveFailed(StoreError):
    """A save did not happen; the file on disk is exactly as it was before."""


class NotFound(StoreError, KeyError):
    """No record with that id (or code)."""

    # KeyError.__str__ would wrap the message in quotes; keep it a plain sentence.
    __str__ = StoreError.__str__


def os_reason(error: OSError) -> str:
    """'No space left on device' -> 'no space left on device', for use mid-sentence."""
    text = error.strerror or str(error) or type(error).__name__
    return text[:1].lower() + text[1:]
