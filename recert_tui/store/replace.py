"""Crash-safe file replacement: write a private temp file beside the target, fsync, rename over.

Readers see the old file or the new one, never half of either. Used by the storage (atomic),
the backups' restore, the lock's owner note and the exports; it imports nothing of the store,
so each of those can import it without a circle.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def fsync_dir(directory: str | Path) -> None:
    """Make a rename durable. Some filesystems refuse fsync on directories; that is not fatal."""
    with suppress(OSError):
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def write_atomically(
    path: str | Path, payload: bytes, *, durable: bool = True, before_replace: Callable[[], object] | None = None
) -> None:
    """Replace `path` with `payload` all at once: readers see the old file or the new one.

    The temp file comes from mkstemp, so it is 0600 from its first byte whatever the umask.
    On any error the temp file is removed and `path` is untouched.
    """
    import tempfile  # write-only import: keeps it off the read path, a share of the bench's `status --json` figure (docs/speed.md)
    from pathlib import Path

    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=".tmp")
    try:
        try:
            view = memoryview(payload)
            while view:  # os.write may write less than asked near a size limit
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(path.parent)


def remove_stale_temp_files(path: str | Path) -> None:
    """Delete temp files a killed session left behind (call only while holding the lock)."""
    from pathlib import Path  # write-only, as above

    path = Path(path)
    prefix = _temp_prefix(path)
    with suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with suppress(OSError):
                    os.unlink(entry.path)
