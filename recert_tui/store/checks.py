"""The forms' own checks, asked of records read from a file: the store's slow path.

schema.py reads every record against bounds that are the forms' own or tighter
(domain/limits.py); a record outside them comes here, where the forms' validators
(domain/validate.py) decide, with the words a form would use. A stored record is judged
without the rule catalog and without today: what no credential's rules and no date would
accept. So a file opens the same whatever --today says, and the records of a credential
whose rule file is gone still read. `recert import json` adds the checks that need both
(records_refused, used by exports/backup.py).

Also here: what the JSON text itself hides from json.loads (a key written twice, NaN,
nesting too deep, a number too long to read, text that is not valid UTF-8 text), found by
content_problem and named by the record it is in. Nothing here runs when a file is sound.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from ..domain.errors import InvalidInput
from ..domain.limits import EARLIEST_DATE, LATEST_DATE
from ..domain.models import ACTIVITY_KINDS, AREAS, EXAM_RESULTS, HeldCredential
from ..textsafe import holds_surrogate

MAX_DEPTH = 20  # a recert file is five levels deep; settings may nest a little more
LONGEST_NUMBER = 4000  # digits; Python refuses to read more than 4,300

# table -> what a person calls one of its records
RECORD_WORDS = {
    "credentials": "credential",
    "activities": "activity",
    "exam_attempts": "exam attempt",
    "reenrollments": "re-enrollment",
    "study_sessions": "study session",
    "practice_tests": "practice test",
    "questions": "question",
    "flashcards": "flashcard",
    "card_states": "card state",
    "reviews": "review",
    "mock_exams": "mock exam",
}
# A form's field names, as the stored record calls them.
ACTIVITY_NAMES = {"date": "completed_on", "area": "points", "split": "points"}
CREDENTIAL_NAMES = {"earned": "earned_on", "on": "recertified_on", "route": "recertified_by"}
EXAM_NAMES = {"date": "on", "percent": "score"}  # attempts, study sessions, practice tests


def _validate():
    from ..domain import validate  # only an unusual record gets here: reading never needs it

    return validate


def record_name(table: str, key: str) -> str:
    """'activity record 3', or 'record 1 in table 'settings'' for tables without records."""
    word = RECORD_WORDS.get(table)
    return f"{word} record {short(key)}" if word else f"record {short(key)} in table '{short(table)}'"


def short(value: object, limit: int = 40) -> str:
    """A value as a message shows it: a 400-digit number or a page of text is cut."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 12]}... ({len(text):,} characters)"


def _shortened(message: str, *values: object) -> str:
    for value in values:
        text = value if isinstance(value, str) else repr(value)
        if len(text) > 40:
            message = message.replace(text, short(text))
    return message


def _number_text(value: object) -> str:
    """A stored number exactly as written, for the validators to judge (repr keeps 1.005)."""
    return repr(value) if isinstance(value, float) else str(value)


def day_problem(text: str) -> str | None:
    """Why a stored date is not one recert-tui works with, or None."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or len(text) != 10 or text[7] != "-":  # 20250305 and 2025-W10-1 read as dates too
        return f"{short(text)!r} is not a date written as YYYY-MM-DD"
    if day < EARLIEST_DATE:
        return f"{text} is before {EARLIEST_DATE.isoformat()}, the earliest date recert-tui accepts"
    if day > LATEST_DATE:
        return f"{text} is after {LATEST_DATE.isoformat()}, the latest date recert-tui accepts"
    return None


def _first(
    errors: Mapping[str, str], names: Mapping[str, str], ignore: tuple[str, ...] = (), *values: object
) -> str | None:
    """The first error as 'field: message', the field named as the stored record names it."""
    for field, message in errors.items():
        if field not in ignore:
            return f"{names.get(field, field)}: {_shortened(message, *values)}"
    return None


# --- records (types already checked by schema's converters) -----------------------------------


def activity_problem(doc: dict) -> str | None:
    """What a form would say about this stored activity, leaving aside credential and category."""
    problem = day_problem(doc["completed_on"])
    if problem:
        return f"completed_on: {problem}"
    points = doc["points"]
    for area in points:
        if area not in AREAS:  # the form takes 'Clinical' as typed, and stores 'clinical'
            return f"points: {short(area)!r} is not an area; use administrative, clinical or general"
    fields = {
        key: doc.get(key, default)
        for key, default in (
            ("credential", ""),
            ("title", ""),
            ("kind", "ceu"),
            ("provider", ""),
            ("certificate", ""),
            ("notes", ""),
            ("category", ""),
        )
    }
    fields.update(
        date=doc["completed_on"],
        approved="yes" if doc.get("approved", True) else "no",
        recurring="yes" if doc.get("recurring") else "",
        college_credits="" if doc.get("college_credits") is None else _number_text(doc["college_credits"]),
    )
    if len(points) == 1:
        ((area, amount),) = points.items()
        fields.update(points=_number_text(amount), area=area, split="")
    else:
        fields.update(points="", area="", split=",".join(f"{area}={_number_text(v)}" for area, v in points.items()))
    validate = _validate()
    if fields["kind"] not in ACTIVITY_KINDS:  # the form takes 'CPR' as typed, and stores 'cpr'
        return f"kind: {short(fields['kind'])!r} is not a kind; enter {validate.FIELD_HELP['kind']}"
    try:  # without rules the credential is always refused: that error is import's to report
        validate.activity_from_fields(fields, rules_by_code={}, held_codes=frozenset(), today=LATEST_DATE, stored=True)
    except InvalidInput as error:
        return _first(error.errors, ACTIVITY_NAMES, ("credential",), *points.values(), doc.get("college_credits"))
    return None


def credential_problem(doc: dict) -> str | None:
    """Earned and recertification dates in order and in range, a known route, a number that fits."""
    for key, day in (("earned_on", doc["earned_on"]), *(("recertified_on", d) for d in doc.get("recertified_on", []))):
        problem = day_problem(day)
        if problem:
            return f"{key}: {problem}"
    validate = _validate()
    routes = doc.get("recertified_by", {})
    credential = HeldCredential(doc["code"], date.fromisoformat(doc["earned_on"]))
    try:
        for day in sorted(doc.get("recertified_on", [])):
            credential = validate.recertification_from_fields(credential, day, routes.get(day, "ce"), today=LATEST_DATE)
        validate.corrected_credential_from_fields(credential, None, doc.get("number", ""), today=LATEST_DATE)
    except InvalidInput as error:
        return _first(error.errors, CREDENTIAL_NAMES)
    return None


def exam_attempt_problem(doc: dict) -> str | None:
    problem = day_problem(doc["on"])
    if problem:
        return f"on: {problem}"
    result, score = doc["result"], doc.get("score")
    if result not in EXAM_RESULTS:  # the form takes 'passed' and 'PASS', and stores 'pass'
        return f"result: {short(result)!r} is not a result; enter {_validate().FIELD_HELP['result']}"
    # A scheduled attempt is judged on its own day: its date may have passed since.
    today = date.fromisoformat(doc["on"]) if result == "scheduled" else LATEST_DATE
    try:
        _validate().exam_attempt_from_fields(
            doc["exam"],
            doc["on"],
            result,
            None if score is None else _number_text(score),
            rules_by_code={},
            today=today,
        )
    except InvalidInput as error:
        return _first(error.errors, EXAM_NAMES, ("exam",), score)
    return None


def reenrollment_problem(doc: dict) -> str | None:
    problem = day_problem(doc["on"])
    return f"on: {problem}" if problem else None


def study_session_problem(doc: dict) -> str | None:
    problem = day_problem(doc["on"])
    if problem:
        return f"on: {problem}"
    try:
        _validate().study_session_from_fields(
            doc["exam"],
            doc["on"],
            str(doc["minutes"]),
            doc.get("category"),
            doc.get("note", ""),
            rules_by_code={},
            today=LATEST_DATE,
        )
    except InvalidInput as error:
        return _first(error.errors, EXAM_NAMES, ("exam",), doc["minutes"])
    return None


def practice_test_problem(doc: dict) -> str | None:
    problem = day_problem(doc["on"])
    if problem:
        return f"on: {problem}"
    try:
        _validate().practice_test_from_fields(
            doc["exam"], doc["on"], _number_text(doc["score"]), doc.get("category"), rules_by_code={}, today=LATEST_DATE
        )
    except InvalidInput as error:
        return _first(error.errors, EXAM_NAMES, ("exam",), doc["score"])
    return None


# --- the study bank (read lazily, when Study first asks) ------------------------------------------
# Judged without the catalog: the exam and category an item names are checked on import.


def _bank_problem(build: Any) -> str | None:
    try:
        build()
    except InvalidInput as error:
        return _validate().input_sentence(error.errors)
    return None


def question_problem(doc: dict) -> str | None:
    letters = "abcde"
    choices = doc["choices"]
    if len(choices) > len(letters):
        return f"choices: {len(choices)} choices; at most {len(letters)} are accepted"
    if not 0 <= doc["answer"] < max(len(choices), 1):
        return f"answer: {short(doc['answer'])} is not the index of one of its {len(choices)} choices"
    fields = {
        "exam": doc["exam"],
        "category": doc["category"],
        "question": doc["stem"],
        "answer": letters[doc["answer"]],
        "explanation": doc["explanation"],
        "source": doc["source"],
        **dict(zip(letters, choices, strict=False)),  # fewer choices than letters: the rest are left out
    }
    return _bank_problem(lambda: _validate().question_from_fields(fields, outlines=None))


def flashcard_problem(doc: dict) -> str | None:
    return _bank_problem(
        lambda: _validate().flashcard_from_fields(
            doc["exam"], doc["category"], doc["front"], doc["back"], outlines=None
        )
    )


def card_state_problem(doc: dict) -> str | None:
    from ..domain import bank

    if doc["state"] not in bank.CARD_STATES:
        return f"state: {short(doc['state'])} is not 1 (learning), 2 (review) or 3 (relearning)"
    if doc.get("step") is not None and doc["step"] < 0:
        return f"step: {short(doc['step'])} is below 0"
    if not doc["item"]:
        return "item: is empty"
    return "stability and difficulty: a negative number"


def review_problem(doc: dict) -> str | None:
    from ..domain import bank

    if doc["kind"] not in bank.REVIEW_KINDS:
        return f"kind: {short(doc['kind'])!r} is not review, drill or mock"
    if doc.get("rating") is not None and doc["rating"] not in bank.RATINGS:
        return f"rating: {short(doc['rating'])} is not 1 (again), 2 (hard), 3 (good) or 4 (easy)"
    if not doc["item"]:
        return "item: is empty"
    return "holds neither a rating nor whether the answer was right"


def mock_exam_problem(doc: dict) -> str | None:
    if not doc["answers"]:
        return "answers: a mock exam has at least one answer"
    if not 0 < doc["pass_mark"] <= 100:
        return f"pass_mark: {short(doc['pass_mark'])} is not a percent above 0, at most 100"
    if doc["seconds_allowed"] <= 0 or doc["seconds_used"] < 0:
        return "seconds_allowed and seconds_used: the time allowed must be above 0 and the time used 0 or more"
    return "answers: a chosen choice is not one of a to e"


# --- with the rules and today: what `recert import json` adds ----------------------------------


def records_refused(models: Mapping[str, Mapping[int, Any]], rules_by_code: Mapping, today: date) -> Iterator[str]:
    """Each record a form would refuse today with these rules: 'what (which): why'.

    The form's own validators judge each record as it was entered: a credential and each of
    its recertifications in order, an activity (of a credential known to the rules: one
    whose credential was removed keeps its activities), an exam attempt (a scheduled one on
    its own day), a re-enrollment, a study session and a practice test.
    """
    from ..textsafe import visible

    validate = _validate()
    held: set[str] = set()
    for credential in models["credentials"].values():
        what = f"credential {visible(credential.code)!r}"
        try:
            built = validate.credential_from_fields(
                credential.code,
                credential.earned_on.isoformat(),
                credential.number,
                rules_by_code=rules_by_code,
                held_codes=held,
                today=today,
            )
            for day in sorted(credential.recertified_on):
                built = validate.recertification_from_fields(
                    built, day.isoformat(), credential.routes_used.get(day, "ce"), today=today
                )
        except InvalidInput as error:
            yield f"{what}: {_first(error.errors, CREDENTIAL_NAMES)}"
        else:
            yield from _as_written(what, credential, built, ("code",))
        held.add(credential.code)
    known = set(rules_by_code)
    for activity in models["activities"].values():
        what = f"activity {activity.id} ({visible(activity.title)})"
        try:
            built = validate.activity_from_fields(
                validate.activity_fields(activity),
                rules_by_code=rules_by_code,
                held_codes=known,
                today=today,
                stored=True,
            )
        except InvalidInput as error:
            yield f"{what}: {_first(error.errors, ACTIVITY_NAMES)}"
        else:
            yield from _as_written(what, activity, built, ("credential", "category"))
    for attempt in models["exam_attempts"].values():
        day = min(today, attempt.on) if attempt.result == "scheduled" else today
        score = None if attempt.score is None else _number_text(attempt.score)
        try:
            built = validate.exam_attempt_from_fields(
                attempt.exam, attempt.on.isoformat(), attempt.result, score, rules_by_code=rules_by_code, today=day
            )
        except InvalidInput as error:
            yield f"exam attempt {attempt.id}: {_first(error.errors, EXAM_NAMES)}"
        else:
            yield from _as_written(f"exam attempt {attempt.id}", attempt, built, ("exam",))
    for reenrollment in models["reenrollments"].values():
        try:
            built = validate.reenrollment_from_fields(
                reenrollment.exam, reenrollment.on.isoformat(), rules_by_code=rules_by_code, today=today
            )
        except InvalidInput as error:
            yield f"re-enrollment {reenrollment.id}: {_first(error.errors, EXAM_NAMES)}"
        else:
            yield from _as_written(f"re-enrollment {reenrollment.id}", reenrollment, built, ("exam",))
    for session in models["study_sessions"].values():
        try:
            built = validate.study_session_from_fields(
                session.exam,
                session.on.isoformat(),
                str(session.minutes),
                session.category,
                session.note,
                rules_by_code=rules_by_code,
                today=today,
            )
        except InvalidInput as error:
            yield f"study session {session.id}: {_first(error.errors, EXAM_NAMES)}"
        else:
            yield from _as_written(f"study session {session.id}", session, built, ("exam", "category"))
    for test in models["practice_tests"].values():
        try:
            built = validate.practice_test_from_fields(
                test.exam,
                test.on.isoformat(),
                _number_text(test.score),
                test.category,
                rules_by_code=rules_by_code,
                today=today,
            )
        except InvalidInput as error:
            yield f"practice test {test.id}: {_first(error.errors, EXAM_NAMES)}"
        else:
            yield from _as_written(f"practice test {test.id}", test, built, ("exam", "category"))


def _as_written(what: str, stored: Any, built: Any, fields: tuple[str, ...]) -> Iterator[str]:
    """A field a form accepts as typed but stores otherwise ('CMA-AAMA' for 'cma-aama'): the app would miss it."""
    from ..textsafe import visible

    for field in fields:
        if getattr(stored, field) != getattr(built, field):
            yield (
                f"{what}: {field}: {visible(short(getattr(stored, field)))!r} is not written as the app writes it "
                f"({visible(short(getattr(built, field)))!r})"
            )
            return


# --- the JSON text itself ----------------------------------------------------------------------


class _Twice(dict):
    """An object in which some key was written twice; json.loads would have kept the last."""

    key: str


class _Constant(float):
    """NaN, Infinity or -Infinity as written in the file (JSON has none of them)."""

    written: str


class _LongNumber(int):
    """A whole number too long to read; stands in for it so the rest of the file can be read."""

    digits: int


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    made = dict(pairs)
    if len(made) == len(pairs):
        return made
    twice = _Twice(made)
    twice.key = _first_repeated(key for key, _ in pairs)
    return twice


def _first_repeated(keys: Iterable[str]) -> str:
    """The first key given a second time: _pairs asks only when dict() kept fewer keys than pairs."""
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    raise ValueError("no key is repeated")


def _constant(name: str) -> float:
    made = _Constant(name.replace("Infinity", "inf"))
    made.written = name
    return made


def _integer(text: str) -> int:
    if len(text.lstrip("-")) <= LONGEST_NUMBER:
        return int(text)
    made = _LongNumber(0)
    made.digits = len(text.lstrip("-"))
    return made


def content_problem(text: str, name: str) -> str | None:
    """What json.loads would hide or cannot read, as a sentence naming the record; None if nothing.

    A key written twice (json.loads keeps the last one without a word), NaN or Infinity,
    nesting deeper than MAX_DEPTH, a whole number too long to read, text that holds half of
    a UTF-16 surrogate pair (\\ud800-\\udfff written alone: not text).
    """
    return thorough_parse(text, name)[1]


def thorough_parse(text: str, name: str) -> tuple[Any, str | None]:
    """One parse that also sees what json.loads hides: (the data, None) when there is nothing
    to say, (None, the sentence of content_problem) when there is, and (None, None) when the
    text is not JSON at all (schema.parse says why)."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_integer)
    except RecursionError:
        return None, _too_deep_in_text(text, name)
    except ValueError:
        return None, None
    problem = _first_problem(data, name)
    return (None, problem) if problem else (data, None)


def _first_problem(data: Any, name: str) -> str | None:
    """The first thing content_problem names in parsed `data`, walking it in file order."""
    stack: list[tuple[Any, tuple]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        problem = None
        if len(path) > MAX_DEPTH:
            problem = f"is nested more than {MAX_DEPTH} levels deep"
        elif isinstance(value, _Twice):
            if not path:
                return f"In {name}, the table {short(value.key)!r} is written twice; the file was not changed."
            if len(path) == 1:
                return f"In {name}, {record_name(path[0], value.key)} is written twice; the file was not changed."
            problem = f"has the key {short(value.key)!r} written twice"
        elif isinstance(value, _Constant):
            problem = f"holds {value.written}, which is not a number"
        elif isinstance(value, _LongNumber):
            problem = f"holds a number {value.digits:,} digits long, too long to read"
        elif isinstance(value, float) and not math.isfinite(value):
            problem = "holds a number too large to use"
        elif isinstance(value, str) and holds_surrogate(value):
            problem = "holds text that is not valid UTF-8"
        if problem:
            return f"In {name}, {_where(path)} {problem}; the file was not changed."
        if isinstance(value, dict):
            for key, child in reversed(value.items()):
                if isinstance(key, str) and holds_surrogate(key):
                    return (
                        f"In {name}, {_where((*path, key))} has a key that is not valid text; the file was not changed."
                    )
                stack.append((child, (*path, key)))
        elif isinstance(value, list):
            stack.extend((child, (*path, index)) for index, child in reversed(list(enumerate(value))))
    return None


def _where(path: tuple) -> str:
    """'activity record 3 (in 'points')', 'the table 'activities'', 'the file', for a path into the data."""
    if not path:
        return "the file"
    if len(path) == 1:
        return f"the table {short(path[0])!r}"
    inside = "".join(f"[{step}]" if isinstance(step, int) else f".{short(step, 20)}" for step in path[2:5])
    inside = inside.lstrip(".") + ("..." if len(path) > 5 else "")
    return record_name(path[0], path[1]) + (f" (in '{inside}')" if inside else "")


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _too_deep_in_text(text: str, name: str) -> str:
    """For a file too deep for json.loads: the record where the nesting passes MAX_DEPTH."""
    keys: list[str | None] = []  # the key being read at each level of objects (None in a list)
    last_string = None
    for token in _TOKEN.finditer(text):
        item = token.group()
        if item in "{[":
            keys.append(None)
            if len(keys) > MAX_DEPTH:
                break
        elif item in "}]":
            if keys:
                keys.pop()
        elif item == ":":
            if keys:
                keys[-1] = last_string
        elif item != ",":
            try:
                last_string = json.loads(item)
            except ValueError:
                last_string = item
    path = tuple(keys[:2])
    where = _where(path) if len(path) == 2 and None not in path else "the file"
    return (
        f"In {name}, {where} is nested more than {MAX_DEPTH} levels deep, too deep to read; the file was not changed."
    )
