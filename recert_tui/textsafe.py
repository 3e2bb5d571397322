"""User text is data: make it safe to print in a terminal or write into an export.

Control characters (ESC, BEL, backspace, carriage return, C1 codes, ...), bidirectional
controls (overrides, embeddings, isolates and marks, which can make text read backwards)
and lone surrogates become visible escapes such as `\\x1b`, so nothing a user typed can move
the cursor, change colours or set the terminal title. Markup needs no treatment here: each
face renders text without parsing it.

`visible` is for reading. `escaped` is for a file that is read back (the CSV export):
`unescaped` gives the text back exactly, and leaves everyday backslashes (`C:\\reports`,
`\\\\server\\share`) as they are, so a spreadsheet's own text reads back unchanged too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

# C1 codes and DEL; bidi embeddings and overrides (LRE..RLO), isolates (LRI..PDI) and marks
# (LRM, RLM, ALM); lone surrogates.
_UNSAFE = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff"
_CONTROL = f"[\x00-\x08\x0b-\x1f{_UNSAFE}]"
_CONTROL_OR_NEWLINE = f"[\x00-\x1f{_UNSAFE}]"

# What follows the backslash of an escape that `escaped` writes (x1b, u202e).
_BODY = "x[0-9a-f]{2}|u[0-9a-f]{4}"
# A run of backslashes before an escape or before text that reads as one, or an unsafe character.
_TO_ESCAPE = rf"(\\+)(?=({_BODY})|{_CONTROL})|{_CONTROL}"
_ESCAPE = rf"(\\+)({_BODY})"


_CONTROL_RE = re.compile(_CONTROL)
_CONTROL_OR_NEWLINE_RE = re.compile(_CONTROL_OR_NEWLINE)
_TO_ESCAPE_RE = re.compile(_TO_ESCAPE)
_ESCAPE_RE = re.compile(_ESCAPE)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return "\\" + _body(char)


def _body(char: str) -> str:
    """An escape without its backslash: `x1b` below U+0100, else `u202e`."""
    code = ord(char)
    return f"x{code:02x}" if code < 0x100 else f"u{code:04x}"


def visible(text: str, *, single_line: bool = True) -> str:
    """`text` with control characters shown as escapes; newlines too unless multi-line is wanted."""
    return (_CONTROL_OR_NEWLINE_RE if single_line else _CONTROL_RE).sub(_escape, text)


def escaped(text: str) -> str:
    """`text` with control characters as `\\x1b` or `\\u202e` (a CR as `\\x0d`; newlines and tabs
    kept), readable by `unescaped` exactly.

    A backslash is doubled only where it would otherwise read as part of an escape: before an
    escape, or before text such as `x1b` that `unescaped` would read as one.
    """
    if "\\" not in text and _CONTROL_RE.search(text) is None:
        return text  # nearly every text, found in a fifth of the time the substitution takes
    return _TO_ESCAPE_RE.sub(_escape_exactly, text)


def unescaped(text: str) -> str:
    """`escaped` undone: in a run of backslashes before an escape, an odd one out is the
    escape's own, and the others are halved."""
    if "\\" not in text:
        return text
    return _ESCAPE_RE.sub(_unescape, text)


def _escape_exactly(match: re.Match[str]) -> str:
    run = match.group(1)
    if run is None:  # an unsafe character
        return "\\" + _body(match.group())
    body = match.group(2)
    if body is None or _escapes(body):  # before an escape, or before text that reads as one
        return run * 2
    return run


def _unescape(match: re.Match[str]) -> str:
    run, body = match.groups()
    if not _escapes(body):  # \x41 or \u00e9: text, never written by `escaped`
        return match.group()
    kept = "\\" * (len(run) // 2)
    return kept + (chr(int(body[1:], 16)) if len(run) % 2 else body)


def _escapes(body: str) -> bool:
    """Whether `\\` + `body` is the escape `escaped` writes for an unsafe character."""
    char = chr(int(body[1:], 16))
    return _body(char) == body and _CONTROL_RE.fullmatch(char) is not None


def columns(text: str) -> int:
    """The columns `text` takes in a terminal or a monospaced font: wide characters two,
    combining and zero-width ones none."""
    if text.isascii():
        return len(text)
    return sum(char_columns(char) for char in text)


def fit(text: str, width: int, units: Callable[[str], Iterable[str]] = iter) -> str:
    """`text` in at most `width` columns: cut with "…" if it is wider. `units` splits it into
    the pieces a cut must not split (default: characters); a zero-width one (a combining
    accent) stays with the one before it."""
    if columns(text) <= width:
        return text
    kept: list[str] = []
    used = 0
    for unit in units(text):
        size = columns(unit)
        if used + size > width - 1:
            break
        kept.append(unit)
        used += size
    return "".join(kept) + "…"


def char_columns(char: str) -> int:
    """The columns one character takes: 0, 1 or 2 (see `columns`)."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
