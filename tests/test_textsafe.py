import pytest

from recert_tui.textsafe import visible


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
