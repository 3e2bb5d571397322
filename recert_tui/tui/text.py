"""User text as data: never markup, never a terminal control sequence.

Titles, providers and notes are typed by people (or pasted from e-mails), so `[red]` or an
escape character must show up exactly as typed. Everything user-typed goes through `literal`.
"""

from __future__ import annotations

from rich.text import Text

from ..textsafe import visible

__all__ = ["literal", "plural", "visible"]


def literal(text: str, style: str = "") -> Text:
    """A Rich Text that shows `text` as typed: no markup, controls made visible."""
    return Text(visible(text), style=style, no_wrap=False)


def plural(count: int, word: str) -> str:
    """`1 activity`, `2 activities`."""
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"
