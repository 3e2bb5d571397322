"""Full backup and restore as JSON: the database file itself, checked before it replaces anything."""

from __future__ import annotations

import json
from pathlib import Path

from ..store import Store, StoreDamaged, schema
from ..store.repository import build_models


def export_json(store: Store) -> bytes:
    """The whole database as it is on disk (or an empty one if nothing was saved yet)."""
    try:
        return store.real_path.read_bytes()
    except FileNotFoundError:
        return json.dumps(schema.empty(), ensure_ascii=False).encode("utf-8")


def check_backup(path: Path) -> dict[str, int]:
    """Parse and validate a backup file; returns a count of records per table.

    Raises StoreDamaged with one sentence if the file is not a usable recert-tui database.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise StoreDamaged(Path(path), f"Could not read {path}: {error.strerror}.") from None
    models = build_models(schema.load(raw, Path(path)), Path(path), Path(path).name)
    return {table: len(records) for table, records in models.items()}


def restore_json(store: Store, path: Path) -> Path | None:
    """Replace the database with a checked backup; the current file is kept aside first.

    Returns where the replaced file was kept (None if there was no file yet).
    """
    check_backup(path)
    return store.restore_backup(Path(path))
