"""Neighbours on a shared machine: backups others can read are reported and fixed; a database
file owned by another user is neither read nor replaced, and the sentence names its owner.

Tests run as root, so another user's file is faked by changing who recert thinks it is
(os.getuid, as the store's owner check sees it).
"""

from __future__ import annotations

import json
import os
import pwd
import types
from datetime import date

import pytest

from recert_tui.domain.models import Activity
from recert_tui.store import SaveFailed, Store, StoreRefused, list_backups, paths
from tests.helpers.files import mode
from tests.helpers.rules import TODAY_TEXT
from tests.helpers.text import flat as _flat

from .conftest import fresh_db, run_cli


def activity(title: str) -> Activity:
    return Activity("cma-aama", title, date(2025, 3, 5), {"clinical": 1.0})


@pytest.fixture
def saved_twice(tmp_path):
    """A database with two backups beside it."""
    db_path = fresh_db(tmp_path / "data", None)
    with Store.open(db_path) as store:
        for title in ("one", "two", "three"):
            store.add_activity(activity(title))
    assert len(list_backups(db_path)) == 2
    return db_path


# --- (a) kept copies others can read ------------------------------------------------------------


def test_a_save_of_a_file_others_can_read_keeps_a_private_backup(saved_twice):
    """A hard link would share the file's mode: the backup of a 0644 file stayed 0644 after the file was fixed."""
    os.chmod(saved_twice, 0o644)
    with Store.open(saved_twice) as store:
        store.add_activity(activity("four"))
    newest = list_backups(saved_twice)[0]
    assert mode(newest) == 0o600 and mode(saved_twice) == 0o600
    assert json.loads(newest.read_bytes())["activities"]["3"]["title"] == "three"


def test_doctor_reports_a_backup_others_can_read_and_fixes_it_on_request(saved_twice):
    backup = list_backups(saved_twice)[-1]
    os.chmod(backup, 0o644)  # as a backup hard-linked to a file that was 0644 once
    report = run_cli(["--db", str(saved_twice), "--today", TODAY_TEXT, "doctor"])
    assert report.code == 1 and report.err == "", (report.code, report.err)
    flat = _flat(report.out)
    assert "Its permissions are private to you." in flat  # the file itself is
    assert (
        f"Problem: A kept copy of the database, {backup.name} (mode 0644), can be opened by other users on "
        "this computer; they should be private to you (0600). Fix it with `recert doctor --fix-permissions`."
    ) in flat, report.out
    assert "1 problem remains: other users can open 1 kept copy of it." in flat
    assert mode(backup) == 0o644  # looking changes nothing

    fixed = run_cli(["--db", str(saved_twice), "--today", TODAY_TEXT, "doctor", "--fix-permissions", "--yes"])
    assert fixed.code == 0 and fixed.err == "", (fixed.code, fixed.out, fixed.err)
    assert "Made the database and its backups private to you (0600)." in _flat(fixed.out)
    assert _flat(fixed.out).endswith("Everything looks fine.")
    assert mode(backup) == 0o600


def test_a_file_kept_aside_by_a_restore_is_covered_too(saved_twice):
    aside = saved_twice.parent / f"{saved_twice.name}.before-restore-20260101T000000000000Z.json"
    aside.write_bytes(saved_twice.read_bytes())
    os.chmod(aside, 0o640)
    report = run_cli(["--db", str(saved_twice), "--today", TODAY_TEXT, "doctor"])
    assert report.code == 1 and f"{aside.name} (mode 0640)" in _flat(report.out), report.out
    with Store.open(saved_twice) as store:
        store.fix_permissions()
    assert mode(aside) == 0o600


# --- (b) a file that belongs to someone else ---------------------------------------------------


def pretend_to_be_someone_else(monkeypatch) -> None:
    """The store's owner check asks os.getuid: make it answer another user's id (only there)."""
    proxy = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    proxy.getuid = lambda: 4242
    monkeypatch.setattr(paths, "os", proxy)


@pytest.fixture
def someone_else(monkeypatch):
    """Every file the test made now belongs to another user (root); returns that user's name."""
    owner = pwd.getpwuid(os.getuid()).pw_name
    pretend_to_be_someone_else(monkeypatch)
    return owner


def test_another_users_database_is_not_opened_and_the_sentence_names_the_owner(saved_twice, someone_else):
    before = sorted(os.listdir(saved_twice.parent)), saved_twice.read_bytes()
    with pytest.raises(StoreRefused) as caught:
        Store.open(saved_twice)
    assert str(caught.value) == (
        f"{saved_twice} belongs to another user ({someone_else}), so recert-tui will not open it."
    )
    with pytest.raises(StoreRefused):
        Store.open(saved_twice, write=False)
    assert (sorted(os.listdir(saved_twice.parent)), saved_twice.read_bytes()) == before


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--json"],
        ["doctor"],
        ["activity", "list"],
        ["credential", "add", "cma-aama", "--earned", "2022-03-15"],
    ],
)
def test_the_cli_refuses_it_in_one_line(saved_twice, someone_else, args):
    before = sorted(os.listdir(saved_twice.parent)), saved_twice.read_bytes()
    run = run_cli(["--db", str(saved_twice), "--today", TODAY_TEXT, *args])
    assert run.crash is None, run.crash
    assert run.code == 3 and run.err == (
        f"recert: {saved_twice} belongs to another user ({someone_else}), so recert-tui will not open it.\n"
    ), run.err
    assert (sorted(os.listdir(saved_twice.parent)), saved_twice.read_bytes()) == before


def test_a_file_that_became_another_users_after_opening_is_not_replaced(saved_twice, monkeypatch):
    with Store.open(saved_twice) as store:
        owner = pwd.getpwuid(os.getuid()).pw_name
        before = sorted(os.listdir(saved_twice.parent)), saved_twice.read_bytes()
        pretend_to_be_someone_else(monkeypatch)  # as if someone else had put their file in its place
        with pytest.raises(SaveFailed) as caught:
            store.add_activity(activity("mine"))
        assert str(caught.value) == (
            f"Could not save to {saved_twice}: it belongs to another user ({owner}), "
            "so it was not replaced. Nothing was changed."
        )
        names = sorted(p for p in os.listdir(saved_twice.parent) if not p.endswith(".tmp"))
        assert (names, saved_twice.read_bytes()) == before
        assert not [p for p in os.listdir(saved_twice.parent) if p.endswith(".tmp")]


def test_an_owner_without_a_name_is_named_by_number(saved_twice, monkeypatch):
    pretend_to_be_someone_else(monkeypatch)
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: (_ for _ in ()).throw(KeyError(uid)))
    with pytest.raises(StoreRefused, match=rf"belongs to another user \(user id {os.stat(saved_twice).st_uid}\)"):
        Store.open(saved_twice)
