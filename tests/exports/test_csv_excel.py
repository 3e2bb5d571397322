"""CSV for Excel and back: a byte-order mark and CRLF with --excel, the same columns both ways,
every field round trips (non-ASCII and formula-looking text too), and docs/csv.md says so."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from recert_tui.exports.csv_io import COLUMNS, column_field, csv_bytes, export_csv, import_csv
from recert_tui.session import Session
from recert_tui.store import Store
from tests.cli.conftest import make_recert

from .conftest import TODAY

BOM = b"\xef\xbb\xbf"
DOC = Path(__file__).resolve().parents[2] / "docs" / "csv.md"
HELD = (("cma-aama", "2022-03-15"), ("rma-amt", "2024-01-10"), ("ncma-ncct", "2025-06-01"))

# One activity of every kind and optional field, with text a spreadsheet or a terminal could misread.
ACTIVITIES = (
    {
        "credential": "cma-aama",
        "title": "=1+1",
        "date": "2025-03-05",
        "split": "administrative=2,general=1.5",
        "approved": "no",
        "provider": "Café Müller 中文",
        "certificate": "+44 20",
        "notes": '@first line é\nsecond line, "quoted"\n',
    },
    {
        "credential": "cma-aama",
        "title": "-Anatomy für alle",
        "date": "2024-09-01",
        "kind": "college",
        "college_credits": "1",
        "area": "general",
    },
    {"credential": "cma-aama", "title": "BLS card ü", "date": "2025-04-02", "kind": "cpr", "certificate": "'=x"},
    {
        "credential": "cma-aama",
        "title": "Employer in-service 中文",
        "date": "2025-04-03",
        "kind": "other",
        "points": "1",
        "area": "clinical",
    },
    {
        "credential": "rma-amt",
        "title": "Authoring \u202eevil",
        "date": "2025-03-05",
        "points": "2.25",
        "area": "clinical",
        "category": "authorship",
    },
    {
        "credential": "ncma-ncct",
        "title": "HIPAA yearly",
        "date": "2025-07-05",
        "points": "1",
        "area": "general",
        "recurring": "yes",
        "notes": "\tstarts with a tab",
    },
)


def _holder(path: Path) -> Session:
    opened = Session.open(path, TODAY)
    for code, earned in HELD:
        opened.add_credential(code, earned)
    return opened


@pytest.fixture
def holder(tmp_path):
    opened = _holder(tmp_path / "recert.json")
    for fields in ACTIVITIES:
        opened.add_activity(fields)
    yield opened
    opened.close()


def _records(activities) -> list:
    """Every field of every activity but its id (a new database numbers them anew)."""
    return sorted((a._replace(id=None) for a in activities), key=lambda a: (a.completed_on, a.title))


def test_excel_bytes_start_with_a_byte_order_mark_and_end_rows_with_crlf(holder):
    excel = csv_bytes(holder.profile.activities, excel=True)
    plain = csv_bytes(holder.profile.activities)
    assert excel.startswith(BOM) and not plain.startswith(BOM)
    assert excel[len(BOM) :] == plain == export_csv(holder.profile.activities).encode("utf-8")
    text = excel[len(BOM) :].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(ACTIVITIES) + 1
    # Every row ends with CRLF; the only other line breaks are the LFs typed inside the notes.
    assert text.endswith("\r\n") and text.count("\r\n") == len(rows)
    assert text.replace("\r\n", "").count("\n") == sum(fields.get("notes", "").count("\n") for fields in ACTIVITIES)


def test_the_header_export_writes_is_what_import_reads():
    exported_header = next(csv.reader(io.StringIO(export_csv([]))))
    assert exported_header == list(COLUMNS)
    assert {column: column_field(column) for column in COLUMNS} == {column: column for column in COLUMNS}


def test_every_field_round_trips_through_the_excel_file(holder, tmp_path):
    excel = csv_bytes(holder.profile.activities, excel=True)
    fresh = _holder(tmp_path / "fresh.json")
    try:
        result = import_csv(excel.decode("utf-8"), fresh.activity_from)  # the mark is read as text, then dropped
        assert result.ok, result.rejected
        assert result.unknown_columns == []
        stored = fresh.store.add_activities([activity for _, activity in result.accepted])
        assert _records(stored) == _records(holder.profile.activities)
        assert csv_bytes(stored, excel=True) == excel
    finally:
        fresh.close()
    titles = {a.title for a in stored}
    assert {"=1+1", "-Anatomy für alle", "Employer in-service 中文", "Authoring \u202eevil"} <= titles


def test_formula_looking_text_is_guarded_in_the_file(holder):
    text = csv_bytes(holder.profile.activities, excel=True).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert "'=1+1" in cells and "=1+1" not in cells
    assert "'-Anatomy für alle" in cells and "'+44 20" in cells and "''=x" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not re.match(r"^-?\d", cell) for cell in cells)


@pytest.mark.parametrize("encoding", [None, "utf-8", "utf-8-sig"], ids=["guessed", "utf-8", "utf-8-sig"])
def test_the_command_writes_for_excel_and_imports_it_back(holder, tmp_path, encoding):
    recert = make_recert(tmp_path / "cli")
    source = Path(holder.store.real_path)
    target = tmp_path / "ce.csv"
    said = recert.ok("export", "csv", "--excel", "-o", str(target), db=source)
    assert said == f"Wrote {len(ACTIVITIES)} activities as CSV to {target} (private to you).\n"
    assert target.read_bytes() == csv_bytes(holder.profile.activities, excel=True)

    fresh = tmp_path / "fresh" / "recert.json"
    for code, earned in HELD:
        recert.ok("credential", "add", code, "--earned", earned, db=fresh)
    options = ["--encoding", encoding] if encoding else []
    said = recert.ok("import", "csv", str(target), *options, db=fresh)
    assert said == f"Added {len(ACTIVITIES)} activities.\n"  # no note: nothing was guessed, nothing ignored
    with Store.open(fresh, write=False) as store:
        assert _records(store.activities()) == _records(holder.profile.activities)


def test_the_excel_file_goes_to_a_pipe_as_it_is(holder, tmp_path):
    recert = make_recert(tmp_path / "cli")
    db = str(holder.store.real_path)
    result = subprocess.run(  # bytes: text mode would turn each CRLF into LF
        [
            sys.executable,
            "-m",
            "recert_tui.cli",
            "--db",
            db,
            "--today",
            recert.today,
            "export",
            "csv",
            "--excel",
            "-o",
            "-",
        ],
        capture_output=True,
        env=recert.env(),
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == csv_bytes(holder.profile.activities, excel=True)


# --- docs/csv.md ------------------------------------------------------------------------------


def _documented_columns() -> list[str]:
    section = DOC.read_text(encoding="utf-8").split("## Columns", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)


def test_the_documentation_lists_every_column_in_order():
    assert _documented_columns() == list(COLUMNS)


def test_the_documented_example_imports_as_described(tmp_path):
    text = DOC.read_text(encoding="utf-8").split("## Example", 1)[1].split("```csv\n", 1)[1].split("```", 1)[0]
    assert text.splitlines()[0] == ",".join(COLUMNS)
    fresh = _holder(tmp_path / "fresh.json")
    try:
        result = import_csv(text, fresh.activity_from)
    finally:
        fresh.close()
    assert result.ok, result.rejected
    assert result.unknown_columns == []
    by_title = {activity.title: activity for _, activity in result.accepted}
    assert by_title["=1+1 and the café"].provider == "Städtische Klinik 中文"
    assert by_title["BLS Provider renewal"].notes == "two\nlines"
    assert by_title["Conference talk"].category == "authorship"
    assert by_title["HIPAA yearly"].recurring is True
    college = by_title["Medical Terminology (college course)"]
    assert college.college_credits == 1 and college.points == {"general": 15.0} and not college.approved
