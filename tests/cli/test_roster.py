"""`recert roster PATH...`: text, --json, --csv and --check, their exit codes, bad input, and
`recert export json --for-roster` (what it keeps, and that it is not a backup)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest

from tests.helpers.roster_people import clinic, listing, person_file

from .conftest import Recert


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The clinic (tests/helpers/roster_people.py); tests must not change it."""
    return clinic(tmp_path_factory.mktemp("roster") / "clinic")


def listed(out: str) -> list[str]:
    """The people in a text roster, in order: each row's first column, up to the summary."""
    table = out.split("\n\n")[0].splitlines()[1:]
    return [line.split("  ")[0] for line in table if not line.startswith(" ")]


def cells(line: str) -> int:
    """Terminal cells a line takes (a wide character two, an accent none)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


# --- text ---------------------------------------------------------------------------------------


def test_text_lists_every_row_most_urgent_first_in_80_columns(recert: Recert, folder):
    before = listing(folder)
    out = recert.ok("roster", str(folder))
    lines = out.splitlines()
    assert lines[0].split() == ["Person", "Credential", "Status", "Expires", "Attempts", "Last", "CE"]
    assert listed(out) == ["Lena Lapsed", "Rex Reenroll", "Sam Soon", "Dana Later", "Cora Current", "Gina Graduate"]
    assert "2/3 last" in out and "re-enroll" in out
    assert "50 points still needed by 31 Dec 2026 (38 days)." in " ".join(out.split())
    assert "6 rows for 6 people (6 files read)" in " ".join(out.split())
    assert all(cells(line) <= 80 for line in lines), [line for line in lines if cells(line) > 80]
    assert listing(folder) == before  # read only


def test_a_long_or_wide_name_is_cut_to_its_column(recert: Recert, tmp_path):
    person_file(tmp_path, "wide.json", name="山田太郎山田太郎山田太郎 Yamada", credentials=[("cma-aama", "2022-03-15")])
    person_file(tmp_path, "esc.json", name="Evil [red]Name[/red]", credentials=[("cma-aama", "2022-03-15")])
    out = recert.ok("roster", str(tmp_path))
    assert all(cells(line) <= 80 for line in out.splitlines())
    assert "山田太郎山田太郎…" in out
    assert "Evil [red]Name[/r…" in out


def test_filters_choose_rows(recert: Recert, folder):
    assert listed(recert.ok("roster", str(folder), "--status", "student")) == ["Rex Reenroll", "Gina Graduate"]
    out = recert.ok("roster", str(folder), "--name", "SAM", "--credential", "CMA-AAMA")
    assert "Sam Soon" in out and "Lena" not in out
    assert "Sam" not in recert.ok("roster", str(folder), "--credential", "rma-amt")


# --- JSON and CSV ---------------------------------------------------------------------------


def test_json_has_the_documented_shape(recert: Recert, folder):
    data = json.loads(recert.ok("roster", str(folder), "--json"))
    assert set(data) == {"today", "within_days", "files_read", "rows", "errors"}
    assert (data["today"], data["within_days"], data["files_read"], data["errors"]) == ("2026-11-23", 90, 6, [])
    first = data["rows"][0]
    assert set(first) == {
        "person", "path", "credential", "credential_name", "status", "status_words", "expires_on", "days_left",
        "needs", "needs_short", "next_step", "attempts_used", "attempts_allowed", "last_attempt",
        "reenrollment_required", "last_activity_on", "urgency", "due",
    }  # fmt: skip
    assert (first["person"], first["status"], first["urgency"]) == ("Lena Lapsed", "lapsed", 2)
    assert first["due"][0]["level"] == 2 and first["due"][0]["on"] == "2020-04-30"
    grad = next(row for row in data["rows"] if row["person"] == "Gina Graduate")
    assert (grad["attempts_used"], grad["attempts_allowed"], grad["last_attempt"]) == (2, 3, True)
    assert grad["expires_on"] is None and grad["status"] == "student"


def test_csv_is_a_mail_merge_with_formulas_neutralised(recert: Recert, tmp_path):
    person_file(tmp_path, "f.json", name='=HYPERLINK("http://x")', credentials=[("cma-aama", "2022-03-15")])
    person_file(tmp_path, "g.json", name="Ann Bell", credentials=[("cma-aama", "2015-01-10")])
    out = recert.ok("roster", str(tmp_path), "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["person"] for row in rows] == ["Ann Bell", '\'=HYPERLINK("http://x")']
    assert rows[0]["status"] == "lapsed" and rows[0]["urgency"] == "2" and rows[0]["expires_on"] == "2020-01-31"
    assert rows[0]["due"].startswith("CMA (AAMA): Lapsed: expired on 31 Jan 2020")


# --- --check -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "files, within, code",
    [
        (["current.json", "later.json"], None, 0),  # nothing due within 90 days
        (["current.json", "soon.json"], None, 1),  # points due in 38 days
        (["current.json", "soon.json"], "37", 0),  # ... not within 37
        (["current.json", "soon.json"], "38", 1),  # ... the last day counts
        (["soon.json", "lapsed.json"], None, 2),
        (["reenroll.json"], None, 2),
    ],
)
def test_check_exits_as_status_check_does(recert: Recert, folder, files, within, code):
    args = ["roster", *(str(folder / name) for name in files), "--check", *(["--within", within] if within else [])]
    result = recert(*args)
    assert result.returncode == code, result.stderr
    assert result.stderr == ""
    if code == 0:
        assert result.stdout == ""  # cron mails nothing
    else:
        assert all(
            line.split(": ")[0] in ("Sam Soon", "Lena Lapsed", "Rex Reenroll") for line in result.stdout.splitlines()
        )


def test_check_lists_the_people_concerned_most_urgent_first(recert: Recert, folder):
    result = recert("roster", str(folder), "--check")
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == ["Lena Lapsed", "Rex Reenroll", "Sam Soon"]
    assert lines[2] == "Sam Soon: CMA (AAMA): 50 points still needed by 31 Dec 2026 (38 days)"


def test_an_unreadable_file_is_reported_and_the_rest_still_shown(recert: Recert, folder, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    for shape in ([], ["--json"], ["--csv"]):
        result = recert("roster", str(folder / "current.json"), str(bad), *shape)
        assert result.returncode == 3, (shape, result.stderr)
        assert "Cora Current" in result.stdout
        if shape == ["--json"]:
            (error,) = json.loads(result.stdout)["errors"]
            assert error["path"] == str(bad) and "not valid JSON" in error["reason"]
            assert result.stderr == ""
        else:
            assert result.stderr.startswith(f"recert: skipped {bad}: bad.json is not valid JSON")
            assert len(result.stderr.splitlines()) == 1
    result = recert("roster", str(folder / "current.json"), str(bad), "--check")
    assert result.returncode == 1  # nothing due, but a file no one could check
    result = recert("roster", str(folder / "lapsed.json"), str(bad), "--check")
    assert result.returncode == 2


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra, words",
    [
        (["--status", "bogus"], "--status: 'bogus' is not a status; use one of: lapsed, grace, due-soon"),
        (["--credential", "xyz"], "--credential: 'xyz' is not a known credential; known: cma-aama"),
        (["--within", "30"], "--within: goes with --check"),
        (["--check", "--within", "soon"], "--within: 'soon' is not a number of days"),
        (["--json", "--csv"], "not allowed with argument"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(recert: Recert, folder, extra, words):
    result = recert("roster", str(folder), *extra)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("recert: ")
    assert words in result.stderr


def test_paths_that_do_not_exist_exit_3_naming_them(recert: Recert, tmp_path):
    result = recert("roster", str(tmp_path / "nope.json"), str(tmp_path / "nada"))
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        f"recert: skipped {tmp_path / 'nope.json'}: {tmp_path / 'nope.json'} does not exist.",
        f"recert: skipped {tmp_path / 'nada'}: {tmp_path / 'nada'} does not exist.",
    ]
    assert "0 rows for 0 people (0 files read)" in " ".join(result.stdout.split())


def test_roster_never_opens_the_users_own_database(recert: Recert, folder):
    recert.ok("roster", str(folder))
    assert not recert.db.exists() and not recert.db.parent.exists()


# --- export json --for-roster ---------------------------------------------------------------


def test_a_roster_export_leaves_out_what_a_roster_does_not_need(recert: Recert, tmp_path):
    recert.ok("profile", "--name", "Maria Lopez")
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", "--number", "SECRET-NUMBER")
    recert.ok(
        "activity", "add", "--credential", "cma-aama", "--title", "Vitals", "--date", "2025-03-05", "--points", "2",
        "--area", "clinical", "--notes", "private note", "--certificate", "CERT-REF-9",
    )  # fmt: skip
    recert.ok("study", "add", "--exam", "cma-aama", "--date", "2026-11-20", "--minutes", "45", "--note", "study note")
    target = tmp_path / "maria.json"
    recert.ok("export", "json", "--for-roster", "-o", str(target))
    text = target.read_text()
    for private in ("SECRET-NUMBER", "private note", "CERT-REF-9", "study note", "theme"):
        assert private not in text
    data = json.loads(text)
    assert data["meta"]["1"] == {"schema_version": 2, "export": "roster"}
    assert data["settings"] == {"1": {"holder_name": "Maria Lopez"}}
    assert set(data) == {"credentials", "activities", "exam_attempts", "reenrollments", "settings", "meta"}
    # Still what the roster reads: the same row as from the database itself.
    from_export = json.loads(recert.ok("roster", str(target), "--json"))["rows"]
    from_db = json.loads(recert.ok("roster", str(recert.db), "--json"))["rows"]
    assert [{**row, "path": ""} for row in from_export] == [{**row, "path": ""} for row in from_db]
    assert from_export[0]["person"] == "Maria Lopez"


def test_a_roster_export_is_refused_as_a_backup_and_nothing_changes(recert: Recert, tmp_path):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    target = tmp_path / "roster.json"
    recert.ok("export", "json", "--for-roster", "-o", str(target))
    before = recert.db.read_bytes()
    result = recert("import", "json", str(target), "--yes")
    assert result.returncode == 3
    assert "roster.json is a roster export (`recert export json --for-roster`), not a backup" in result.stderr
    assert "Your records were not replaced." in result.stderr
    assert recert.db.read_bytes() == before
