"""Records a form would refuse, in a hand-edited file: refused on opening with a sentence naming
the record, the file left exactly as it was; and what json.loads hides (a key written twice, NaN,
nesting too deep, numbers too long) found and named the same way.
"""

from __future__ import annotations

import json
import math
import sys

import pytest

from recert_tui.domain import limits, validate
from recert_tui.domain.models import Activity, HeldCredential
from recert_tui.store import SaveFailed, Store, StoreDamaged
from recert_tui.store.records import build_models

GOOD = {
    "meta": {"1": {"schema_version": 2}},
    "credentials": {
        "1": {
            "code": "cma-aama",
            "earned_on": "2022-03-15",
            "number": "CMA-1",
            "recertified_on": ["2027-03-10"],
            "recertified_by": {"2027-03-10": "ce"},
        }
    },
    "activities": {
        "1": {
            "credential": "cma-aama",
            "title": "Infection control",
            "completed_on": "2025-03-05",
            "points": {"clinical": 2.0, "general": 1.0},
        },
        "2": {
            "credential": "cma-aama",
            "title": "Anatomy",
            "completed_on": "2024-09-01",
            "points": {"general": 15.0},
            "approved": False,
            "kind": "college",
            "college_credits": 1.0,
        },
    },
    "exam_attempts": {
        "1": {"exam": "cma-aama", "on": "2021-05-01", "result": "fail", "score": 380.0},
        "2": {"exam": "cma-aama", "on": "2020-01-01", "result": "scheduled", "score": None},
    },
    "reenrollments": {"1": {"exam": "cma-aama", "on": "2021-06-01"}},
    "study_sessions": {
        "1": {"exam": "cma-aama", "on": "2026-11-01", "minutes": 45, "category": "clinical", "note": "flash cards"}
    },
    "practice_tests": {"1": {"exam": "cma-aama", "on": "2026-11-02", "score": 72.0, "category": "clinical"}},
    "settings": {"1": {"theme": "textual-dark", "due_soon_days": 90}},
}


def edited(change) -> dict:
    data = json.loads(json.dumps(GOOD))
    change(data)
    return data


def refused(db_path, text: str) -> str:
    """Open a file holding `text`: StoreDamaged, the file untouched; its one-sentence reason."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = db_path.read_bytes()
    with pytest.raises(StoreDamaged) as caught:
        Store.open(db_path)
    assert db_path.read_bytes() == before
    reason = str(caught.value)
    assert "\n" not in reason and reason.endswith("the file was not changed."), reason
    assert len(reason) < 400, reason
    return reason


def test_the_good_file_opens(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_text(json.dumps(GOOD))
    with Store.open(db_path) as store:
        profile = store.profile()
    assert len(profile.activities) == 2 and profile.credentials[0].recertified_on


# --- item 1: every kind of record, held to the forms ----------------------------------------------

FORM_REFUSES = [
    # (what, change, words the sentence holds)
    (
        "recertified on 9999-12-31",
        lambda d: d["credentials"]["1"].update(recertified_on=["9999-12-31"], recertified_by={}),
        "credential 1 (cma-aama) holds a value the app would refuse (recertified_on: 9999-12-31 is after 2199-12-31",
    ),
    (
        "earned on 9999-12-31",
        lambda d: d["credentials"]["1"].update(earned_on="9999-12-31"),
        "credential 1 (cma-aama) holds a value the app would refuse (earned_on: 9999-12-31 is after 2199-12-31",
    ),
    (
        "earned in year 1",
        lambda d: d["credentials"]["1"].update(earned_on="0001-01-01"),
        "earned_on: 0001-01-01 is before 1950-01-01",
    ),
    (
        "recertified before earned",
        lambda d: d["credentials"]["1"].update(recertified_on=["2020-01-01"], recertified_by={}),
        "recertified_on: 2020-01-01 is not after the current cycle's start (2022-03-15)",
    ),
    (
        "recertified twice on one day",
        lambda d: d["credentials"]["1"].update(recertified_on=["2027-03-10", "2027-03-10"]),
        "recertified_on: 2027-03-10 is not after the current cycle's start (2027-03-10)",
    ),
    (
        "an unknown route",
        lambda d: d["credentials"]["1"].update(recertified_by={"2027-03-10": "bribe"}),
        "recertified_by: 'bribe' is not a route",
    ),
    (
        "a number too long",
        lambda d: d["credentials"]["1"].update(number="9" * 61),
        "number: is 61 characters long; at most 60 are accepted",
    ),
    (
        "an activity in 9999",
        lambda d: d["activities"]["1"].update(completed_on="9999-12-31"),
        "activity 1 (Infection control) holds a value the app would refuse (completed_on: 9999-12-31 is after",
    ),
    (
        "a date written 20250305",
        lambda d: d["activities"]["1"].update(completed_on="20250305"),
        "completed_on: '20250305' is not a date written as YYYY-MM-DD",
    ),
    ("an empty title", lambda d: d["activities"]["1"].update(title="  "), "title: is empty"),
    ("a kind no form stores", lambda d: d["activities"]["1"].update(kind="webinar"), "kind: 'webinar' is not a kind"),
    ("a kind in capitals", lambda d: d["activities"]["1"].update(kind="CPR"), "kind: 'CPR' is not a kind"),
    (
        "an area in capitals",
        lambda d: d["activities"]["2"].update(points={"General": 15.0}),
        "activity 2 (Anatomy) holds a value the app would refuse (points: 'General' is not an area",
    ),
    (
        "credits on a course that is not college",
        lambda d: d["activities"]["1"].update(college_credits=2.0),
        "college_credits: only a college course has credits",
    ),
    (
        "a college course with 9 credits",
        lambda d: d["activities"]["2"].update(college_credits=9.0),
        "college_credits: 9.0 is out of range",
    ),
    (
        "points with three decimals",
        lambda d: d["activities"]["1"]["points"].update(clinical=1.005),
        "more than two decimals",
    ),
    ("no points", lambda d: d["activities"]["1"].update(points={}), "activity 1 (Infection control)"),
    (
        "a split over 120",
        lambda d: d["activities"]["1"].update(points={"clinical": 100.0, "general": 21.0}),
        "points: adds up to 121 points; one activity earns at most 120",
    ),
    (
        "approved written as text",
        lambda d: d["activities"]["1"].update(approved="no"),
        "activity record 1 cannot be read ('approved' should be true or false, got 'no')",
    ),
    (
        "a title of 501 characters",
        lambda d: d["activities"]["1"].update(title="t" * 501),
        "title: is 501 characters long; at most 500 are accepted",
    ),
    (
        "an attempt in 9999",
        lambda d: d["exam_attempts"]["1"].update(on="9999-12-31"),
        "exam attempt 1 holds a value the app would refuse (on: 9999-12-31 is after 2199-12-31",
    ),
    (
        "a result no form stores",
        lambda d: d["exam_attempts"]["1"].update(result="PASSED"),
        "result: 'PASSED' is not a result",
    ),
    ("a score over 1000", lambda d: d["exam_attempts"]["1"].update(score=1000.5), "score: 1000.5 is out of range"),
    (
        "a scheduled attempt with a score",
        lambda d: d["exam_attempts"]["2"].update(score=400.0),
        "score: a scheduled attempt has no score yet",
    ),
    (
        "a re-enrollment in 1949",
        lambda d: d["reenrollments"]["1"].update(on="1949-12-31"),
        "re-enrollment 1 holds a value the app would refuse (on: 1949-12-31 is before 1950-01-01",
    ),
    (
        "a study session of 0 minutes",
        lambda d: d["study_sessions"]["1"].update(minutes=0),
        "study session 1 holds a value the app would refuse (minutes: 0 is out of range",
    ),
    (
        "a study session of a day and a minute",
        lambda d: d["study_sessions"]["1"].update(minutes=1441),
        "minutes: 1441 is out of range",
    ),
    (
        "a practice test over 100 percent",
        lambda d: d["practice_tests"]["1"].update(score=100.5),
        "practice test 1 holds a value the app would refuse (score: 100.5 is out of range",
    ),
]


@pytest.mark.parametrize("what, change, words", FORM_REFUSES, ids=[case[0] for case in FORM_REFUSES])
def test_a_record_a_form_would_refuse_is_refused_when_the_file_opens(db_path, what, change, words):
    reason = refused(db_path, json.dumps(edited(change)))
    assert reason.startswith("In recert.json, ") and words in reason, reason


def test_a_scheduled_attempt_whose_day_has_passed_still_reads(db_path):
    """The form judges a scheduled attempt on the day it was entered: the day passing is no damage."""
    db_path.parent.mkdir(parents=True)
    db_path.write_text(json.dumps(GOOD))
    with Store.open(db_path) as store:
        assert store.exam_attempts()[1].result == "scheduled"


def test_the_store_refuses_to_write_what_it_would_refuse_to_read(db_path):
    """Otherwise one save would make the file unreadable."""
    with Store.open(db_path) as store:
        store.add_credential(HeldCredential("cma-aama", limits.EARLIEST_DATE))
        before = db_path.read_bytes()
        for bad in (
            Activity("cma-aama", "T", limits.LATEST_DATE.replace(year=9999), {"clinical": 1.0}),
            Activity("cma-aama", "T", limits.EARLIEST_DATE, {"clinical": math.nan}),
            Activity("cma-aama", "T", limits.EARLIEST_DATE, {"surgical": 1.0}),
        ):
            with pytest.raises(ValueError, match="out of range|not an area|after 2199"):
                store.add_activity(bad)
        with pytest.raises(ValueError, match="after 2199"):
            store.update_credential(
                HeldCredential(
                    "cma-aama", limits.EARLIEST_DATE, recertified_on=(limits.LATEST_DATE.replace(year=9999),)
                )
            )
        assert db_path.read_bytes() == before
        assert len(store.activities()) == 0


def test_the_fast_bounds_are_the_forms_own_or_tighter():
    """A record inside limits' FAST_ bounds is one the forms accept (see schema's converters)."""
    assert limits.FAST_MAX_POINTS <= validate.MAX_POINTS_PER_ACTIVITY
    assert limits.FAST_MAX_CREDITS <= validate.MAX_COLLEGE_CREDITS
    assert limits.FAST_MAX_SCORE <= validate.MAX_SCORE
    assert limits.FAST_MAX_PERCENT <= 100
    assert limits.FAST_MAX_MINUTES <= 1440
    assert validate.TEXT_LIMITS["title"] >= limits.FAST_MAX_TITLE
    assert validate.TEXT_LIMITS["number"] >= limits.FAST_MAX_SHORT_TEXT
    assert min(validate.TEXT_LIMITS["provider"], validate.TEXT_LIMITS["certificate"]) >= limits.FAST_MAX_FIELD_TEXT
    assert min(validate.TEXT_LIMITS["notes"], validate.TEXT_LIMITS["note"]) >= limits.FAST_MAX_NOTES
    assert set(limits.FAST_ROUTES) <= set(validate.RECERTIFICATION_ROUTES)


# --- items 2 and 5: numbers, areas, nesting, NaN, duplicates ---------------------------------------


RAW_REFUSES = [
    (
        "NaN points",
        GOOD_TEXT := json.dumps(GOOD),
        ('"clinical": 2.0', '"clinical": NaN'),
        "activity record 1 (in 'points.clinical') holds NaN, which is not a number",
    ),
    (
        "Infinity points",
        GOOD_TEXT,
        ('"clinical": 2.0', '"clinical": Infinity'),
        "activity record 1 (in 'points.clinical') holds Infinity, which is not a number",
    ),
    (
        "-Infinity in a setting",
        GOOD_TEXT,
        ('"due_soon_days": 90', '"due_soon_days": -Infinity'),
        "record 1 in table 'settings' (in 'due_soon_days') holds -Infinity, which is not a number",
    ),
    (
        "1e400 points",
        GOOD_TEXT,
        ('"clinical": 2.0', '"clinical": 1e400'),
        "activity 1 (Infection control) holds a value the app would refuse (points: inf is out of range",
    ),
    (
        "negative points",
        GOOD_TEXT,
        ('"clinical": 2.0', '"clinical": -3'),
        "activity 1 (Infection control) holds a value the app would refuse (points: -3 is out of range",
    ),
    (
        "zero points",
        GOOD_TEXT,
        ('"general": 15.0', '"general": 0'),
        "activity 2 (Anatomy) holds a value the app would refuse (points: 0 is out of range",
    ),
    (
        "400-digit points",
        GOOD_TEXT,
        ('"clinical": 2.0', '"clinical": ' + "9" * 400),
        "activity 1 (Infection control) holds a value the app would refuse (points: 9999999999999999999999999999... "
        "(400 characters) is out of range",
    ),
    (
        "5,000-digit points",
        GOOD_TEXT,
        ('"clinical": 2.0', '"clinical": ' + "9" * 5000),
        "activity record 1 (in 'points.clinical') holds a number 5,000 digits long, too long to read",
    ),
    (
        "400-digit minutes",
        GOOD_TEXT,
        ('"minutes": 45', '"minutes": ' + "4" * 400),
        "study session 1 holds a value the app would refuse (minutes: 4444444444444444444444444444... "
        "(400 characters) is out of range",
    ),
    (
        "an unknown content area",
        GOOD_TEXT,
        ('"general": 1.0', '"surgical": 1.0'),
        "activity 1 (Infection control) holds a value the app would refuse (points: 'surgical' is not an area",
    ),
    ("an area that cannot be split", GOOD_TEXT, ('"general": 1.0', '"a=1,b": 1.0'), "(points: 'a=1,b' is not an area"),
    (
        "nesting 100,000 deep",
        GOOD_TEXT,
        ('"title": "Infection control"', '"title": "Infection control", "deep": ' + "[" * 100_000 + "]" * 100_000),
        "activity record 1 is nested more than 20 levels deep, too deep to read",
    ),
    (
        "objects nested 50,000 deep",
        GOOD_TEXT,
        ('"theme"', '"deep": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + ', "theme"'),
        "record 1 in table 'settings' is nested more than 20 levels deep, too deep to read",
    ),
    (
        "text that is half a surrogate pair",
        GOOD_TEXT,
        ('"Anatomy"', '"Anat\\udce9my"'),
        "activity record 2 (in 'title') holds text that is not valid UTF-8",
    ),
]


@pytest.mark.parametrize("what, text, swap, words", RAW_REFUSES, ids=[case[0] for case in RAW_REFUSES])
def test_numbers_areas_and_nesting_that_broke_the_app_are_refused(db_path, what, text, swap, words):
    assert swap[0] in text
    reason = refused(db_path, text.replace(swap[0], swap[1], 1))
    assert words in reason, reason


def test_bytes_that_are_not_utf8_inside_a_record_name_the_record(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(json.dumps(GOOD).replace("Anatomy", "Anat\udce9my").encode("utf-8", "surrogateescape"))
    with pytest.raises(StoreDamaged, match=r"activity record 2 \(in 'title'\) holds text that is not valid UTF-8"):
        Store.open(db_path)


DUPLICATES = [
    (
        "the same id twice in the text",
        ('"2": {"credential"', '"1": {"credential"'),
        "In recert.json, activity record 1 is written twice; the file was not changed.",
    ),
    (
        "1 and 01",
        ('"2": {"credential"', '"01": {"credential"'),
        "In recert.json, activity records 1 and 01 have the same id; the file was not changed.",
    ),
    (
        "a table twice",
        ('"reenrollments":', '"reenrollments": {}, "reenrollments":'),
        "In recert.json, the table 'reenrollments' is written twice; the file was not changed.",
    ),
    (
        "a field twice, one of them an object",
        ('"points": {"general": 15.0}', '"points": {}, "points": {"general": 15.0}'),
        "In recert.json, activity record 2 has the key 'points' written twice; the file was not changed.",
    ),
]


@pytest.mark.parametrize("what, swap, sentence", DUPLICATES, ids=[case[0] for case in DUPLICATES])
def test_duplicates_never_vanish_without_a_word(db_path, what, swap, sentence):
    text = json.dumps(GOOD)
    assert swap[0] in text
    assert refused(db_path, text.replace(swap[0], swap[1], 1)) == sentence


def test_a_key_written_twice_anywhere_is_found_by_the_thorough_check():
    """Plain values written twice inside a record slip past the fast screens; doctor looks properly."""
    from recert_tui.store import checks

    text = json.dumps(GOOD).replace('"title": "Anatomy"', '"title": "Anat", "title": "Anatomy"')
    assert checks.content_problem(text, "recert.json") == (
        "In recert.json, activity record 2 has the key 'title' written twice; the file was not changed."
    )
    assert checks.content_problem(json.dumps(GOOD), "recert.json") is None


def test_braces_in_text_take_the_slow_path_and_still_read(db_path):
    """A title with { or [ misses the cheap count; the thorough check finds nothing and the file opens."""
    db_path.parent.mkdir(parents=True)
    db_path.write_text(json.dumps(edited(lambda d: d["activities"]["1"].update(title="Module {2} [part 1]"))))
    with Store.open(db_path) as store:
        assert store.activities()[0].title == "Module {2} [part 1]"


def test_the_forms_checks_can_be_left_to_the_caller():
    """judge=False reads records as they are: import first says what the forms refuse, in its words."""
    data = edited(lambda d: d["activities"]["1"]["points"].update(clinical=-3))
    models = build_models(data, "recert.json", "recert.json", judge=False)
    assert models["activities"][1].points["clinical"] == -3.0
    with pytest.raises(StoreDamaged, match="points: -3 is out of range"):
        build_models(data, "recert.json", "recert.json")


def test_lists_nested_deep_in_a_field_no_record_uses_are_named_by_the_thorough_check(db_path, tmp_path):
    """Lists leave the cheap count unchanged, so such a file opens; doctor and import look properly."""
    from recert_tui.exports.backup import check_backup
    from recert_tui.store import checks

    text = json.dumps(GOOD).replace('"title": "Anatomy"', '"title": "Anatomy", "x": ' + "[" * 900 + "]" * 900)
    assert checks.content_problem(text, "recert.json") == (
        "In recert.json, activity record 2 (in 'x[0][0]...') is nested more than 20 levels deep; "
        "the file was not changed."
    )
    backup = tmp_path / "backup.json"
    backup.write_text(text)
    with pytest.raises(StoreDamaged, match=r"activity record 2 \(in 'x\[0\]\[0\]...'\) is nested more than 20"):
        check_backup(backup)


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="from 3.12 json's C encoder no longer follows sys.setrecursionlimit: it shares the "
    "decoder's fixed C limit, so whatever the file read back with can be saved again",
)
def test_a_value_too_deep_to_save_is_one_sentence_and_nothing_changes(db_path):
    """A list nested in a field no record uses reads (doctor names it); a save that cannot encode it says so."""
    db_path.parent.mkdir(parents=True)
    db_path.write_text(
        json.dumps(GOOD).replace('"title": "Anatomy"', '"title": "Anatomy", "x": ' + "[" * 400 + "]" * 400)
    )
    before = db_path.read_bytes()
    with Store.open(db_path) as store:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(200)  # as deep in the stack as the app may save from
        try:
            with pytest.raises(SaveFailed) as caught:
                store.add_activity(Activity("cma-aama", "T", limits.EARLIEST_DATE, {"clinical": 1.0}))
        finally:
            sys.setrecursionlimit(limit)
    assert "a value is nested too deeply" in str(caught.value)
    assert db_path.read_bytes() == before
