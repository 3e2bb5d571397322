"""User text in a file that is read back (the CSV exports): unsafe characters escaped, exactly.

`escaped` writes each character in `textsafe.UNSAFE_RANGES` as `\\x1b` or `\\u202e` (a CR as
`\\x0d`; newlines and tabs kept), and `unescaped` gives the text back exactly. Everyday
backslashes (`C:\\reports`, `\\\\server\\share`) are left as they are, so a spreadsheet's
own text reads back unchanged too.
"""

from __future__ import annotations

import re

from ..textsafe import UNSAFE_RANGES, escape_body, is_unsafe

_UNSAFE_CLASS = "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in UNSAFE_RANGES) + "]"
_UNSAFE_RE = re.compile(_UNSAFE_CLASS)
# What follows the backslash of an escape that `escaped` writes (x1b, u202e).
_BODY = "x[0-9a-f]{2}|u[0-9a-f]{4}"
# A run of backslashes before an escape or before text that reads as one, or an unsafe character.
_TO_ESCAPE_RE = re.compile(rf"(\\+)(?=({_BODY})|{_UNSAFE_CLASS})|{_UNSAFE_CLASS}")
_ESCAPE_RE = re.compile(rf"(\\+)({_BODY})")


def escaped(text: str) -> str:
    """`text` with control characters as `\\x1b` or `\\u202e` (a CR as `\\x0d`; newlines and tabs
    kept), readable by `unescaped` exactly.

    A backslash is doubled only where it would otherwise read as part of an escape: before an
    escape, or before text such as `x1b` that `unescaped` would read as one.
    """
    if "\\" not in text and _UNSAFE_RE.search(text) is None:
        return text  # nearly every text
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
        return "\\" + escape_body(match.group())
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
    return escape_body(char) == body and is_unsafe(char)
