"""A save that cannot happen raises SaveFailed, leaves the file as it was, and the store
keeps working with memory equal to the disk."""

from __future__ import annotations

import errno
import json
import os

import pytest

from recert_tui.store import SaveFailed, Store

from .store_helpers import activity, cma, run_child


def disk_titles(path) -> dict[int, str]:
    return {int(k): d["title"] for k, d in json.loads(path.read_bytes())["activities"].items()}


def store_titles(store) -> dict[int, str]:
    return {a.id: a.title for a in store.activities()}


def snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith((".lock", ".owner"))}


# Fills the file-size limit so the next save hits EFBIG (SIGXFSZ ignored so write() raises).
FSIZE_CHILD = """
import json, os, resource, signal, sys
from datetime import date
from recert_tui.domain.models import Activity
from recert_tui.store import SaveFailed, Store

path = sys.argv[1]
folder = os.path.dirname(path)
def disk():
    with open(path, "rb") as f:
        return f.read()
def titles_on_disk():
    return {int(k): d["title"] for k, d in json.loads(disk())["activities"].items()}

store = Store.open(path)
before, listing = disk(), sorted(os.listdir(folder))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = len(before) + 200
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
out = {}
try:
    store.add_activity(Activity("CMA", "too big", date(2025, 1, 2), {"clinical": 1.0}, notes="x" * 5000))
    out["error"] = None
except SaveFailed as e:
    out["error"] = str(e)
out["unchanged"] = disk() == before
out["same_files"] = sorted(os.listdir(folder)) == listing
out["memory"] = {a.id: a.title for a in store.activities()}
out["disk"] = titles_on_disk()
store.remove_activity(1)  # shrinks the file, so it fits: the store still works
small = store.add_activity(Activity("CMA", "small", date(2025, 1, 2), {"clinical": 1.0}))
out["small_id"] = small.id
out["memory_after"] = {a.id: a.title for a in store.activities()}
out["disk_after"] = titles_on_disk()
store.close()
print(json.dumps(out))
"""


def test_file_size_limit_gives_save_failed_and_changes_nothing(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity("a1"))
        store.add_activity(activity("a2"))
    out = json.loads(run_child(FSIZE_CHILD, str(db_path)).stdout)
    assert out["error"] == f"Could not save to {db_path}: file too large. Nothing was changed."
    assert out["unchanged"] and out["same_files"]
    assert out["memory"] == out["disk"] == {"1": "a1", "2": "a2"}
    assert out["small_id"] == 3  # the failed save did not use up an id
    assert out["memory_after"] == out["disk_after"] == {"2": "a2", "3": "small"}


@pytest.fixture
def full_disk(monkeypatch):
    """Make writes to recert.json temp files fail with ENOSPC after a few bytes."""
    real_write = os.write
    state = {"on": True}

    def write(fd, data):
        if state["on"] and ".recert.json." in os.readlink(f"/proc/self/fd/{fd}"):
            real_write(fd, bytes(data[:10]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    if not os.path.exists("/proc/self/fd"):
        pytest.skip("needs /proc to recognise the temp file")
    monkeypatch.setattr(os, "write", write)
    return state


def test_disk_full_gives_save_failed_and_store_stays_usable(db_path, full_disk):
    full_disk["on"] = False
    store = Store.open(db_path)
    kept = store.add_activity(activity("kept"))
    to_change = store.add_activity(activity("to change"))
    store.set_setting("theme", "dark")
    full_disk["on"] = True
    before = snapshot(db_path.parent)
    attempts = [
        lambda: store.add_activity(activity("lost")),
        lambda: store.update_activity(activity("changed", id=to_change.id)),
        lambda: store.remove_activity(kept.id),
        lambda: store.restore_activity(activity("restored", id=7)),
        lambda: store.set_setting("theme", "light"),
        lambda: store.add_credential(cma()),
    ]
    for attempt in attempts:
        with pytest.raises(SaveFailed) as caught:
            attempt()
        assert str(caught.value) == f"Could not save to {db_path}: no space left on device. Nothing was changed."
        assert snapshot(db_path.parent) == before  # file, backups: all as they were; no temp file
        assert store_titles(store) == disk_titles(db_path) == {1: "kept", 2: "to change"}
        assert store.get_setting("theme") == "dark"
        assert store.credentials() == ()
    full_disk["on"] = False
    assert store.add_activity(activity("fits now")).id == 3
    assert store_titles(store) == disk_titles(db_path) == {1: "kept", 2: "to change", 3: "fits now"}
    store.close()


def test_failed_rename_removes_its_backup(db_path, monkeypatch):
    with Store.open(db_path) as store:
        store.add_activity(activity("one"))
        store.add_activity(activity("two"))
        before = snapshot(db_path.parent)
        real_replace = os.replace

        def refuse(src, dst, *a, **k):
            if str(dst) == str(db_path):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            return real_replace(src, dst, *a, **k)

        monkeypatch.setattr(os, "replace", refuse)
        with pytest.raises(SaveFailed, match="permission denied"):
            store.add_activity(activity("three"))
        assert snapshot(db_path.parent) == before
        monkeypatch.setattr(os, "replace", real_replace)
        store.add_activity(activity("three"))
    assert disk_titles(db_path) == {1: "one", 2: "two", 3: "three"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a 0500 folder")
def test_read_only_folder_gives_save_failed(db_path):
    store = Store.open(db_path)
    store.add_activity(activity("one"))
    before = db_path.read_bytes()
    os.chmod(db_path.parent, 0o500)
    try:
        with pytest.raises(SaveFailed, match="permission denied. Nothing was changed."):
            store.add_activity(activity("two"))
        assert db_path.read_bytes() == before
        assert store_titles(store) == {1: "one"}
    finally:
        os.chmod(db_path.parent, 0o700)
        store.close()
