"""Reading the terminal app's screen under a test pilot, as a user would read it."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def wait_for(pilot, predicate: Callable[[], object], timeout: float = 5.0, what: str = "") -> None:
    """Poll `predicate` between screen updates until it holds; fail after `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return
        except Exception:
            pass
        await pilot.pause(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")


async def press_to_open(pilot, key: str, screen_class: type[T]) -> T:
    """Press `key` and wait until a `screen_class` screen is showing; returns it."""
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_class), what=screen_class.__name__)
    return pilot.app.screen


def screen_lines(app) -> list[str]:
    """The screen as the user sees it, one string per row."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def screen_text(app) -> str:
    """Everything the screen shows now, as plain text."""
    return "\n".join(screen_lines(app))


# Whitespace, box-drawing frames and the scrollbar's block characters: what may stand between
# two words of one text when the screen wraps it inside a frame.
_FRAME = re.compile(r"[\s│║┃╭╮╰╯─━═╔╗╚╝┏┓┗┛▁▔▊▎█▀▄]+")


def shows(app, text: str) -> bool:
    """Whether the screen shows `text`, even wrapped over lines inside a frame."""
    return _FRAME.sub(" ", text) in _FRAME.sub(" ", screen_text(app))
