"""`--category`, `--recurring` / `--not-recurring`, `credential recertified --route`, and exam
results written as on a score report."""

from __future__ import annotations

import json

import pytest

AMT_KEYS = (
    "professional-education, formal-education, employment-verification, authorship, "
    "instructional-presentation, organizational-participation"
)


def _stored(recert, table: str) -> dict[str, dict]:
    return json.loads(recert.db.read_text())[table]


def _refused(recert, *args: str) -> str:
    before = recert.db.read_bytes() if recert.db.exists() else None
    result = recert(*args)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    assert (recert.db.read_bytes() if recert.db.exists() else None) == before  # nothing written
    [line] = result.stderr.splitlines()  # one sentence, never a traceback
    return line


def _fits(text: str) -> None:
    too_long = [line for line in text.splitlines() if len(line) > 80]
    assert not too_long, too_long


def amt_activity(*extra: str) -> tuple[str, ...]:
    return (
        "activity",
        "add",
        "--credential",
        "rma-amt",
        "--title",
        "Phlebotomy update",
        "--date",
        "2025-03-05",
        "--points",
        "2",
        "--area",
        "clinical",
        *extra,
    )


def ncct_activity(*extra: str) -> tuple[str, ...]:
    return (
        "activity",
        "add",
        "--credential",
        "ncma-ncct",
        "--title",
        "HIPAA yearly",
        "--date",
        "2025-03-05",
        "--points",
        "2",
        "--area",
        "general",
        *extra,
    )


@pytest.fixture
def held(recert):
    recert.ok("credential", "add", "rma-amt", "--earned", "2024-01-10")
    recert.ok("credential", "add", "ncma-ncct", "--earned", "2025-06-01")
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    return recert


# --- --category --------------------------------------------------------------------------------


def test_a_category_is_stored_as_its_key_and_listed_by_its_label(held):
    held.ok(*amt_activity("--category", "Professional education"))
    assert _stored(held, "activities")["1"]["category"] == "professional-education"
    listing = held.ok("activity", "list")
    assert "Professional education" in listing
    _fits(listing)


def test_the_category_key_is_accepted_too(held):
    held.ok(*amt_activity("--category", "instructional-presentation"))
    assert _stored(held, "activities")["1"]["category"] == "instructional-presentation"
    assert "Instructional presentation" in held.ok("activity", "list", "--credential", "rma-amt")


def test_a_credential_with_categories_needs_one(held):
    line = _refused(held, *amt_activity())
    assert line == f"recert: --category: is empty; RMA (AMT) needs one of its categories: {AMT_KEYS}"


def test_an_unknown_category_is_refused_with_the_choices(held):
    line = _refused(held, *amt_activity("--category", "webinar"))
    assert line == f"recert: --category: 'webinar' is not a category of RMA (AMT); use one of {AMT_KEYS}"


def test_a_category_for_a_credential_without_any_is_refused(held):
    line = _refused(
        held,
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "T",
        "--date",
        "2025-03-05",
        "--points",
        "2",
        "--area",
        "clinical",
        "--category",
        "authorship",
    )
    assert line == "recert: --category: CMA (AAMA) has no categories; leave it empty"


def test_edit_keeps_the_category_unless_a_new_one_is_given(held):
    held.ok(*amt_activity("--category", "authorship"))
    held.ok("activity", "edit", "1", "--title", "Phlebotomy article")
    assert _stored(held, "activities")["1"]["category"] == "authorship"
    held.ok("activity", "edit", "1", "--category", "Formal Education")
    stored = _stored(held, "activities")["1"]
    assert stored["category"] == "formal-education" and stored["title"] == "Phlebotomy article"
    line = _refused(held, "activity", "edit", "1", "--category", "")
    assert line.startswith("recert: --category: is empty; RMA (AMT) needs one of its categories:")


def test_moving_an_activity_to_another_credential_leaves_its_category_behind(held):
    held.ok(*amt_activity("--category", "authorship"))
    held.ok("activity", "edit", "1", "--credential", "cma-aama")
    stored = _stored(held, "activities")["1"]
    assert stored["credential"] == "cma-aama" and "category" not in stored


def test_an_old_activity_moved_to_a_credential_with_categories_is_asked_for_one(held):
    held.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "T",
        "--date",
        "2025-03-05",
        "--points",
        "2",
        "--area",
        "clinical",
    )
    line = _refused(held, "activity", "edit", "1", "--credential", "rma-amt")
    assert line.startswith("recert: --category: is empty; RMA (AMT) needs one of its categories:")
    held.ok("activity", "edit", "1", "--credential", "rma-amt", "--category", "authorship")
    assert _stored(held, "activities")["1"]["category"] == "authorship"


# --- --recurring / --not-recurring -------------------------------------------------------------


def test_recurring_is_stored_listed_and_kept_by_edit(held):
    held.ok(*ncct_activity("--recurring"))
    assert _stored(held, "activities")["1"]["recurring"] is True
    assert "; recurring" in held.ok("activity", "list")
    held.ok("activity", "edit", "1", "--title", "HIPAA refresher")
    assert _stored(held, "activities")["1"]["recurring"] is True
    held.ok("activity", "edit", "1", "--not-recurring")
    assert "recurring" not in _stored(held, "activities")["1"]
    assert "recurring" not in held.ok("activity", "list")


def test_not_recurring_is_the_default(held):
    held.ok(*ncct_activity())
    assert "recurring" not in _stored(held, "activities")["1"]


def test_recurring_is_refused_where_the_rules_do_not_ask(held):
    line = _refused(
        held,
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "T",
        "--date",
        "2025-03-05",
        "--points",
        "2",
        "--area",
        "clinical",
        "--recurring",
    )
    assert line == "recert: --recurring: CMA (AAMA) does not ask whether a training is recurring; leave it empty"
    held.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "T",
        "--date",
        "2025-03-05",
        "--points",
        "2",
        "--area",
        "clinical",
        "--not-recurring",
    )


def test_recurring_and_not_recurring_together_are_a_usage_error(held):
    line = _refused(held, *ncct_activity("--recurring", "--not-recurring"))
    assert line.startswith("recert: argument --not-recurring: not allowed with argument --recurring")


def test_both_options_are_in_the_help(recert):
    for action in ("add", "edit"):
        text = recert.ok("activity", action, "--help")
        assert "--category" in text and "--recurring" in text and "--not-recurring" in text


# --- credential recertified --route ------------------------------------------------------------


def test_a_recertification_by_exam_is_stored_and_listed(held):
    said = held.ok("credential", "recertified", "cma-aama", "--on", "2026-01-10", "--route", "exam")
    assert "on 10 Jan 2026 (by exam)" in said
    [cma] = [doc for doc in _stored(held, "credentials").values() if doc["code"] == "cma-aama"]
    assert cma["recertified_by"] == {"2026-01-10": "exam"} and cma["recertified_on"] == ["2026-01-10"]
    listing = held.ok("credential", "list")
    assert "recertified 10 Jan 2026 (by exam)" in listing
    _fits(listing)


def test_the_route_defaults_to_ce(held):
    said = held.ok("credential", "recertified", "cma-aama", "--on", "2026-01-10")
    assert "(by continuing education)" in " ".join(said.split())
    [cma] = [doc for doc in _stored(held, "credentials").values() if doc["code"] == "cma-aama"]
    assert cma["recertified_by"] == {"2026-01-10": "ce"}


@pytest.mark.parametrize(
    "typed, words",
    [
        ("late-exam", "by exam after the deadline"),
        ("Start-Over", "by certifying again by exam"),
        ("reinstatement", "by reinstatement"),
    ],
)
def test_every_route_is_accepted_and_listed(held, typed, words):
    held.ok("credential", "recertified", "cma-aama", "--on", "2026-01-10", "--route", typed)
    assert f"recertified 10 Jan 2026 ({words})" in " ".join(held.ok("credential", "list").split())


def test_a_recertification_recorded_before_routes_were_kept_shows_only_its_date(held):
    held.ok("credential", "recertified", "cma-aama", "--on", "2026-01-10")
    raw = json.loads(held.db.read_text())
    for doc in raw["credentials"].values():
        doc.pop("recertified_by", None)
    held.db.write_text(json.dumps(raw))
    listing = held.ok("credential", "list")
    assert "recertified 10 Jan 2026\n" in listing or "recertified 10 Jan 2026;" in listing
    assert "(by" not in listing


def test_an_unknown_route_is_refused_listing_the_routes(held):
    line = _refused(held, "credential", "recertified", "cma-aama", "--on", "2026-01-10", "--route", "walk-in")
    assert line == "recert: --route: 'walk-in' is not a route; enter ce, exam, late-exam, start-over or reinstatement"


# --- exam results ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, stored", [("failed", "fail"), ("Passed", "pass")])
def test_exam_add_takes_failed_and_passed(held, typed, stored):
    said = held.ok("exam", "add", "--exam", "cma-aama", "--date", "2021-05-01", "--result", typed)
    assert f"Recorded cma-aama exam on 1 May 2021: {stored}." in said
    [attempt] = _stored(held, "exam_attempts").values()
    assert attempt["result"] == stored


def test_exam_edit_takes_failed(held):
    held.ok("exam", "add", "--exam", "cma-aama", "--date", "2021-05-01", "--result", "pass")
    held.ok("exam", "edit", "1", "--result", "Failed")
    assert _stored(held, "exam_attempts")["1"]["result"] == "fail"
