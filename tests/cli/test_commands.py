"""Happy paths of every subcommand, as a user would type them."""

from __future__ import annotations

import json

import pytest

from .conftest import ACTIVITY


def _lines_fit(text: str) -> None:
    too_long = [line for line in text.splitlines() if len(line) > 80]
    assert not too_long, too_long


def test_credentials_add_list_and_recertify(recert):
    missing = recert("status")  # a --db file that does not exist is a file problem, not an empty profile
    assert missing.returncode == 3 and "does not exist. Check the --db path" in missing.stderr
    assert not recert.db.exists()  # reading never creates the file

    added = recert.ok("credential", "add", "cma-aama", "--earned", "3/15/2022", "--number", "123456")
    assert added.strip() == "Added CMA (AAMA), earned 15 Mar 2022: due soon, expires 31 Mar 2027."

    listing = recert.ok("credential", "list")
    assert "cma-aama  CMA (AAMA) no. 123456" in listing
    assert "earned 15 Mar 2022" in listing and "due soon" in listing
    [entry] = json.loads(recert.ok("credential", "list", "--json"))
    assert entry["code"] == "cma-aama" and entry["earned_on"] == "2022-03-15"
    assert entry["expires_on"] == "2027-03-31" and entry["status"] == "due-soon"

    recertified = recert.ok("credential", "recertified", "cma-aama", "--on", "2026-01-10")
    assert "1 Jan 2026" not in recertified and "10 Jan 2026 to 31 Jan 2031" in recertified
    [entry] = json.loads(recert.ok("credential", "list", "--json"))
    assert entry["recertified_on"] == ["2026-01-10"]
    assert entry["cycle_starts_on"] == "2026-01-10" and entry["status"] == "current"


def test_activities_add_list_edit_remove(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    added = recert.ok(*ACTIVITY, "--provider", "ACME Health", "--certificate", "C-1", "--notes", "two hours")
    assert added.startswith("Added activity 1 (cma-aama, 5 Mar 2025): Infection control\ncounted: counts in full.")
    assert "more points by 31 Mar 2027" in added
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Coding basics",
        "--date",
        "4/1/2025",
        "--split",
        "administrative=2,general=1",
        "--not-approved",
        "--kind",
        "other",
    )
    cpr = recert.ok(
        "activity", "add", "--credential", "cma-aama", "--title", "BLS card", "--date", "2025-04-02", "--kind", "cpr"
    )
    assert "CPR card 1" in cpr
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Biology 101",
        "--date",
        "2024-09-01",
        "--kind",
        "college",
        "--college-credits",
        "1",
        "--area",
        "general",
    )

    rows = json.loads(recert.ok("activity", "list", "--json"))
    assert [row["id"] for row in rows] == [3, 2, 1, 4]  # newest first
    by_id = {row["id"]: row for row in rows}
    assert by_id[1]["points"] == {"clinical": 2} and by_id[1]["provider"] == "ACME Health"
    assert by_id[1]["approved"] is True and by_id[1]["outcome"] == "counted"
    assert by_id[2]["points"] == {"administrative": 2, "general": 1} and by_id[2]["approved"] is False
    assert by_id[3]["points"] == {"clinical": 4} and by_id[3]["kind"] == "cpr"  # the rules fill a CPR card
    assert by_id[4]["points"] == {"general": 15} and by_id[4]["college_credits"] == 1  # 1 credit x 15
    assert by_id[4]["outcome"] in ("counted", "partly counted") and by_id[4]["reason"]

    text = recert.ok("activity", "list")
    _lines_fit(text)
    assert text.index("#3  2 Apr 2025") < text.index("#2  1 Apr 2025") < text.index("#1  5 Mar 2025")
    assert "2 points: clinical 2; AAMA-approved; ceu; provider: ACME Health" in text
    assert "3 points: administrative 2, general 1; not AAMA-approved; other" in text
    assert "counted: counts in full" in text
    assert json.loads(recert.ok("activity", "list", "--json", "--credential", "cma-aama")) == rows

    # Options not given keep their stored values.
    changed = recert.ok("activity", "edit", "1", "--title", "Infection control II")
    assert changed.startswith("Changed activity 1")
    row = {r["id"]: r for r in json.loads(recert.ok("activity", "list", "--json"))}[1]
    assert row["title"] == "Infection control II" and row["points"] == {"clinical": 2}
    assert (row["provider"], row["certificate"], row["notes"], row["date"]) == (
        "ACME Health",
        "C-1",
        "two hours",
        "2025-03-05",
    )
    recert.ok("activity", "edit", "1", "--points", "3")
    recert.ok("activity", "edit", "2", "--points", "1.5", "--area", "clinical", "--approved")
    recert.ok("activity", "edit", "4", "--college-credits", "2")  # points follow the credits
    by_id = {r["id"]: r for r in json.loads(recert.ok("activity", "list", "--json"))}
    assert by_id[1]["points"] == {"clinical": 3} and by_id[1]["title"] == "Infection control II"
    assert by_id[2]["points"] == {"clinical": 1.5} and by_id[2]["approved"] is True
    assert by_id[4]["points"] == {"general": 30} and by_id[4]["college_credits"] == 2

    removed = recert.ok("activity", "remove", "2")
    assert removed.strip() == "Removed activity 2 (cma-aama, 1 Apr 2025): Coding basics"
    assert [r["id"] for r in json.loads(recert.ok("activity", "list", "--json"))] == [3, 1, 4]


def test_exams_add_reenroll_list(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    assert "3 attempts available." in recert.ok("exam", "list")
    failed = recert.ok(
        "exam", "add", "--exam", "cma-aama", "--date", "2026-01-05", "--result", "fail", "--score", "400"
    )
    assert failed.splitlines() == ["Recorded cma-aama exam on 5 Jan 2026: fail.", "1 of 3 attempts used; 2 left."]
    recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-03-05", "--result", "fail")
    recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-12-01", "--result", "scheduled")

    [exam] = json.loads(recert.ok("exam", "list", "--json"))
    assert (exam["attempts"], exam["failures"], exam["remaining"], exam["one_left"]) == (2, 2, 1, True)
    assert exam["upcoming"] == ["2026-12-01"] and exam["flag"].startswith("One attempt left")
    assert [item["result"] for item in exam["history"]] == ["fail", "fail", "scheduled"]
    assert exam["history"][0]["score"] == 400

    text = recert.ok("exam", "list")
    assert "CMA (AAMA) Certification/Recertification Exam (cma-aama)" in text
    assert "5 Jan 2026  fail, score 400" in text and "One attempt left" in text

    reenrolled = recert.ok("exam", "reenrolled", "--exam", "cma-aama", "--on", "2026-06-01")
    assert reenrolled.startswith("Recorded re-enrollment for the cma-aama exam on 1 Jun 2026.")
    [exam] = json.loads(recert.ok("exam", "list", "--json"))
    assert exam["failures"] == 0 and exam["remaining"] == 3
    assert "re-enrolled" in recert.ok("exam", "list")


def test_an_exam_attempt_recorded_by_mistake_can_be_corrected_or_removed(recert):
    # Three failures flag re-enrollment: one typed as a fail by mistake must not stay one.
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    for day in ("2026-01-05", "2026-03-05", "2026-06-05"):
        recert.ok("exam", "add", "--exam", "cma-aama", "--date", day, "--result", "fail", "--score", "400")
    [exam] = json.loads(recert.ok("exam", "list", "--json"))
    assert exam["remaining"] == 0 and "#3  5 Jun 2026  fail, score 400" in recert.ok("exam", "list")

    changed = recert.ok("exam", "edit", "#3", "--result", "pass")  # the #id as `exam list` shows it
    assert changed.splitlines()[0] == "Changed attempt #3: cma-aama exam on 5 Jun 2026, pass."
    [exam] = json.loads(recert.ok("exam", "list", "--json"))
    assert [(item["result"], item["score"]) for item in exam["history"]] == [
        ("fail", 400),
        ("fail", 400),
        ("pass", 400),
    ]
    recert.ok("exam", "edit", "3", "--score", "")  # an empty value removes the score
    assert json.loads(recert.ok("exam", "list", "--json"))[0]["history"][2]["score"] is None

    removed = recert.ok("exam", "remove", "2")
    assert removed.splitlines()[0] == "Removed attempt #2: cma-aama exam on 5 Mar 2026, fail."
    [exam] = json.loads(recert.ok("exam", "list", "--json"))
    assert [item["on"] for item in exam["history"]] == ["2026-01-05", "2026-06-05"]


@pytest.mark.parametrize(
    "args, expected",
    [
        (("exam", "remove", "9"), "There is no exam attempt with id 9"),
        (("exam", "edit", "9", "--result", "pass"), "there is no exam attempt #9"),
        (("exam", "edit", "x"), "'x' is not an exam attempt id (a whole number); see `recert exam list`"),
        (("exam", "edit", "1", "--date", "2027-01-05"), "--date: 2027-01-05 is in the future"),
    ],
)
def test_a_bad_exam_correction_says_why_and_changes_nothing(recert, args, expected):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-01-05", "--result", "fail")
    before = recert.db.read_bytes()
    result = recert(*args)
    assert result.returncode != 0 and expected in result.stderr, result.stderr
    assert recert.db.read_bytes() == before


def test_a_mistyped_earned_date_is_corrected_and_the_expiry_follows(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2012-03-15", "--number", "1234")  # meant 2022
    [before] = json.loads(recert.ok("credential", "list", "--json"))
    corrected = recert.ok("credential", "edit", "cma-aama", "--earned", "2022-03-15")
    assert corrected.startswith("Corrected CMA (AAMA), earned 15 Mar 2022: ")
    [after] = json.loads(recert.ok("credential", "list", "--json"))
    assert after["earned_on"] == "2022-03-15" and after["number"] == "1234"
    assert after["expires_on"] != before["expires_on"]
    recert.ok("credential", "edit", "cma-aama", "--number", "")  # an empty value removes the number
    assert json.loads(recert.ok("credential", "list", "--json"))[0]["number"] == ""
    unchanged = recert.db.read_bytes()
    recert.ok("credential", "edit", "cma-aama", "--earned", "3/15/2022")  # the date it already has
    assert recert.db.read_bytes() == unchanged


def test_an_earned_date_after_a_recertification_is_refused(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2017-03-15")
    recert.ok("credential", "recertified", "cma-aama", "--on", "2022-03-10")
    before = recert.db.read_bytes()
    result = recert("credential", "edit", "cma-aama", "--earned", "2023-01-01")
    assert result.returncode == 2
    assert "--earned: 2023-01-01 is not before the first recertification (2022-03-10)" in result.stderr
    assert recert.db.read_bytes() == before


def test_a_removed_credential_keeps_its_activities_for_when_it_comes_back(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    recert.ok(*ACTIVITY)
    removed = recert.ok("credential", "remove", "cma-aama")
    assert " ".join(removed.split()) == (
        "Removed cma-aama (earned 15 Mar 2022) from your credentials. "
        "Its 1 activity is kept, and counts again if you add it back."
    )
    assert json.loads(recert.ok("status", "--json"))["credentials"] == []
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    [item] = json.loads(recert.ok("status", "--json"))["credentials"]
    assert item["points"]["counted"] == 2
    result = recert("credential", "remove", "rma-amt")
    assert result.returncode == 2 and "'rma-amt' is not a credential you hold" in result.stderr


def test_rules_text_and_json_and_override(recert):
    text = recert.ok("rules", "cma-aama")
    _lines_fit(text)
    assert text.startswith("CMA (AAMA): Certified Medical Assistant (cma-aama)")
    assert "ce.total_points = 60  [official]" in text
    assert "https://www.aama-ntl.org/cma-aama-exam/recertification-policies" in text
    assert "(checked 23 Nov 2026)" in text
    assert "ce.cpr.approved = no  [UNCONFIRMED]" in text
    assert "fees.ce_route = unknown (Recertification by CE; ce-route)  [UNCONFIRMED]" in text
    everything = recert.ok("rules")
    assert all(f"({code})" in everything for code in ("cma-aama", "ccma-nha", "rma-amt", "ncma-ncct", "cmac-amca"))

    (recert.rules_dir / "cma-aama.toml").write_text("[ce.total_points]\nvalue = 50\n", encoding="utf-8")
    [entry] = json.loads(recert.ok("rules", "cma-aama", "--json"))["rules"]
    values = {value["key"]: value for value in entry["values"]}
    assert values["ce.total_points"]["value"] == 50
    assert values["ce.total_points"]["provenance"] == "your override (cma-aama.toml)"
    assert values["ce.cpr.approved"]["unconfirmed"] is True
    assert values["ce.grace"]["value"] == "3 months"
    assert values["ce.total_points"]["source"]["checked"] == "2026-11-23"
    assert "ce.total_points = 50  [your override (cma-aama.toml)]" in recert.ok("rules", "cma-aama")


def test_status_text_worked_case(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", "--number", "123456")
    recert.ok(*ACTIVITY)
    text = recert.ok("status")
    _lines_fit(text)
    lines = text.splitlines()
    assert lines[0] == "CMA (AAMA) no. 123456: due soon, expires 31 Mar 2027 (128 days left)"
    assert " ".join(text.split()).startswith(
        "CMA (AAMA) no. 123456: due soon, expires 31 Mar 2027 (128 days left) Next step: Apply for the exam by "
        "31 Jan 2027, or earn 58 more points by 31 Mar 2027 (grace to 30 Jun 2027)."
    )
    assert "58 more points by 31 Mar 2027" in text and "Pace: about" in text
    assert "Points: 2 of 60 counted; 2 AAMA-approved (at least 30 needed)" in text
    assert "administrative 0 of 10, clinical 2 of 10, general 0 of 10" in " ".join(text.split())
    assert "Continuing education (open, partly on unconfirmed rules): CE by 31 Mar 2027;" in " ".join(text.split())
    assert "Recertification by CE: unknown (unconfirmed)" in text
    assert "Exam attempts: 3 attempts available." in text
    assert "Unconfirmed rules in use: ce.cpr.approved" in text
    assert "see `recert rules cma-aama`" in " ".join(text.split())

    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Big course",
        "--date",
        "2025-06-01",
        "--split",
        "administrative=20,clinical=18,general=20",
    )
    ready = recert.ok("status")
    _lines_fit(ready)
    assert " ".join(ready.split()).startswith(
        "CMA (AAMA) no. 123456: due soon, ready to recertify, expires 31 Mar 2027 (128 days left) "
        "Next step: Send your CE recertification by 31 Mar 2027: every point is in. All 60 points are in"
    )


def test_status_days_left_wording(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    assert recert.ok("status", today="2027-03-30").startswith("CMA (AAMA): due soon, expires 31 Mar 2027 (1 day left)")
    assert recert.ok("status", today="2027-03-31").startswith(
        "CMA (AAMA): due soon, expires 31 Mar 2027 (today is the last day)"
    )
    grace = recert.ok("status", today="2027-04-02")
    assert grace.startswith("CMA (AAMA): in grace, expired 31 Mar 2027 (2 days ago)")
    assert "still open in grace until 30 Jun 2027" in " ".join(grace.split())


def test_help_and_python_m(recert):
    result = recert.raw("--help")
    assert result.returncode == 0 and "recert status --json" in result.stdout
    for group in ("credential", "activity", "exam"):
        assert recert.raw(group, "--help").returncode == 0
