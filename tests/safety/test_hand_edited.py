"""Hand-edited database files, property-based: any JSON value in any field, at any depth.

Each example starts from the seed database, replaces (or adds, or removes) one value at a
random place in it with an arbitrary JSON value, then runs what a user runs to look:
`status --json`, `doctor`, `activity list` and `export worksheet`. Each must end with an
exit code and at most one line on stderr, never a traceback; none may change the file; and
when the file is refused, `doctor` names the record that was edited. A file `doctor` calls
healthy must work for every command.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from recert_tui.store import list_backups
from tests.helpers.rules import TODAY_TEXT
from tests.helpers.text import flat as _flat

from .conftest import TRACEBACK, folder_snapshot, fresh_db, run_cli, seed
from .test_cli_fuzz import RAW_CONTROL, USAGE_PREFIX, Example

FAST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
LONG = settings(FAST, max_examples=1500)

COMMANDS = (["status", "--json"], ["doctor"], ["activity", "list"], ["export", "worksheet"])

# Text that json.dumps cannot make, put in place of a marker string after dumping.
RAW_TEXT = {
    "@DEEP@": "[" * 100_000 + "]" * 100_000,
    "@DEEP-OBJECT@": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "@DIGITS-5000@": "7" * 5000,
    "@DIGITS-400@": "9" * 400,
    "@NEG-DIGITS-400@": "-" + "9" * 400,
    "@EXPONENT@": "1e400",
}
# Values a hand edit plausibly writes, and the ones that broke the app before.
SPECIAL_LEAVES = [
    "9999-12-31",
    "0001-01-01",
    "2199-12-31",
    "2200-01-01",
    "1949-12-31",
    "1950-01-01",
    "2025-02-30",
    "20250305",
    "2025-W10-1",
    "2025-03-05T10:00",
    "",
    " ",
    "cma-aama",
    "rma-amt",
    "ccma-nha",
    "ncma-ncct",
    "cmac-amca",
    "CMA",
    "scheduled",
    "pass",
    "fail",
    "ceu",
    "cpr",
    "college",
    "other",
    "administrative",
    "clinical",
    "general",
    "surgical",
    "overall",
    "ce",
    "exam",
    "late-exam",
    "start-over",
    "reinstatement",
    "professional-education",
    "\udce9",
    "\x1b[2J",
    "\u202e",
    "x" * 600,
    "n" * 20_001,
    10**18,
    10**400,
    -(10**400),
    2**63,
    -1,
    0,
    1,
    121,
    1440,
    1441,
    1000.01,
    0.001,
    1e308,
    -0.0,
    math.nan,
    math.inf,
    -math.inf,
    True,
    False,
    None,
    *RAW_TEXT,
]
KEYS = [
    "points",
    "title",
    "credential",
    "completed_on",
    "kind",
    "approved",
    "college_credits",
    "category",
    "recurring",
    "code",
    "earned_on",
    "number",
    "recertified_on",
    "recertified_by",
    "exam",
    "on",
    "result",
    "score",
    "minutes",
    "note",
    "schema_version",
    "due_soon_days",
    "theme",
    "1",
    "01",
    "2",
    "0",
    "-1",
    "1e0",
    "x",
    "",
]
LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), st.sampled_from(SPECIAL_LEAVES)
)
JSON_VALUES = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), children, max_size=3),
    ),
    max_leaves=6,
)
# Mostly a plain value (a hand edit usually changes one), often one that broke the app before.
NEW_VALUES = st.one_of(st.sampled_from(SPECIAL_LEAVES), st.sampled_from(SPECIAL_LEAVES), LEAVES, JSON_VALUES)


def paths(node, prefix=()) -> list[tuple]:
    """Every place in a JSON tree: dict keys and list indexes, parents before children."""
    found = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += paths(child, (*prefix, index))
    return found


class Edit(NamedTuple):
    """One hand edit: what was done, where, the new value (or key), and the file's whole text."""

    what: str
    where: tuple
    value: object
    text: str

    def __repr__(self) -> str:  # the text can be megabytes: show what was done
        return f"Edit({self.what}, {self.where!r}, {_short(self.value)})"


def _short(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 120 else f"{shown[:100]}... ({len(shown)} characters)"


@st.composite
def hand_edit(draw, seed_raw: dict) -> Edit:
    """A copy of the seed's raw dict with one hand edit, as the file's text."""
    raw = json.loads(json.dumps(seed_raw))
    raw.setdefault("settings", {"1": {"theme": "textual-dark"}})
    where = draw(st.sampled_from(paths(raw)))
    what = draw(st.sampled_from(["replace"] * 6 + ["add", "add", "remove", "rename", "duplicate"]))
    parent = raw
    for step in where[:-1]:
        parent = parent[step]
    target = parent if not where else parent[where[-1]]
    value = draw(NEW_VALUES)
    if not where or (what in ("remove", "rename", "duplicate") and not isinstance(parent, dict)):
        what = "add"
    if what == "add" and not isinstance(target, (dict, list)):
        what = "replace"
    if what == "replace":
        parent[where[-1]] = value
    elif what == "add":
        if isinstance(target, list):
            target.append(value)
        else:
            value = (draw(st.one_of(st.sampled_from(KEYS), st.text(max_size=6))), value)
            target[value[0]] = value[1]
    elif what == "remove":
        del parent[where[-1]]
    elif what == "rename":
        value = draw(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)))
        parent[value] = parent.pop(where[-1])
    ascii_only = draw(st.booleans())
    # A duplicate: the same key written twice, first with the new value (json.loads keeps the last).
    text = dumps_with(raw, ascii_only, where if what == "duplicate" else None, value)
    for marker, replacement in RAW_TEXT.items():
        text = text.replace(json.dumps(marker), replacement)
    return Edit(what, where, value, text)


def dumps_with(node, ascii_only: bool, twice: tuple | None, value, path: tuple = ()) -> str:
    """json.dumps(node), but the key at the path `twice` is written twice: first with `value`."""
    if isinstance(node, dict):
        parts = []
        for key, child in node.items():
            if twice is not None and (*path, key) == twice:
                parts.append(
                    f"{json.dumps(key, ensure_ascii=ascii_only)}: {json.dumps(value, ensure_ascii=ascii_only)}"
                )
            parts.append(
                f"{json.dumps(key, ensure_ascii=ascii_only)}: "
                f"{dumps_with(child, ascii_only, twice, value, (*path, key))}"
            )
        return "{" + ", ".join(parts) + "}"
    if isinstance(node, list):
        return (
            "["
            + ", ".join(dumps_with(child, ascii_only, twice, value, (*path, index)) for index, child in enumerate(node))
            + "]"
        )
    return json.dumps(node, ensure_ascii=ascii_only)


RECORD_TABLES = {
    "credentials": "credential",
    "activities": "activity",
    "exam_attempts": "exam attempt",
    "reenrollments": "re-enrollment",
    "study_sessions": "study session",
    "practice_tests": "practice test",
}


def check_hand_edited(base: Path, seed_bytes: bytes, edit: Edit) -> None:
    what, where, value, text = edit
    with Example(base, seed_bytes) as example:
        example.db.write_bytes(text.encode("utf-8", "surrogatepass"))
        before = example.db.read_bytes()
        runs = {}
        for args in COMMANDS:
            run = run_cli(["--db", str(example.db), "--today", TODAY_TEXT, *args])
            shown = f"{edit!r}\n{args} exit={run.code}\nstderr={run.err[:600]!r}"
            assert run.crash is None, f"{shown}\n{run.crash[-1500:]}"
            assert not TRACEBACK.search(run.text), shown
            assert isinstance(run.code, int), shown
            assert len(run.err.splitlines()) <= 1, shown
            if run.err:
                assert USAGE_PREFIX.match(run.err) and run.err.endswith("\n"), shown
                assert not RAW_CONTROL.search(run.err.rstrip("\n")), shown
            assert example.db.read_bytes() == before, f"{shown}\nthe file was changed"
            runs[args[0]] = run
        status, doctor = runs["status"], runs["doctor"]
        event(f"status exit {status.code}")
        if status.code == 0:  # what was read is counted as the forms would: no NaN, no Infinity
            json.loads(status.out, parse_constant=lambda word: pytest.fail(f"{edit!r}: status --json wrote {word}"))
        if doctor.code == 0:  # healthy means usable
            assert status.code == 0, f"{what} at {where!r}: doctor says fine, status says {status.err!r}"
        if status.code == 3:
            assert doctor.code == 1, f"{what} at {where!r}: status refused ({status.err!r}), doctor:\n{doctor.out}"
        inside = len(where) >= 3 or (len(where) == 2 and what in ("replace", "add", "duplicate"))
        if doctor.code == 1 and where and where[0] in RECORD_TABLES and inside:
            # An edit inside a record that doctor finds wrong: it names that record (kind and id).
            label, key = RECORD_TABLES[where[0]], where[1]
            report = _flat(doctor.out)
            assert re.search(rf"\b{re.escape(label)} (record )?{re.escape(str(key))}\b", report) or re.search(
                rf"\brecords? [^.]*\b{re.escape(str(key))}\b[^.]*\b'?{re.escape(where[0])}'?", report
            ), f"{what} at {where!r}: doctor does not name the record:\n{doctor.out}"


@pytest.fixture(scope="module")
def seed_raw(seed_bytes) -> dict:
    return json.loads(seed_bytes)


@FAST
@given(data=st.data())
def test_hand_edited_files_never_crash_a_command(tmp_path_factory, seed_bytes, seed_raw, data):
    check_hand_edited(tmp_path_factory.getbasetemp(), seed_bytes, data.draw(hand_edit(seed_raw)))


@pytest.mark.slow
@LONG
@given(data=st.data())
def test_hand_edited_files_long_run(tmp_path_factory, seed_bytes, seed_raw, data):
    check_hand_edited(tmp_path_factory.getbasetemp(), seed_bytes, data.draw(hand_edit(seed_raw)))


# --- the cases that reached users as tracebacks, one by one -----------------------------------------

LOOKS = (["status", "--json"], ["activity", "list"], ["export", "worksheet"])


def _edited(seed_bytes: bytes, change) -> bytes:
    raw = json.loads(seed_bytes)
    change(raw)
    return json.dumps(raw).encode("utf-8")


def _swapped(seed_bytes: bytes, old: str, new: str) -> bytes:
    text = json.dumps(json.loads(seed_bytes))  # as a person would see it: with spaces
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


@pytest.fixture
def example(tmp_path, seed_bytes):
    with Example(tmp_path, seed_bytes) as made:
        yield made


def _run(example: Example, *args: str):
    run = run_cli(["--db", str(example.db), "--today", TODAY_TEXT, *args])
    assert run.crash is None, run.crash[-1200:]
    assert not TRACEBACK.search(run.text), run.text
    return run


def test_import_json_refuses_a_recertification_in_9999(example):
    """Item 1: the import took it; afterwards every command ended in a traceback and doctor said fine."""
    backup = example.folder / "backup.json"
    backup.write_bytes(_edited(example.seed, lambda raw: raw["credentials"]["1"].update(recertified_on=["9999-12-31"])))
    before = folder_snapshot(example.db.parent)
    run = _run(example, "import", "json", str(backup), "--yes")
    assert run.code == 3 and run.err == (
        "recert: backup.json cannot be restored: credential 'cma-aama': recertified_on: 9999-12-31 is in the "
        "future (today is 2026-11-23); only completed events can be recorded. Your records were not replaced.\n"
    )
    assert folder_snapshot(example.db.parent) == before
    for args in LOOKS:
        assert _run(example, *args).code == 0


IMPORT_REFUSES = [
    (
        "recertified before it was earned",
        lambda raw: raw["credentials"]["1"].update(recertified_on=["2020-01-01"]),
        "credential 'cma-aama': recertified_on: 2020-01-01 is not after the current cycle's start (2022-03-15)",
    ),
    (
        "recertified by no route",
        lambda raw: raw["credentials"]["1"].update(
            recertified_on=["2026-01-01"], recertified_by={"2026-01-01": "luck"}
        ),
        "credential 'cma-aama': recertified_by: 'luck' is not a route",
    ),
    (
        "an exam passed next year",
        lambda raw: raw["exam_attempts"]["1"].update(on="2027-05-01", result="pass"),
        "exam attempt 1: on: 2027-05-01 is in the future",
    ),
    (
        "an exam no rules know",
        lambda raw: raw["exam_attempts"]["1"].update(exam="nope"),
        "exam attempt 1: exam: 'nope' is not an exam program",
    ),
    (
        "a re-enrollment next year",
        lambda raw: raw["reenrollments"]["1"].update(on="2027-01-01"),
        "re-enrollment 1: on: 2027-01-01 is in the future",
    ),
    (
        "a study session of 1441 minutes",
        lambda raw: raw["study_sessions"]["1"].update(minutes=1441),
        "study session 1: minutes: 1441 is out of range",
    ),
    (
        "a study category not in the outline",
        lambda raw: raw["study_sessions"]["1"].update(category="astrology"),
        "study session 1: category: 'astrology' is not a category of this exam",
    ),
    (
        "a practice test of 101 percent",
        lambda raw: raw["practice_tests"]["1"].update(score=101.0),
        "practice test 1: score: 101.0 is out of range",
    ),
    (
        "a practice test next year",
        lambda raw: raw["practice_tests"]["1"].update(on="2027-01-01"),
        "practice test 1: on: 2027-01-01 is in the future",
    ),
    # What a form takes as typed but stores otherwise: the app would not recognise it stored so.
    (
        "a category written as its label",
        lambda raw: raw["activities"]["4"].update(category="Formal education"),
        "activity 4 (Vitals): category: 'Formal education' is not written as the app writes it ('formal-education')",
    ),
    (
        "an exam code in capitals",
        lambda raw: raw["exam_attempts"]["1"].update(exam="CMA-AAMA"),
        "exam attempt 1: exam: 'CMA-AAMA' is not written as the app writes it ('cma-aama')",
    ),
]


@pytest.mark.parametrize("what, change, words", IMPORT_REFUSES, ids=[case[0] for case in IMPORT_REFUSES])
def test_import_json_checks_every_kind_of_record_as_the_forms_do(example, what, change, words):
    backup = example.folder / "backup.json"
    backup.write_bytes(_edited(example.seed, change))
    before = folder_snapshot(example.db.parent)
    run = _run(example, "import", "json", str(backup), "--yes")
    assert run.code == 3 and len(run.err.splitlines()) == 1 and words in run.err, run.err
    assert run.err.endswith("Your records were not replaced.\n")
    assert folder_snapshot(example.db.parent) == before


def test_import_json_restores_the_activities_of_a_removed_credential(example):
    """Removing a credential keeps its activities: a backup of that state restores."""
    assert _run(example, "credential", "remove", "rma-amt").code == 0
    backup = example.folder / "backup.json"
    assert _run(example, "export", "json", "-o", str(backup)).code == 0
    run = _run(example, "import", "json", str(backup), "--yes")
    assert run.code == 0, run.err


# Items 2 and 5: what the file itself holds.
IN_THE_FILE = [
    (
        "a recertification in 9999",
        lambda s: _edited(s, lambda raw: raw["credentials"]["1"].update(recertified_on=["9999-12-31"])),
        "credential 1 (cma-aama) holds a value the app would refuse",
    ),
    (
        "nesting 100,000 deep",
        lambda s: _swapped(s, '"notes": "kept"', '"notes": "kept", "x": ' + "[" * 100_000 + "]" * 100_000),
        "activity record 1 is nested more than 20 levels",
    ),
    (
        "400-digit points",
        lambda s: _swapped(s, '"clinical": 1.5', '"clinical": ' + "9" * 400),
        "activity 4 (Vitals) holds a value the app would refuse (points: 9999999999999999999999999999...",
    ),
    (
        "an unknown content area",
        lambda s: _swapped(s, '"general": 15.0', '"surgical": 15.0'),
        "activity 3 (Anatomy) holds a value the app would refuse (points: 'surgical' is not an area",
    ),
    (
        "NaN points",
        lambda s: _swapped(s, '"clinical": 4.0', '"clinical": NaN'),
        "activity record 2 (in 'points.clinical') holds NaN, which is not a number",
    ),
    (
        "Infinity points",
        lambda s: _swapped(s, '"clinical": 4.0', '"clinical": Infinity'),
        "activity record 2 (in 'points.clinical') holds Infinity, which is not a number",
    ),
    (
        "negative points",
        lambda s: _swapped(s, '"clinical": 4.0', '"clinical": -4.0'),
        "activity 2 (BLS card) holds a value the app would refuse (points: -4.0 is out of range",
    ),
    (
        "ids 1 and 01",
        lambda s: _swapped(s, '"4": {"credential"', '"01": {"credential"'),
        "activity records 1 and 01 have the same id",
    ),
    (
        "an id written twice",
        lambda s: _swapped(s, '"4": {"credential"', '"3": {"credential"'),
        "activity record 3 is written twice",
    ),
]


@pytest.mark.parametrize("what, content, words", IN_THE_FILE, ids=[case[0] for case in IN_THE_FILE])
def test_a_hand_edited_database_is_refused_in_one_line_and_doctor_names_the_record(tmp_path, what, content, words):
    db = fresh_db(tmp_path / "data", None)
    db.write_bytes(content(seed(db)))  # with the backups each save of the seed kept
    before = folder_snapshot(db.parent)
    for args in (
        *LOOKS,
        [
            "activity",
            "add",
            "--credential",
            "cma-aama",
            "--title",
            "T",
            "--date",
            "2025-01-01",
            "--points",
            "1",
            "--area",
            "general",
        ],
    ):
        run = run_cli(["--db", str(db), "--today", TODAY_TEXT, *args])
        assert run.crash is None, run.crash[-1200:]
        assert run.code == 3 and len(run.err.splitlines()) == 1 and words in run.err, (args, run.err)
        assert run.err.endswith(
            " The newest good backup is "
            f"{list_backups(db)[0].name}. Run `recert doctor` to check it and restore the "
            "newest good backup.\n"
        ), run.err
    doctor = run_cli(["--db", str(db), "--today", TODAY_TEXT, "doctor"])
    assert doctor.code == 1 and words in _flat(doctor.out), doctor.out
    assert folder_snapshot(db.parent) == before  # never counted, never rewritten
    restored = run_cli(["--db", str(db), "--today", TODAY_TEXT, "doctor", "--restore", "--yes"])
    assert restored.crash is None and restored.code == 0 and restored.err == "", restored.out + restored.err
    assert run_cli(["--db", str(db), "--today", TODAY_TEXT, "status", "--json"]).code == 0


@pytest.mark.parametrize("what, content, words", IN_THE_FILE, ids=[case[0] for case in IN_THE_FILE])
def test_a_backup_holding_it_is_refused_and_doctor_restore_passes_it_by(tmp_path, what, content, words):
    db = fresh_db(tmp_path / "data", None)
    seed_bytes = seed(db)  # with the backups each save kept
    backup = tmp_path / "backup.json"
    backup.write_bytes(content(seed_bytes))
    before = folder_snapshot(db.parent)
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, "import", "json", str(backup), "--yes"])
    assert run.crash is None, run.crash[-1200:]
    assert run.code == 3 and len(run.err.splitlines()) == 1 and run.err.endswith("Your records were not replaced.\n")
    assert folder_snapshot(db.parent) == before
    # The newest backup beside the database holds it too, and the file itself is damaged:
    # doctor --restore passes that backup by, in one line or none, and restores the one before.
    backups = list_backups(db)
    backups[0].write_bytes(content(seed_bytes))
    db.write_bytes(b'{"cut short')
    restored = run_cli(["--db", str(db), "--today", TODAY_TEXT, "doctor", "--restore", "--yes"])
    assert restored.crash is None, restored.crash[-1200:]
    assert restored.code == 0 and restored.err == "", restored.out + restored.err
    assert backups[1].name in _flat(restored.out)
    assert run_cli(["--db", str(db), "--today", TODAY_TEXT, "status", "--json"]).code == 0


def test_a_key_written_twice_inside_a_record_is_named_by_doctor(example):
    """Plain values written twice inside a record pass the cheap checks on opening; doctor looks closely."""
    example.db.write_bytes(_swapped(example.seed, '"title": "Vitals"', '"title": "Old", "title": "Vitals"'))
    doctor = _run(example, "doctor")
    assert doctor.code == 1
    assert (
        "Problem: In recert.json, activity record 4 has the key 'title' written twice; the file was not changed."
        in _flat(doctor.out)
    ), doctor.out
