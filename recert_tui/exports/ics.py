"""The recertification calendar (RFC 5545, via `icalendar`): deadlines and exams with reminders.

People import this file into Google Calendar, Outlook or Apple Calendar, or subscribe to it,
and export it again every month, so each export must update what the last one put there:

- **UID**: one per person, credential and kind of date (`cma-aama-expires-<digest>@recert-tui`),
  never the date itself, so a moved deadline is the same event. The digest hashes the
  credential code, the kind and who it belongs to: the random id the caller passes as
  `calendar_id` (made once per database and kept in its settings), so two people holding the
  same credential with the same dates never share a UID and nothing about the person can be
  read back from it. Without one (a database not changed since the id came in) the owner is
  the credential's earned date: stable, but shared by anyone who earned the same credential
  that day. An exam attempt is known by its record id, which a reschedule keeps.
- **SEQUENCE**: a calendar app takes a new version of an event only if its SEQUENCE is
  higher (equal: the later DTSTAMP wins, and DTSTAMP is the export day). Without a server to
  remember the last number, it is worked out from what only grows: the export day, counted
  from `SEQUENCE_EPOCH`, times `DAY_SPAN`, plus twice the days from the export day to the
  event (capped) plus one for a cancelled event. A later export always wins, whichever way a
  date moved: a recertification moves the expiry later, a corrected earned date or a
  rescheduled exam can move one earlier. On the same day a later date or a cancellation still
  wins; only a date moved earlier, or a cancellation undone, must wait for the next day's
  export. The largest value (today 2199-12-31) stays below 2**31.
- **Met deadlines**: the exam route's "apply by" and "pass by" are met once the exam was
  passed in this cycle (after its start, by the pass-by date), and not needed once every CE
  point is in. They stay in the file with STATUS:CANCELLED and no reminders, so a calendar
  that has them drops them. An expiry, a grace end or a fee is never met: a recertification
  moves it to the next cycle instead, and a paid fee is not recorded. A booked exam does not
  meet "apply by": a booking left over from before a recertification would hide the next
  cycle's deadline.
- **Nothing in the past**: an event before today is left out (on its day it is still in);
  a reminder whose day is before today is left out (one due today stays, and shows at once).

Its text comes from the rule files (names, sentences), which a user's own rule file may
replace: control and bidirectional characters are written as visible escapes (`\\x1b`), so
a calendar app or a terminal showing the file shows them, never obeys them.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from icalendar import Alarm, Calendar, Event

from ..domain.dates import show_date
from ..domain.engine import CredentialReport, Report
from ..domain.limits import EARLIEST_DATE
from ..domain.models import HeldCredential
from ..textsafe import visible

DEFAULT_REMINDER_DAYS = (180, 90, 30)
PRODID = "-//recert-tui//recertification calendar//EN"
UID_DOMAIN = "recert-tui"  # RFC 5545 recommends a domain-like right-hand side for UIDs

# SEQUENCE = export day * DAY_SPAN + (2 * days ahead, capped) + cancelled; see the docstring.
SEQUENCE_EPOCH = EARLIEST_DATE  # the earliest --today accepted, so the day count is never negative
DAY_SPAN = 20_000
AHEAD_CAP_DAYS = 9_999  # 27 years ahead; 2 * 9,999 + 1 < DAY_SPAN keeps one day from reaching the next


class CalendarEvent(NamedTuple):
    """One all-day event as the calendar file holds it (text already made visible)."""

    uid: str
    day: date
    summary: str
    description: str
    met: bool = False  # a deadline met or no longer needed: written as STATUS:CANCELLED


def calendar_events(report: Report, *, calendar_id: str = "") -> list[CalendarEvent]:
    """Every date worth a reminder from today on, in date order; `calendar_id` says whose."""
    events: list[CalendarEvent] = []
    for credential in report.credentials:
        events += _credential_events(credential, calendar_id)
    for exam in report.exams:
        held = report.credential(exam.exam)
        owner = _owner(calendar_id, held.credential if held is not None else None)
        for attempt in exam.upcoming:
            record = str(attempt.id) if attempt.id is not None else attempt.on.isoformat()
            events.append(
                _event(
                    owner, exam.exam, f"exam-attempt-{record}", attempt.on, f"{exam.name}: scheduled attempt", exam.flag
                )
            )
    kept = [event for event in events if event.day >= report.today]
    return sorted(kept, key=lambda event: (event.day, event.summary, event.uid))


def _credential_events(credential: CredentialReport, calendar_id: str) -> list[CalendarEvent]:
    """The current cycle's expiry, grace end, yearly fee and exam-route deadlines."""
    name, cycle, code = credential.rules.name, credential.cycle, credential.code
    owner = _owner(calendar_id, credential.credential)
    events = [_event(owner, code, "expires", cycle.expires_on, f"{name} expires", credential.needs.sentence)]
    if cycle.ce_route_closes_on > cycle.expires_on:
        events.append(
            _event(
                owner,
                code,
                "ce-route-closes",
                cycle.ce_route_closes_on,
                f"{name}: last day to recertify by CE",
                f"After {show_date(cycle.ce_route_closes_on)} only the exam route remains.",
            )
        )
    steps = [(route.key, step) for route in credential.routes for step in route.steps]
    fee = next((step for _, step in steps if step.label == "annual fee due"), None)
    if fee is not None:
        events.append(
            _event(
                owner,
                code,
                "annual-fee",
                fee.on,
                f"{name}: annual fee due",
                f"The annual fee is due by {show_date(fee.on)}, the end of your anniversary month.",
            )
        )
    exam_steps = [step for key, step in steps if key == "exam"]
    met = credential.exam_route_met
    for step in exam_steps:
        events.append(
            _event(
                owner,
                code,
                "exam-" + step.label.replace(" ", "-"),
                step.on,
                f"{name}: exam route, {step.label} {show_date(step.on)}",
                met or f"To recertify on time by exam, {step.label} {show_date(step.on)}.",
                met=bool(met),
            )
        )
    return events


def _owner(calendar_id: str, held: HeldCredential | None) -> str:
    """Whose dates these are, as hashed into UIDs: the calendar id, else the earned date."""
    if calendar_id:
        return f"calendar {calendar_id}"
    return f"earned {held.earned_on.isoformat()}" if held is not None else "no calendar id"


def _event(
    owner: str, code: str, kind: str, day: date, summary: str, description: str, *, met: bool = False
) -> CalendarEvent:
    """An event whose UID stays the same for this owner, credential and kind, whatever its date."""
    digest = hashlib.sha256(json.dumps([owner, code, kind]).encode("utf-8")).hexdigest()[:20]
    slug = re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-") or "credential"
    return CalendarEvent(
        f"{slug}-{kind}-{digest}@{UID_DOMAIN}",
        day,
        visible(summary),
        visible(description, single_line=False),
        met,
    )


def sequence(event: CalendarEvent, today: date) -> int:
    """The event's SEQUENCE in a calendar exported on `today` (see the module docstring)."""
    days_ahead = min(max((event.day - today).days, 0), AHEAD_CAP_DAYS)
    return max((today - SEQUENCE_EPOCH).days, 0) * DAY_SPAN + 2 * days_ahead + int(event.met)


def render_ics(
    report: Report, reminder_days: tuple[int, ...] = DEFAULT_REMINDER_DAYS, *, calendar_id: str = ""
) -> bytes:
    """An iCalendar file of all-day events, each with a reminder `reminder_days` before it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # A fixed stamp derived from --today keeps the file reproducible.
    today = report.today
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    for item in calendar_events(report, calendar_id=calendar_id):
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence(item, today))
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        event.add("status", "CANCELLED" if item.met else "CONFIRMED")
        if not item.met:  # a cancelled event reminds no one
            for days in reminder_days:
                if (item.day - today).days >= days:  # the reminder's day is today or later
                    event.add_component(_reminder(item.summary, days))
        calendar.add_component(event)
    return calendar.to_ical()


def _reminder(summary: str, days: int) -> Alarm:
    """A pop-up `days` before the event's day (at its start: midnight, the calendar's time)."""
    when = "today" if days == 0 else f"in {days} day{'' if days == 1 else 's'}"
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{summary} {when}")
    alarm.add("trigger", timedelta(days=-days))
    return alarm
