"""TinyDB over our storage, for writes. Only a write imports this (and TinyDB with it).

Reading needs none of TinyDB: the storage parses the file and the repository builds its
records from that. TinyDB's import (its query language, tables and utilities) was ~18M
instructions, ~3.5 ms, of every `recert status --json` and every start of the app.
"""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from .atomic import AtomicJSONStorage

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


class _TinyDB(TinyDB):
    table_class = ReplacingTable


def open_tinydb(storage: AtomicJSONStorage) -> TinyDB:
    """A TinyDB working on `storage`, the storage the store has already read from."""
    # TinyDB builds its storage by calling what it is given; this hands it ours.
    return _TinyDB(storage=lambda: storage)
