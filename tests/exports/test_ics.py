from datetime import date, timedelta

from icalendar import Calendar

from recert_tui.exports.ics import render_ics

from .conftest import RAW, TODAY


def test_calendar_parses_back_with_the_deadlines_and_reminders(session):
    calendar = Calendar.from_ical(render_ics(session.report))
    assert calendar["version"] == "2.0"
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert events["CMA (AAMA) expires"].decoded("dtstart") == date(2027, 3, 31)
    assert events["CMA (AAMA): last day to recertify by CE"].decoded("dtstart") == date(2027, 6, 30)
    assert any(e.decoded("dtstart") == date(2027, 1, 31) for s, e in events.items() if "pass by" in s)
    # Never later than the pass-by date: an application after it would be no use.
    assert any(e.decoded("dtstart") == date(2027, 1, 31) for s, e in events.items() if "apply by" in s)
    attempt = events["CMA (AAMA) Certification/Recertification Exam: scheduled attempt"]
    assert attempt.decoded("dtstart") == date(2026, 12, 16)
    for event in events.values():
        triggers = sorted(alarm.decoded("trigger") for alarm in event.walk("VALARM"))
        # A reminder whose day has gone by is left out; a cancelled (met) deadline has none.
        ahead = (event.decoded("dtstart") - TODAY).days
        expected = [] if event["status"] == "CANCELLED" else [-timedelta(days=d) for d in (180, 90, 30) if d <= ahead]
        assert triggers == expected
        assert str(event["uid"]).endswith("@recert-tui")
    assert [len(e.walk("VALARM")) for e in events.values()] == [0, 1, 1, 2, 3]  # by date: 16 Dec ... 30 Jun


def test_calendar_is_reproducible_for_the_same_today(session):
    assert render_ics(session.report) == render_ics(session.report)


def test_the_rma_annual_fee_is_a_calendar_date_of_its_own(session):
    session.add_credential("rma-amt", "2025-03-09")
    calendar = Calendar.from_ical(render_ics(session.report))
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert events["RMA (AMT): annual fee due"].decoded("dtstart") == date(2027, 3, 31)


def test_calendar_text_from_rule_files_is_shown_escaped(hostile_rules):
    # A user's own rule file may rename a credential; its text reaches the calendar escaped.
    ics = render_ics(hostile_rules.report).decode("utf-8")
    assert not RAW.search(ics.replace("\r\n", "")), "a raw control character in the calendar"
    events = {str(e["summary"]) for e in Calendar.from_ical(ics).walk("VEVENT")}
    assert "CMA\\x1b[31m (AAMA)\\u202e\\u200f\\u061c expires" in events
