"""The TinyDB storage: one parse of the file, then each save a crash-safe replacement.

Stock JSONStorage rewrites the file in place, so a crash mid-write leaves half a file. Here
every save goes through replace.write_atomically (a private temp file in the same directory,
fsynced, renamed over the target); the previous version is kept as a backup first.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from typing import TYPE_CHECKING

from . import backups, schema
from .errors import ReadOnlyStore, SaveFailed, StoreDamaged, StoreRefused, os_reason
from .paths import foreign_owner
from .replace import remove_stale_temp_files, write_atomically

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["AtomicJSONStorage", "disk_signature", "remove_stale_temp_files", "write_atomically"]
# remove_stale_temp_files and write_atomically live in replace; the repository imports them from here.

Signature = tuple[int, int, int, int] | None  # (dev, inode, size, mtime_ns); None = no file
WHOLE_TABLE = ""  # in a write's `changed`: the whole table changed (no doc id is empty)


def _signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def disk_signature(path: str | Path) -> Signature:
    """What the file looks like on disk now; a rename over it changes the inode."""
    try:
        return _signature(os.stat(path))
    except FileNotFoundError:
        return None


class AtomicJSONStorage:
    """TinyDB storage: one parse, then an in-memory dict; each write is an atomic replace.

    TinyDB asks a storage only for read(), write() and close(); this class does not derive
    from tinydb's Storage so that reading the file never imports TinyDB (see tables.py).

    Caching is safe because the session lock keeps other writers out. TinyDB mutates the
    dict read() returns before calling write(), so a failed write drops the cache and the
    next read() sees the disk again.

    Each doc's JSON text is kept with the doc object it came from, and a save re-encodes only
    docs that are new objects (encoding 10,000 docs costs more than the rest of a save).
    Contract: a doc is never edited in place once written; changes put a new dict in its
    place (the repository's table class enforces this).
    """

    _encode_one = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def __init__(self, path: str | Path, *, read_only: bool = False, thorough: bool = False) -> None:
        self.path = os.fspath(path)  # text, not a Path: `recert status --json` never imports pathlib
        self.read_only = read_only
        self.thorough = thorough  # look at what json.loads hides in the one parse (doctor)
        self.stored_version: int | None = None  # the file's schema version, before any upgrade
        self._disk_version: int | None = None  # the version of the file on disk now (a save writes the newest)
        self._cache: schema.Raw | None = None
        self._signature: Signature = None
        self._texts: dict[str, _Encoded] = {}  # table -> its docs' JSON texts, as last saved

    def close(self) -> None:
        """Nothing to release: every read and write opens and closes the file itself."""

    def read(self) -> schema.Raw:
        if self._cache is None:
            self._cache = self._load()
        return self._cache

    def _load(self) -> schema.Raw:
        try:
            with open(self.path, "rb") as f:
                st = os.fstat(f.fileno())
                raw = f.read()
        except FileNotFoundError:
            self._signature = None
            return schema.empty()  # the file is created by the first write
        except OSError as e:
            raise StoreRefused(f"Could not read {self.path}: {os_reason(e)}.") from e
        try:
            data = schema.parse(raw, self.path, thorough=self.thorough)
            self.stored_version = self._disk_version = schema.version_of(data)
            data = schema.migrate(data, self.path)
        except StoreDamaged as e:
            e.newest_good_backup = backups.newest_good_backup(self.path)
            raise
        self._signature = _signature(st)
        return data

    def forget(self) -> None:
        """Drop the cache; the next read() parses the file again."""
        self._cache = None
        self._texts = {}

    def changed_on_disk(self) -> bool:
        """Whether the file differs from the version last read or written."""
        return disk_signature(self.path) != self._signature

    def write(self, data: schema.Raw, changed: dict[str, set[str]] | None = None) -> None:
        """Save `data`. `changed` (from tables.ReplacingTable): the only docs that differ from
        the last save, by table; without it every doc is looked at."""
        if self.read_only:
            self.forget()
            raise ReadOnlyStore(f"{os.path.basename(self.path)} is open read-only; nothing was saved.")
        try:
            payload = self._encode(data, changed)
        except (TypeError, ValueError, RecursionError) as e:
            # RecursionError: a value nested deep in a field no record uses, which the file
            # held when it was read (`recert doctor` names the record).
            self.forget()
            reason = "a value is nested too deeply" if isinstance(e, RecursionError) else str(e)
            raise SaveFailed(
                f"Could not save to {self.path}: a value cannot be stored as JSON ({reason}). Nothing was changed."
            ) from e
        kept: list[Path] = []
        keeps_backup = self._keeps_backup(changed)

        def keep_previous() -> None:
            if not keeps_backup:
                return
            try:
                owner = os.stat(self.path).st_uid
            except FileNotFoundError:
                return  # the first save: nothing to keep
            other = foreign_owner(self.path, owner)
            if other is not None:  # put there by someone else since it was read: not ours to replace
                raise SaveFailed(
                    f"Could not save to {self.path}: it belongs to another user ({other}), "
                    "so it was not replaced. Nothing was changed."
                )
            kept.append(backups.keep_backup(self.path))

        try:
            write_atomically(self.path, payload, before_replace=keep_previous)
        except BaseException as e:
            self.forget()  # TinyDB already changed the cache; the disk is the truth now
            for extra in kept:  # the save did not happen, so this backup duplicates the file
                with suppress(OSError):
                    extra.unlink()
            if isinstance(e, OSError):
                raise SaveFailed(f"Could not save to {self.path}: {os_reason(e)}. Nothing was changed.") from e
            raise
        self._cache = data
        self._signature = disk_signature(self.path)
        self._disk_version = schema.SCHEMA_VERSION
        if kept:
            backups.prune_backups(self.path)

    def _keeps_backup(self, changed: dict[str, set[str]] | None) -> bool:
        """Whether this save keeps the file it replaces as a backup.

        Only the newest BACKUPS_KEPT are kept, so frequent saves that leave every record as
        it was must not push out the backups of real records: a change to the settings alone
        (the theme) keeps none, and Study's answers (PROGRESS_TABLES, one save each) keep one
        at most every PROGRESS_BACKUP_EVERY, so a study session's progress is still backed up.
        The first save of an older file's upgrade keeps one whatever it changes.
        """
        if changed is None or self._disk_version not in (None, schema.SCHEMA_VERSION):
            return True
        tables = set(changed) - {schema.SETTINGS_TABLE}
        if not tables:
            return False
        if tables <= schema.PROGRESS_TABLES:
            return not backups.backed_up_within(self.path, backups.PROGRESS_BACKUP_EVERY)
        return True

    def _encode(self, data: schema.Raw, changed: dict[str, set[str]] | None = None) -> bytes:
        """The whole file as compact UTF-8 JSON, reusing the text of unchanged docs.

        With `changed`, a table it does not name keeps its text whole, and a table it names
        has only those docs encoded again (bench.py's save figure at 50,000: looking at every
        doc was a third of a save); else each doc is compared with the one last encoded.
        """
        encode, old, new = self._encode_one, self._texts, {}
        tables = []
        for name, docs in data.items():
            old_table = old.get(name)
            keys = None if changed is None else changed.get(name, set())
            if (
                old_table is not None
                and keys is not None
                and WHOLE_TABLE not in keys
                and len(old_table.texts) + _added(keys, old_table, docs) == len(docs)
            ):
                new_table = _Encoded(dict(old_table.texts), old_table.joined if not keys else None)
                for key in keys:
                    doc = docs.get(key)
                    if doc is None:
                        new_table.texts.pop(key, None)
                    else:
                        new_table.texts[key] = (doc, f'"{key}":{encode(doc)}')
            else:
                texts: dict[str, tuple[dict, str]] = {}
                before = old_table.texts if old_table is not None else {}
                for key, doc in docs.items():
                    hit = before.get(key)
                    # `is`, not ==: a replaced doc is a new object. The entry keeps the doc alive.
                    if hit is None or hit[0] is not doc:
                        hit = (doc, f'"{key}":{encode(doc)}')  # keys are digit strings (schema)
                    texts[key] = hit
                new_table = _Encoded(texts, None)
            if new_table.joined is None:
                new_table.joined = ",".join([hit[1] for hit in new_table.texts.values()])
            new[name] = new_table
            tables.append(f"{encode(name)}:{{{new_table.joined}}}")
        self._texts = new
        return f"{{{','.join(tables)}}}".encode()


class _Encoded:
    """A table's docs as last saved: each doc with its JSON text, and the texts joined."""

    __slots__ = ("texts", "joined")

    def __init__(self, texts: dict[str, tuple[dict, str]], joined: str | None) -> None:
        self.texts, self.joined = texts, joined


def _added(keys: set[str], old_table: _Encoded, docs: dict) -> int:
    """How many docs `keys` adds to the table (minus those it removes), to check the count."""
    return sum((key in docs) - (key in old_table.texts) for key in keys)
