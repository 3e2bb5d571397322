"""The JSON file layout: shape checks, schema version and migrations, model <-> doc converters.

Raw layout (what TinyDB keeps): {table name: {doc id as str: doc dict}}. Ids live only in
the keys, never inside docs. Dates are ISO strings ("2025-03-05").
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable

from recert_tui.domain.models import (Activity, ExamAttempt, HeldCredential, PracticeTest, Reenrollment,
                                      StudySession)

from .errors import StoreDamaged, StoreTooNew

if TYPE_CHECKING:
    from pathlib import Path

SCHEMA_VERSION = 2
TABLES: tuple[str, ...] = (
    "credentials", "activities", "exam_attempts", "reenrollments",
    "study_sessions", "practice_tests", "settings", "meta",
)
META_DOC_ID = 1  # meta holds one doc: {"schema_version": N}
SETTINGS_DOC_ID = 1  # settings are one doc of key -> value, so a lookup is one dict access

def _add_study_tables(data: dict) -> dict:
    """Schema 1 -> 2: the study companion's tables, empty."""
    data.setdefault("study_sessions", {})
    data.setdefault("practice_tests", {})
    return data


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _add_study_tables}
"""from-version -> function upgrading the raw dict one step (to from-version + 1)."""

Raw = dict[str, dict[str, dict[str, Any]]]


def empty() -> Raw:
    """The raw dict of a new database (nothing on disk yet)."""
    return {"meta": {str(META_DOC_ID): {"schema_version": SCHEMA_VERSION}}}


def load(raw: bytes, path: str | Path) -> Raw:
    """Parse file bytes, check the shape, upgrade to SCHEMA_VERSION (in memory only).

    Raises StoreDamaged (or StoreTooNew) with a sentence naming the problem.
    """
    return migrate(parse(raw, path), path)


def parse(raw: bytes, path: str | Path) -> Raw:
    """Bytes -> raw dict, or StoreDamaged saying what is wrong."""
    name = os.path.basename(path)  # not Path(path).name: `recert status --json` never imports pathlib
    if not raw.strip():
        raise StoreDamaged(path, f"{name} is empty; it was probably cut short while saving, and it was not changed.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StoreDamaged(path, f"{name} is not a text file, so it is not a recert database; it was not changed.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        # An error at the very end (or an unclosed string) means the file stops mid-way.
        if e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated"):
            reason = f"{name} is cut short (it ends in the middle of the data), so it cannot be read; it was not changed."
        else:
            reason = (f"{name} is not valid JSON ({e.msg} at line {e.lineno}, column {e.colno}), "
                      "so it cannot be read; it was not changed.")
        raise StoreDamaged(path, reason) from None
    problem = shape_problem(data)
    if problem:
        raise StoreDamaged(path, f"{name} is JSON but not a recert database ({problem}); it was not changed.")
    return data


def shape_problem(data: object) -> str | None:
    """Why `data` is not {table: {numeric id: dict}}, or None if it is."""
    if not isinstance(data, dict):
        return f"the top level is {_kind(data)}, not an object of tables"
    for table, docs in data.items():
        if not isinstance(docs, dict):
            return f"table '{table}' is {_kind(docs)}, not an object of records"
        for doc_id, doc in docs.items():
            # TinyDB turns keys into ints; a non-numeric key would crash it later.
            if not (doc_id.isascii() and doc_id.isdigit()):
                return f"table '{table}' has a record id '{doc_id}' that is not a number"
            if not isinstance(doc, dict):
                return f"record {doc_id} in table '{table}' is {_kind(doc)}, not an object"
    return None


def version_of(data: Raw) -> int | None:
    """The stored schema version; a file without meta predates it, so counts as version 1."""
    meta = data.get("meta") or {}
    doc = meta.get(str(META_DOC_ID)) or next(iter(meta.values()), {})
    version = doc.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return None
    return version


def migrate(data: Raw, path: str | Path) -> Raw:
    """Upgrade `data` step by step to SCHEMA_VERSION; the file is rewritten only on the next save."""
    name = os.path.basename(path)
    version = version_of(data)
    if version is None:
        raise StoreDamaged(path, f"{name} has an unreadable schema version, so it cannot be read; it was not changed.")
    if version > SCHEMA_VERSION:
        raise StoreTooNew(path, version, SCHEMA_VERSION)
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreDamaged(path, f"{name} uses schema {version}, which this recert-tui cannot upgrade; it was not changed.")
        data = step(data)
        version += 1
    meta = data.setdefault("meta", {})
    meta.setdefault(str(META_DOC_ID), {})["schema_version"] = SCHEMA_VERSION
    return data


def _kind(value: object) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number",
            bool: "true/false", type(None): "null"}.get(type(value), "an object")


# --- converters -------------------------------------------------------------------------
# The repository runs *_from_doc on every doc it is about to write, so a value that would
# not read back (a datetime for a date, a number for a title) fails before anything is saved.

def _iso(value: object) -> str:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a date, got {value!r}")
    return value.isoformat()


def _day(value: object) -> date:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string, got {value!r}")
    return date.fromisoformat(value)


def _text(doc: dict, key: str, default: str | None = None) -> str:
    value = doc[key] if default is None else doc.get(key, default)
    if not isinstance(value, str):
        raise TypeError(f"'{key}' should be text, got {value!r}")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _optional_number(value: object) -> float | None:
    return None if value is None else _number(value)


def credential_to_doc(c: HeldCredential) -> dict:
    doc = {"code": c.code, "earned_on": _iso(c.earned_on), "number": c.number,
           "recertified_on": [_iso(d) for d in c.recertified_on]}
    if c.routes_used:  # left out when empty: files from before routes were kept read the same
        doc["recertified_by"] = {_iso(day): route for day, route in sorted(c.routes_used.items())}
    return doc


def credential_from_doc(doc: dict, doc_id: int | None = None) -> HeldCredential:
    return HeldCredential(code=_text(doc, "code"), earned_on=_day(doc["earned_on"]),
                          number=_text(doc, "number", ""),
                          recertified_on=tuple(_day(d) for d in doc.get("recertified_on", [])),
                          routes_used=_routes_used(doc.get("recertified_by", {})))


def _routes_used(stored: object) -> dict[date, str]:
    """`recertified_by`: {ISO date: route}, as the route used for each recertification."""
    if not isinstance(stored, dict):
        raise TypeError(f"'recertified_by' should map ISO dates to routes, got {stored!r}")
    routes = {}
    for day, route in stored.items():
        if not isinstance(day, str) or not isinstance(route, str):
            raise TypeError(f"'recertified_by' should map ISO dates to routes, got {day!r}: {route!r}")
        try:
            routes[date.fromisoformat(day)] = route
        except ValueError:
            raise ValueError(f"'recertified_by' should map ISO dates to routes, got the date {day!r}") from None
    return routes


# Fields the stored form leaves out when they hold the model's default (activity_from_doc
# puts the default back), with that default.
_LEFT_OUT_AT_DEFAULT = {name: Activity._field_defaults[name]
                        for name in ("approved", "kind", "college_credits", "provider", "certificate", "notes",
                                       "category", "recurring")}


def activity_to_doc(a: Activity) -> dict:
    """The stored form of an activity: a field left at its default is left out.

    activity_from_doc reads a missing field as its default (as it always has), so files
    with every field written, from earlier versions, read the same. Leaving them out makes
    a heavy user's file a quarter smaller and a fifth quicker to parse.
    """
    doc = {"credential": a.credential, "title": a.title, "completed_on": _iso(a.completed_on), "points": dict(a.points)}
    for name, default in _LEFT_OUT_AT_DEFAULT.items():
        value = getattr(a, name)
        if value != default:
            doc[name] = value
    return doc


_new_tuple = tuple.__new__


def activity_from_doc(doc: dict, doc_id: int | None = None) -> Activity:
    # The hot path of opening a heavy user's file (10,000 of these): checks are inlined and
    # the common case (every text field a str, every point a float) takes one test each.
    points = doc["points"]
    if points.__class__ is not dict:
        raise TypeError(f"'points' should map area names to numbers, got {points!r}")
    all_floats = True
    for key, value in points.items():
        if value.__class__ is not float or key.__class__ is not str:
            all_floats = False
            if not isinstance(key, str) or isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"'points' should map area names to numbers, got {points!r}")
    get = doc.get
    credential, title, day = doc["credential"], doc["title"], doc["completed_on"]
    kind, provider, certificate, notes = get("kind", "ceu"), get("provider", ""), get("certificate", ""), get("notes", "")
    category, recurring = get("category", ""), get("recurring", False)
    if not (credential.__class__ is title.__class__ is kind.__class__ is provider.__class__
            is certificate.__class__ is notes.__class__ is category.__class__ is str):
        for key, value in (("credential", credential), ("title", title), ("kind", kind), ("provider", provider),
                           ("certificate", certificate), ("notes", notes), ("category", category)):
            if value.__class__ is not str:
                raise TypeError(f"'{key}' should be text, got {value!r}")
    if recurring.__class__ is not bool:
        raise TypeError(f"'recurring' should be true or false, got {recurring!r}")
    if day.__class__ is not str:
        raise TypeError(f"expected an ISO date string, got {day!r}")
    credits = get("college_credits")
    if not all_floats:
        points = {key: float(value) for key, value in points.items()}
    # Otherwise the record shares the doc's points dict: neither is ever edited in place
    # (records are immutable; the repository replaces docs whole), and 10,000 copies would
    # cost 2 MB of a heavy user's memory. Built with tuple.__new__, skipping the named tuple's
    # Python-level __new__: every field is given, in Activity's order.
    return _new_tuple(Activity, (credential, title, date.fromisoformat(day), points,
                                 bool(get("approved", True)), kind, None if credits is None else _number(credits),
                                 provider, certificate, notes, doc_id, category, recurring))


def exam_attempt_to_doc(e: ExamAttempt) -> dict:
    return {"exam": e.exam, "on": _iso(e.on), "result": e.result, "score": e.score}


def exam_attempt_from_doc(doc: dict, doc_id: int | None = None) -> ExamAttempt:
    return ExamAttempt(exam=_text(doc, "exam"), on=_day(doc["on"]), result=_text(doc, "result"),
                       score=_optional_number(doc.get("score")), id=doc_id)


def reenrollment_to_doc(r: Reenrollment) -> dict:
    return {"exam": r.exam, "on": _iso(r.on)}


def reenrollment_from_doc(doc: dict, doc_id: int | None = None) -> Reenrollment:
    return Reenrollment(exam=_text(doc, "exam"), on=_day(doc["on"]), id=doc_id)


def study_session_to_doc(s: StudySession) -> dict:
    return {"exam": s.exam, "on": _iso(s.on), "minutes": s.minutes, "category": s.category, "note": s.note}


def study_session_from_doc(doc: dict, doc_id: int | None = None) -> StudySession:
    minutes = doc["minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise ValueError(f"'minutes' should be a whole number, got {minutes!r}")
    return StudySession(exam=_text(doc, "exam"), on=_day(doc["on"]), minutes=minutes,
                        category=_text(doc, "category", "overall"), note=_text(doc, "note", ""), id=doc_id)


def practice_test_to_doc(t: PracticeTest) -> dict:
    return {"exam": t.exam, "on": _iso(t.on), "score": t.score, "category": t.category}


def practice_test_from_doc(doc: dict, doc_id: int | None = None) -> PracticeTest:
    return PracticeTest(exam=_text(doc, "exam"), on=_day(doc["on"]), score=_number(doc["score"]),
                        category=_text(doc, "category", "overall"), id=doc_id)
