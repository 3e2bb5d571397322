"""`recert activity add` killed (SIGKILL) at random moments, mostly inside its save.

After every kill the file parses, the store opens it writable, and every add whose confirmation
was printed is in it. (tests/store/test_crash_safety.py does the same to a Store in a loop; this
is the whole command, with its start-up, lock, backup and report.)
"""

from __future__ import annotations

import json
import random
import re
import signal
import statistics
import subprocess
import sys
import time

import pytest

from recert_tui.store import Store
from tests.helpers.rules import TODAY_TEXT, shipped_catalog

from .conftest import cli_env, fresh_db, seed

CATALOG = shipped_catalog()
ADDED = re.compile(r"^Added activity (\d+) ", re.M)


def add(db, env, title: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "recert_tui.cli",
            "--db",
            str(db),
            "--today",
            TODAY_TEXT,
            "activity",
            "add",
            "--credential",
            "cma-aama",
            "--title",
            title,
            "--date",
            "2025-03-05",
            "--points",
            "1",
            "--area",
            "general",
            "--notes",
            "n" * 2000,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
    )


def kill_rounds(tmp_path, rounds: int) -> None:
    db = fresh_db(tmp_path / "data", None)
    seed(db, CATALOG)
    env = cli_env(tmp_path / "rules")
    # How long one add takes here, as the median of five: a single probe, slowed by whatever
    # else the machine was doing, made every later kill land after the command had ended.
    acknowledged: dict[int, str] = {}
    runtimes = []
    for number in range(5):
        started = time.monotonic()
        probe = add(db, env, f"probe {number}")
        out, err = probe.communicate(timeout=60)
        assert probe.returncode == 0, err
        runtimes.append(time.monotonic() - started)
        acknowledged[int(ADDED.search(out).group(1))] = f"probe {number}"
    runtime = statistics.median(runtimes)
    rng = random.Random(20261123)
    killed_mid_run = 0
    for number in range(rounds):
        title = f"add {number}"
        child = add(db, env, title)
        time.sleep(rng.uniform(0.5, 1.15) * runtime)  # most of a run is start-up; the save is at the end
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed_mid_run += 1
        out, err = child.communicate(timeout=60)
        if child.returncode == 0:
            acknowledged[int(ADDED.search(out).group(1))] = title
        else:
            assert child.returncode in (-signal.SIGKILL, 3), (child.returncode, err)
            if child.returncode == 3:  # a previous kill may leave nothing locked: only a live session does
                pytest.fail(f"a killed session kept the file locked: {err}")
            found = ADDED.search(out)  # printed (and flushed) before the kill landed
            if found:
                acknowledged[int(found.group(1))] = title
        raw = json.loads(db.read_bytes())  # never half a file
        on_disk = {int(key): doc["title"] for key, doc in raw["activities"].items()}
        lost = {key: value for key, value in acknowledged.items() if on_disk.get(key) != value}
        assert not lost, f"round {number}: acknowledged adds lost: {lost}"
    with Store.open(db) as store:  # opens writable, and clears any temp file a kill left
        assert not store.read_only
        assert {a.id for a in store.activities()} >= set(acknowledged)
    assert not [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    assert killed_mid_run >= rounds // 5, f"only {killed_mid_run} of {rounds} kills landed while the command ran"


def test_killed_cli_adds_never_lose_an_acknowledged_add(tmp_path):
    kill_rounds(tmp_path, rounds=30)


@pytest.mark.slow
def test_killed_cli_adds_500_times(tmp_path):
    kill_rounds(tmp_path, rounds=500)
