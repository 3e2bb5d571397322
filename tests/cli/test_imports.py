"""`recert import csv|json`: every rejection is shown, and nothing is written unless it should be."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from recert_tui.cli import main
from tests.helpers.text import flat as _flat

from .conftest import ACTIVITY

MIXED = """\ufeffDate,Course title,Points,Area,Credential,Instructor
2025-04-01,Coding basics,2,administrative,cma-aama,Ann
2025-02-30,Bad date,2,clinical,cma-aama,Bob
3/7/2025,Phlebotomy,1.5,clinical,,Cy
2025-05-01,Too many,500,clinical,cma-aama,
2025-05-02,Wrong area,1,surgical,cma-aama,
"""

REJECTIONS = [
    "row 3: date: '2025-02-30' is not a real calendar date",
    "row 4: credential: is empty",
    "row 5: points: 500 is out of range",
    "row 6: area: 'surgical' is not an area of CMA (AAMA)",
]


def _backups(recert) -> list[Path]:
    return sorted(recert.db.parent.glob(recert.db.name + ".backup-*"))


@pytest.fixture
def held(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    return recert


def test_dry_run_lists_every_rejected_row_and_writes_nothing(held, tmp_path):
    source = tmp_path / "ce.csv"
    source.write_text(MIXED, encoding="utf-8")
    before = held.db.read_bytes()
    result = held("import", "csv", str(source), "--dry-run")
    assert result.returncode == 2
    flat = _flat(result.stdout)
    assert "Would add 1 activity: row 2: 1 Apr 2025, Coding basics, 2 points (cma-aama)" in flat
    assert "Rejected 4 rows:" in flat
    for rejection in REJECTIONS:
        assert rejection in flat, rejection
    assert "Ignored columns (not used): Instructor" in flat
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    [line] = result.stderr.splitlines()
    assert line.startswith("recert: FILE: 4 rows of ") and "nothing would be written" in line
    assert held.db.read_bytes() == before


def test_all_or_nothing_then_skip_rejected(held, tmp_path):
    source = tmp_path / "ce.csv"
    source.write_text(MIXED, encoding="utf-8")
    before, backups = held.db.read_bytes(), _backups(held)

    refused = held("import", "csv", str(source), "--credential", "cma-aama")
    assert refused.returncode == 2
    assert "Nothing was written: 3 rows rejected." in refused.stdout
    assert "row 2:" not in refused.stdout  # accepted rows are listed only by --dry-run
    [line] = refused.stderr.splitlines()
    assert "nothing was written; add --skip-rejected to add only the 2 rows accepted" in line
    assert held.db.read_bytes() == before and _backups(held) == backups

    added = held.ok("import", "csv", str(source), "--credential", "cma-aama", "--skip-rejected")
    assert _flat(added).endswith("Added 2 activities, 3 rejected rows skipped.")
    assert len(_backups(held)) == len(backups) + 1  # one write for all the rows
    titles = sorted(row["title"] for row in json.loads(held.ok("activity", "list", "--json")))
    assert titles == ["Coding basics", "Phlebotomy"]


def test_clean_file_dry_run_then_import(held, tmp_path):
    source = tmp_path / "ce.csv"
    source.write_text(
        "date,title,clinical,general,\x1b]0;x\x07\n2025-03-05,Infection control,2,,\n2025-03-06,Ethics\x1b[2J,,1,\n",
        encoding="utf-8",
    )
    before = held.db.read_bytes()
    dry = held.ok("import", "csv", str(source), "--dry-run", "--credential", "cma-aama")
    assert "Dry run: 2 activities would be added." in _flat(dry)
    assert "Ethics\\x1b[2J" in dry and "Ignored columns (not used): \\x1b]0;x\\x07" in dry and "\x1b" not in dry
    assert held.db.read_bytes() == before
    assert "Added 2 activities." in held.ok("import", "csv", str(source), "--credential", "cma-aama")
    again = held("import", "csv", str(source), "--credential", "cma-aama")  # importing twice adds nothing
    assert again.returncode == 2 and _flat(again.stdout).count("already recorded") == 2


def test_exported_csv_imports_into_a_fresh_database(recert, tmp_path):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    recert.ok(*ACTIVITY, "--provider", "ACME, Inc.", "--certificate", "=1+1", "--notes", 'two\nlines, "quoted"')
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "-Coding, basics",
        "--date",
        "4/1/2025",
        "--split",
        "administrative=2,general=1.5",
        "--not-approved",
        "--kind",
        "other",
    )
    recert.ok(
        "activity", "add", "--credential", "cma-aama", "--title", "BLS card", "--date", "2025-04-02", "--kind", "cpr"
    )
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Biology 101",
        "--date",
        "2024-09-01",
        "--kind",
        "college",
        "--college-credits",
        "1",
        "--area",
        "general",
    )
    exported = tmp_path / "ce.csv"
    recert.ok("export", "csv", "-o", str(exported))

    fresh = tmp_path / "fresh" / "recert.json"
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", db=fresh)
    assert "Added 4 activities." in recert.ok("import", "csv", str(exported), db=fresh)

    def rows(db=None):
        listed = json.loads(recert.ok("activity", "list", "--json", **({"db": db} if db else {})))
        return sorted(
            ({k: v for k, v in row.items() if k != "id"} for row in listed), key=lambda r: (r["date"], r["title"])
        )

    assert rows(fresh) == rows()


def test_import_json_refuses_a_bad_file(seeded, tmp_path):
    bad = tmp_path / "backup.json"
    bad.write_text('{"credentials": {"1": {"code": "cma-aama"', encoding="utf-8")
    before = seeded.db.read_bytes()
    result = seeded("import", "json", str(bad), "--yes")
    assert result.returncode == 3 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "backup.json is cut short" in line and line.endswith("Your records were not replaced.")
    assert seeded.db.read_bytes() == before


def test_import_json_needs_yes_without_a_terminal(seeded, tmp_path):
    good = tmp_path / "backup.json"
    seeded.ok("export", "json", "-o", str(good))
    before = seeded.db.read_bytes()
    result = seeded("import", "json", str(good))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("recert: --yes: ") and "add --yes" in result.stderr
    assert seeded.db.read_bytes() == before


def test_import_json_restores_and_keeps_the_current_file(held, tmp_path):
    good = tmp_path / "backup.json"
    held.ok("export", "json", "-o", str(good))
    held.ok(*ACTIVITY)
    current = held.db.read_bytes()
    said = held.ok("import", "json", str(good), "--yes")
    flat = _flat(said)
    assert "The backup holds 1 credential." in flat and "Your records now: 1 credential, 1 activity." in flat
    kept = Path(re.search(r"kept as (\S+)\.$", flat).group(1))
    assert kept.read_bytes() == current
    assert held.db.read_bytes() == good.read_bytes()
    assert json.loads(held.ok("activity", "list", "--json")) == []


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "code"), [("n\n", 1), ("", 1), ("y\n", 0)])
def test_import_json_asks_on_a_terminal(held, tmp_path, monkeypatch, capsys, answer, code):
    good = tmp_path / "backup.json"
    held.ok("export", "json", "-o", str(good))
    held.ok(*ACTIVITY)
    before = held.db.read_bytes()
    monkeypatch.setenv("RECERT_RULES_DIR", str(held.rules_dir))
    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    assert main(["--db", str(held.db), "--today", "2026-11-23", "import", "json", str(good)]) == code
    captured = capsys.readouterr()
    assert "Replace your records with this backup? A copy of the current file is kept. [y/N]" in captured.err
    if code:
        assert held.db.read_bytes() == before and "Nothing was changed." in captured.out
    else:
        assert held.db.read_bytes() == good.read_bytes() and "The previous file was kept as" in captured.out
