"""Backups next to the db file: '<name>.backup-<UTC stamp>.json', newest 10 kept.

The stamp is fixed-width (YYYYMMDDTHHMMSSffffffZ), so sorting names sorts by age.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from . import schema
from .checks import content_problem
from .errors import SaveFailed, StoreDamaged, StoreRefused, os_reason
from .records import build_models
from .replace import write_atomically

if TYPE_CHECKING:
    from pathlib import Path

# pathlib and shutil are imported in the functions, which reading a sound database never calls:
# that keeps them off the read path, a share of the bench's `status --json` figure (docs/speed.md).

BACKUPS_KEPT = 10
# Saves that change only what Study's answers change keep a backup at most this often.
PROGRESS_BACKUP_EVERY = timedelta(hours=1)
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"


def _stamp(after: str | None = None) -> str:
    """Now in UTC; strictly later than `after`, so a clock step back never reorders backups."""
    now = datetime.now(UTC)
    if after:
        floor = datetime.strptime(after, _STAMP_FORMAT).replace(tzinfo=UTC) + timedelta(microseconds=1)
        now = max(now, floor)
    return now.strftime(_STAMP_FORMAT)


# Every copy kept beside a database is named `<name>.<kind>-<stamp>.json` (kinds today:
# backup, before-restore); any such name is one, whatever its kind.
_ANY_KEPT_COPY = re.compile(r".+\.json\.[a-z]+(?:-[a-z]+)*-\d{8}T\d{12}Z\.json")


def _pattern(db_path: Path, kind: str) -> re.Pattern[str]:
    return re.compile(re.escape(db_path.name) + rf"\.{kind}-(\d{{8}}T\d{{12}}Z)\.json")


def is_kept_copy(name: str) -> bool:
    """Whether a file name is one of the copies the store keeps beside some database."""
    return _ANY_KEPT_COPY.fullmatch(name) is not None


def list_backups(db_path: str | os.PathLike[str]) -> list[Path]:
    """Backups of `db_path`, newest first."""
    from pathlib import Path

    db_path = Path(db_path)
    pattern = _pattern(db_path, "backup")
    try:
        names = [e.name for e in os.scandir(db_path.parent) if pattern.fullmatch(e.name)]
    except FileNotFoundError:
        return []
    return [db_path.parent / n for n in sorted(names, reverse=True)]


def keep_backup(db_path: str | Path) -> Path:
    """Keep the current file as the newest backup; returns the backup's path.

    A hard link is free and keeps the old inode (and its 0600 mode); where links are not
    supported, or the file is not private (a link would share its mode), a private copy.
    """
    from pathlib import Path

    db_path = Path(db_path)
    newest = _newest_stamp(db_path)
    linkable = not os.stat(db_path).st_mode & 0o077
    while True:
        target = db_path.parent / f"{db_path.name}.backup-{_stamp(newest)}.json"
        try:
            if not linkable:
                copy_private(db_path, target)
                return target
            os.link(db_path, target)
            return target
        except FileExistsError:
            newest = _backup_stamp(db_path, target)
        except OSError:
            if not linkable:
                raise
            copy_private(db_path, target)
            return target


def backed_up_within(db_path: str | Path, period: timedelta) -> bool:
    """Whether the newest backup was kept less than `period` ago (by the stamp in its name).

    A stamp later than now (the clock was set back since) counts as old, so a backup is kept.
    """
    from pathlib import Path  # write-only (see the note at the top)

    stamp = _newest_stamp(Path(db_path))
    if stamp is None:
        return False
    kept_at = datetime.strptime(stamp, _STAMP_FORMAT).replace(tzinfo=UTC)
    return kept_at <= datetime.now(UTC) < kept_at + period


def _newest_stamp(db_path: Path) -> str | None:
    """The stamp in the newest backup's name; None when there is no backup."""
    existing = list_backups(db_path)
    return _backup_stamp(db_path, existing[0]) if existing else None


def _backup_stamp(db_path: Path, backup: Path) -> str:
    """The stamp in a backup's name; one list_backups found or keep_backup made, so it fits."""
    found = _pattern(db_path, "backup").fullmatch(backup.name)
    assert found is not None  # every caller's name matched, or was built from, this pattern
    return found.group(1)


def prune_backups(db_path: str | Path, keep: int = BACKUPS_KEPT) -> None:
    """Delete backups beyond the newest `keep`; best effort, a leftover file does no harm."""
    for old in list_backups(db_path)[keep:]:
        with suppress(OSError):
            old.unlink()


def newest_good_backup(db_path: str | os.PathLike[str]) -> Path | None:
    """The newest backup `recert doctor` finds healthy: it parses, every record reads, nothing hidden."""

    for candidate in list_backups(db_path):
        try:
            raw = candidate.read_bytes()
            build_models(schema.load(raw, candidate), candidate, candidate.name)
            if content_problem(raw.decode("utf-8"), candidate.name):
                continue
        except (OSError, StoreDamaged):
            continue
        return candidate
    return None


def copy_private(source: Path, target: Path) -> None:
    """Copy `source` to a new file `target` that is 0600 from its first byte."""
    import shutil  # write-only (see the note at the top)

    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with open(fd, "wb") as dst, open(source, "rb") as src:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
    except BaseException:
        with suppress(OSError):
            target.unlink()
        raise


def restore_backup(db_path: str | Path, backup: str | Path) -> Path | None:
    """Make `backup` the current db; the current file (even damaged) is first kept aside.

    Returns the '<name>.before-restore-<stamp>.json' copy, or None if there was no current file.
    Call it with no writable session open on `db_path`, or through Store.restore_backup.
    """
    from pathlib import Path

    db_path, backup = Path(db_path), Path(backup)
    aside = None
    try:
        content = backup.read_bytes()
        schema.load(content, backup)  # refuse to restore a backup that is itself unreadable
        if db_path.exists():
            kept = db_path.parent / f"{db_path.name}.before-restore-{_stamp()}.json"
            copy_private(db_path, kept)  # removes its own partial copy if it fails
            aside = kept
        write_atomically(db_path, content)
    except OSError as error:  # a full disk: the database stays as it was, and so does its folder
        if aside is not None:
            with suppress(OSError):
                aside.unlink()
        raise SaveFailed(f"Could not restore {backup}: {os_reason(error)}. Nothing was changed.") from None
    return aside


def kept_copies(db_path: str | Path) -> list[Path]:
    """Every copy of the database kept beside it: its backups, then files kept aside by restores."""
    from pathlib import Path

    db_path = Path(db_path)
    pattern = _pattern(db_path, "before-restore")
    try:
        aside = sorted(e.name for e in os.scandir(db_path.parent) if pattern.fullmatch(e.name))
    except OSError:
        aside = []
    return [*list_backups(db_path), *(db_path.parent / name for name in aside)]


def exposed_copies(db_path: str | Path) -> list[tuple[Path, int]]:
    """Kept copies that users other than the owner can open, with each one's mode.

    A backup is a hard link to the file as it was, so a file once readable by others leaves
    backups that still are after the file itself became private.
    """
    exposed = []
    for copy in kept_copies(db_path):
        try:
            mode = os.stat(copy).st_mode & 0o777
        except OSError:
            continue
        if mode & 0o077:
            exposed.append((copy, mode))
    return exposed


def make_private(db_path: str | Path) -> None:
    """Make the database and every kept copy private (0600); call only after the user agreed."""
    for target in (db_path, *kept_copies(db_path)):
        try:
            os.chmod(target, 0o600)
        except FileNotFoundError:
            continue
        except OSError as e:
            raise StoreRefused(f"Could not make {target} private: {os_reason(e)}.") from e
