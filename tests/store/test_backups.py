"""The last 10 good versions are kept; restoring one first keeps the current file aside."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta

import pytest

from recert_tui.domain.bank import MockAnswer, MockExam
from recert_tui.store import Store, StoreDamaged, list_backups, newest_good_backup, restore_backup
from recert_tui.store import backups as backups_module
from recert_tui.store.backups import BACKUPS_KEPT, PROGRESS_BACKUP_EVERY

from .store_helpers import activity, review, state


def titles_in(path) -> list[str]:
    return [doc["title"] for doc in json.loads(path.read_bytes()).get("activities", {}).values()]


def test_each_save_keeps_the_previous_version_up_to_ten(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity("v1"))
        assert store.backups() == []  # nothing existed before the first save
        for n in range(2, 16):
            store.add_activity(activity(f"v{n}"))
        backups = store.backups()
    assert len(backups) == BACKUPS_KEPT == 10
    assert backups == sorted(backups, reverse=True)  # newest first
    assert backups == list_backups(db_path)
    # The newest backup is the version just before the last save, and each is one older.
    assert titles_in(backups[0]) == [f"v{n}" for n in range(1, 15)]
    assert titles_in(backups[-1]) == [f"v{n}" for n in range(1, 6)]
    assert all(stat.S_IMODE(os.stat(b).st_mode) == 0o600 for b in backups)
    assert newest_good_backup(db_path) == backups[0]


def test_a_settings_change_keeps_no_backup_and_the_next_record_change_does(db_path):
    """Ten theme changes must not push out the ten backups of real records."""
    with Store.open(db_path) as store:
        store.add_activity(activity("v1"))
        store.add_activity(activity("v2"))
        kept = store.backups()
        assert len(kept) == 1
        for n in range(12):
            store.set_setting("theme", f"theme-{n}")
        assert store.backups() == kept  # the one backup of v1 is still there, and alone
        store.add_activity(activity("v3"))
        assert len(store.backups()) == 2
        # The newest backup is the file just before v3: v1, v2 and the last theme.
        newest = json.loads(store.backups()[0].read_bytes())
    assert titles_in(store.backups()[0]) == ["v1", "v2"]
    assert newest["settings"]["1"]["theme"] == "theme-11"
    with Store.open(db_path, write=False) as again:
        assert again.get_setting("theme") == "theme-11"  # each settings change was saved


def test_the_first_save_after_an_upgrade_keeps_a_backup_even_of_a_settings_change(db_path):
    """The file as an older recert wrote it is kept, whatever the first save changes."""
    older = {"meta": {"1": {"schema_version": 1}}, "activities": {}, "settings": {"1": {"theme": "a"}}}
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text(json.dumps(older), encoding="utf-8")
    with Store.open(db_path) as store:
        store.set_setting("theme", "b")
        kept = store.backups()
        assert len(kept) == 1
        assert json.loads(kept[0].read_bytes()) == older
        store.set_setting("theme", "c")  # the file on disk is the newest version now
        assert store.backups() == kept


class Clock:
    """The time the backups module reads, set by the test."""

    def __init__(self, monkeypatch, start: datetime) -> None:
        self.now = start
        clock = self

        class SetClock(datetime):
            @classmethod
            def now(cls, tz=None):
                return clock.now

        monkeypatch.setattr(backups_module, "datetime", SetClock)

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def answer(store: Store, n: int) -> None:
    """One answer in Study: the item's new schedule and the answer, in one save."""
    store.record_review(state(f"item-{n}"), review(f"item-{n}"))


def two_records(store: Store) -> list:
    """Save two records: one backup (of the first), kept at the clock's time."""
    store.add_activity(activity("v1"))
    store.add_activity(activity("v2"))
    kept = store.backups()
    assert len(kept) == 1
    return kept


def test_answers_in_study_never_push_out_the_backups_of_records(db_path, monkeypatch):
    """Forty answers in one sitting keep no backup while the newest is under an hour old."""
    clock = Clock(monkeypatch, START)
    with Store.open(db_path) as store:
        kept = two_records(store)
        for n in range(40):
            clock.advance(seconds=80)  # 53 minutes in all
            answer(store, n)
        store.remove_review(store.reviews()[-1].id)  # taking an answer back is progress too
        assert store.backups() == kept
        clock.advance(minutes=1)
        store.add_activity(activity("v3"))  # a record change keeps one, holding every answer
        newest = store.backups()[0]
        assert len(store.backups()) == 2
    assert titles_in(newest) == ["v1", "v2"]
    assert len(json.loads(newest.read_bytes())["reviews"]) == 39


@pytest.mark.parametrize(("minutes", "keeps"), [(59, False), (60, True), (61, True)])
def test_an_answer_keeps_a_backup_once_the_newest_is_an_hour_old(db_path, monkeypatch, minutes, keeps):
    assert timedelta(hours=1) == PROGRESS_BACKUP_EVERY
    clock = Clock(monkeypatch, START)
    with Store.open(db_path) as store:
        two_records(store)  # the newest backup: START
        clock.advance(minutes=minutes)
        answer(store, 1)
        assert len(store.backups()) == (2 if keeps else 1)
        if keeps:  # the backup is the file before the answer, and starts the next hour
            assert "reviews" not in json.loads(store.backups()[0].read_bytes())
            clock.advance(minutes=59)
            answer(store, 2)
            assert len(store.backups()) == 2


def test_an_answer_after_the_clock_was_set_back_keeps_a_backup(db_path, monkeypatch):
    clock = Clock(monkeypatch, START)
    with Store.open(db_path) as store:
        two_records(store)
        clock.advance(hours=-3)  # the newest backup's stamp is now in the future
        answer(store, 1)
        assert len(store.backups()) == 2


def test_a_finished_mock_exam_keeps_a_backup_like_any_record(db_path, monkeypatch):
    clock = Clock(monkeypatch, START)
    with Store.open(db_path) as store:
        two_records(store)
        clock.advance(minutes=5)
        mock = MockExam("cma-aama", clock.now, 600, 420, (MockAnswer("item-1", "clinical", 0, True),), 70.0)
        store.add_mock_exam(mock, reviews=[review("item-1")])
        assert len(store.backups()) == 2


def test_backup_names_sort_by_age_even_within_one_microsecond(db_path, monkeypatch):
    from datetime import datetime

    from recert_tui.store import backups as backups_module

    frozen = datetime(2025, 3, 5, 12, 0, 0, 1, tzinfo=UTC)

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return frozen

    monkeypatch.setattr(backups_module, "datetime", FrozenClock)
    with Store.open(db_path) as store:
        for n in range(4):
            store.add_activity(activity(f"v{n}"))
        names = [b.name for b in store.backups()]
    assert names == [f"recert.json.backup-20250305T12000000000{d}Z.json" for d in (3, 2, 1)]
    assert titles_in(db_path.parent / names[0]) == ["v0", "v1", "v2"]


def test_restore_backup_keeps_the_current_file_first(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity("old"))
        store.add_activity(activity("new"))
        backup = store.backups()[0]
    current = db_path.read_bytes()
    aside = restore_backup(db_path, backup)
    assert aside.name.startswith("recert.json.before-restore-") and aside.suffix == ".json"
    assert aside.read_bytes() == current
    assert stat.S_IMODE(os.stat(aside).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    with Store.open(db_path) as store:
        assert [a.title for a in store.activities()] == ["old"]


def test_restore_refuses_a_damaged_backup(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity("a"))
        store.add_activity(activity("b"))
        backup = store.backups()[0]
    backup.write_text("{not json")
    before = db_path.read_bytes()
    with pytest.raises(StoreDamaged):
        restore_backup(db_path, backup)
    assert db_path.read_bytes() == before


def test_store_restore_backup_reloads_the_open_session(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity("keep"))
        store.add_activity(activity("mistake"))
        aside = store.restore_backup(store.backups()[0])
        assert [a.title for a in store.activities()] == ["keep"]
        assert titles_in(aside) == ["keep", "mistake"]
        store.add_activity(activity("after"))
    assert titles_in(db_path) == ["keep", "after"]
