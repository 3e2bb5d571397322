"""A full disk while a backup is restored (`recert import json`, `recert doctor --restore`): one
sentence and exit 3, no file left behind (no `before-restore` copy, no temp file), and the
database exactly as it was.

The disk fills in two places: writing the restored file (the store's atomic write, as in
test_full_disk.py) and copying the current file aside first (a real full disk fails there first).
"""

from __future__ import annotations

import errno
import os
import shutil
import types

import pytest

import recert_tui.store.replace as atomic  # where every save writes its bytes
from tests.helpers.rules import TODAY_TEXT, shipped_catalog

from .conftest import folder_snapshot, run_cli, seeded_db

CATALOG = shipped_catalog()
NO_SPACE = "no space left on device"


def _no_space() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture(params=["writing the restored file", "copying the current file aside"])
def full_disk(request, monkeypatch):
    """The disk fills after a few bytes, at one of the two writes a restore makes."""
    if request.param == "writing the restored file":

        def write(fd, data):
            os.write(fd, bytes(data[:10]))
            raise _no_space()

        proxy = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
        proxy.write = write
        monkeypatch.setattr(atomic, "os", proxy)
    else:

        def copyfileobj(source, target, *args, **kwargs):
            target.write(source.read(10))
            raise _no_space()

        monkeypatch.setattr(shutil, "copyfileobj", copyfileobj)
    return request.param


db = seeded_db  # this file's `db` is the seeded one, backups and all


def test_import_json_on_a_full_disk_changes_nothing(db, tmp_path, full_disk):
    backup = tmp_path / "backup.json"
    backup.write_bytes(db.read_bytes())
    before = folder_snapshot(db.parent)
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, "import", "json", str(backup), "--yes"])
    assert run.crash is None, run.crash[-800:]
    assert run.code == 3, (run.code, run.err)
    assert run.err == f"recert: Could not restore {backup}: {NO_SPACE}. Nothing was changed.\n", run.err
    assert folder_snapshot(db.parent) == before  # no before-restore copy, no temp file, the file as it was


def test_doctor_restore_on_a_full_disk_changes_nothing(db, full_disk):
    db.write_bytes(db.read_bytes()[:40])  # damaged: doctor offers the newest backup
    before = folder_snapshot(db.parent)
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, "doctor", "--restore", "--yes"])
    assert run.crash is None, run.crash[-800:]
    assert run.code == 3 and len(run.err.splitlines()) == 1 and NO_SPACE in run.err, run.err
    assert run.err.startswith("recert: Could not restore ") and run.err.endswith(". Nothing was changed.\n")
    assert folder_snapshot(db.parent) == before
