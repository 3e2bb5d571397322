"""User text is data: make it safe to print in a terminal or write into an export.

Control characters (ESC, BEL, backspace, carriage return, C1 codes, ...) become visible escapes
such as `\\x1b`, so nothing a user typed can move the cursor, change colours or set the
terminal title. Markup needs no treatment here: each face renders text without parsing it.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def visible(text: str, *, single_line: bool = True) -> str:
    """`text` with control characters shown as escapes; newlines too unless multi-line is wanted."""
    pattern = _CONTROL_OR_NEWLINE if single_line else _CONTROL
    return pattern.sub(_escape, text)
