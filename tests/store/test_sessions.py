"""One writer at a time: a second session is read-only and says who holds the file."""

from __future__ import annotations

import os
import signal
import socket

import pytest

from recert_tui.store import ReadOnlyStore, Store
from recert_tui.store.lock import SessionLock

from .store_helpers import activity, popen_child

# Holds a writable session until its stdin closes.
HOLDER = """
import os, sys
from recert_tui.store import Store
store = Store.open(sys.argv[1])
print("writable" if not store.read_only else "read-only", os.getpid(), flush=True)
sys.stdin.read()
store.close()
print("closed", flush=True)
"""


def test_second_session_in_the_same_process_is_read_only(db_path):
    first = Store.open(db_path)
    first.add_activity(activity())
    before = db_path.read_bytes()

    second = Store.open(db_path)
    assert second.read_only
    assert second.read_only_reason.startswith("recert.json is open in another recert session (pid ")
    assert f"pid {os.getpid()} on {socket.gethostname()}, since " in second.read_only_reason
    assert second.read_only_reason.endswith("; this session is read-only.")
    assert second.activities() == first.activities()
    with pytest.raises(ReadOnlyStore) as caught:
        second.add_activity(activity("sneaky"))
    assert str(caught.value) == second.read_only_reason
    for write in (
        lambda: second.remove_activity(1),
        lambda: second.set_setting("a", 1),
        lambda: second.update_activity(first.activities()[0]),
    ):
        with pytest.raises(ReadOnlyStore):
            write()
    assert db_path.read_bytes() == before
    assert second.activities() == first.activities()  # its memory was not changed either

    first.close()
    second.close()
    with Store.open(db_path) as third:
        assert not third.read_only and third.read_only_reason is None
        third.add_activity(activity("now allowed"))
    assert db_path.read_bytes() != before


def test_read_only_flag_gives_its_own_reason_and_never_locks(db_path):
    with Store.open(db_path) as writer:
        writer.add_activity(activity())
    with Store.open(db_path, write=False) as viewer:
        assert viewer.read_only and viewer.read_only_reason == "opened read-only (--read-only)"
        with Store.open(db_path) as writer:
            assert not writer.read_only  # the viewer holds no lock


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path):
    path = tmp_path / "nowhere" / "recert.json"
    with Store.open(path, write=False) as viewer:
        assert viewer.profile().activities == ()
    assert not path.parent.exists()


def test_lock_held_by_another_process(db_path):
    holder = popen_child(HOLDER, str(db_path))
    try:
        state, pid = holder.stdout.readline().split()
        assert state == "writable"
        with Store.open(db_path) as second:
            assert second.read_only
            assert f"(pid {pid} on {socket.gethostname()}, since " in second.read_only_reason
            with pytest.raises(ReadOnlyStore):
                second.add_activity(activity())
        assert not db_path.exists()  # nothing was written by the refused session
        holder.stdin.close()
        assert holder.stdout.readline().strip() == "closed"
        assert holder.wait(timeout=10) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
    with Store.open(db_path) as third:
        assert not third.read_only


def test_lock_of_a_killed_session_is_free_again(db_path):
    holder = popen_child(HOLDER, str(db_path))
    assert holder.stdout.readline().split()[0] == "writable"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    with Store.open(db_path) as store:
        assert not store.read_only


def test_wait_gives_up_after_the_timeout(db_path):
    with Store.open(db_path), Store.open(db_path, wait=0.2) as second:
        assert second.read_only


def test_holder_description_without_an_owner_note(tmp_path):
    first = SessionLock(tmp_path / "recert.json")
    assert first.acquire()
    first.owner_path.unlink()
    second = SessionLock(tmp_path / "recert.json")
    assert not second.acquire()
    assert second.holder_description() == "another recert session"
    first.release()
    assert second.acquire()
    second.release()
    assert not second.owner_path.exists()


def test_closed_store_refuses_writes(db_path):
    store = Store.open(db_path)
    store.close()
    with pytest.raises(ReadOnlyStore):
        store.add_activity(activity())


def test_reload_picks_up_changes_from_the_writer(db_path):
    with Store.open(db_path) as writer:
        viewer = Store.open(db_path)
        assert viewer.read_only
        assert viewer.reload() is False
        writer.add_activity(activity())
        assert viewer.reload() is True
        assert [a.title for a in viewer.activities()] == ["Infection control"]
        assert viewer.reload() is False
        assert writer.reload() is False  # its own saves are not news to it
        viewer.close()
