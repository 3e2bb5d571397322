"""The records of a parsed database file as models, table by table.

A bad record raises StoreDamaged naming it; `find_backup`, when given, is asked for the
newest good backup to offer (backups.newest_good_backup), so that this module does not
import the backups, which read their candidates with it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..domain.models import Profile
from ..textsafe import visible
from . import schema
from .errors import StoreDamaged

if TYPE_CHECKING:  # pathlib is not imported by reading commands (docs/speed.md)
    from pathlib import Path

BackupFinder = Callable[[str | os.PathLike[str]], "Path | None"]

# table -> (model to doc, doc to model, what the user calls one record)
_RECORDS: dict[str, tuple[Callable, Callable, str]] = {
    "credentials": (schema.credential_to_doc, schema.credential_from_doc, "credential"),
    "activities": (schema.activity_to_doc, schema.activity_from_doc, "activity"),
    "exam_attempts": (schema.exam_attempt_to_doc, schema.exam_attempt_from_doc, "exam attempt"),
    "reenrollments": (schema.reenrollment_to_doc, schema.reenrollment_from_doc, "re-enrollment"),
    "study_sessions": (schema.study_session_to_doc, schema.study_session_from_doc, "study session"),
    "practice_tests": (schema.practice_test_to_doc, schema.practice_test_from_doc, "practice test"),
}
# The study bank's tables: built on first access (see Store._bank_table), never at open, so
# the dashboard and `recert status` do not pay for 10,000 questions and 100,000 reviews.
_BANK_RECORDS: dict[str, tuple[Callable, Callable, str]] = {
    "questions": (schema.question_to_doc, schema.question_from_doc, "question"),
    "flashcards": (schema.flashcard_to_doc, schema.flashcard_from_doc, "flashcard"),
    "card_states": (schema.card_state_to_doc, schema.card_state_from_doc, "card state"),
    "reviews": (schema.review_to_doc, schema.review_from_doc, "review"),
    "mock_exams": (schema.mock_exam_to_doc, schema.mock_exam_from_doc, "mock exam"),
}
_ALL_RECORDS = {**_RECORDS, **_BANK_RECORDS}


def build_models(
    raw: dict[str, Any],
    real_path: str | os.PathLike[str],
    name: str,
    *,
    find_backup: BackupFinder | None = None,
    judge: bool = True,
) -> dict[str, dict[int, Any]]:
    """Every record of a parsed file as a model, by table and id; StoreDamaged names a bad one.

    A record the forms would refuse (schema.RecordRefused) is damage like any other: the
    file is not opened, so nothing in it is counted or written back. judge=False reads
    such records as they are (see schema._judged).
    """
    return {table: build_table(raw, table, real_path, name, find_backup=find_backup, judge=judge) for table in _RECORDS}


def build_table(
    raw: dict[str, Any],
    table: str,
    real_path: str | os.PathLike[str],
    name: str,
    *,
    find_backup: BackupFinder | None = None,
    judge: bool = True,
) -> dict[int, Any]:
    """One table's records as models, by id; StoreDamaged names a bad one (see build_models)."""
    _, from_doc, label = _ALL_RECORDS[table]
    built = {}
    docs = raw.get(table, {})
    for key, doc in docs.items():
        try:
            doc_id = int(key)
            built[doc_id] = from_doc(doc, doc_id, judge)
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as e:
            if isinstance(e, schema.RecordRefused):
                reason = f"In {name}, {label} {key}{_known_as(doc)} holds a value the app would refuse ({e})"
            elif len(key) > 4000:  # more digits than Python reads as a number
                reason = f"In {name}, {label} record {_short(key)} has an id {len(key):,} digits long"
            else:
                detail = f"missing '{e.args[0]}'" if isinstance(e, KeyError) else _short(str(e), 160)
                reason = f"In {name}, {label} record {_short(key)} cannot be read ({detail})"
            raise StoreDamaged(
                real_path, f"{reason}; the file was not changed.", find_backup(real_path) if find_backup else None
            ) from None
    if len(built) < len(docs):  # "1" and "01": one id written two ways; TinyDB would keep one
        first: dict[int, str] = {}
        for key in docs:
            other = first.setdefault(int(key), key)
            if other != key:
                raise StoreDamaged(
                    real_path,
                    f"In {name}, {label} records {other} and {key} have the same id; the file was not changed.",
                    find_backup(real_path) if find_backup else None,
                )
    return built


def _known_as(doc: dict) -> str:
    """' (Vitals)': how the user knows a record, beside its id (a title, a credential's code)."""
    known = doc.get("title", doc.get("code"))
    return f" ({visible(_short(known))})" if isinstance(known, str) and known.strip() else ""


def _short(text: str, limit: int = 60) -> str:
    """Text cut for a message: a 5,000-digit id, or Python's words quoting a whole record."""
    return text if len(text) <= limit else f"{text[: limit - 12]}... (cut)"


def profile_of(models: dict[str, dict[int, Any]], settings: dict[str, object] | None) -> Profile:
    """A parsed file's records (build_models) as the engine takes them, each table in id order."""
    return Profile(
        credentials=_in_id_order(models["credentials"]),
        activities=_in_id_order(models["activities"]),
        exam_attempts=_in_id_order(models["exam_attempts"]),
        reenrollments=_in_id_order(models["reenrollments"]),
        study_sessions=_in_id_order(models["study_sessions"]),
        practice_tests=_in_id_order(models["practice_tests"]),
        settings=settings,
    )


def _in_id_order(models: dict[int, Any]) -> tuple:
    return tuple(models[k] for k in sorted(models))
