import pytest

from recert_tui.domain.counting import points_text
from recert_tui.exports.worksheet import render_worksheet

from .conftest import RAW


def test_worksheet_figures_are_the_engines(session):
    report = session.report
    credential = report.credential("cma-aama")
    text = render_worksheet(report, "md")
    assert "Certificate number:** 123456" in text
    assert "15 Mar 2022 to 31 Mar 2027" in text
    tally, needs = credential.tally, credential.needs
    rows = table_rows(text)
    assert rows["Total points"] == ["60", points_text(tally.counted), points_text(needs.points)]
    assert rows["AAMA-approved minimum"] == ["30", points_text(tally.approved), points_text(needs.approved)]
    assert rows["Clinical minimum"] == [
        "10",
        points_text(tally.by_area["clinical"]),
        points_text(needs.by_area["clinical"]),
    ]
    assert needs.sentence in text


def table_rows(markdown: str) -> dict[str, list[str]]:
    """A Markdown table's rows by their first cell, cells stripped of the padding that aligns them."""
    rows = {}
    for line in markdown.splitlines():
        if line.startswith("| ") and line.endswith(" |"):
            first, *rest = (cell.strip() for cell in line[2:-2].split(" | "))
            rows[first] = rest
    return rows


def test_worksheet_lists_counted_then_uncounted_with_reasons(session):
    text = render_worksheet(session.report, "txt")
    counted_at, uncounted_at = text.index("Counted activities"), text.index("Not counted")
    assert counted_at < text.index("Coding update") < uncounted_at
    assert text.index("Old course") > uncounted_at
    assert "before this cycle began on 15 Mar 2022" in text
    assert "Partly counted: Anatomy 101" in text  # 45 college points, the 30-point cap applies
    assert "C-1" in text  # the certificate reference


def test_worksheet_shows_user_text_literally(session):
    session.add_activity(
        {
            "credential": "cma-aama",
            "title": "**bold** | [x](y) \x1b[31mred",
            "date": "2024-05-01",
            "points": "1",
            "area": "general",
        }
    )
    md = render_worksheet(session.report, "md")
    # the visible escape's backslash is itself escaped, so Markdown renders it as typed
    assert "\\*\\*bold\\*\\* \\| \\[x\\](y) \\\\x1b\\[31mred" in md
    assert "\x1b" not in md
    txt = render_worksheet(session.report, "txt")
    assert "**bold** | [x](y) \\x1b[31mred" in txt


# --- outside text: every bidi control, and text from a user's rule file ---------------------------


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_worksheet_escapes_every_bidi_control(session, fmt):
    marks = "\u200e\u200f\u061c\u2066\u2069\u202a"
    session.add_activity(
        {
            "credential": "cma-aama",
            "title": f"Ethics{marks}",
            "date": "2024-05-01",
            "points": "1",
            "area": "general",
            "provider": f"P{marks}",
            "certificate": f"C{marks}",
        }
    )
    text = render_worksheet(session.report, fmt)
    assert not RAW.search(text.replace("\n", "")), "a raw bidi control in the worksheet"
    assert "u200e" in text and "u061c" in text


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_worksheet_text_from_rule_files_is_shown_escaped(hostile_rules, fmt):
    text = render_worksheet(hostile_rules.report, fmt)
    assert not RAW.search(text.replace("\n", "")), "a raw control character in the worksheet"
    if fmt == "txt":
        assert "CMA\\x1b[31m (AAMA)\\u202e\\u200f\\u061c: Certified\\x07 Medical\\u2066 Assistant" in text
        assert "American\\x1b]0;x\\x07 Association\\u200e" in text
        heading = next(line for line in text.splitlines() if line.startswith("CMA"))
        underline = text.splitlines()[text.splitlines().index(heading) + 1]
        assert len(underline) == len(heading)  # underlined to the width shown
