"""Private modes (file 0600, folder 0700) whatever the umask; foreign symlinks refused."""

from __future__ import annotations

import json
import os
import stat

import pytest

from recert_tui.store import Store, StoreRefused

from .store_helpers import activity, run_child


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# Opens a store in a new folder with the given umask, saves a few times, and reports the
# mode of everything it created, including each temp file at the moment it is renamed.
MODES_CHILD = """
import json, os, stat, sys
from datetime import date
os.umask(int(sys.argv[2], 8))
from recert_tui.domain.models import Activity
from recert_tui.store import Store

temp_modes = []
real_replace = os.replace
def spying_replace(src, dst, *a, **k):
    temp_modes.append(stat.S_IMODE(os.stat(src).st_mode))
    return real_replace(src, dst, *a, **k)
os.replace = spying_replace

path = sys.argv[1]
folder = os.path.dirname(path)
store = Store.open(path)
for i in range(3):
    store.add_activity(Activity("CMA", f"t{i}", date(2025, 1, 2), {"clinical": 1.0}))
names = sorted(os.listdir(folder))
modes = {n: stat.S_IMODE(os.stat(os.path.join(folder, n)).st_mode) for n in names}
modes["<dir>"] = stat.S_IMODE(os.stat(folder).st_mode)
modes["<parent>"] = stat.S_IMODE(os.stat(os.path.dirname(folder)).st_mode)
store.close()
print(json.dumps({"modes": modes, "temp": temp_modes}))
"""


@pytest.mark.parametrize("umask", ["000", "022", "077"])
def test_everything_created_is_private_whatever_the_umask(tmp_path, umask):
    path = tmp_path / "new" / "nested" / "recert.json"
    report = json.loads(run_child(MODES_CHILD, str(path), umask).stdout)
    modes = report["modes"]
    assert modes.pop("<dir>") == 0o700
    assert modes.pop("<parent>") == 0o700  # a folder we created on the way is private too
    assert modes.pop("recert.json") == 0o600
    assert modes.pop("recert.json.lock") == 0o600
    assert modes.pop("recert.json.lock.owner") == 0o600
    backups = {n: m for n, m in modes.items() if ".backup-" in n}
    assert len(backups) == 2 and set(backups.values()) == {0o600}
    assert set(modes) == set(backups)  # nothing else (no temp files) was left behind
    assert report["temp"] and set(report["temp"]) == {0o600}


def test_existing_folder_mode_is_left_alone(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o755)
    with Store.open(folder / "recert.json") as store:
        store.add_activity(activity())
    assert mode(folder) == 0o755
    assert mode(folder / "recert.json") == 0o600


def test_world_readable_file_is_reported_and_fixed_only_on_request(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity())
        assert store.insecure_permissions is None
    os.chmod(db_path, 0o644)
    with Store.open(db_path) as store:
        warning = store.insecure_permissions
        assert warning is not None and "other users" in warning and "0644" in warning
        assert mode(db_path) == 0o644  # opening alone never changes it
        store.fix_permissions()
        assert mode(db_path) == 0o600
        assert store.insecure_permissions is None


def test_fix_permissions_covers_backups(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity())
        store.add_activity(activity())
        (backup,) = store.backups()
        os.chmod(backup, 0o664)
        store.fix_permissions()
        assert mode(backup) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to create a file owned by another user")
def test_symlink_to_another_users_file_is_refused(tmp_path):
    target = tmp_path / "theirs.json"
    target.write_text("{}")
    os.chown(target, 65534, 65534)
    link = tmp_path / "recert.json"
    link.symlink_to(target)
    with pytest.raises(StoreRefused, match="belongs to another user"):
        Store.open(link)
    assert target.read_text() == "{}"
    assert not (tmp_path / "recert.json.lock").exists() and not (tmp_path / "theirs.json.lock").exists()


def test_symlink_to_own_file_writes_through_to_the_target(tmp_path):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "recert.json"
    link = tmp_path / "recert.json"
    link.symlink_to(target)
    with Store.open(link) as store:
        store.add_activity(activity())
        store.add_activity(activity("second"))
    assert link.is_symlink()  # the atomic rename replaced the target, not the link
    assert len(json.loads(target.read_text())["activities"]) == 2
