"""User text as data: never markup, never a terminal control sequence.

Titles, providers and notes are typed by people (or pasted from e-mails), so `[red]` or an
escape character must show up exactly as typed. Everything user-typed goes through `literal`.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls (but not the ones named below), DEL and C1 controls would move the cursor,
# change colours or ring the bell if written to the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """`text` with every control character replaced by a visible escape such as `\\x1b`."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


def literal(text: str, style: str = "") -> Text:
    """A Rich Text that shows `text` as typed: no markup, controls made visible."""
    return Text(visible(text), style=style, no_wrap=False)


def plural(count: int, word: str) -> str:
    """`1 activity`, `2 activities`."""
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"
