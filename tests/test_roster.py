"""The roster (recert_tui/roster.py): many people's files read at once, read only, most urgent first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from recert_tui.exports.backup import export_json
from recert_tui.roster import (
    NO_RECORDS,
    NO_RULES,
    STUDENT,
    RosterReading,
    chosen,
    read_person,
    read_roster,
    roster_files,
    sort_key,
    status_named,
)
from recert_tui.session import Session
from tests.helpers.roster_people import clinic, listing, person_file
from tests.helpers.rules import TODAY, shipped_catalog

RULES = shipped_catalog().credentials


def roster_of(*paths: Path, today: date = TODAY, within: int = 90):
    return read_roster([str(path) for path in paths], RULES, today, within)


def people(roster) -> list[str]:
    return [row.person for row in roster.rows]


# --- sorting ---------------------------------------------------------------------------------


def test_rows_come_most_urgent_first(tmp_path):
    roster = roster_of(clinic(tmp_path / "clinic"))
    assert roster.files == 6 and not roster.unreadable
    by_person = {row.person: row for row in roster.rows}
    # Urgency never rises down the list; within a level, what is due soonest comes first.
    assert [row.urgency for row in roster.rows] == sorted((row.urgency for row in roster.rows), reverse=True)
    assert roster.rows == tuple(sorted(roster.rows, key=sort_key))
    assert by_person["Lena Lapsed"].status == "lapsed" and by_person["Lena Lapsed"].urgency == 2
    assert by_person["Rex Reenroll"].reenrollment_required and by_person["Rex Reenroll"].urgency == 2
    assert by_person["Sam Soon"].urgency == 1  # expires in 38 days, points missing
    assert people(roster)[:3] == ["Lena Lapsed", "Rex Reenroll", "Sam Soon"]  # a dated item before one without
    # Nothing due: by expiry, the soonest first; a student (no expiry) last.
    assert people(roster)[3:] == ["Dana Later", "Cora Current", "Gina Graduate"]


def test_a_student_gets_a_row_with_the_attempts_and_the_last_attempt_flag(tmp_path):
    roster = roster_of(clinic(tmp_path / "clinic"))
    (grad,) = [row for row in roster.rows if row.person == "Gina Graduate"]
    assert grad.status == STUDENT and grad.code == "cma-aama" and grad.name == "CMA (AAMA)"
    assert (grad.attempts_used, grad.attempts_allowed, grad.last_attempt) == (2, 3, True)
    assert grad.expires_on is None and not grad.reenrollment_required


@pytest.mark.parametrize(
    "days_before, urgency",
    [(91, 0), (90, 1), (89, 1)],  # the day before the window, the first day in it, the day after
)
def test_the_days_asked_about_decide_action_soon_at_their_edge(tmp_path, days_before, urgency):
    soon = person_file(tmp_path, "soon.json", name="Sam Soon", credentials=[("cma-aama", "2021-12-10")])
    expires = date(2026, 12, 31)
    (row,) = roster_of(soon, today=expires - timedelta(days=days_before)).rows
    assert row.expires_on == expires
    assert row.urgency == urgency


def test_last_activity_is_the_newest_ce_for_that_credential(tmp_path):
    path = person_file(
        tmp_path,
        "two.json",
        credentials=[("cma-aama", "2022-03-15"), ("cmac-amca", "2025-06-01")],
        activities=[("cma-aama", "2023-05-01", "2"), ("cma-aama", "2025-02-03", "1"), ("cmac-amca", "2025-07-09", "1")],
    )
    rows = {row.code: row for row in roster_of(path).rows}
    assert rows["cma-aama"].last_activity_on == date(2025, 2, 3)
    assert rows["cmac-amca"].last_activity_on == date(2025, 7, 9)


# --- names, files and folders ----------------------------------------------------------------


def test_the_name_is_the_one_set_else_the_file_name(tmp_path):
    named = person_file(tmp_path, "a.json", name="  Maria   Lopez ", credentials=[("cma-aama", "2022-03-15")])
    unnamed = person_file(tmp_path, "b-smith.json", credentials=[("cma-aama", "2022-03-15")])
    assert sorted(people(roster_of(named, unnamed))) == ["Maria Lopez", "b-smith"]


def test_a_folder_gives_its_json_files_once_each_without_backups_or_hidden_files(tmp_path):
    folder = tmp_path / "clinic"
    one = person_file(folder, "one.json", credentials=[("cma-aama", "2022-03-15")])
    backup = folder / "one.json.backup-20260101T000000000000Z.json"
    backup.write_bytes(one.read_bytes())
    (folder / "one.json.replaced-20260101T000000000000Z.json").write_bytes(one.read_bytes())
    (folder / "one.json.before-restore-20260101T000000000000Z.json").write_bytes(
        one.read_bytes()
    )  # as restore names it
    (folder / ".hidden.json").write_bytes(one.read_bytes())
    (folder / "one.json.lock").write_text("")
    (folder / "notes.txt").write_text("not a person")
    (folder / "inner").mkdir()
    person_file(folder / "inner", "deeper.json")  # not recursive
    files, problems = roster_files([str(folder), str(one), str(backup)])
    assert files == [str(one), str(backup)]  # a backup named on its own is read; `one` only once
    assert problems == []


def test_a_missing_path_and_an_empty_folder_are_listed_not_fatal(tmp_path):
    (tmp_path / "empty").mkdir()
    good = person_file(tmp_path, "good.json", credentials=[("cma-aama", "2022-03-15")])
    roster = roster_of(tmp_path / "missing.json", tmp_path / "empty", good)
    assert roster.files == 1 and people(roster) == ["good"]
    reasons = {Path(item.path).name: item.reason for item in roster.unreadable}
    assert "does not exist" in reasons["missing.json"]
    assert "holds no .json file" in reasons["empty"]


def unreadable_files(folder: Path) -> dict[str, str]:
    """Files that are not a person's readable file, and a word of why each is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.json").write_bytes(b"")
    (folder / "garbage.json").write_bytes(b"{not json")
    (folder / "cut.json").write_bytes(b'{"credentials": {"1": {"code": "cma-aama", ')
    (folder / "list.json").write_text("[1, 2, 3]")
    (folder / "newer.json").write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    refused = {
        "credentials": {"1": {"code": "cma-aama", "earned_on": "2022-03-15", "number": "", "recertified_on": []}},
        "activities": {
            "1": {"credential": "cma-aama", "title": "Bad", "completed_on": "2025-01-01", "points": {"clinical": -3.0}}
        },
        "meta": {"1": {"schema_version": 2}},
    }
    (folder / "refused.json").write_text(json.dumps(refused))
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    os.mkfifo(folder / "pipe.json")  # reading it would wait for ever: it must be refused unread
    return {
        "empty.json": "empty",
        "garbage.json": "not valid JSON",
        "cut.json": "cut short",
        "list.json": "not a recert database",
        "newer.json": "newer recert-tui",
        "refused.json": "would refuse",
        "binary.json": "not a text file",
        "pipe.json": "not a file",
    }


def test_a_file_that_cannot_be_read_is_listed_with_its_reason_and_the_rest_are_read(tmp_path):
    folder = tmp_path / "clinic"
    expected = unreadable_files(folder)
    person_file(folder, "good.json", name="Good Person", credentials=[("cma-aama", "2022-03-15")])
    roster = roster_of(folder)
    assert people(roster) == ["Good Person"]
    reasons = {Path(item.path).name: item.reason for item in roster.unreadable}
    assert set(reasons) == set(expected)
    for name, words in expected.items():
        assert words in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name] and reasons[name].endswith("."), reasons[name]  # one sentence


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_permission_is_listed(tmp_path):
    locked = person_file(tmp_path, "locked.json", credentials=[("cma-aama", "2022-03-15")])
    locked.chmod(0)
    (problem,) = roster_of(locked).unreadable
    assert "cannot be read" in problem.reason


# --- nothing written ---------------------------------------------------------------------------


def test_reading_writes_nothing_not_even_a_lock(tmp_path):
    folder = clinic(tmp_path / "clinic")
    unreadable_files(folder / "bad")
    live = person_file(folder, "live.json", credentials=[("cma-aama", "2022-03-15")], roster_export=False)
    before = listing(folder)
    roster_of(folder, folder / "bad", live)
    read_person(str(live), RULES, TODAY)
    assert listing(folder) == before  # the same entries, sizes, times and modes: no lock, no temp file


def test_a_persons_live_database_is_read_while_their_app_holds_it(tmp_path):
    live = person_file(
        tmp_path, "live.json", name="Olu Open", credentials=[("cma-aama", "2022-03-15")], roster_export=False
    )
    with Session.open(live, TODAY, catalog=shipped_catalog()) as theirs:
        assert not theirs.read_only  # they hold the lock
        before = listing(tmp_path)
        assert people(roster_of(live)) == ["Olu Open"]
        assert listing(tmp_path) == before


# --- what a row says about odd files ----------------------------------------------------------


def test_a_credential_without_rules_here_and_an_empty_file_still_get_rows(tmp_path):
    empty = person_file(tmp_path, "nobody.json", name="No Body")
    data = json.loads(
        person_file(tmp_path, "odd.json", name="Odd One", credentials=[("cma-aama", "2022-03-15")]).read_text()
    )
    data["credentials"]["1"]["code"] = "xyz-cred"  # a credential from someone's own rule file
    (tmp_path / "odd.json").write_text(json.dumps(data))
    rows = {row.person: row for row in roster_of(empty, tmp_path / "odd.json").rows}
    assert rows["No Body"].status == NO_RECORDS
    assert rows["Odd One"].status == NO_RULES and rows["Odd One"].code == "xyz-cred"


def test_a_roster_export_reads_as_the_database_it_came_from(tmp_path):
    db = person_file(
        tmp_path,
        "db.json",
        name="Same Person",
        credentials=[("cma-aama", "2021-12-10")],
        attempts=[("cma-aama", "2021-11-01", "pass")],
        activities=[("cma-aama", "2022-05-01", "3")],
        roster_export=False,
    )
    with Session.open(db, TODAY, write=False, catalog=shipped_catalog()) as session:
        exported = tmp_path / "export.json"
        exported.write_bytes(export_json(session.store, for_roster=True))
    from_db, from_export = roster_of(db).rows, roster_of(exported).rows
    assert [row._replace(path="") for row in from_db] == [row._replace(path="") for row in from_export]
    assert read_person(str(exported), RULES, TODAY).roster_export


# --- choosing rows -----------------------------------------------------------------------------


def test_rows_are_chosen_by_name_credential_and_status(tmp_path):
    rows = roster_of(clinic(tmp_path / "clinic")).rows
    assert [row.person for row in chosen(rows, name="sam")] == ["Sam Soon"]  # any case
    assert {row.person for row in chosen(rows, status="student")} == {"Gina Graduate", "Rex Reenroll"}
    assert chosen(rows, code="rma-amt") == []
    assert len(chosen(rows, code="cma-aama")) == len(rows)
    assert [row.person for row in chosen(rows, name="r", status="due-soon")] == ["Dana Later"]


@pytest.mark.parametrize(
    "typed, key",
    [
        ("lapsed", "lapsed"),
        ("Due soon", "due-soon"),
        ("due-soon", "due-soon"),
        ("in grace", "grace"),
        ("grace", "grace"),
        (" STUDENT ", "student"),
        ("no records", "no-records"),
        ("due", None),
        ("", None),
    ],
)
def test_a_status_is_named_as_shown_or_as_its_key(typed, key):
    assert status_named(typed) == key


# --- many files at once ------------------------------------------------------------------------


def test_reading_in_worker_processes_gives_the_same_roster(tmp_path):
    folder = tmp_path / "many"
    for number in range(45):  # over PROCESSES_FROM_FILES
        person_file(
            folder,
            f"p{number:02d}.json",
            name=f"Person {number}",
            credentials=[("cma-aama", f"{2015 + number % 11}-0{1 + number % 9}-10")],
            attempts=[("cma-aama", "2026-01-10", "fail")] if number % 7 == 0 else [],
        )
    (folder / "zz-bad.json").write_text("{")
    here = RosterReading([str(folder)], RULES, TODAY)
    rows_here = [row for batch in here.batches(first_seconds=1e9) for row in batch.rows]
    apart = RosterReading([str(folder)], RULES, TODAY)
    if not apart.start_processes():
        pytest.skip("worker processes are not started here (one core, or not Linux)")
    try:
        rows_apart = [row for batch in apart.batches(first_seconds=1e9) for row in batch.rows]
    finally:
        apart.close()
    assert here.roster(rows_here) == apart.roster(rows_apart)
    assert [item.path for item in apart.roster(rows_apart).unreadable] == [str(folder / "zz-bad.json")]


def test_roster_never_imports_textual():
    code = "import sys, recert_tui.roster; assert 'textual' not in sys.modules; print('clean')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "clean", result.stderr


def test_a_graduate_who_passed_but_holds_nothing_yet_is_not_told_to_pass(tmp_path):
    path = person_file(tmp_path, "passed.json", name="Kofi Brown", attempts=[("ccma-nha", "2026-09-02", "pass")])
    (row,) = roster_of(path).rows
    assert (row.status, row.needs_short, row.code) == (STUDENT, "passed", "ccma-nha")


def test_a_hand_edited_name_is_tidied_and_cut_and_an_empty_path_is_listed(tmp_path):
    path = person_file(tmp_path, "long.json", credentials=[("cma-aama", "2022-03-15")])
    data = json.loads(path.read_text())
    data["settings"] = {"1": {"holder_name": "  Ann\n\t" + "x" * 300}}
    path.write_text(json.dumps(data))
    roster = read_roster([str(path), ""], RULES, TODAY)
    (row,) = roster.rows
    assert row.person.startswith("Ann x") and len(row.person) == 100 and row.person.endswith("…")
    assert [item.reason for item in roster.unreadable] == ["An empty path names no file."]


def test_reading_one_person_turns_whatever_a_hostile_file_raises_into_one_sentence(tmp_path, monkeypatch):
    """read_person itself guards, so the Roster screen's Enter (which calls it alone) is safe too."""
    from recert_tui import roster as roster_module

    path = person_file(tmp_path, "odd.json", credentials=[("cma-aama", "2022-03-15")])

    def deep(*_args, **_kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(roster_module, "compute", deep)
    with pytest.raises(roster_module.RosterFileError, match=r"^odd\.json cannot be read \(RecursionError\)\.$"):
        roster_module.read_person(str(path), shipped_catalog().credentials, TODAY)
