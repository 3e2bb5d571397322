"""Full backup and restore as JSON: the database file itself, checked before it replaces anything."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Mapping

from ..domain.errors import InvalidInput
from ..domain.limits import EARLIEST_DATE
from ..domain.rules import CredentialRules
from ..domain.validate import activity_fields, activity_from_fields
from ..textsafe import visible

from ..store import Store, StoreDamaged, schema
from ..store.repository import build_models


def export_json(store: Store) -> bytes:
    """The whole database as it is on disk (or an empty one if nothing was saved yet)."""
    try:
        return store.real_path.read_bytes()
    except FileNotFoundError:
        return json.dumps(schema.empty(), ensure_ascii=False).encode("utf-8")


def check_backup(path: Path, rules_by_code: Mapping[str, CredentialRules] | None = None,
                 today: date | None = None) -> dict[str, int]:
    """Parse and validate a backup file; returns a count of records per table.

    With the rules and today, every credential and activity must also pass the checks a
    form applies, so a hand-edited file cannot bring in what the app would refuse.
    Raises StoreDamaged with one sentence if the file is not a usable recert-tui database.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise StoreDamaged(Path(path), f"Could not read {path}: {error.strerror}.") from None
    models = build_models(schema.load(raw, Path(path)), Path(path), Path(path).name)
    if rules_by_code is not None and today is not None:
        _check_records(Path(path), models, rules_by_code, today)
    return {table: len(records) for table, records in models.items()}


def _check_records(path: Path, models: dict, rules_by_code: Mapping[str, CredentialRules], today: date) -> None:
    refuse = f"{path.name} cannot be restored:"
    held = set()
    for credential in models["credentials"].values():
        if credential.code not in rules_by_code:
            raise StoreDamaged(path, f"{refuse} credential {visible(credential.code)!r} is not in the rule catalog.")
        if not EARLIEST_DATE <= credential.earned_on <= today:
            raise StoreDamaged(path, f"{refuse} {credential.code} was earned on {credential.earned_on}, which is not a past date.")
        held.add(credential.code)
    for activity in models["activities"].values():
        try:
            activity_from_fields(activity_fields(activity), rules_by_code=rules_by_code, held_codes=held, today=today,
                                 stored=True)
        except InvalidInput as error:
            raise StoreDamaged(path, f"{refuse} activity {activity.id} ({visible(activity.title)}): {error.first_line}.") from None


def restore_json(store: Store, path: Path, rules_by_code: Mapping[str, CredentialRules], today: date) -> Path | None:
    """Replace the database with a checked backup; the current file is kept aside first.

    Returns where the replaced file was kept (None if there was no file yet).
    """
    check_backup(path, rules_by_code, today)
    return store.restore_backup(Path(path))
