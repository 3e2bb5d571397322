"""User text is data: make it safe to print in a terminal or write into an export.

Control characters (ESC, BEL, backspace, carriage return, C1 codes, ...), bidirectional
overrides (which can make text read backwards) and lone surrogates become visible escapes
such as `\\x1b`, so nothing a user typed can move the cursor, change colours or set the
terminal title. Markup needs no treatment here: each face renders text without parsing it.
"""

from __future__ import annotations

import re
from functools import cache

_UNSAFE = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL = f"[\x00-\x08\x0b-\x1f{_UNSAFE}]"
_CONTROL_OR_NEWLINE = f"[\x00-\x1f{_UNSAFE}]"


# Compiled on first use: ~1 ms each, which `recert status --json` never needs to pay.
_compiled = cache(re.compile)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, single_line: bool = True) -> str:
    """`text` with control characters shown as escapes; newlines too unless multi-line is wanted."""
    return _compiled(_CONTROL_OR_NEWLINE if single_line else _CONTROL).sub(_escape, text)
