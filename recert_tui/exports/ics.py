"""The recertification calendar (RFC 5545, via `icalendar`): deadlines and exams with reminders.

Its text comes from the rule files (names, sentences), which a user's own rule file may
replace: control and bidirectional characters are written as visible escapes (`\\x1b`), so
a calendar app or a terminal showing the file shows them, never obeys them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from ..domain.dates import show_date
from ..domain.engine import Report
from ..textsafe import visible

DEFAULT_REMINDER_DAYS = (180, 90, 30)
PRODID = "-//recert-tui//recertification calendar//EN"


def calendar_events(report: Report) -> list[tuple[str, date, str, str]]:
    """(uid, day, summary, description) for every date worth a reminder, in date order."""
    events: list[tuple[str, date, str, str]] = []
    for credential in report.credentials:
        name, cycle = credential.rules.name, credential.cycle
        code = credential.code
        events.append(
            (f"{code}-expires-{cycle.expires_on}", cycle.expires_on, f"{name} expires", credential.needs.sentence)
        )
        if cycle.ce_route_closes_on > cycle.expires_on:
            events.append(
                (
                    f"{code}-ce-route-closes-{cycle.ce_route_closes_on}",
                    cycle.ce_route_closes_on,
                    f"{name}: last day to recertify by CE",
                    f"After {show_date(cycle.ce_route_closes_on)} only the exam route remains.",
                )
            )
        for route in credential.routes:
            fee = next((step for step in route.steps if step.label == "annual fee due"), None)
            if fee is not None:
                events.append(
                    (
                        f"{code}-annual-fee-{fee.on}",
                        fee.on,
                        f"{name}: annual fee due",
                        f"The annual fee is due by {show_date(fee.on)}, the end of your anniversary month.",
                    )
                )
            if route.key != "exam":
                continue
            for deadline in route.deadlines:
                slug = deadline.label.replace(" ", "-")
                events.append(
                    (
                        f"{code}-exam-{slug}-{deadline.on}",
                        deadline.on,
                        f"{name}: exam route, {deadline.label} {show_date(deadline.on)}",
                        f"To recertify on time by exam, {deadline.label} {show_date(deadline.on)}.",
                    )
                )
    for exam in report.exams:
        for attempt in exam.upcoming:
            events.append(
                (f"{exam.exam}-attempt-{attempt.on}", attempt.on, f"{exam.name}: scheduled attempt", exam.flag)
            )
    return sorted(events, key=lambda event: (event[1], event[0]))


def render_ics(report: Report, reminder_days: tuple[int, ...] = DEFAULT_REMINDER_DAYS) -> bytes:
    """An iCalendar file of all-day events, each with a reminder `reminder_days` before it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # A fixed stamp derived from --today keeps the file reproducible.
    stamp = datetime(report.today.year, report.today.month, report.today.day, tzinfo=UTC)
    for uid, day, summary, description in calendar_events(report):
        uid, summary, description = visible(uid), visible(summary), visible(description, single_line=False)
        event = Event()
        event.add("uid", f"{uid}@recert-tui")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        for days in reminder_days:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{summary} in {days} days")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
