"""`recert study add|test|status`: a small known case, checked value by value."""

from __future__ import annotations

import json

import pytest

from .conftest import make_recert


@pytest.fixture(scope="module")
def studied(tmp_path_factory):
    """Today is Monday 23 Nov 2026; the CMA exam is scheduled for 15 Jan 2027 (53 days)."""
    recert = make_recert(tmp_path_factory.mktemp("study"))
    recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2027-01-15", "--result", "scheduled")
    outputs = [
        recert.ok(
            "study",
            "add",
            "--exam",
            "cma-aama",
            "--date",
            "2026-11-20",
            "--minutes",
            "45",
            "--category",
            "clinical",
            "--note",
            "flashcards",
        ),
        recert.ok(
            "study", "add", "--exam", "cma-aama", "--date", "11/2/2026", "--minutes", "90", "--category", "General"
        ),
        recert.ok(
            "study", "add", "--exam", "cma-aama", "--date", "2026-10-02", "--minutes", "30"
        ),  # before the 8 weeks
        recert.ok(
            "study", "add", "--exam", "cma-aama", "--date", "2026-11-23", "--minutes", "15", "--category", "clinical"
        ),
        recert.ok(
            "study", "test", "--exam", "cma-aama", "--date", "2026-11-01", "--score", "60", "--category", "clinical"
        ),
        recert.ok(
            "study", "test", "--exam", "cma-aama", "--date", "2026-11-21", "--score", "72.5", "--category", "clinical"
        ),
        recert.ok("study", "test", "--exam", "cma-aama", "--date", "2026-11-21", "--score", "80"),
    ]
    recert.outputs = outputs
    return recert


SUGGESTION = (
    "Clinical Competency is 59% of the exam and your weakest: 72.5% on the last practice test. "
    "Study Clinical Competency next. Exam in 53 days."
)


def test_add_and_test_say_what_was_recorded(studied):
    first, second, third, *_, clinical_again, overall = studied.outputs
    assert first.startswith("Recorded 45 minutes of study for cma-aama on 20 Nov 2026 (clinical).\n")
    assert "No practice test yet for Clinical Competency (59% of the exam)" in first
    assert second.startswith("Recorded 90 minutes of study for cma-aama on 2 Nov 2026 (general).")
    assert third.startswith("Recorded 30 minutes of study for cma-aama on 2 Oct 2026 (overall).")  # the default
    assert clinical_again.startswith(
        "Recorded a practice test for cma-aama on 21 Nov 2026: 72.5% (clinical).\n"
        "Change since the previous clinical test: +12.5 percentage points."
    )
    assert overall.startswith("Recorded a practice test for cma-aama on 21 Nov 2026: 80% (overall).")
    assert " ".join(overall.split()).endswith(SUGGESTION)


def test_status_json_values(studied):
    data = json.loads(studied.ok("study", "status", "--json"))
    assert data["today"] == "2026-11-23"
    [exam] = data["exams"]
    assert exam["exam"] == "cma-aama"
    assert exam["next_exam_on"] == "2027-01-15" and exam["days_to_exam"] == 53
    assert exam["weights_unconfirmed"] is True
    assert exam["weekly_minutes"] == [
        {"week_start": "2026-10-05", "minutes": 0},
        {"week_start": "2026-10-12", "minutes": 0},
        {"week_start": "2026-10-19", "minutes": 0},
        {"week_start": "2026-10-26", "minutes": 0},
        {"week_start": "2026-11-02", "minutes": 90},
        {"week_start": "2026-11-09", "minutes": 0},
        {"week_start": "2026-11-16", "minutes": 45},
        {"week_start": "2026-11-23", "minutes": 15},
    ]
    by_key = {item["category"]: item for item in exam["categories"]}
    assert [item["category"] for item in exam["categories"]] == ["clinical", "general", "administrative", "overall"]
    assert by_key["clinical"] == {
        "category": "clinical",
        "label": "Clinical Competency",
        "weight": 59,
        "weight_unconfirmed": True,
        "latest": 72.5,
        "latest_on": "2026-11-21",
        "trend": 12.5,
        "minutes": 60,
    }
    assert by_key["general"]["latest"] is None and by_key["general"]["trend"] is None
    assert by_key["general"]["minutes"] == 90 and by_key["general"]["weight"] == 21
    assert by_key["administrative"]["minutes"] == 0
    assert by_key["overall"] == {
        "category": "overall",
        "label": "Overall",
        "weight": None,
        "weight_unconfirmed": False,
        "latest": 80,
        "latest_on": "2026-11-21",
        "trend": None,
        "minutes": 30,
    }
    assert exam["weakest"] == ["clinical", "general", "administrative"]
    assert exam["suggestion"] == SUGGESTION


def test_status_text(studied):
    text = studied.ok("study", "status")
    assert all(len(line) <= 80 for line in text.splitlines())
    lines = [line.strip() for line in text.splitlines()]
    assert "15 Jan 2027 (in 53 days)" in text
    assert "▁▁▁▁█▁▅▂  0 0 0 0 90 0 45 15" in lines
    clinical = next(line for line in lines if line.startswith("Clinical "))
    assert clinical.split() == ["Clinical", "Competency", "72.5%", "+12.5", "59%*", "60"]
    general = next(line for line in lines if line.startswith("General "))
    assert general.split() == ["General", "no", "test", "-", "21%*", "90"]
    assert any(line.startswith("* unconfirmed weight") for line in lines)
    assert "Weakest first: Clinical Competency, General, Administrative" in lines
    assert SUGGESTION in " ".join(text.split())


def test_status_for_one_exam_with_nothing_recorded(studied):
    data = json.loads(studied.ok("study", "status", "--json", "--exam", "cmac-amca"))
    [exam] = data["exams"]
    assert exam["exam"] == "cmac-amca" and exam["weights_unconfirmed"] is False
    assert [week["minutes"] for week in exam["weekly_minutes"]] == [0] * 8
    assert exam["days_to_exam"] is None and exam["weakest"][0] == "clinical"
    assert "no attempt scheduled" in studied.ok("study", "status", "--exam", "cmac-amca")


def test_status_with_no_records(recert):
    recert.ok("credential", "add", "ccma-nha", "--earned", "2025-01-10")
    recert.ok("credential", "remove", "ccma-nha")  # a database file with nothing in it
    assert "No exam programs to show" in recert.ok("study", "status")
    assert json.loads(recert.ok("study", "status", "--json"))["exams"] == []
