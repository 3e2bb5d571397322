"""`recert status --json` is a stable interface: its keys and values for a worked case."""

from __future__ import annotations

import datetime
import json
import re
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from recert_tui.cli import render_json
from recert_tui.domain.counting import CountedActivity
from recert_tui.domain.models import Activity


def test_status_json_worked_case(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", "--number", "123456")
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Infection control",
        "--date",
        "2025-03-05",
        "--points",
        "12",
        "--area",
        "clinical",
    )
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Office skills",
        "--date",
        "2025-04-01",
        "--split",
        "administrative=10,general=8",
    )
    recert.ok(
        "activity", "add", "--credential", "cma-aama", "--title", "BLS card", "--date", "2025-04-02", "--kind", "cpr"
    )
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Too early",
        "--date",
        "2022-01-10",
        "--points",
        "5",
        "--area",
        "general",
    )
    raw = recert.ok("status", "--json")
    status = json.loads(raw)

    assert set(status) >= {"today", "credentials", "exams"}
    assert status["today"] == "2026-11-23"
    [cma] = status["credentials"]
    assert set(cma) >= {
        "code",
        "name",
        "number",
        "earned_on",
        "cycle_starts_on",
        "expires_on",
        "ce_route_closes_on",
        "status",
        "days_left",
        "ready",
        "points",
        "needs",
        "routes",
        "activities",
        "unconfirmed_rules",
    }
    assert (cma["code"], cma["name"], cma["number"]) == ("cma-aama", "CMA (AAMA)", "123456")
    assert cma["earned_on"] == "2022-03-15" and cma["cycle_starts_on"] == "2022-03-15"
    assert cma["expires_on"] == "2027-03-31" and cma["ce_route_closes_on"] == "2027-06-30"
    assert (cma["status"], cma["days_left"], cma["ready"]) == ("due-soon", 128, False)

    points = cma["points"]
    assert {key: points[key] for key in ("required", "counted", "approved", "non_approved")} == {
        "required": 60,
        "counted": 34,
        "approved": 30,
        "non_approved": 4,
    }
    assert points["by_area"] == {"administrative": 10, "clinical": 16, "general": 8}
    assert all(type(points[key]) is int for key in ("required", "counted", "approved", "non_approved"))
    assert re.search(r'"required":\s*60[,}]', raw) and "60.0" not in raw  # whole numbers are written as ints

    needs = cma["needs"]
    assert set(needs) >= {"points", "approved", "by_area", "minimum_additional", "deadline", "per_month", "sentence"}
    assert (needs["points"], needs["approved"], needs["minimum_additional"]) == (26, 0, 26)
    assert needs["by_area"] == {"administrative": 0, "clinical": 0, "general": 2}
    assert needs["deadline"] == "2027-03-31"
    assert needs["per_month"] == 6.2  # 26 points over the 129 days to 31 Mar 2027, rounded up
    assert needs["sentence"] == "26 more points by 31 Mar 2027, at least 2 of them general."

    ce, exam_route, late_exam = cma["routes"]
    assert set(ce) >= {"key", "name", "open", "steps", "deadlines", "starts_on", "fees", "note"}
    assert (ce["key"], ce["name"], ce["open"]) == ("ce", "Continuing education", True)
    assert [(d["label"], d["on"]) for d in ce["steps"]] == [("CE by", "2027-03-31"), ("grace ends", "2027-06-30")]
    assert ce["deadlines"] == ce["steps"]  # the older name stays for scripts written against it
    assert ce["fees"] == [{"key": "ce_route", "label": "Recertification by CE", "amount": None, "unconfirmed": True}]
    assert exam_route["key"] == "exam" and exam_route["open"] is True
    # The application deadline never falls after the pass-by date it serves.
    assert [(d["label"], d["on"]) for d in exam_route["steps"]] == [
        ("apply by", "2027-01-31"),
        ("pass by", "2027-01-31"),
    ]
    assert (late_exam["key"], late_exam["open"], late_exam["starts_on"]) == ("late-exam", True, "2027-02-01")
    assert needs["pace"] == {"amount": 1.5, "unit": "week", "days_left": 128}
    assert cma["next_step"] == (
        "Apply for the exam by 31 Jan 2027, or earn 26 more points by 31 Mar 2027 (grace to 30 Jun 2027)."
    )
    assert {fee["label"]: fee["amount"] for fee in exam_route["fees"]} == {
        "Exam fee, AAMA member (category 3)": 125,
        "Exam fee, non-member (category 3)": 250,
    }

    activities = {a["title"]: a for a in cma["activities"]}
    assert set(activities["BLS card"]) >= {"id", "title", "date", "counted_points", "outcome", "reason"}
    assert (activities["Infection control"]["counted_points"], activities["Infection control"]["outcome"]) == (
        12,
        "counted",
    )
    assert activities["BLS card"]["counted_points"] == 4 and activities["BLS card"]["date"] == "2025-04-02"
    assert activities["Too early"]["outcome"] == "not counted" and activities["Too early"]["counted_points"] == 0
    assert activities["Too early"]["reason"] == "before this cycle began on 15 Mar 2022"

    assert {"ce.cpr.approved", "fees.ce_route", "exam.after_last_failure"} <= set(cma["unconfirmed_rules"])

    [exam] = status["exams"]
    assert set(exam) >= {
        "exam",
        "name",
        "attempts",
        "failures",
        "max_attempts",
        "remaining",
        "reenrollment_required",
        "one_left",
        "next_eligible_on",
        "window_closes_on",
        "upcoming",
        "flag",
        "warnings",
    }
    assert (exam["exam"], exam["attempts"], exam["max_attempts"], exam["remaining"]) == ("cma-aama", 0, 3, 3)
    assert exam["next_eligible_on"] == "2026-11-23" and exam["window_closes_on"] is None
    assert exam["upcoming"] == [] and exam["warnings"] == [] and exam["flag"] == "3 attempts available."


def test_status_json_empty_and_user_text_unescaped(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    recert.ok("credential", "remove", "cma-aama")  # a database file with nothing in it
    assert json.loads(recert.ok("status", "--json")) == {"today": "2026-11-23", "credentials": [], "exams": []}
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", "--number", "nº 7\x1b[2J")
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Ünïcode [b]x[/b]",
        "--date",
        "2025-03-05",
        "--points",
        "2",
        "--area",
        "clinical",
    )
    raw = recert.ok("status", "--json")
    assert "Ünïcode" in raw  # ensure_ascii=False
    cma = json.loads(raw)["credentials"][0]
    assert cma["number"] == "nº 7\x1b[2J"  # JSON carries the data as typed; json.dumps escapes the control
    assert "\x1b" not in raw
    assert cma["activities"][0]["title"] == "Ünïcode [b]x[/b]"


# --- the compact form is written by hand for speed; it must be json's own text, byte for byte ---


def _json_dumps_compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _report_of(tmp_path, size: int, monkeypatch):
    from recert_tui.catalog import load_catalog
    from recert_tui.session import Session
    from tests.perf.generate import TODAY, build_database

    db = build_database(tmp_path / "status.json", size)
    monkeypatch.setattr(render_json.sys.stdout, "isatty", lambda: False, raising=False)
    with Session.open(db, TODAY, write=False, catalog=load_catalog()) as session:
        return session.report


def test_compact_status_is_json_dumps_text(tmp_path, monkeypatch):
    report = _report_of(tmp_path, 1_000, monkeypatch)  # ten cycles of history, three credentials, exams
    assert sum(len(item.activities) for item in report.credentials) == 1_000
    assert "".join(render_json.status_text(report)) == _json_dumps_compact(render_json.status(report))


def test_a_terminal_gets_the_indented_form(tmp_path, monkeypatch):
    report = _report_of(tmp_path, 50, monkeypatch)
    monkeypatch.setattr(render_json.sys.stdout, "isatty", lambda: True, raising=False)
    assert "".join(render_json.status_text(report)) == json.dumps(
        render_json.status(report), ensure_ascii=False, indent=2
    )


_texts = st.text(st.characters(codec="utf-8") | st.sampled_from(['"', "\\", "\x00", "\x1b", "\u2028", "é", "😀"]))
_points = st.one_of(
    st.just(0),
    st.floats(0, 500, allow_nan=False).map(lambda p: round(p, 2)),
    st.integers(0, 500),
    st.sampled_from([0.1 + 0.2, 1e-7, 123456.789]),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 10**9),
            _texts,
            st.dates(datetime.date(1900, 1, 1)),
            _points,
            st.sampled_from(["counted", "partly counted", "not counted"]),
            _texts,
        ),
        max_size=8,
    ),
    st.sampled_from([1, 2, 3, 500]),
)
def test_activity_entries_match_json_for_any_text_and_number(rows, batch):
    items = tuple(
        CountedActivity(
            Activity("cma-aama", title, day, {"general": 1.0}, id=ident),
            {"general": points} if points else {},
            True,
            outcome,
            reason,
        )
        for ident, title, day, points, outcome, reason in rows
    )
    with patch.object(render_json, "_BATCH", batch):  # parts of any size join to the same text
        joined = "".join(render_json._activities_text(items))
    assert f"[{joined}]" == _json_dumps_compact(render_json.counted_activities(items))
