"""What a test checks about a file on disk."""

from __future__ import annotations

import os
import stat


def mode(path: str | os.PathLike[str]) -> int:
    """The permission bits of the file at `path` (through a symlink, to the file it names)."""
    return stat.S_IMODE(os.stat(path).st_mode)
