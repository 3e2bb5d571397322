"""`recert study import|export|due|stats`: the question bank from the shell."""

from __future__ import annotations

import json
import subprocess
import sys

from recert_tui.exports.bank_files import HEADER

ROWS = """exam,category,question,a,b,c,d,e,answer,explanation,source
cma-aama,clinical,What is a normal adult resting pulse?,40-50,60-100,120-140,,,b,MedlinePlus gives 60 to 100.,MedlinePlus
cma-aama,general,Which law protects health information privacy?,HIPAA,OSHA,CLIA,,,a,HIPAA's Privacy Rule.,HHS
"""


def piped(recert, text: str, *args: str) -> subprocess.CompletedProcess:
    """`recert ... study import -` with `text` on standard input."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "recert_tui.cli",
            "--db",
            str(recert.db),
            "--today",
            recert.today,
            "study",
            "import",
            "-",
            *args,
        ],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=recert.env(),
        timeout=60,
    )


def test_import_from_a_file_twice_adds_nothing_the_second_time(recert, tmp_path):
    bank = tmp_path / "bank.csv"
    bank.write_text(ROWS, encoding="utf-8")
    assert "Added 2 item(s)" in recert.ok("study", "import", str(bank))
    assert "Nothing new" in recert.ok("study", "import", str(bank))
    counts = json.loads(recert.ok("study", "due", "--json"))["exams"]
    assert counts == [
        {
            "exam": "cma-aama",
            "total": 2,
            "new": 2,
            "due": 0,
            "by_category": {"clinical": {"total": 1, "new": 1, "due": 0}, "general": {"total": 1, "new": 1, "due": 0}},
        }
    ]


def test_dry_run_writes_nothing(recert, tmp_path):
    bank = tmp_path / "bank.csv"
    bank.write_text(ROWS, encoding="utf-8")
    assert "Would add 2 item(s)" in recert.ok("study", "import", str(bank), "--dry-run")
    assert not recert.db.exists() or json.loads(recert.ok("study", "due", "--json"))["exams"] == []


def test_a_bad_row_stops_the_import_with_its_line_and_reason_unless_skip_bad(recert):
    bad = ROWS + "cma-aama,astrology,Q?,x,y,,,,a,because,CDC\n"
    result = piped(recert, bad)
    assert result.returncode == 2
    assert (
        "standard input, line 4: category: 'astrology' is not a category of cma-aama (use one of general, "
        "administrative, clinical)" in result.stdout
    )
    assert "Nothing was imported" in result.stdout
    assert not recert.db.exists() or json.loads(recert.ok("study", "due", "--json"))["exams"] == []
    skipped = piped(recert, bad, "--skip-bad")
    assert skipped.returncode == 0 and "Added 2 item(s)" in skipped.stdout and "1 bad row(s) left out" in skipped.stdout


def test_export_writes_the_same_csv_import_reads(recert, tmp_path):
    first = tmp_path / "bank.csv"
    first.write_text(ROWS, encoding="utf-8")
    recert.ok("study", "import", str(first))
    printed = recert.ok("study", "export")
    assert printed.splitlines()[0] == ",".join(HEADER)
    again = tmp_path / "again.json"
    result = subprocess.run(
        [sys.executable, "-m", "recert_tui.cli", "--db", str(again), "--today", recert.today, "study", "import", "-"],
        input=printed,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=recert.env(),
        timeout=60,
    )
    assert "Added 2 item(s)" in result.stdout
    assert recert.ok("study", "export", db=again) == printed


def test_the_starter_bank_and_due_counts(recert):
    recert.ok("study", "import", "--starter")
    due = json.loads(recert.ok("study", "due", "--json"))["exams"]
    by_exam = {each["exam"]: each for each in due}
    assert by_exam["cma-aama"]["total"] >= 200 and by_exam["ccma-nha"]["total"] >= 100
    assert by_exam["cma-aama"]["new"] == by_exam["cma-aama"]["total"] and by_exam["cma-aama"]["due"] == 0
    stats = json.loads(recert.ok("study", "stats", "--json"))["exams"]
    assert {each["exam"] for each in stats} == {"cma-aama", "ccma-nha"} and all(e["reviews"] == 0 for e in stats)


def test_an_unknown_exam_is_refused_with_the_valid_ones(recert):
    recert.ok("study", "import", "--starter")
    result = recert("study", "due", "--exam", "nope")
    assert result.returncode == 2 and "choose one of: cma-aama" in result.stderr + result.stdout


def test_import_without_a_file_says_what_to_give(recert):
    result = recert("study", "import")
    assert result.returncode == 2
    assert result.stderr.strip() == "recert: FILE: name a FILE to import (or - for standard input), or use --starter"
