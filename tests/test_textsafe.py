import pytest
from hypothesis import given
from hypothesis import strategies as st

from recert_tui.textsafe import UNSAFE_RANGES, columns, fit, is_unsafe, visible


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
    assert fit(text, width) == fitted
    assert columns(fit(text, width)) <= width


def test_fit_never_splits_a_unit_it_is_given():
    pairs = lambda text: [text[i : i + 2] for i in range(0, len(text), 2)]  # noqa: E731
    assert fit("abcdef", 4, pairs) == "ab…"


UNSAFE = [chr(code) for first, last in UNSAFE_RANGES for code in range(first, last + 1)]


@given(st.text())
def test_visible_text_holds_no_unsafe_character_and_no_line_break(text):
    shown = visible(text)
    assert not any(map(is_unsafe, shown)) and "\n" not in shown and "\t" not in shown
    assert not any(map(is_unsafe, visible(text, single_line=False)))


def _escape(char: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    if not is_unsafe(char):
        return char
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


@given(st.text(st.sampled_from([*UNSAFE[:75], "\ud800", "\udbff", "\udfff", "\n", "\t", "a", "é", "\\", "\u200d"])))
def test_visible_shows_each_unsafe_character_as_its_escape(text):
    assert visible(text) == "".join(map(_escape, text))


def test_every_unsafe_character_is_one_a_printable_text_cannot_hold():
    # visible() returns printable text as it is: that is safe only if no unsafe character is printable.
    assert len(UNSAFE) == 75 + 2048  # the controls and marks, and the surrogates
    assert not any(char.isprintable() for char in [*UNSAFE, "\n", "\t"])


@pytest.mark.parametrize(
    "char", ["\x00", "\x08", "\x0b", "\x1f", "\x7f", "\x9f", "\u061c", "\u200e", "\u202a", "\u2069", "\ud800", "\udfff"]
)
def test_each_end_of_each_unsafe_range_is_escaped(char):
    assert visible(char) == f"\\{'x' if ord(char) < 0x100 else 'u'}{ord(char):0{2 if ord(char) < 0x100 else 4}x}"


@pytest.mark.parametrize("char", ["\x20", "\xa0", "\u061b", "\u200d", "\u2070", "\ue000", "é"])
def test_the_neighbours_of_the_unsafe_ranges_are_kept(char):
    assert visible(char) == char
