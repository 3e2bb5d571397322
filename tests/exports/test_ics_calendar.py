"""The calendar as calendar apps take it in, export after export.

Each file is parsed back with `icalendar` and expanded with a second reader,
`recurring_ical_events`. UIDs stay with a deadline when its date moves and differ between
two people; SEQUENCE grows so an app takes the update; a met deadline comes back cancelled;
nothing before today is written; text is data; lines are folded and end in CRLF.

Both readers fail on the reminders of all-day events (`Event.alarms` and the VALARM query
try to give a date a time zone), so a reminder's day is worked out here: DTSTART + TRIGGER.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from recert_tui.domain.engine import Report, compute
from recert_tui.domain.limits import EARLIEST_DATE, LATEST_DATE
from recert_tui.exports.ics import AHEAD_CAP_DAYS, CalendarEvent, calendar_events, render_ics, sequence
from recert_tui.session import Session

from .conftest import RAW, TODAY

PERSON_A = "3f0c9d52b1e84a7c9e1d6b2a5c4f8e01"  # two databases' calendar ids, as the settings keep them
PERSON_B = "b7e2a1946d0c4f3e8a5b9c1d2e3f4a50"
UID_SHAPE = re.compile(r"^[a-z0-9-]+-[0-9a-f]{20}@recert-tui$")
# Each kind of date's UID starts with the credential and the kind.
EXPIRES = "cma-aama-expires-"
GRACE_ENDS = "cma-aama-ce-route-closes-"
APPLY_BY = "cma-aama-exam-apply-by-"
PASS_BY = "cma-aama-exam-pass-by-"


def exported(report: Report, reminders: tuple[int, ...] = (180, 90, 30), calendar_id: str = PERSON_A) -> Calendar:
    return Calendar.from_ical(render_ics(report, reminders, calendar_id=calendar_id))


def the_event(calendar: Calendar, prefix: str):
    """The one event whose UID starts with `prefix` (the code and kind of date)."""
    [event] = [e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith(prefix)]
    return event


def uids(calendar: Calendar) -> list[str]:
    return [str(e["uid"]) for e in calendar.walk("VEVENT")]


def on(session: Session, day: date) -> Report:
    """The session's records as they stand on `day`."""
    return compute(session.profile, session.rules, day)


def reminder_days(event) -> list[date]:
    """The day each reminder goes off: the event's day plus its (negative) trigger."""
    return sorted(event.decoded("dtstart") + alarm.decoded("trigger") for alarm in event.walk("VALARM"))


def add_points(session: Session, points_per_area: int) -> None:
    """Approved points in every area, inside the current cycle."""
    for area in ("administrative", "clinical", "general"):
        session.add_activity(
            {
                "credential": "cma-aama",
                "title": f"{area} update",
                "date": "2026-10-01",
                "points": str(points_per_area),
                "area": area,
                "provider": "AAMA",
            }
        )


# --- what a second reader sees ----------------------------------------------------------------


def test_a_second_reader_sees_every_event_as_written(session):
    ics = render_ics(session.report, calendar_id=PERSON_A)
    calendar = Calendar.from_ical(ics)
    written = {str(e["uid"]): (e.decoded("dtstart"), str(e["status"])) for e in calendar.walk("VEVENT")}
    seen = recurring_ical_events.of(calendar).between(TODAY, TODAY + timedelta(days=20 * 366))
    assert {str(e["uid"]): (e.decoded("dtstart"), str(e["status"])) for e in seen} == written
    assert len(written) == len(calendar_events(session.report, calendar_id=PERSON_A)) == 5
    assert recurring_ical_events.of(calendar).between(EARLIEST_DATE, TODAY) == []
    for uid in written:
        assert UID_SHAPE.match(uid), uid
    assert "123456" not in ics.decode() and PERSON_A not in ics.decode()  # neither the number nor the id


# --- UIDs -------------------------------------------------------------------------------------


def test_the_same_deadlines_keep_their_uids_export_after_export(session):
    first = exported(session.report)
    add_points(session, 5)  # the needs sentence changes, the dates do not
    later = exported(on(session, TODAY + timedelta(days=14)))
    assert uids(later) == uids(first)
    assert len(set(uids(first))) == len(uids(first))
    assert the_event(later, EXPIRES)["description"] != the_event(first, EXPIRES)["description"]


def test_two_people_with_the_same_records_get_different_uids(tmp_path):
    people = {}
    for calendar_id in (PERSON_A, PERSON_B):
        with Session.open(tmp_path / f"{calendar_id}.json", TODAY) as session:
            session.add_credential("cma-aama", "2022-03-15", "123456")
            session.add_exam_attempt("cma-aama", "2026-12-16", "scheduled")
            people[calendar_id] = exported(session.report, calendar_id=calendar_id)
    a, b = people[PERSON_A], people[PERSON_B]
    assert len(uids(a)) == len(uids(b)) == 5
    assert not set(uids(a)) & set(uids(b))
    # The same deadlines, told apart by whose they are: the dates are the same.
    assert [e.decoded("dtstart") for e in a.walk("VEVENT")] == [e.decoded("dtstart") for e in b.walk("VEVENT")]


def test_without_a_calendar_id_the_uids_come_from_the_earned_date(tmp_path):
    """A database not changed since calendar ids came in: stable, and apart for other earned dates."""
    calendars = []
    for name, earned in (("a", "2022-03-15"), ("b", "2022-03-16")):
        with Session.open(tmp_path / f"{name}.json", TODAY) as session:
            session.add_credential("cma-aama", earned)
            calendars.append(exported(session.report, calendar_id=""))
            assert uids(exported(on(session, TODAY + timedelta(days=1)), calendar_id="")) == uids(calendars[-1])
    assert not set(uids(calendars[0])) & set(uids(calendars[1]))
    # Same day of expiry (31 Mar 2027) for both: only the owner tells the events apart.
    assert the_event(calendars[0], EXPIRES).decoded("dtstart") == the_event(calendars[1], EXPIRES).decoded("dtstart")


# --- SEQUENCE ---------------------------------------------------------------------------------


def test_a_recertification_moves_the_expiry_under_the_same_uid_with_a_higher_sequence(session):
    before = the_event(exported(session.report), EXPIRES)
    session.record_recertification("cma-aama", "2026-11-20", "ce")
    same_day = the_event(exported(session.report), EXPIRES)
    assert same_day["uid"] == before["uid"]
    assert (before.decoded("dtstart"), same_day.decoded("dtstart")) == (date(2027, 3, 31), date(2031, 11, 30))
    assert same_day["sequence"] > before["sequence"]
    next_day = the_event(exported(on(session, TODAY + timedelta(days=1))), EXPIRES)
    assert next_day["sequence"] > same_day["sequence"]


def test_a_date_moved_earlier_wins_in_the_next_export(session):
    before = exported(session.report)
    session.correct_credential("cma-aama", earned="2022-01-10")  # the expiry moves back two months
    [attempt] = [a for a in session.profile.exam_attempts if a.result == "scheduled"]
    session.update_exam_attempt(attempt.id, "cma-aama", "2026-12-01", "scheduled")  # and the exam, two weeks
    after = exported(on(session, TODAY + timedelta(days=1)))
    for prefix, moved_to in ((EXPIRES, date(2027, 1, 31)), ("cma-aama-exam-attempt-", date(2026, 12, 1))):
        old, new = the_event(before, prefix), the_event(after, prefix)
        assert new.decoded("dtstart") == moved_to < old.decoded("dtstart")
        assert new["uid"] == old["uid"] and new["sequence"] > old["sequence"]


DAYS = st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE)


@settings(max_examples=500, deadline=None)
@given(
    today=DAYS,
    later_by=st.integers(0, 3000),
    ahead=st.tuples(st.integers(0, 40_000), st.integers(0, 40_000)),
    met=st.tuples(st.booleans(), st.booleans()),
)
def test_sequence_only_grows_with_the_export_day_a_later_date_or_a_cancellation(today, later_by, ahead, met):
    later = min(today + timedelta(days=later_by), LATEST_DATE)
    first = CalendarEvent("u", today + timedelta(days=ahead[0]), "", "", met[0])
    second = CalendarEvent("u", later + timedelta(days=ahead[1]), "", "", met[1])
    before, after = sequence(first, today), sequence(second, later)
    assert 0 <= before < 2**31 and 0 <= after < 2**31  # RFC 5545 INTEGER
    if later > today:
        assert after > before  # whichever way the date moved
    elif (min(ahead[1], AHEAD_CAP_DAYS), met[1]) > (min(ahead[0], AHEAD_CAP_DAYS), met[0]):
        assert after > before  # the same day: moved later (up to 27 years ahead), or now cancelled


# --- met deadlines ----------------------------------------------------------------------------


def test_every_ce_point_in_cancels_the_exam_route(session):
    before = exported(session.report)  # an exam is booked: a booking alone meets nothing
    assert [str(the_event(before, p)["status"]) for p in (APPLY_BY, PASS_BY)] == ["CONFIRMED", "CONFIRMED"]
    add_points(session, 20)
    assert session.report.credential("cma-aama").ready
    after = exported(session.report)
    for prefix in (APPLY_BY, PASS_BY):
        old, new = the_event(before, prefix), the_event(after, prefix)
        assert (new["uid"], new.decoded("dtstart")) == (old["uid"], old.decoded("dtstart"))
        assert str(new["status"]) == "CANCELLED" and new["sequence"] > old["sequence"]
        assert new.walk("VALARM") == [] and old.walk("VALARM") != []
        assert str(new["description"]) == "Not needed: every CE point is in, so you can recertify by CE by 31 Mar 2027."
    # The credential still expires until the recertification is recorded.
    assert str(the_event(after, EXPIRES)["status"]) == "CONFIRMED" and the_event(after, EXPIRES).walk("VALARM")


def test_an_exam_passed_in_this_cycle_meets_the_exam_route(session):
    before = exported(session.report)
    assert str(the_event(before, PASS_BY)["status"]) == "CONFIRMED"
    session.add_exam_attempt("cma-aama", "2026-11-20", "pass")  # recorded without --recertify
    after = exported(session.report)
    for prefix in (APPLY_BY, PASS_BY):
        event = the_event(after, prefix)
        assert str(event["status"]) == "CANCELLED" and event["uid"] == the_event(before, prefix)["uid"]
        assert str(event["description"]) == "Done: the exam was passed on 20 Nov 2026."
    assert the_event(after, PASS_BY)["sequence"] > the_event(before, PASS_BY)["sequence"]


def test_a_pass_that_recertifies_moves_the_exam_route_to_the_next_cycle(session):
    before = exported(session.report)
    session.add_exam_attempt("cma-aama", "2026-11-20", "pass", recertify=True)
    after = exported(session.report)
    for prefix in (APPLY_BY, PASS_BY):
        old, new = the_event(before, prefix), the_event(after, prefix)
        assert str(new["status"]) == "CONFIRMED" and new["uid"] == old["uid"]  # the new cycle's, still to meet
        assert new.decoded("dtstart") == date(2031, 9, 30) and new["sequence"] > old["sequence"]


# --- nothing in the past ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix, day",
    [(EXPIRES, date(2027, 3, 31)), (GRACE_ENDS, date(2027, 6, 30)), ("cma-aama-exam-attempt-", date(2026, 12, 16))],
    ids=["expiry", "grace-end", "scheduled-exam"],
)
def test_a_date_is_exported_up_to_its_own_day(session, prefix, day):
    for today, kept in ((day - timedelta(days=1), True), (day, True), (day + timedelta(days=1), False)):
        calendar = exported(on(session, today))
        assert any(u.startswith(prefix) for u in uids(calendar)) == kept, today
        assert all(e.decoded("dtstart") >= today for e in calendar.walk("VEVENT"))
        assert recurring_ical_events.of(calendar).between(EARLIEST_DATE, today) == []


def test_reminders_go_off_on_their_days_and_none_before_today(session):
    event = the_event(exported(session.report, (180, 90, 30, 0)), EXPIRES)  # 31 Mar 2027, 128 days ahead
    # 180 days before (2 Oct 2026) has gone by: left out.
    assert reminder_days(event) == [date(2026, 12, 31), date(2027, 3, 1), date(2027, 3, 31)]
    for alarm in event.walk("VALARM"):
        assert str(alarm["action"]) == "DISPLAY"
        assert str(alarm["description"]).startswith("CMA (AAMA) expires ")
    assert [str(a["description"]) for a in event.walk("VALARM")][-1] == "CMA (AAMA) expires today"
    # The 90-day reminder (31 Dec 2026) on the day before, of and after it.
    for today, kept in ((date(2026, 12, 30), True), (date(2026, 12, 31), True), (date(2027, 1, 1), False)):
        event = the_event(exported(on(session, today), (90,)), EXPIRES)
        assert reminder_days(event) == ([date(2026, 12, 31)] if kept else []), today
    assert the_event(exported(session.report, ()), EXPIRES).walk("VALARM") == []  # --reminders none


# --- text is data -----------------------------------------------------------------------------


def test_escape_codes_stay_literal_in_text_and_never_reach_a_uid(hostile_rules):
    ics = render_ics(hostile_rules.report, (90, 30), calendar_id="\x1b]0;owned\x07\n\u202e").decode("utf-8")
    assert not RAW.search(ics.replace("\r\n", "")), "a raw control character in the calendar"
    calendar = Calendar.from_ical(ics)
    expiry = the_event(calendar, EXPIRES)
    assert str(expiry["summary"]) == "CMA\\x1b[31m (AAMA)\\u202e\\u200f\\u061c expires"
    assert {str(a["description"]) for a in expiry.walk("VALARM")} == {
        "CMA\\x1b[31m (AAMA)\\u202e\\u200f\\u061c expires in 90 days",
        "CMA\\x1b[31m (AAMA)\\u202e\\u200f\\u061c expires in 30 days",
    }
    for uid in uids(calendar):
        assert UID_SHAPE.match(uid), uid


# --- RFC 5545 lines ---------------------------------------------------------------------------

LONG_NAME = "Certified Medical Assistant (Ωmega Ünïversity, 日本語 campus) " * 3


def test_long_lines_are_folded_at_75_octets_and_every_line_ends_in_crlf(tmp_path, isolated_user_dirs):
    rules = isolated_user_dirs / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "cma-aama.toml").write_text(f'name = "{LONG_NAME}"\n', encoding="utf-8")
    with Session.open(tmp_path / "recert.json", TODAY) as session:
        session.add_credential("cma-aama", "2022-03-15")
        ics = render_ics(session.report, calendar_id=PERSON_A)
    assert ics.endswith(b"\r\n")
    lines = ics[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character
    assert sum(line.startswith(b" ") for line in lines) > 10
    unfolded = ics.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    assert "SUMMARY:" + f"{LONG_NAME} expires".replace(",", "\\,") in unfolded  # TEXT escapes its commas
    assert str(the_event(Calendar.from_ical(ics), EXPIRES)["summary"]) == f"{LONG_NAME} expires"
