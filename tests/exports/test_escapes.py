"""The reversible form of user text, for files that are read back (CSV)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recert_tui.exports.escapes import escaped, unescaped

UNSAFE = "\x00\x07\x08\x0b\x0c\r\x1b\x7f\x85\x9b\u061c\u200e\u200f\u202a\u202e\u2066\u2069\ud800\udfff"
# Backslashes, the letters and digits of escapes, and every unsafe character, so that runs of
# backslashes meet escapes and escape-like text in every order.
TRICKY = st.text(st.sampled_from(list("\\xu01bd2ef8c9 \n\t'=aé") + list(UNSAFE)), max_size=30)


@given(TRICKY)
def test_escaped_text_reads_back_exactly(text):
    assert unescaped(escaped(text)) == text


@given(st.text())
def test_any_text_reads_back_exactly(text):
    assert unescaped(escaped(text)) == text


@given(TRICKY)
def test_escaped_text_holds_no_unsafe_character_but_keeps_newlines_and_tabs(text):
    shown = escaped(text)
    assert not set(shown) & set(UNSAFE)
    assert shown.count("\n") == text.count("\n") and shown.count("\t") == text.count("\t")


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("\x1b[31mred", "\\x1b[31mred"),
        ("cr\rlf", "cr\\x0dlf"),  # \x0d, not \r, so that a typed C:\reports is never read as a CR
        ("abc\u202eevil \u200f", "abc\\u202eevil \\u200f"),
        ("\\x1b typed", "\\\\x1b typed"),  # a typed escape gets its backslash doubled
        ("\\\x1b", "\\\\\\x1b"),  # a typed backslash before a real ESC
    ],
)
def test_escaped_forms(raw, shown):
    assert escaped(raw) == shown
    assert unescaped(shown) == raw


@pytest.mark.parametrize(
    "typed",
    [
        "C:\\reports\\new\\tab",
        "\\\\server\\share",
        "50\\% off",
        "\\x41 is A",
        "\\X1B",
        "\\u00e9",
        "\\",
        "a\\\\",
        "[red]x[/red] é 漢字 🙂",
    ],
)
def test_everyday_backslashes_are_left_as_they_are(typed):
    # Text a spreadsheet holds (paths, shares) is neither changed by escaping nor by reading back.
    assert escaped(typed) == typed
    assert unescaped(typed) == typed
