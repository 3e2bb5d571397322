"""TinyDB over our storage, for writes. Only a write imports this (and TinyDB with it).

Reading needs none of TinyDB: the storage parses the file and the repository builds its
records from that. TinyDB's import (its query language, tables and utilities) was ~18M
instructions, ~3.5 ms, of every `recert status --json` and every start of the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any, cast

from tinydb import TinyDB
from tinydb.table import Document, Table

from .atomic import WHOLE_TABLE, AtomicJSONStorage

__all__ = ["Document", "ReplacingTable", "Table", "open_tinydb"]


class ReplacingTable(Table):
    """A TinyDB table whose docs are replaced, never edited in place.

    The storage reuses each doc's JSON text while the doc object is unchanged, so TinyDB's
    in-place update()/upsert() would save stale text; they are blocked here.
    """

    def replace(self, doc_id: int, doc: dict) -> None:
        """Put `doc` (a new dict) in place of the doc with this id."""
        self._update_table(lambda table: table.__setitem__(doc_id, dict(doc)))

    def update(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("Docs are never edited in place here; use replace().")

    update_multiple = upsert = update

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        """TinyDB's write, on the stored docs themselves rather than on two copies of the table.

        TinyDB copies the whole table into a dict keyed by number, updates that, and copies it
        back keyed by text: at 50,000 activities the copies were half of a save (bench.py's
        save figure at 50,000). Here the updater sees the stored table through `_NumberedDocs`,
        which also tells the storage which docs changed, so only those are encoded again. If
        the updater or the write fails, the repository drops everything in memory (its _save).
        """
        storage = cast(AtomicJSONStorage, self._storage)  # open_tinydb hands TinyDB ours
        tables = storage.read()
        raw = tables.setdefault(self.name, {})
        changed: set[str] = set()
        updater(_NumberedDocs(raw, changed))  # type: ignore[arg-type]  # a dict to TinyDB's updaters
        storage.write(tables, changed={self.name: changed})
        self.clear_cache()


class _NumberedDocs(MutableMapping):
    """A table's stored docs (keyed by their id as text, as the file has them) seen by number,
    as TinyDB's updaters expect; every id set or removed is noted in `changed`."""

    def __init__(self, raw: dict[str, Any], changed: set[str]) -> None:
        self._raw, self._changed = raw, changed

    def __getitem__(self, doc_id: int) -> Any:
        return self._raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        key = str(doc_id)
        self._raw[key] = doc
        self._changed.add(key)

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        del self._raw[key]
        self._changed.add(key)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in list(self._raw))

    def __len__(self) -> int:
        return len(self._raw)

    def clear(self) -> None:
        self._raw.clear()
        self._changed.add(WHOLE_TABLE)


class _TinyDB(TinyDB):
    table_class = ReplacingTable


def open_tinydb(storage: AtomicJSONStorage) -> TinyDB:
    """A TinyDB working on `storage`, the storage the store has already read from."""
    # TinyDB builds its storage by calling what it is given; this hands it ours.
    return _TinyDB(storage=lambda: storage)
