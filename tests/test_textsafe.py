import pytest
from hypothesis import given
from hypothesis import strategies as st

from recert_tui.textsafe import escaped, unescaped, visible


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("\x1b[31mred", "\\x1b[31mred"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("back\bspace\rcr", "back\\x08space\\rcr"),
        ("\x9bC1 CSI", "\\x9bC1 CSI"),
        ("abc\u202eevil", "abc\\u202eevil"),
        ("lone\ud800", "lone\\ud800"),
        ("line\nbreak\ttab", "line\\nbreak\\ttab"),
        ("[red]markup[/red] é 漢字 🙂", "[red]markup[/red] é 漢字 🙂"),
    ],
)
def test_visible_escapes_every_control(raw, shown):
    assert visible(raw) == shown


def test_multi_line_keeps_newlines_and_tabs():
    assert visible("a\n\tb\x1b", single_line=False) == "a\n\tb\\x1b"


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c", "\u202a", "\u202e", "\u2066", "\u2069"])
def test_every_bidirectional_control_is_escaped(char):
    assert visible(f"a{char}b") == f"a\\u{ord(char):04x}b"


# --- the reversible form, for files that are read back (CSV) ----------------------------------

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


@pytest.mark.parametrize(
    ("text", "width", "fitted"),
    [
        ("Maria Lopez", 11, "Maria Lopez"),  # exactly as wide: kept whole
        ("Maria Lopez", 8, "Maria L…"),
        ("東京都の病院", 7, "東京都…"),  # two columns each: the ellipsis takes the seventh
        ("Jose\u0301 Marti\u0301", 5, "Jose\u0301…"),  # the accent stays with its letter
        ("", 3, ""),
    ],
)
def test_fit_cuts_by_the_columns_a_terminal_shows(text, width, fitted):
    from recert_tui.textsafe import columns, fit

    assert fit(text, width) == fitted
    assert columns(fit(text, width)) <= width


def test_fit_never_splits_a_unit_it_is_given():
    from recert_tui.textsafe import fit

    pairs = lambda text: [text[i : i + 2] for i in range(0, len(text), 2)]  # noqa: E731
    assert fit("abcdef", 4, pairs) == "ab…"
