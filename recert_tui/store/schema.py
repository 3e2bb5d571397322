"""The JSON file layout: shape checks, schema version and migrations, model <-> doc converters.

Raw layout (what TinyDB keeps): {table name: {doc id as str: doc dict}}. Ids live only in
the keys, never inside docs. Dates are ISO strings ("2025-03-05").
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from recert_tui.domain import bank
from recert_tui.domain.bank import CardState, Flashcard, MockAnswer, MockExam, Question, Review
from recert_tui.domain.limits import (
    EARLIEST_DATE,
    FAST_MAX_CREDITS,
    FAST_MAX_FIELD_TEXT,
    FAST_MAX_MINUTES,
    FAST_MAX_NOTES,
    FAST_MAX_PERCENT,
    FAST_MAX_POINTS,
    FAST_MAX_SCORE,
    FAST_MAX_SHORT_TEXT,
    FAST_MAX_TITLE,
    FAST_ROUTES,
    LATEST_DATE,
)
from recert_tui.domain.models import (
    ACTIVITY_KINDS,
    AREAS,
    EXAM_RESULTS,
    Activity,
    ExamAttempt,
    HeldCredential,
    PracticeTest,
    Reenrollment,
    StudySession,
)

from .errors import StoreDamaged, StoreTooNew

if TYPE_CHECKING:
    from pathlib import Path

SCHEMA_VERSION = 2
# The study bank's tables came without a new version: a file that has them still opens in a
# recert-tui from before them, which leaves tables it does not know as they are. They are
# made at the first save into them; a change to their records' shape would take a version.
BANK_TABLES: tuple[str, ...] = ("questions", "flashcards", "card_states", "reviews", "mock_exams")
SETTINGS_TABLE = "settings"
# What each answer in Study saves (the item's schedule and the answer itself): many saves a
# session, so they keep a backup less often than records do (see AtomicJSONStorage.write).
PROGRESS_TABLES: frozenset[str] = frozenset({"card_states", "reviews"})
TABLES: tuple[str, ...] = (
    "credentials",
    "activities",
    "exam_attempts",
    "reenrollments",
    "study_sessions",
    "practice_tests",
    *BANK_TABLES,
    SETTINGS_TABLE,
    "meta",
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


def load(raw: bytes, path: str | Path, *, thorough: bool = False) -> Raw:
    """Parse file bytes, check the shape, upgrade to SCHEMA_VERSION (in memory only).

    Raises StoreDamaged (or StoreTooNew) with a sentence naming the problem. `thorough`: as parse.
    """
    return migrate(parse(raw, path, thorough=thorough), path)


def parse(raw: bytes, path: str | Path, *, thorough: bool = False) -> Raw:
    """Bytes -> raw dict, or StoreDamaged saying what is wrong.

    `thorough` (doctor, a restore): look at what json.loads hides in the same parse
    (checks.content_problem), rather than only where a cheap count says to.
    """
    name = os.path.basename(path)  # not Path(path).name: `recert status --json` never imports pathlib
    if not raw.strip():
        raise StoreDamaged(path, f"{name} is empty; it was probably cut short while saving, and it was not changed.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # JSON with a few bytes that are not UTF-8 (a hand edit in another encoding): name the record.
        from .checks import content_problem

        raise StoreDamaged(
            path,
            content_problem(raw.decode("utf-8", "surrogateescape"), name)
            or f"{name} is not a text file, so it is not a recert database; it was not changed.",
        ) from None
    if thorough:
        from .checks import thorough_parse

        checked, problem = thorough_parse(text, name)
        if problem:
            raise StoreDamaged(path, problem)
        if checked is not None:
            _check_shape(checked, path, name)
            return checked
        # Not JSON at all: the plain parse below names where it goes wrong.
    constants: list[str] = []  # NaN, Infinity, -Infinity: not JSON, though json.loads reads them

    def noted_constant(word: str) -> float:
        constants.append(word)
        return float(word)

    try:
        data = json.loads(text, parse_constant=noted_constant)
    except json.JSONDecodeError as e:
        # An error at the very end (or an unclosed string) means the file stops mid-way.
        if e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated"):
            reason = (
                f"{name} is cut short (it ends in the middle of the data), so it cannot be read; it was not changed."
            )
        else:
            reason = (
                f"{name} is not valid JSON ({e.msg} at line {e.lineno}, column {e.colno}), "
                "so it cannot be read; it was not changed."
            )
        raise StoreDamaged(path, reason) from None
    except (RecursionError, ValueError):  # nested too deep; a number longer than Python reads
        from .checks import content_problem

        raise StoreDamaged(
            path, content_problem(text, name) or f"{name} holds a value too large to read; it was not changed."
        ) from None
    _check_shape(data, path, name)
    if constants or not _looks_plain(text, data):
        from .checks import content_problem

        problem = content_problem(text, name)
        if problem:
            raise StoreDamaged(path, problem)
    return data


def _check_shape(data: Raw, path: str | Path, name: str) -> None:
    problem = shape_problem(data)
    if problem:
        raise StoreDamaged(path, f"{name} is JSON but not a recert database ({problem}); it was not changed.")


def _looks_plain(text: str, data: Raw) -> bool:
    """Whether the text holds exactly the objects the data does, and no lone surrogate.

    Cheap (one count over the text: ~9M instructions, ~1 ms, for 10,000 activities), and it
    sees what json.loads hides: a record written twice loses an object, and so does any key
    written twice whose value is one. A brace inside text also misses the count; then
    checks.content_problem looks properly, which costs a second parse.
    """
    objects = 1 + len(data)  # the file and its tables
    for table, docs in data.items():
        if table == "activities":
            objects += 2 * len(docs)  # each record and its points (a record without is refused when read)
        elif table in _FLAT_TABLES:
            objects += len(docs)  # one object each; a nested one makes the count miss, and is looked at properly
        else:
            found = _objects(docs)
            if found is None:
                return False
            objects += found
    # An escaped surrogate (\ud800 to \udfff) may be half a pair: text no form accepts. A
    # backslash is rare, and looking for one is nearly free (memchr).
    if "\\" in text and ("\\ud" in text or "\\uD" in text):
        return False
    return text.count("{") == objects


_FLAT_TABLES = frozenset({"questions", "flashcards", "card_states", "reviews"})  # no object inside a record


def _objects(docs: dict) -> int | None:
    """The objects in a table's records (each record one), or None if any is nested unusually deep."""
    objects = 0
    stack = [(doc, 1) for doc in docs.values()]
    while stack:
        value, depth = stack.pop()
        if depth > 4:
            return None
        if value.__class__ is dict:
            objects += 1
            stack.extend((child, depth + 1) for child in value.values())
        elif value.__class__ is list:
            stack.extend((child, depth + 1) for child in value)
    return objects


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
            raise StoreDamaged(
                path, f"{name} uses schema {version}, which this recert-tui cannot upgrade; it was not changed."
            )
        data = step(data)
        version += 1
    meta = data.setdefault("meta", {})
    meta.setdefault(str(META_DOC_ID), {})["schema_version"] = SCHEMA_VERSION
    return data


def _kind(value: object) -> str:
    return {
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), "an object")


# --- converters -------------------------------------------------------------------------
# The repository runs *_from_doc on every doc it is about to write, so a value that would
# not read back (a datetime for a date, a number for a title) fails before anything is saved.
#
# Reading, each converter also holds the record to what the forms accept, without the rule
# catalog or today (those checks are `recert import json`'s): the common case is tested
# against domain/limits.py's bounds, the forms' own or tighter, in a few comparisons; a
# record outside them goes to checks.py, where the forms' validators decide and say why.
# A record they refuse raises RecordRefused, and the file is not opened.


class RecordRefused(ValueError):
    """A stored record a form would refuse; the message names the field and why."""


def _judged(problem_of: str, doc: dict, judge: bool) -> None:
    """The slow path: raise RecordRefused if the forms refuse `doc` (see checks.py).

    judge=False reads the record as it is, for `recert import json`, which first says what
    the forms refuse with the rules and today (exports/backup.py), then reads it again.
    """
    if not judge:
        return
    from . import checks

    problem = getattr(checks, problem_of)(doc)
    if problem:
        raise RecordRefused(problem)


_AREAS = frozenset(AREAS)
_KINDS = frozenset(ACTIVITY_KINDS)
_RESULTS = frozenset(EXAM_RESULTS)
_ROUTES = frozenset(FAST_ROUTES)


def _iso(value: object) -> str:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a date, got {value!r}")
    return value.isoformat()


def _day(value: object) -> date:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string, got {value!r}")
    return date.fromisoformat(value)


def _usual_day(text: object) -> bool:
    """Whether a stored date is YYYY-MM-DD within EARLIEST_DATE..LATEST_DATE (not: checks says why)."""
    if text.__class__ is not str:
        raise TypeError(f"expected an ISO date string, got {text!r}")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return False
    return EARLIEST_DATE <= day <= LATEST_DATE and text[7] == "-"  # 20250305 and 2025-W10-1 are dates too


_usual_points: set[float] = set()  # amounts already found usual: a file repeats a few dozen of them


def _points_are_usual(value: float) -> bool:
    """0 < value <= FAST_MAX_POINTS with at most two decimals (round() is slow: remembered)."""
    if 0.0 < value <= FAST_MAX_POINTS and round(value, 2) == value:  # NaN fails every comparison
        if len(_usual_points) < 12_000:  # two-decimal amounts up to 120: the set stays small
            _usual_points.add(value)
        return True
    return False


def _usual_number(value: object, high: float, *, zero: bool = False) -> bool:
    """0 < value <= high (0 <= value with `zero`), at most two decimals; a bool or text is a TypeError."""
    if value.__class__ is not float and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise TypeError(f"expected a number, got {value!r}")
    return (value >= 0.0 if zero else value > 0.0) and value <= high and round(value, 2) == value


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
    doc: dict[str, Any] = {
        "code": c.code,
        "earned_on": _iso(c.earned_on),
        "number": c.number,
        "recertified_on": [_iso(d) for d in c.recertified_on],
    }
    if c.routes_used:  # left out when empty: files from before routes were kept read the same
        doc["recertified_by"] = {_iso(day): route for day, route in sorted(c.routes_used.items())}
    return doc


def credential_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> HeldCredential:
    recertified = doc.get("recertified_on", [])
    if recertified.__class__ is not list:
        raise TypeError(f"'recertified_on' should be a list of ISO dates, got {recertified!r}")
    credential = HeldCredential(
        code=_text(doc, "code"),
        earned_on=_day(doc["earned_on"]),
        number=_text(doc, "number", ""),
        recertified_on=tuple(_day(d) for d in recertified),
        routes_used=_routes_used(doc.get("recertified_by", {})),
    )
    anchors = credential.cycle_anchors  # each later than the one before: no form stores them otherwise
    if not (
        _usual_day(doc["earned_on"])
        and all(_usual_day(d) for d in recertified)
        and all(a < b for a, b in zip(anchors, anchors[1:], strict=False))  # each with the next
        and len(credential.number) <= FAST_MAX_SHORT_TEXT
        and credential.routes_used.keys() <= set(credential.recertified_on)
        and all(route in _ROUTES for route in credential.routes_used.values())
    ):
        _judged("credential_problem", doc, judge)
    return credential


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
_LEFT_OUT_AT_DEFAULT = {
    name: Activity._field_defaults[name]
    for name in ("approved", "kind", "college_credits", "provider", "certificate", "notes", "category", "recurring")
}


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


def activity_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> Activity:
    # The hot path of opening a heavy user's file (10,000 of these): checks are inlined and
    # the common case (every text field a str, every point a float in range) takes a few
    # tests each; anything else is judged by the forms' validators (see _judged).
    points = doc["points"]
    if points.__class__ is not dict:
        raise TypeError(f"'points' should map area names to numbers, got {points!r}")
    all_floats = usual = True
    for key, value in points.items():
        if value.__class__ is not float or key.__class__ is not str:
            all_floats = False
            if not isinstance(key, str) or isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"'points' should map area names to numbers, got {points!r}")
        if key not in _AREAS or value not in _usual_points and not _points_are_usual(value):
            usual = False
    get = doc.get
    credential, title, day = doc["credential"], doc["title"], doc["completed_on"]
    kind, provider, certificate, notes = (
        get("kind", "ceu"),
        get("provider", ""),
        get("certificate", ""),
        get("notes", ""),
    )
    category, recurring, approved = get("category", ""), get("recurring", False), get("approved", True)
    if not (
        credential.__class__
        is title.__class__
        is kind.__class__
        is provider.__class__
        is certificate.__class__
        is notes.__class__
        is category.__class__
        is str
    ):
        for key, value in (
            ("credential", credential),
            ("title", title),
            ("kind", kind),
            ("provider", provider),
            ("certificate", certificate),
            ("notes", notes),
            ("category", category),
        ):
            if value.__class__ is not str:
                raise TypeError(f"'{key}' should be text, got {value!r}")
    if recurring.__class__ is not bool or approved.__class__ is not bool:
        key, value = ("recurring", recurring) if recurring.__class__ is not bool else ("approved", approved)
        raise TypeError(f"'{key}' should be true or false, got {value!r}")
    if day.__class__ is not str:
        raise TypeError(f"expected an ISO date string, got {day!r}")
    credits = get("college_credits")
    completed_on = date.fromisoformat(day)  # not a date at all: the record cannot be read
    if not (
        usual
        and (len(points) == 1 or points and sum(points.values()) <= FAST_MAX_POINTS)
        and EARLIEST_DATE <= completed_on <= LATEST_DATE
        and day[7] == "-"
        and kind in _KINDS
        and len(title) <= FAST_MAX_TITLE
        and title
        and not title.isspace()
        and len(provider) + len(certificate) <= FAST_MAX_FIELD_TEXT
        and len(notes) <= FAST_MAX_NOTES
        and (credits is None if kind != "college" else credits is not None and _usual_number(credits, FAST_MAX_CREDITS))
    ):
        if credits is not None:
            _number(credits)  # a wrong type is a TypeError, as for any other field
        _judged("activity_problem", doc, judge)
    if not all_floats:
        points = {key: float(value) for key, value in points.items()}
    # Otherwise the record shares the doc's points dict: neither is ever edited in place
    # (records are immutable; the repository replaces docs whole), and 10,000 copies would
    # cost 2 MB of a heavy user's memory. Built with tuple.__new__, skipping the named tuple's
    # Python-level __new__: every field is given, in Activity's order.
    return _new_tuple(
        Activity,
        (
            credential,
            title,
            completed_on,
            points,
            approved,
            kind,
            None if credits is None else _number(credits),
            provider,
            certificate,
            notes,
            doc_id,
            category,
            recurring,
        ),
    )


def exam_attempt_to_doc(e: ExamAttempt) -> dict:
    return {"exam": e.exam, "on": _iso(e.on), "result": e.result, "score": e.score}


def exam_attempt_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> ExamAttempt:
    attempt = ExamAttempt(
        exam=_text(doc, "exam"),
        on=_day(doc["on"]),
        result=_text(doc, "result"),
        score=_optional_number(doc.get("score")),
        id=doc_id,
    )
    score = doc.get("score")
    if not (
        _usual_day(doc["on"])
        and attempt.result in _RESULTS
        and (score is None or attempt.result != "scheduled" and _usual_number(score, FAST_MAX_SCORE, zero=True))
    ):
        _judged("exam_attempt_problem", doc, judge)
    return attempt


def reenrollment_to_doc(r: Reenrollment) -> dict:
    return {"exam": r.exam, "on": _iso(r.on)}


def reenrollment_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> Reenrollment:
    reenrollment = Reenrollment(exam=_text(doc, "exam"), on=_day(doc["on"]), id=doc_id)
    if not _usual_day(doc["on"]):
        _judged("reenrollment_problem", doc, judge)
    return reenrollment


def study_session_to_doc(s: StudySession) -> dict:
    return {"exam": s.exam, "on": _iso(s.on), "minutes": s.minutes, "category": s.category, "note": s.note}


def study_session_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> StudySession:
    minutes = doc["minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise ValueError(f"'minutes' should be a whole number, got {minutes!r}")
    session = StudySession(
        exam=_text(doc, "exam"),
        on=_day(doc["on"]),
        minutes=minutes,
        category=_text(doc, "category", "overall"),
        note=_text(doc, "note", ""),
        id=doc_id,
    )
    if not (_usual_day(doc["on"]) and 0 < minutes <= FAST_MAX_MINUTES and len(session.note) <= FAST_MAX_NOTES):
        _judged("study_session_problem", doc, judge)
    return session


def practice_test_to_doc(t: PracticeTest) -> dict:
    return {"exam": t.exam, "on": _iso(t.on), "score": t.score, "category": t.category}


def practice_test_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> PracticeTest:
    score = doc["score"]
    if not (_usual_day(doc["on"]) and _usual_number(score, FAST_MAX_PERCENT, zero=True)):
        _judged("practice_test_problem", doc, judge)
    return PracticeTest(
        exam=_text(doc, "exam"),
        on=_day(doc["on"]),
        score=_number(score),
        category=_text(doc, "category", "overall"),
        id=doc_id,
    )


# --- the study bank -------------------------------------------------------------------------
# Moments are aware datetimes stored as ISO text in UTC ("2026-11-23T14:05:00+00:00"). An
# item's key is its content hash, worked out again on reading, so it is never stored.


def _moment_text(value: object) -> str:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise TypeError(f"expected a date and time with its time zone, got {value!r}")
    return value.astimezone(UTC).isoformat()


def _moment(value: object) -> datetime:
    if value.__class__ is not str:
        raise TypeError(f"expected an ISO date and time, got {value!r}")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return moment


def _optional_moment(value: object) -> datetime | None:
    return None if value is None else _moment(value)


def _whole(doc: dict, key: str, default: object = ...) -> int:
    value = doc[key] if default is ... else doc.get(key, default)
    if value.__class__ is not int:
        raise TypeError(f"'{key}' should be a whole number, got {value!r}")
    return value


def _texts_ok(*pairs: tuple[str, int]) -> bool:
    """Each text is non-blank and within its limit."""
    return all(text and not text.isspace() and len(text) <= limit for text, limit in pairs)


def question_to_doc(q: Question) -> dict:
    return {
        "exam": q.exam,
        "category": q.category,
        "stem": q.stem,
        "choices": list(q.choices),
        "answer": q.answer,
        "explanation": q.explanation,
        "source": q.source,
        "key": q.key,
    }


def question_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> Question:
    choices = doc["choices"]
    if choices.__class__ is not list or not all(choice.__class__ is str for choice in choices):
        raise TypeError(f"'choices' should be a list of texts, got {choices!r}")
    question = Question(
        _text(doc, "exam"),
        _text(doc, "category"),
        _text(doc, "stem"),
        tuple(choices),
        _whole(doc, "answer"),
        _text(doc, "explanation"),
        _text(doc, "source"),
        doc_id,
    )
    if not (
        bank.MIN_CHOICES <= len(choices) <= bank.MAX_CHOICES
        and 0 <= question.answer < len(choices)
        and _texts_ok(
            (question.stem, bank.MAX_STEM),
            (question.explanation, bank.MAX_EXPLANATION),
            (question.source, bank.MAX_SOURCE),
            *((choice, bank.MAX_CHOICE) for choice in choices),
        )
    ):
        _judged("question_problem", doc, judge)
    return question


def flashcard_to_doc(f: Flashcard) -> dict:
    return {"exam": f.exam, "category": f.category, "front": f.front, "back": f.back, "key": f.key}


def flashcard_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> Flashcard:
    card = Flashcard(_text(doc, "exam"), _text(doc, "category"), _text(doc, "front"), _text(doc, "back"), doc_id)
    if not _texts_ok((card.front, bank.MAX_CARD_SIDE), (card.back, bank.MAX_CARD_SIDE)):
        _judged("flashcard_problem", doc, judge)
    return card


def card_state_to_doc(s: CardState) -> dict:
    return {
        "item": s.item_key,
        "exam": s.exam,
        "due": _moment_text(s.due),
        "stability": s.stability,
        "difficulty": s.difficulty,
        "state": s.state,
        "step": s.step,
        "last_review": None if s.last_review is None else _moment_text(s.last_review),
    }


def card_state_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> CardState:
    # Study's hot path (8,000 card states read when it opens: study_bench's open_study figure,
    # 88 -> 67 ms): a card state as the app writes it is read with the checks inlined; any
    # other is read by the general path below, which names what is wrong.
    get = doc.get
    item, exam, due, state = get("item"), get("exam"), get("due"), get("state")
    stability, difficulty, step, last = get("stability"), get("difficulty"), get("step"), get("last_review")
    if (
        item.__class__ is exam.__class__ is due.__class__ is str
        and stability.__class__ is difficulty.__class__ is float
        and state.__class__ is int
        and (step is None or (step.__class__ is int and step >= 0))
        and last.__class__ is str
        and item
        and state in bank.CARD_STATES
        and stability >= 0
        and difficulty >= 0
    ):
        due_at, last_at = datetime.fromisoformat(due), datetime.fromisoformat(last)
        if due_at.tzinfo is not None and last_at.tzinfo is not None:
            return CardState(item, exam, due_at, stability, difficulty, state, step, last_at, doc_id)
    return _card_state_checked(doc, doc_id, judge)


def _card_state_checked(doc: dict, doc_id: int | None, judge: bool) -> CardState:
    step = doc.get("step")
    if step is not None and step.__class__ is not int:
        raise TypeError(f"'step' should be a whole number, got {step!r}")
    state = CardState(
        _text(doc, "item"),
        _text(doc, "exam"),
        _moment(doc["due"]),
        _optional_number(doc.get("stability")),
        _optional_number(doc.get("difficulty")),
        _whole(doc, "state"),
        step,
        _optional_moment(doc.get("last_review")),
        doc_id,
    )
    if not (
        state.state in bank.CARD_STATES
        and (step is None or step >= 0)
        and state.item_key
        and all(value is None or value >= 0 for value in (state.stability, state.difficulty))
    ):
        _judged("card_state_problem", doc, judge)
    return state


def review_to_doc(r: Review) -> dict:
    doc: dict[str, object] = {
        "item": r.item_key,
        "exam": r.exam,
        "category": r.category,
        "at": _moment_text(r.at),
        "kind": r.kind,
    }
    if r.rating is not None:
        doc["rating"] = r.rating
    if r.correct is not None:
        doc["correct"] = r.correct
    if r.first:
        doc["first"] = True
    return doc


def review_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> Review:
    rating, correct, first = doc.get("rating"), doc.get("correct"), doc.get("first", False)
    if first.__class__ is not bool:
        raise TypeError(f"'first' should be true or false, got {first!r}")
    if rating is not None and rating.__class__ is not int:
        raise TypeError(f"'rating' should be a whole number, got {rating!r}")
    if correct is not None and correct.__class__ is not bool:
        raise TypeError(f"'correct' should be true or false, got {correct!r}")
    review = Review(
        _text(doc, "item"),
        _text(doc, "exam"),
        _text(doc, "category"),
        _moment(doc["at"]),
        _text(doc, "kind"),
        rating,
        correct,
        doc_id,
        first,
    )
    if not (
        review.kind in bank.REVIEW_KINDS
        and (rating is None or rating in bank.RATINGS)
        and review.item_key
        and (rating is not None or correct is not None)
    ):
        _judged("review_problem", doc, judge)
    return review


def mock_exam_to_doc(m: MockExam) -> dict:
    return {
        "exam": m.exam,
        "finished_at": _moment_text(m.finished_at),
        "seconds_allowed": m.seconds_allowed,
        "seconds_used": m.seconds_used,
        "pass_mark": m.pass_mark,
        "answers": [
            {
                "question": a.question_key,
                "category": a.category,
                "chosen": a.chosen,
                "correct": a.correct,
                "flagged": a.flagged,
            }
            for a in m.answers
        ],
    }


def mock_exam_from_doc(doc: dict, doc_id: int | None = None, judge: bool = True) -> MockExam:
    answers = doc["answers"]
    if answers.__class__ is not list or not all(answer.__class__ is dict for answer in answers):
        raise TypeError(f"'answers' should be a list of answers, got {answers!r}")
    built = []
    for answer in answers:
        chosen, correct, flagged = answer.get("chosen"), answer["correct"], answer.get("flagged", False)
        if chosen is not None and chosen.__class__ is not int:
            raise TypeError(f"an answer's 'chosen' should be a choice's index, got {chosen!r}")
        if correct.__class__ is not bool or flagged.__class__ is not bool:
            raise TypeError(f"an answer's 'correct' and 'flagged' should be true or false, got {answer!r}")
        built.append(MockAnswer(_text(answer, "question"), _text(answer, "category"), chosen, correct, flagged))
    mock = MockExam(
        _text(doc, "exam"),
        _moment(doc["finished_at"]),
        _whole(doc, "seconds_allowed"),
        _whole(doc, "seconds_used"),
        tuple(built),
        _number(doc["pass_mark"]),
        doc_id,
    )
    if not (
        mock.seconds_allowed > 0
        and mock.seconds_used >= 0
        and 0 < mock.pass_mark <= 100
        and answers
        and all(a.chosen is None or 0 <= a.chosen < bank.MAX_CHOICES for a in built)
    ):
        _judged("mock_exam_problem", doc, judge)
    return mock
