"""Full backup and restore as JSON: the database file itself, checked before it replaces anything."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from ..domain.rules import CredentialRules
from ..store import Store, StoreDamaged, schema
from ..store.checks import content_problem, records_refused
from ..store.errors import os_reason
from ..store.records import build_models


def export_json(store: Store, *, for_roster: bool = False) -> bytes:
    """The whole database as it is on disk (or an empty one if nothing was saved yet).

    `for_roster` is not built yet (the roster lands with issue 17): it is refused, not ignored.
    """
    if for_roster:
        raise NotImplementedError("export json --for-roster")
    try:
        return store.real_path.read_bytes()
    except FileNotFoundError:
        return json.dumps(schema.empty(), ensure_ascii=False).encode("utf-8")


def check_backup(
    path: Path, rules_by_code: Mapping[str, CredentialRules] | None = None, today: date | None = None
) -> dict[str, int]:
    """Parse and validate a backup file; returns a count of records per table.

    With the rules and today, every record must also pass the checks a form applies (see
    store.checks.records_refused), so a hand-edited file cannot bring in what the app would
    refuse. Every record must then read as the app reads a database, so the restored file
    opens. Raises StoreDamaged with one sentence if the file is not a usable database.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise StoreDamaged(path, f"Could not read {path}: {os_reason(error)}.") from None
    data = schema.load(raw, path)
    # Opening a database looks closely only where a cheap count says to; a restore always looks.
    problem = content_problem(raw.decode("utf-8"), path.name)
    if problem:
        raise StoreDamaged(path, problem)
    if rules_by_code is not None and today is not None:
        refused = next(records_refused(build_models(data, path, path.name, judge=False), rules_by_code, today), None)
        if refused is not None:
            raise StoreDamaged(path, f"{path.name} cannot be restored: {refused}.")
    models = build_models(data, path, path.name)
    return {table: len(records) for table, records in models.items()}


def restore_json(store: Store, path: Path, rules_by_code: Mapping[str, CredentialRules], today: date) -> Path | None:
    """Replace the database with a checked backup; the current file is kept aside first.

    Returns where the replaced file was kept (None if there was no file yet).
    """
    check_backup(path, rules_by_code, today)
    return store.restore_backup(Path(path))
