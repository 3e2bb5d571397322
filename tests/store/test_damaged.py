"""Damaged or too-new files: the right error, a sentence saying why, and the file untouched."""

from __future__ import annotations

import json

import pytest

from recert_tui.store import (
    SCHEMA_VERSION,
    Store,
    StoreDamaged,
    StoreTooNew,
    newest_good_backup,
    restore_backup,
    schema,
)

from .store_helpers import activity

GOOD = {"meta": {"1": {"schema_version": 1}}, "activities": {}}


def write(path, data: bytes) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def open_damaged(path) -> StoreDamaged:
    before = path.read_bytes()
    names_before = sorted(p.name for p in path.parent.iterdir() if "backup" in p.name)
    with pytest.raises(StoreDamaged) as caught:
        Store.open(path)
    assert path.read_bytes() == before  # never overwritten
    assert sorted(p.name for p in path.parent.iterdir() if "backup" in p.name) == names_before
    message = str(caught.value)
    assert message.startswith(("recert.json", "In recert.json")) and message.endswith(".")
    assert "\n" not in message
    return caught.value


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b'{"meta": {"1": {"schema_version": 1}}, "activities": {"1": {"title": "a', "cut short"),
        (b'{"meta": {"1": {"schema_version": 1}}, "activities": {', "cut short"),
        (b"hello, this is not json at all", "not valid JSON"),
        (b'{"a": 1} trailing', "not valid JSON"),
        (b"\xff\xfe\x00binary", "not a text file"),
        (b"[1, 2, 3]", "top level is a list"),
        (b'{"activities": [1, 2]}', "table 'activities' is a list"),
        (b'{"activities": {"1": "text"}}', "record 1 in table 'activities' is a string"),
        (b'{"activities": {"x": {}}}', "record id 'x'"),
        (b'{"meta": {"1": {"schema_version": "one"}}}', "schema version"),
        (b'{"activities": {"1": {"title": "no other fields"}}}', "activity record 1 cannot be read"),
        (
            b'{"activities": {"1": {"credential": "CMA", "title": "t", "completed_on": "yesterday", "points": {}}}}',
            "activity record 1 cannot be read",
        ),
    ],
)
def test_damaged_file_is_reported_and_left_alone(db_path, content, words):
    write(db_path, content)
    error = open_damaged(db_path)
    assert type(error) is StoreDamaged
    assert words in str(error)
    assert error.path == db_path
    assert error.newest_good_backup is None


def test_newer_schema_says_to_update(db_path):
    write(db_path, json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 2}}}).encode())
    error = open_damaged(db_path)
    assert isinstance(error, StoreTooNew)
    assert str(error) == (
        f"recert.json was written by a newer recert-tui (schema {SCHEMA_VERSION + 2}; "
        f"this one reads up to {SCHEMA_VERSION}). Update recert-tui; the file was not changed."
    )


def test_newest_good_backup_is_offered_and_can_be_restored(db_path):
    with Store.open(db_path) as store:
        for n in range(4):
            store.add_activity(activity(f"v{n}"))
        backups = store.backups()
    backups[0].write_bytes(b'{"broken')  # the newest backup is damaged too: skip it
    damaged = write(db_path, b'{"meta": {"1": {"schema_vers')
    error = open_damaged(db_path)
    assert "cut short" in str(error)
    assert error.newest_good_backup == backups[1] == newest_good_backup(db_path)

    aside = restore_backup(db_path, error.newest_good_backup)
    assert aside.read_bytes() == damaged
    with Store.open(db_path) as store:
        assert [a.title for a in store.activities()] == ["v0", "v1"]


def test_lock_is_released_after_a_damaged_open(db_path):
    write(db_path, b"nope")
    open_damaged(db_path)
    write(db_path, json.dumps(GOOD).encode())
    with Store.open(db_path) as store:
        assert not store.read_only


def test_file_without_meta_counts_as_version_one(db_path):
    write(db_path, b'{"settings": {"1": {"theme": "dark"}}}')
    with Store.open(db_path) as store:
        assert store.get_setting("theme") == "dark"


def test_migrations_run_on_open_and_are_written_on_the_next_save(db_path, monkeypatch):
    original = write(
        db_path,
        json.dumps(
            {
                "meta": {"1": {"schema_version": 1}},
                "activities": {
                    "1": {"credential": "CMA", "title": "old", "completed_on": "2025-01-02", "points": {"clinical": 1}}
                },
                "prefs": {"1": {"theme": "dark"}},
            }
        ).encode(),
    )

    def v1_to_v2(raw: dict) -> dict:  # e.g. a table renamed
        raw["settings"] = raw.pop("prefs")
        return raw

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: v1_to_v2})
    with Store.open(db_path) as store:
        assert store.get_setting("theme") == "dark"
        assert store.activities()[0].title == "old"
        assert db_path.read_bytes() == original  # opening alone writes nothing
        store.add_activity(activity("new"))
    raw = json.loads(db_path.read_bytes())
    assert raw["meta"]["1"]["schema_version"] == 2
    assert "prefs" not in raw and raw["settings"] == {"1": {"theme": "dark"}}


def test_missing_migration_step_is_reported(db_path, monkeypatch):
    write(db_path, json.dumps(GOOD).encode())
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {})
    error = open_damaged(db_path)
    assert "cannot upgrade" in str(error)


def test_a_schema_1_file_gains_the_study_tables(db_path):
    """The real 1 -> 2 migration: the study companion's tables appear, empty, on the next save."""
    write(db_path, json.dumps(GOOD).encode())
    with Store.open(db_path) as store:
        assert store.profile().study_sessions == ()
        store.set_setting("theme", "textual-ansi")
    raw = json.loads(db_path.read_bytes())
    assert raw["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 2
    assert raw["study_sessions"] == {} and raw["practice_tests"] == {}
