"""How the `recert` process ends: output flushed, then os._exit, without the interpreter's teardown.

Kept because it saves a share of the bench's `status --json vs import tinydb` figure (see
docs/speed.md): freeing a heavy user's records and every module one by one on the way out is
skipped, and the operating system takes the whole process back at once.
"""

from __future__ import annotations

_ending_after_main = False  # set by expect_exit(): the process ends as soon as main() returns
_kept_for_exit: list[object] = []


def expect_exit() -> None:
    """Say that the process ends with os._exit once main() returns (cli.command_line)."""
    global _ending_after_main
    _ending_after_main = True


def keep_until_exit(*objects: object) -> None:
    """Hold on to `objects` if the process is about to end anyway, so they are never freed one by one.

    When main() is called any other way (tests, another program), nothing is held.
    """
    if _ending_after_main:
        _kept_for_exit.extend(objects)
