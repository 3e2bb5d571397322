"""User text is data: make it safe to print in a terminal or write into an export.

Control characters (ESC, BEL, backspace, carriage return, C1 codes, ...), bidirectional
controls (overrides, embeddings, isolates and marks, which can make text read backwards)
and lone surrogates become visible escapes such as `\\x1b`, so nothing a user typed can move
the cursor, change colours or set the terminal title. Markup needs no treatment here: each
face renders text without parsing it.

`visible` is for reading; the reversible form for a file that is read back (the CSV
export) is `exports.escapes`. Both escape the characters in `UNSAFE_RANGES`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

# C0 controls (but tab and newline, kept where lines are); DEL and C1 codes; bidi marks (ALM,
# LRM, RLM), embeddings and overrides (LRE..RLO) and isolates (LRI..PDI).
CONTROLS_AND_MARKS = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
)
SURROGATES = (0xD800, 0xDFFF)  # lone ones: half a character, which no terminal or file can take
UNSAFE_RANGES = (*CONTROLS_AND_MARKS, SURROGATES)
LINE_CHARACTERS = "\t\n"  # unsafe on one line, kept in text of many lines

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def is_unsafe(char: str) -> bool:
    """Whether `char` is one `visible` escapes in text of many lines."""
    code = ord(char)
    return any(first <= code <= last for first, last in UNSAFE_RANGES)


def escape_body(char: str) -> str:
    """An escape without its backslash: `x1b` below U+0100, else `u202e`."""
    code = ord(char)
    return f"x{code:02x}" if code < 0x100 else f"u{code:04x}"


def _shown(char: str) -> str:
    return _NAMED.get(char) or "\\" + escape_body(char)


# str.translate's tables: each control and mark, and the escape it is shown as. The 2,048
# surrogates are found by a pattern instead, which is cheaper to make than their entries.
_SHOWN_IN_LINES = {code: _shown(chr(code)) for first, last in CONTROLS_AND_MARKS for code in range(first, last + 1)}
_SHOWN_ON_ONE_LINE = {**_SHOWN_IN_LINES, **{ord(char): _shown(char) for char in LINE_CHARACTERS}}
_SURROGATE_RE = re.compile(f"[{chr(SURROGATES[0])}-{chr(SURROGATES[1])}]")


def holds_surrogate(text: str) -> bool:
    """Whether `text` holds half of a UTF-16 surrogate pair, alone: not text at all."""
    return _SURROGATE_RE.search(text) is not None


def visible(text: str, *, single_line: bool = True) -> str:
    """`text` with control characters shown as escapes; newlines too unless multi-line is wanted."""
    if text.isprintable():  # nearly every text: no control, mark or surrogate is printable
        return text
    shown = text.translate(_SHOWN_ON_ONE_LINE if single_line else _SHOWN_IN_LINES)
    if shown.isprintable():
        return shown
    return _SURROGATE_RE.sub(lambda match: _shown(match.group()), shown)


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
