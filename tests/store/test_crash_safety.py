"""A writer killed with SIGKILL at random moments never leaves a broken or older file."""

from __future__ import annotations

import json
import random
import signal
import time

import pytest

from recert_tui.store import Store

from .store_helpers import popen_child

# Saves forever, printing each id only after add_activity returned (the save is on disk).
WRITER = """
import sys
from datetime import date
from recert_tui.domain.models import Activity
from recert_tui.store import Store

store = Store.open(sys.argv[1], wait=10)
assert not store.read_only, store.read_only_reason
print("ready", flush=True)
while True:
    saved = store.add_activity(Activity("CMA", "course " * 20, date(2025, 1, 2), {"clinical": 1.0}))
    print(saved.id, flush=True)
"""


def _kill_rounds(db_path, rounds: int, saves: int) -> None:
    rng = random.Random(20250305)
    acknowledged: set[int] = set()
    per_round = saves // rounds
    for done in range(1, rounds + 1):
        child = popen_child(WRITER, str(db_path))
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        target = rng.randint(per_round // 2, per_round * 3 // 2)
        for _ in range(target):
            acknowledged.add(int(child.stdout.readline()))
        time.sleep(rng.uniform(0, 0.004))  # land the kill somewhere inside a later save
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        # Ids printed after our last read were saved too; they count as acknowledged.
        acknowledged.update(int(line) for line in child.stdout.read().split())
        child.stdout.close()
        child.stderr.close()
        child.stdin.close()

        raw = json.loads(db_path.read_bytes())  # must parse: never half a file
        on_disk = {int(k) for k in raw["activities"]}
        assert acknowledged <= on_disk, f"lost saves: {sorted(acknowledged - on_disk)[:5]}"
        # Only the save in flight at each kill may be on disk without an acknowledgement.
        assert len(on_disk - acknowledged) <= done
        with Store.open(db_path) as store:  # and the store itself opens it, writable
            assert not store.read_only
            assert {a.id for a in store.activities()} == on_disk
    assert len(acknowledged) >= saves // 2
    leftovers = [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []  # the last open removed any temp file a kill left behind


def test_sigkill_during_saves_keeps_every_acknowledged_save(db_path):
    _kill_rounds(db_path, rounds=5, saves=200)


@pytest.mark.slow
def test_sigkill_during_saves_long_run(db_path):
    _kill_rounds(db_path, rounds=10, saves=500)
