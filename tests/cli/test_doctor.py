"""`recert doctor`: plain sentences about the file; restore and private permissions only on consent."""

from __future__ import annotations

import os
import re
from pathlib import Path

from recert_tui.store import Store
from tests.helpers.files import mode as _mode
from tests.helpers.text import flat as _flat

from .conftest import ACTIVITY

ADVICE = "Run `recert doctor` to check it and restore the newest good backup."


def test_healthy_database(seeded):
    report = seeded.ok("doctor")
    flat = _flat(report)
    assert f"Database: {seeded.db}" in flat
    assert "It reads as a recert database holding 1 credential, 1 activity." in flat
    assert "Its schema version is 2 (current)." in flat
    assert "Its permissions are private to you." in flat
    assert "No other recert session has it open." in flat
    assert "1 backup; the newest, saved" in flat
    assert report.endswith("Everything looks fine.\n")
    assert all(len(line) <= 80 for line in report.splitlines() if "/" not in line)


def test_another_session_is_named_and_is_no_problem(seeded):
    with Store.open(seeded.db, write=True) as holder:
        assert not holder.read_only
        report = seeded.ok("doctor")
    assert "It is open in another recert session (pid" in _flat(report)
    assert report.endswith("Everything looks fine.\n")


def test_no_database_yet(recert):
    assert "There is no database file yet" in recert.ok("doctor")
    assert not recert.db.exists()


def test_damaged_database_names_the_problem_and_restores_the_backup(recert, tmp_path):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    recert.ok(*ACTIVITY)  # the save keeps the one-credential file as a backup
    whole = recert.db.read_bytes()
    damaged = whole[: len(whole) // 2]
    recert.db.write_bytes(damaged)
    rows = tmp_path / "ce.csv"
    rows.write_text("date,title,points,area\n2025-03-05,T,2,clinical\n", encoding="utf-8")

    for args in (
        ("status",),
        ACTIVITY,
        ("export", "csv"),
        ("study", "status", "--json"),
        ("import", "csv", str(rows), "--dry-run"),
    ):
        result = recert(*args)
        assert result.returncode == 3, (args, result.stderr)
        [line] = result.stderr.splitlines()
        assert line.startswith("recert: recert.json is cut short") and line.endswith(ADVICE), line

    checked = recert("doctor")
    assert checked.returncode == 1 and checked.stderr == ""
    flat = _flat(checked.stdout)
    assert "Problem: recert.json is cut short (it ends in the middle of the data)" in flat
    assert "The newest good backup, saved" in flat and "holding 1 credential, is" in flat
    assert "Restore it with `recert doctor --restore`" in flat
    assert flat.endswith("1 problem remains: the file is damaged.")

    refused = recert("doctor", "--restore")  # no terminal to ask and no --yes
    assert refused.returncode == 2 and "add --yes" in refused.stderr
    assert recert.db.read_bytes() == damaged

    restored = recert.ok("doctor", "--restore", "--yes")
    kept = Path(re.search(r"The damaged file was kept as (\S+)\.", _flat(restored)).group(1))
    assert kept.read_bytes() == damaged
    assert _mode(kept) == 0o600 and _mode(recert.db) == 0o600
    assert restored.endswith("Everything looks fine.\n")
    assert "cma-aama" in recert.ok("credential", "list")
    assert recert.ok("activity", "list").strip() == "No activities recorded."


def test_a_database_from_a_newer_version_is_not_restored_over(recert):
    recert.db.parent.mkdir(parents=True)
    recert.db.write_text('{"meta": {"1": {"schema_version": 99}}}', encoding="utf-8")
    result = recert("status")
    assert result.returncode == 3 and "newer recert-tui" in result.stderr and ADVICE not in result.stderr
    checked = recert("doctor", "--restore", "--yes")
    assert checked.returncode == 1 and "update recert-tui instead" in _flat(checked.stdout)


def test_open_permissions_are_reported_and_fixed_on_consent(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    recert.ok(*ACTIVITY)
    [backup] = recert.db.parent.glob("recert.json.backup-*")
    os.chmod(recert.db, 0o644)
    os.chmod(backup, 0o644)

    checked = recert("doctor")
    assert checked.returncode == 1
    flat = _flat(checked.stdout)
    assert "Problem: recert.json can be opened by other users on this computer (mode 0644)" in flat
    assert "`recert doctor --fix-permissions`" in flat

    refused = recert("doctor", "--fix-permissions")
    assert refused.returncode == 2 and refused.stderr.startswith("recert: --yes: ")
    assert _mode(recert.db) == 0o644

    fixed = recert.ok("doctor", "--fix-permissions", "--yes")
    assert "Made the database and its backups private to you (0600)." in _flat(fixed)
    assert fixed.endswith("Everything looks fine.\n")
    assert _mode(recert.db) == 0o600 and _mode(backup) == 0o600


def test_doctor_parses_the_file_once_and_still_sees_what_json_hides(seeded, monkeypatch):
    """One parse (issue 17: it was three) that also finds a key written twice."""
    import json

    from recert_tui.cli.doctor import examine

    recert = seeded
    parses = []
    real_loads = json.loads

    def counted(text, *args, **kwargs):
        parses.append(len(text))
        return real_loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counted)
    size = len(recert.db.read_text())
    health = examine(recert.db)
    assert health.damaged is None and health.counts["activities"] == 1 and health.version is not None
    assert parses.count(size) == 1, parses  # other parses are small files (the rule cache)

    text = recert.db.read_text().replace('"title":', '"title":"first","title":', 1)  # a key written twice
    recert.db.write_text(text)
    parses.clear()
    health = examine(recert.db)
    assert health.damaged is not None and "written twice" in health.damaged.reason
    assert parses.count(len(text)) == 1, parses
