"""The engine's results as plain JSON values: a stable interface for scripts.

Dates are ISO strings or null; whole numbers are written as ints (60, not 60.0).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any, overload

from ..domain.counting import CountedActivity
from ..domain.dates import Duration
from ..domain.engine import CredentialReport, Report, cycle_number
from ..domain.exams import ExamReport
from ..domain.models import Activity, ExamAttempt, HeldCredential, Reenrollment
from ..domain.needs import Needs
from ..domain.routes import Route
from ..domain.rules import CredentialRules, Sourced
from ..terminal import is_terminal

_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def dumps(value: Any) -> str:
    """Indented for a person at a terminal; compact for a script.

    Indenting makes CPython fall back to its pure-Python encoder, ten times slower on a
    heavy user's 10,000 activities, so scripts get the compact form from the C encoder.
    """
    if is_terminal(sys.stdout):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return _compact(value)


@overload
def number(value: float | int) -> float | int: ...
@overload
def number(value: None) -> None: ...
@overload
def number(value: float | int | None) -> float | int | None: ...
def number(value: float | int | None) -> float | int | None:
    """60.0 -> 60, 2.5 -> 2.5; None stays None."""
    if value is None or isinstance(value, (bool, int)):
        return value
    return int(value) if float(value).is_integer() else round(value, 2)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def areas(points: dict[str, float]) -> dict[str, float | int]:
    return {area: number(value) for area, value in points.items()}


# --- status -----------------------------------------------------------------------------------


def status(report: Report) -> dict[str, Any]:
    return {
        "today": report.today.isoformat(),
        "credentials": [credential_status(item) for item in report.credentials],
        "exams": [exam(item) for item in report.exams],
    }


def status_text(report: Report) -> Iterator[str]:
    """`status --json`'s text, in parts: dumps(status(report)), with a faster compact form.

    A heavy user's status lists 10,000 activities, and building a dict for each, then
    encoding it, was a quarter of the command. The compact form writes each activity's
    entry straight to text with json's own string encoder instead, and hands it over in
    parts, so that 1.7 MB of output is never copied whole; a test holds the joined parts
    to json.dumps's bytes.
    """
    if is_terminal(sys.stdout):
        yield dumps(status(report))
        return
    yield f'{{"today":{_compact(report.today.isoformat())},"credentials":['
    for index, item in enumerate(report.credentials):
        yield f'{"," if index else ""}{_compact(_credential_head(item))[:-1]},"activities":['
        yield from _activities_text(item.activities)
        yield f'],"unconfirmed_rules":{_compact(_unconfirmed(item))}}}'
    yield f'],"exams":{_compact([exam(item) for item in report.exams])}}}'


def credential_status(report: CredentialReport) -> dict[str, Any]:
    return {
        **_credential_head(report),
        "activities": counted_activities(report.activities),
        "unconfirmed_rules": _unconfirmed(report),
    }


def _credential_head(report: CredentialReport) -> dict[str, Any]:
    """A credential's status entry up to its activities (status_text writes those itself)."""
    credential, rules, cycle, tally = report.credential, report.rules, report.cycle, report.tally
    return {
        "code": report.code,
        "name": rules.name,
        "number": credential.number,
        "earned_on": iso(credential.earned_on),
        "recertified_on": [iso(day) for day in credential.recertified_on],
        "cycle_starts_on": iso(cycle.starts_on),
        "expires_on": iso(cycle.expires_on),
        "ce_route_closes_on": iso(cycle.ce_route_closes_on),
        "status": report.status,
        "days_left": report.days_left,
        "ready": report.ready,
        "points": {
            "required": number(rules.ce.total_points.value),
            "counted": number(tally.counted),
            "approved": number(tally.approved),
            "non_approved": number(tally.non_approved),
            "by_area": areas(tally.by_area),
            "approved_minimum": number(rules.ce.approved_minimum.value) if rules.ce.approved_minimum else None,
            "non_approved_maximum": number(rules.ce.non_approved_maximum.value)
            if rules.ce.non_approved_maximum
            else None,
            "area_minimums": {area: number(rules.ce.minimum_for(area)) for area in rules.areas},
        },
        "needs": needs(report.needs),
        "routes": [route(item) for item in report.routes],
        "next_step": report.next_step,
    }


def _unconfirmed(report: CredentialReport) -> list[str]:
    return [key for key, _ in report.unconfirmed]


def needs(value: Needs) -> dict[str, Any]:
    return {
        "points": number(value.points),
        "approved": number(value.approved),
        "by_area": areas(value.by_area),
        "minimum_additional": number(value.minimum_additional),
        "deadline": iso(value.deadline),
        "per_month": number(value.per_month),
        "pace": None
        if value.pace is None
        else {
            "amount": number(value.pace.amount),
            "unit": value.pace.unit,
            "days_left": value.pace.days_left,
        },
        "sentence": value.sentence,
    }


def route(value: Route) -> dict[str, Any]:
    steps = [{"label": step.label, "on": iso(step.on), "passed": step.passed} for step in value.steps]
    return {
        "key": value.key,
        "name": value.name,
        "open": value.open,
        "starts_on": iso(value.starts_on),
        "steps": steps,
        "deadlines": steps,  # the name before routes had steps; kept for scripts that read it
        "fees": [
            {
                "key": fee.key,
                "label": fee.label,
                "amount": number(fee.amount.value),
                "unconfirmed": fee.amount.unconfirmed,
            }
            for fee in value.fees
        ],
        "note": value.note,
        "unconfirmed": value.unconfirmed,
    }


def counted_activities(items: tuple[CountedActivity, ...]) -> list[dict[str, Any]]:
    """Each activity's id, title, date and how it counts (a heavy user's status lists 10,000)."""
    return [
        {
            "id": item.activity.id,
            "title": item.activity.title,
            "date": iso(item.activity.completed_on),
            "counted_points": number(item.counted_points),
            "outcome": item.outcome,
            "reason": item.reason,
        }
        for item in items
    ]


_BATCH = 500  # entries per part: ~85 KB, small enough to reuse the heap rather than map new pages


def _activities_text(items: tuple[CountedActivity, ...]) -> Iterator[str]:
    """The entries of _compact(counted_activities(items)), without the brackets, in parts."""
    # How an activity counts repeats across activities (a stretch of old ones shares one
    # reason), so each entry's tail after its date is written once per distinct tail.
    tails: dict[tuple, str] = {}
    entries: list[str] = []
    add = entries.append
    separator = ""  # "," once a part has been handed over
    for activity, counted, _, outcome, reason in items:
        # CountedActivity.counted_points, without a property call for the many that count nothing
        key = (round(sum(counted.values()), 2) if counted else 0, outcome, reason)
        tail = tails.get(key)
        if tail is None:
            points, outcome, reason = key
            tail = tails[key] = (
                f',"counted_points":{_number_text(number(points))},"outcome":{_compact(outcome)},'
                f'"reason":{_compact(reason)}}}'
            )
        ident, day = activity.id, activity.completed_on
        day_text = f'"{day.isoformat()}"' if day else "null"  # ISO dates need no escaping
        add(
            f'{{"id":{ident if ident.__class__ is int else _number_text(ident)},"title":{_compact(activity.title)},'
            f'"date":{day_text}{tail}'
        )
        if len(entries) == _BATCH:
            yield separator + ",".join(entries)
            separator = ","
            entries.clear()
    if entries:
        yield separator + ",".join(entries)


def _number_text(value: int | float | None) -> str:
    """A number as json writes it: ints and finite floats by repr; anything else through json."""
    if value.__class__ is int or (value.__class__ is float and value - value == 0.0):
        return repr(value)
    return _compact(value)


def exam(report: ExamReport) -> dict[str, Any]:
    return {
        "exam": report.exam,
        "name": report.name,
        "attempts": report.attempts,
        "failures": report.failures,
        "max_attempts": report.max_attempts,
        "remaining": report.remaining,
        "reenrollment_required": report.reenrollment_required,
        "one_left": report.one_left,
        "next_eligible_on": iso(report.next_eligible_on),
        "window_closes_on": iso(report.window_closes_on),
        "last_passed_on": iso(report.last_passed_on),
        "upcoming": [iso(attempt.on) for attempt in report.upcoming],
        "flag": report.flag,
        "warnings": list(report.warnings),
    }


# --- history ----------------------------------------------------------------------------------


def history(report: Report) -> dict[str, Any]:
    """Every cycle of every held credential, oldest first, as `recert history --json` writes it."""
    cycles = []
    for item in report.credentials:
        cycle, tally = item.cycle, item.tally
        cycles.append(
            {
                "code": item.code,
                "cycle": cycle_number(item),
                "starts_on": iso(cycle.starts_on),
                "expires_on": iso(cycle.expires_on),
                "credit_from": iso(cycle.credit_from),
                "credit_until": iso(cycle.credit_until),
                "status": item.status,
                "closed_on": iso(item.closed_on),
                "route": item.credential.routes_used.get(item.closed_on) if item.closed_on else None,
                "points": {
                    "required": number(item.rules.ce.total_points.value),
                    "counted": number(tally.counted),
                    "approved": number(tally.approved),
                    "by_area": areas(tally.by_area),
                },
                "needs_met": item.needs.met,
                "sentence": item.needs.sentence,
                "activities": [
                    entry for entry in counted_activities(item.activities) if entry["outcome"] != "not counted"
                ],
            }
        )
    return {"today": report.today.isoformat(), "cycles": cycles}


# --- lists ------------------------------------------------------------------------------------


def credential_entry(credential: HeldCredential, report: CredentialReport | None) -> dict[str, Any]:
    """A held credential; the cycle fields are null when its rules are not loaded."""
    return {
        "code": credential.code,
        "name": report.rules.name if report else None,
        "number": credential.number,
        "earned_on": iso(credential.earned_on),
        "recertified_on": [iso(day) for day in credential.recertified_on],
        "recertified_by": {iso(day): route for day, route in sorted(credential.routes_used.items())},
        "status": report.status if report else None,
        "cycle_starts_on": iso(report.cycle.starts_on) if report else None,
        "expires_on": iso(report.cycle.expires_on) if report else None,
        "ce_route_closes_on": iso(report.cycle.ce_route_closes_on) if report else None,
    }


def activity_entry(activity: Activity, counted: CountedActivity | None) -> dict[str, Any]:
    return {
        "id": activity.id,
        "credential": activity.credential,
        "title": activity.title,
        "date": iso(activity.completed_on),
        "kind": activity.kind,
        "points": areas(activity.points),
        "total_points": number(activity.total_points),
        "approved": counted.approved if counted else activity.approved,
        "college_credits": number(activity.college_credits),
        "provider": activity.provider,
        "certificate": activity.certificate,
        "notes": activity.notes,
        "category": activity.category,
        "recurring": activity.recurring,
        "counted_points": number(counted.counted_points) if counted else None,
        "outcome": counted.outcome if counted else None,
        "reason": counted.reason if counted else None,
    }


def exam_entry(report: ExamReport) -> dict[str, Any]:
    entry = exam(report)
    entry["history"] = [history_item(item) for item in report.history]
    return entry


def history_item(item: ExamAttempt | Reenrollment) -> dict[str, Any]:
    if isinstance(item, Reenrollment):
        return {"type": "reenrollment", "id": item.id, "on": iso(item.on)}
    return {"type": "attempt", "id": item.id, "on": iso(item.on), "result": item.result, "score": number(item.score)}


# --- rules ------------------------------------------------------------------------------------


def rules_entry(rules: CredentialRules) -> dict[str, Any]:
    return {
        "code": rules.code,
        "name": rules.name,
        "title": rules.title,
        "body": rules.body,
        "file": rules.file,
        "values": [sourced(key, value) for key, value in rules.sourced_values()],
    }


def sourced(key: str, value: Sourced[Any]) -> dict[str, Any]:
    return {
        "key": key,
        "value": plain(value.value),
        "confidence": value.confidence,
        "unconfirmed": value.unconfirmed,
        "provenance": value.provenance,
        "overridden_by": value.overridden_by or None,
        "source": {"url": value.source.url, "checked": iso(value.source.checked)},
        "note": value.note,
    }


def plain(value: Any) -> Any:
    """A rule value as JSON: durations as '3 months', dates as ISO text, tuples as lists."""
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, float):
        return number(value)
    return value
