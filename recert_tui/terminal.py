"""Whether the process talks to a terminal: asked by the commands (may we ask? colour? progress?)
and by the app (can it start?). Ground: imports nothing of recert's.
"""

from __future__ import annotations

import sys
from typing import IO


def is_terminal(stream: IO | None) -> bool:
    """True if `stream` is open and a terminal; False for a file, a pipe, a closed or absent stream."""
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False


def terminal_problem() -> str | None:
    """One sentence saying why the app cannot run here, or None if it can.

    Textual's driver reads keys from the process's standard input and draws on its standard
    error (checked with Textual 8.2.8: LinuxDriver uses sys.__stdin__ and sys.__stderr__).
    Without a terminal on both (`echo | recert`, `ssh host recert` without -t, cron) it
    would wait forever for a terminal's answers, or draw into a file.
    """
    missing = [
        name for name, stream in (("input", sys.__stdin__), ("output", sys.__stderr__)) if not is_terminal(stream)
    ]
    if not missing:
        return None
    return (
        f"the app needs a terminal, and its {' and '.join(missing)} {'are' if len(missing) > 1 else 'is'} "
        "not one (over SSH use `ssh -t`); without a terminal, use the commands: `recert status`, or "
        "see `recert --help` for them all."
    )
