"""The CSV export is safe to open in a spreadsheet or a terminal, and still imports back exactly.

Cells a spreadsheet would run as a formula get a leading `'`; control and bidirectional
characters are written as visible escapes (`\\x1b`, `\\u202e`); the import undoes both.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recert_tui.domain.models import Activity
from recert_tui.exports.csv_io import COLUMNS, export_csv, import_csv
from recert_tui.session import Session

from .conftest import TODAY

# Every character that must never reach a file raw: C0/C1 controls (tab and newline aside),
# DEL, bidi embeddings, overrides, isolates and marks, lone surrogates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_COLUMNS = ("title", "provider", "certificate", "notes")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _one(**fields) -> Activity:
    """An activity as the store holds it (text exactly as typed)."""
    values = {"title": "t", "provider": "", "certificate": "", "notes": "", **fields}
    return Activity("cma-aama", values.pop("title"), date(2025, 3, 5), {"general": 1.0}, True, **values)


@pytest.fixture
def fresh(tmp_path):
    """Another database holding the CMA, to import into."""
    with Session.open(tmp_path / "fresh.json", TODAY) as session:
        session.add_credential("cma-aama", "2022-03-15")
        yield session


def _round_trip(fresh, activity: Activity) -> Activity:
    result = import_csv(export_csv([activity]), fresh.activity_from)
    assert result.ok, result.rejected
    [(_, back)] = result.accepted
    return back


# --- formulas (item 2) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["=1+1", "+1", "-1", "@SUM(A1)", "'=1+1", "''=x", "'", "''", "'abc", "'-", "=", "'\t=x", "a=b"]
)
def test_a_title_reads_back_exactly_whatever_quotes_and_signs_it_starts_with(fresh, title):
    assert _round_trip(fresh, _one(title=title)).title == title


@pytest.mark.parametrize("notes", ["\t=cmd", "\r=cmd", "=cmd\n-two", "'\r", "\n=x", " =x"])
def test_notes_read_back_exactly(fresh, notes):
    assert _round_trip(fresh, _one(notes=notes)).notes == notes


def test_no_text_cell_starts_as_a_formula():
    activities = [
        _one(title=f"{start}x{i}", provider=f"{start}p", certificate=f"{start}c", notes=f"{start}n")
        for i, start in enumerate(FORMULA_START)
    ]
    for row in _rows(export_csv(activities)):
        for column in TEXT_COLUMNS:
            assert not row[column].startswith(FORMULA_START), (column, row[column])
            assert row[column].startswith("'") or row[column].startswith("\\x0d"), (column, row[column])


def test_numbers_and_dates_are_written_as_numbers(session):
    for row in _rows(export_csv(session.profile.activities)):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", row["date"])
        for column in ("administrative", "clinical", "general", "college_credits"):
            assert re.fullmatch(r"(\d+(\.\d+)?)?", row[column]), (column, row[column])


def test_dates_and_numbers_are_never_neutralised():
    # Dates and numbers are the app's own, written for a spreadsheet to read as numbers. The app
    # never writes a negative one; -0.0, the one signed value a float can hold, is written 0.
    [row] = _rows(export_csv([_one(title="x")._replace(college_credits=-0.0, kind="college")]))
    assert row["college_credits"] == "0" and row["kind"] == "college" and row["date"] == "2025-03-05"


# --- control and bidi characters (item 3) ---------------------------------------------------------

HOSTILE = {
    "title": "\x1b[31mred\x1b[0m \x1b]0;TITLE\x07",
    "provider": "abc\u202eevil \u2066iso\u2069 \u200fmark\u200e \u061c",
    "certificate": "c1\x9b2J \x7f",
    "notes": "cr\r\nlf\nbs\b tab\t",
}


def test_control_and_bidi_characters_are_written_escaped(fresh):
    exported = export_csv([_one(**HOSTILE)])
    assert not RAW.search(exported.replace("\r\n", "").replace("\n", "").replace("\t", ""))
    [row] = _rows(exported)
    assert row["title"] == "\\x1b[31mred\\x1b[0m \\x1b]0;TITLE\\x07"
    assert row["provider"] == "abc\\u202eevil \\u2066iso\\u2069 \\u200fmark\\u200e \\u061c"
    assert row["notes"] == "cr\\x0d\nlf\nbs\\x08 tab\t"


def test_escaped_characters_read_back_exactly(fresh):
    back = _round_trip(fresh, _one(**HOSTILE))
    assert {field: getattr(back, field) for field in HOSTILE} == HOSTILE


def test_a_typed_escape_stays_typed(fresh):
    typed = {
        "title": "\\x1b is ESC",
        "provider": "\\\\server\\share",
        "certificate": "C:\\reports\\x1b",
        "notes": "\\u202e\\\x1b",
    }
    exported = export_csv([_one(**typed)])
    [row] = _rows(exported)
    assert row["provider"] == "\\\\server\\share"  # an everyday backslash is written as it is
    back = _round_trip(fresh, _one(**typed))
    assert {field: getattr(back, field) for field in typed} == typed


def test_a_lone_surrogate_no_longer_breaks_the_export():
    # One in a hand-edited file (a JSON "\ud800") could not be written as UTF-8 at all.
    exported = export_csv([_one(title="half \ud800 pair")])
    exported.encode("utf-8")
    assert _rows(exported)[0]["title"] == "half \\ud800 pair"


def test_a_hand_made_spreadsheet_keeps_its_backslashes(fresh):
    text = (
        "date,title,points,area,credential,notes\n"
        "2025-03-05,Paths,1,general,cma-aama,C:\\reports\\new and \\\\server\\share and \\x41\n"
    )
    result = import_csv(text, fresh.activity_from)
    assert result.ok, result.rejected
    assert result.accepted[0][1].notes == "C:\\reports\\new and \\\\server\\share and \\x41"


# --- everything at once --------------------------------------------------------------------------

NASTY = st.text(
    st.sampled_from(
        list("'=+-@\t\r\n\\x1bu202e\",; aZ")
        + ["\x1b", "\x07", "\x9b", "\u202e", "\u200f", "\u061c", "\u2066", "é", "漢"]
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=NASTY.filter(lambda t: t.strip() == t and t.strip()),
    provider=NASTY.map(str.strip),
    certificate=NASTY.map(str.strip),
    notes=NASTY,
)
def test_any_text_reads_back_exactly_and_is_never_raw_or_a_formula(fresh, title, provider, certificate, notes):
    typed = {"title": title, "provider": provider, "certificate": certificate, "notes": notes}
    exported = export_csv([_one(**typed)])
    [row] = _rows(exported)
    for column in TEXT_COLUMNS:
        assert not row[column].startswith(FORMULA_START)
        assert not RAW.search(row[column].replace("\n", "").replace("\t", ""))
    back = _round_trip(fresh, _one(**typed))
    assert {field: getattr(back, field) for field in typed} == typed


def test_the_header_is_unchanged():
    assert export_csv([]).splitlines()[0] == ",".join(COLUMNS)
