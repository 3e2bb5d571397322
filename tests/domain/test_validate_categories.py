"""The newer fields: an activity's category and recurring flag, exam results as written on a
report, and the route of a recertification."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recert_tui.domain.models import Activity, HeldCredential
from recert_tui.domain.validate import (
    FIELD_HELP,
    InvalidInput,
    activity_fields,
    activity_from_fields,
    exam_attempt_from_fields,
    recertification_from_fields,
)

TODAY = date(2026, 11, 23)
HELD = {"cma-aama", "rma-amt", "ncma-ncct"}
AMT_KEYS = (
    "professional-education, formal-education, employment-verification, authorship, "
    "instructional-presentation, organizational-participation"
)


def build(catalog, **fields) -> Activity:
    base = {"credential": "rma-amt", "title": "Course", "date": "2025-03-05", "points": "2", "area": "clinical"}
    return activity_from_fields({**base, **fields}, rules_by_code=catalog.credentials, held_codes=HELD, today=TODAY)


def refused(catalog, **fields) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        build(catalog, **fields)
    return caught.value.errors


# --- category ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "professional-education",
        "Professional education",
        "PROFESSIONAL EDUCATION",
        " professional  education ",
        "Professional-Education",
        "professional_education",
    ],
)
def test_a_category_is_accepted_as_key_or_label_and_stored_as_the_key(catalog, typed):
    assert build(catalog, category=typed).category == "professional-education"


def test_every_category_of_the_rules_is_accepted_by_its_label(catalog):
    categories = catalog.get("rma-amt").ce.categories.value
    for key, label in categories.items():
        assert build(catalog, category=label).category == key


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_a_credential_with_categories_needs_one(catalog, typed):
    assert refused(catalog, category=typed) == {
        "category": f"is empty; RMA (AMT) needs one of its categories: {AMT_KEYS}"
    }


def test_a_missing_category_is_refused_too(catalog):
    base = {"credential": "rma-amt", "title": "Course", "date": "2025-03-05", "points": "2", "area": "clinical"}
    with pytest.raises(InvalidInput) as caught:
        activity_from_fields(base, rules_by_code=catalog.credentials, held_codes=HELD, today=TODAY)
    assert set(caught.value.errors) == {"category"}


def test_an_unknown_category_is_refused_listing_the_keys(catalog):
    assert refused(catalog, category="Webinars") == {
        "category": f"'Webinars' is not a category of RMA (AMT); use one of {AMT_KEYS}"
    }


@pytest.mark.parametrize("credential", ["cma-aama", "ncma-ncct"])
def test_a_credential_without_categories_refuses_one(catalog, credential):
    name = catalog.get(credential).name
    assert refused(catalog, credential=credential, category="authorship") == {
        "category": f"{name} has no categories; leave it empty"
    }
    assert build(catalog, credential=credential, category="  ").category == ""
    assert build(catalog, credential=credential).category == ""


def test_the_category_is_not_judged_for_a_credential_that_was_refused(catalog):
    errors = refused(catalog, credential="ccma-nha", category="")
    assert list(errors) == ["credential"]


def test_a_category_mistake_comes_after_the_other_fields(catalog):
    errors = refused(catalog, title="", category="nope")
    assert list(errors) == ["title", "category"]


# --- recurring ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("yes", True),
        ("Y", True),
        ("true", True),
        (True, True),
        ("no", False),
        ("N", False),
        (False, False),
        ("", False),
        (None, False),
    ],
)
def test_recurring_is_a_yes_or_no_where_the_rules_ask(catalog, typed, expected):
    assert build(catalog, credential="ncma-ncct", recurring=typed).recurring is expected


def test_recurring_defaults_to_no(catalog):
    assert build(catalog, credential="ncma-ncct").recurring is False


@pytest.mark.parametrize("credential", ["cma-aama", "rma-amt"])
def test_recurring_yes_is_refused_where_the_rules_do_not_ask(catalog, credential):
    rules = catalog.get(credential)
    extra = {"category": "authorship"} if rules.ce.categories else {}
    assert refused(catalog, credential=credential, recurring="yes", **extra) == {
        "recurring": f"{rules.name} does not ask whether a training is recurring; leave it empty"
    }
    assert build(catalog, credential=credential, recurring="no", **extra).recurring is False


def test_recurring_that_is_not_yes_or_no_is_refused(catalog):
    assert refused(catalog, credential="ncma-ncct", recurring="sometimes") == {
        "recurring": "'sometimes' is not accepted; enter yes or no"
    }


def test_both_new_fields_have_help():
    assert FIELD_HELP["category"] and FIELD_HELP["recurring"].startswith("yes or no")


# --- activity_fields: the inverse --------------------------------------------------------------


def test_activity_fields_give_the_category_key_and_recurring(catalog):
    amt = build(catalog, category="Authorship")
    ncct = build(catalog, credential="ncma-ncct", recurring="yes")
    plain = build(catalog, credential="cma-aama")
    assert activity_fields(amt)["category"] == "authorship" and activity_fields(amt)["recurring"] == ""
    assert activity_fields(ncct)["category"] == "" and activity_fields(ncct)["recurring"] == "yes"
    assert activity_fields(plain)["recurring"] == ""


@pytest.mark.parametrize(
    "fields",
    [
        {"category": "formal-education"},
        {"credential": "ncma-ncct", "recurring": "yes"},
        {"credential": "ncma-ncct", "recurring": "no"},
        {"credential": "cma-aama"},
    ],
)
def test_activity_fields_read_back_as_the_same_activity(catalog, fields):
    first = build(catalog, **fields)
    again = activity_from_fields(
        activity_fields(first), rules_by_code=catalog.credentials, held_codes=HELD, today=TODAY
    )
    assert again == first


# --- exam results ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("failed", "fail"),
        ("Failed", "fail"),
        (" FAILED ", "fail"),
        ("passed", "pass"),
        ("Passed", "pass"),
        ("fail", "fail"),
        ("PASS", "pass"),
    ],
)
def test_an_exam_result_may_be_written_as_on_a_score_report(catalog, typed, stored):
    attempt = exam_attempt_from_fields(
        "cma-aama", "2025-03-05", typed, None, rules_by_code=catalog.credentials, today=TODAY
    )
    assert attempt.result == stored


def test_other_result_words_are_still_refused(catalog):
    with pytest.raises(InvalidInput) as caught:
        exam_attempt_from_fields(
            "cma-aama", "2025-03-05", "failing", None, rules_by_code=catalog.credentials, today=TODAY
        )
    assert caught.value.errors["result"] == "'failing' is not a result; enter pass, fail or scheduled"


# --- recertification routes --------------------------------------------------------------------

EARNED = HeldCredential("cma-aama", date(2020, 1, 10))


def test_a_recertification_defaults_to_the_ce_route():
    updated = recertification_from_fields(EARNED, "2025-01-10", today=TODAY)
    assert updated.recertified_on == (date(2025, 1, 10),)
    assert updated.routes_used == {date(2025, 1, 10): "ce"}


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("ce", "ce"),
        ("exam", "exam"),
        ("Late-Exam", "late-exam"),
        (" start-over ", "start-over"),
        ("REINSTATEMENT", "reinstatement"),
    ],
)
def test_each_route_is_accepted_in_any_case(typed, stored):
    updated = recertification_from_fields(EARNED, "2025-01-10", typed, today=TODAY)
    assert updated.routes_used == {date(2025, 1, 10): stored}


def test_the_routes_are_a_new_dict_with_the_old_ones_kept():
    once = recertification_from_fields(EARNED, "2025-01-10", "exam", today=TODAY)
    before = dict(once.routes_used)
    twice = recertification_from_fields(once, "2026-01-10", "ce", today=TODAY)
    assert twice.routes_used == {date(2025, 1, 10): "exam", date(2026, 1, 10): "ce"}
    assert twice.recertified_on == (date(2025, 1, 10), date(2026, 1, 10))
    assert once.routes_used == before and twice.routes_used is not once.routes_used
    assert EARNED.routes_used == {}


def test_an_older_recertification_without_a_route_stays_without_one():
    old = EARNED._replace(recertified_on=(date(2025, 1, 10),))
    updated = recertification_from_fields(old, "2026-01-10", "exam", today=TODAY)
    assert updated.routes_used == {date(2026, 1, 10): "exam"}


@pytest.mark.parametrize("typed", ["walk-in", "", "CE route"])
def test_an_unknown_route_is_refused_listing_the_routes(typed):
    with pytest.raises(InvalidInput) as caught:
        recertification_from_fields(EARNED, "2025-01-10", typed, today=TODAY)
    assert caught.value.errors == {
        "route": f"{typed.strip().lower()!r} is not a route; enter ce, exam, late-exam, start-over or reinstatement"
    }


def test_a_bad_date_and_a_bad_route_are_both_named():
    with pytest.raises(InvalidInput) as caught:
        recertification_from_fields(EARNED, "2019-01-01", "walk-in", today=TODAY)
    assert list(caught.value.errors) == ["on", "route"]


# --- any text ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    credential=st.sampled_from(["cma-aama", "rma-amt", "ncma-ncct"]),
    category=st.one_of(
        st.sampled_from(["", "authorship", "Formal Education", "formal--education", "clinical"]), st.text(max_size=20)
    ),
    recurring=st.one_of(st.sampled_from(["", "yes", "no", "maybe", None]), st.text(max_size=5)),
)
def test_any_category_or_recurring_gives_a_clear_refusal_or_what_the_rules_allow(
    catalog, credential, category, recurring
):
    try:
        activity = build(catalog, credential=credential, category=category, recurring=recurring)
    except InvalidInput as error:
        assert set(error.errors) <= {"category", "recurring"} and all(error.errors.values())
        return
    ce = catalog.get(credential).ce
    assert activity.category in (ce.categories.value if ce.categories else {"": ""})
    assert not activity.recurring or ce.recurring_once_in is not None
