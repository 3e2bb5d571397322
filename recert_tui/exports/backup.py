"""Full backup and restore as JSON: the database file itself, checked before it replaces anything.

Also the roster export (`recert export json --for-roster`): the same layout with only what a
roster reads (recert_tui/roster.py), marked so that it is never restored as a backup.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from ..domain.rules import CredentialRules
from ..roster import ROSTER_EXPORT, is_roster_export
from ..session import HOLDER_NAME_SETTING
from ..store import Store, StoreDamaged, schema
from ..store.checks import records_refused
from ..store.errors import os_reason
from ..store.records import build_models

# The tables a roster export keeps, each with the fields its records leave out (None: none).
# A roster shows each person's name, credentials, how their CE counts, and their exam
# attempts: the engine needs the credentials' dates, the activities' dates, points, kinds,
# titles and providers (a title decides whether a repeated course counts twice) and the
# attempts. Left out: the credentials' certificate numbers, the activities' notes and
# certificate references, study sessions, practice tests and the whole study bank, and every
# setting but the person's name.
ROSTER_RECORDS: dict[str, frozenset[str] | None] = {
    "credentials": frozenset({"number"}),
    "activities": frozenset({"notes", "certificate"}),
    "exam_attempts": None,
    "reenrollments": None,
}


def export_json(store: Store, *, for_roster: bool = False) -> bytes:
    """The whole database as it is on disk (or an empty one if nothing was saved yet).

    `for_roster`: only what a roster needs (ROSTER_RECORDS), marked as a roster export, which
    `recert import json` refuses: it is not a backup.
    """
    try:
        raw = store.real_path.read_bytes()
    except FileNotFoundError:
        raw = None
    if not for_roster:
        return raw if raw is not None else json.dumps(schema.empty(), ensure_ascii=False).encode("utf-8")
    data = schema.load(raw, store.real_path) if raw is not None else schema.empty()
    # Indented: a person can read what they hand over before they do.
    return (json.dumps(roster_data(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def roster_data(data: schema.Raw) -> schema.Raw:
    """A parsed database reduced to what a roster reads (ROSTER_RECORDS), marked as such."""
    kept: schema.Raw = {}
    for table, left_out in ROSTER_RECORDS.items():
        docs = data.get(table, {})
        kept[table] = {
            key: doc if not left_out else {field: value for field, value in doc.items() if field not in left_out}
            for key, doc in docs.items()
        }
    settings = data.get("settings", {}).get(str(schema.SETTINGS_DOC_ID), {})
    name = settings.get(HOLDER_NAME_SETTING)
    if isinstance(name, str) and name.strip():
        kept["settings"] = {str(schema.SETTINGS_DOC_ID): {HOLDER_NAME_SETTING: name}}
    kept["meta"] = {str(schema.META_DOC_ID): {"schema_version": schema.SCHEMA_VERSION, "export": ROSTER_EXPORT}}
    return kept


def check_backup(
    path: Path, rules_by_code: Mapping[str, CredentialRules] | None = None, today: date | None = None
) -> dict[str, int]:
    """Parse and validate a backup file; returns a count of records per table.

    With the rules and today, every record must also pass the checks a form applies (see
    store.checks.records_refused), so a hand-edited file cannot bring in what the app would
    refuse. Every record must then read as the app reads a database, so the restored file
    opens. Raises StoreDamaged with one sentence if the file is not a usable database, and,
    checked for a restore (with the rules), if it is a roster export.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise StoreDamaged(path, f"Could not read {path}: {os_reason(error)}.") from None
    data = schema.load(raw, path, thorough=True)  # a restore always looks closely, in the one parse
    if rules_by_code is not None and is_roster_export(data):  # a restore's check
        raise StoreDamaged(
            path,
            f"{path.name} is a roster export (`recert export json --for-roster`), not a backup: it leaves out "
            "notes, certificate references and the study bank, so it cannot replace your records. "
            "Restore a full backup (`recert export json`) instead.",
        )
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
