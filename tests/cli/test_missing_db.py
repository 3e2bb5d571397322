"""A database named with --db that does not exist: reading it is a file problem (exit 3, one
sentence), not an empty profile; writing to it creates it, as before."""

from __future__ import annotations

import pytest

from .conftest import ACTIVITY

READING = [
    ("status",),
    ("status", "--json"),
    ("credential", "list"),
    ("activity", "list"),
    ("exam", "list"),
    ("study", "status"),
    ("export", "csv"),
]


@pytest.mark.parametrize("args", READING, ids=[" ".join(a) for a in READING])
def test_reading_a_missing_file_in_a_missing_folder_says_so_and_exits_3(recert, tmp_path, args):
    missing = tmp_path / "nonexistent" / "dir" / "x.json"
    result = recert(*args, db=missing)
    assert result.returncode == 3, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("recert: ") and str(missing) in line and "does not exist" in line
    assert not missing.parent.exists()  # nothing was created on the way


def test_reading_a_missing_file_in_an_existing_folder_exits_3(recert, tmp_path):
    result = recert("status", db=tmp_path / "typo.json")
    assert result.returncode == 3 and "does not exist" in result.stderr
    assert not (tmp_path / "typo.json").exists()


def test_writing_into_a_missing_folder_creates_it_as_before(recert, tmp_path):
    db = tmp_path / "new" / "folder" / "recert.json"
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", db=db)
    recert.ok(*ACTIVITY, db=db)
    assert "Infection control" in recert.ok("activity", "list", db=db)
    assert "CMA (AAMA)" in recert.ok("status", db=db)


def test_a_dry_run_import_into_a_new_file_still_shows_what_it_would_add(recert, tmp_path):
    csv = tmp_path / "in.csv"
    csv.write_text("credential,title,date,kind,points,area\ncma-aama,Vitals,2025-01-10,ceu,1,clinical\n")
    db = tmp_path / "fresh" / "recert.json"
    result = recert("import", "csv", str(csv), "--dry-run", db=db)
    assert "does not exist" not in result.stderr
    assert not db.exists()
