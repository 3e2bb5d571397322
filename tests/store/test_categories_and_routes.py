"""An activity's category and recurring flag, and the route of each recertification: stored,
read back, left out when at their defaults, and refused when a file holds the wrong type."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recert_tui.store import Store, StoreDamaged, schema

from .store_helpers import activity, cma


def test_category_and_recurring_round_trip_through_reopen(db_path):
    with Store.open(db_path) as store:
        amt = store.add_activity(activity("Authoring", credential="rma-amt", category="authorship"))
        ncct = store.add_activity(activity("Yearly HIPAA", credential="ncma-ncct", recurring=True))
    raw = json.loads(db_path.read_text())
    assert raw["activities"]["1"]["category"] == "authorship" and "recurring" not in raw["activities"]["1"]
    assert raw["activities"]["2"]["recurring"] is True and "category" not in raw["activities"]["2"]
    with Store.open(db_path, write=False) as store:
        assert store.activities() == (amt, ncct)
    assert amt.category == "authorship" and amt.recurring is False
    assert ncct.category == "" and ncct.recurring is True


def test_an_activity_without_the_new_fields_reads_as_their_defaults(db_path):
    """Files written before categories were kept read the same."""
    with Store.open(db_path) as store:
        store.add_activity(activity())
    raw = json.loads(db_path.read_text())
    assert "category" not in raw["activities"]["1"] and "recurring" not in raw["activities"]["1"]
    with Store.open(db_path, write=False) as store:
        [read] = store.activities()
    assert read.category == "" and read.recurring is False


@pytest.mark.parametrize(
    "key, value, words",
    [
        ("category", 3, "'category' should be text, got 3"),
        ("category", None, "'category' should be text, got None"),
        ("recurring", "yes", "'recurring' should be true or false, got 'yes'"),
        ("recurring", 1, "'recurring' should be true or false, got 1"),
    ],
)
def test_a_wrong_type_is_refused_naming_the_key(key, value, words):
    doc = schema.activity_to_doc(activity())
    with pytest.raises(TypeError, match=words):
        schema.activity_from_doc({**doc, key: value})


def test_a_wrong_type_in_the_file_makes_it_damaged_with_the_key_named(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity())
    raw = json.loads(db_path.read_text())
    raw["activities"]["1"]["recurring"] = "yes"
    db_path.write_text(json.dumps(raw))
    with pytest.raises(StoreDamaged, match="activity record 1 cannot be read .'recurring' should be true or false"):
        Store.open(db_path)


def test_a_wrong_type_is_refused_before_writing(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity())
        before = db_path.read_bytes()
        with pytest.raises(TypeError, match="'recurring'"):
            store.add_activity(activity(recurring="yes"))
        with pytest.raises(TypeError, match="'category'"):
            store.add_activity(activity(category=7))
        assert db_path.read_bytes() == before


def test_routes_used_round_trip_as_recertified_by(db_path):
    routes = {date(2024, 6, 1): "exam", date(2029, 6, 1): "late-exam"}
    held = cma(recertified_on=(date(2024, 6, 1), date(2029, 6, 1)), routes_used=routes)
    with Store.open(db_path) as store:
        saved = store.add_credential(held)
    raw = json.loads(db_path.read_text())
    assert raw["credentials"]["1"]["recertified_by"] == {"2024-06-01": "exam", "2029-06-01": "late-exam"}
    with Store.open(db_path, write=False) as store:
        assert store.credentials() == (saved,)
        assert store.credentials()[0].routes_used == routes


def test_an_update_keeps_the_routes(db_path):
    with Store.open(db_path) as store:
        store.add_credential(cma())
        store.update_credential(cma(routes_used={date(2024, 6, 1): "ce"}))
    with Store.open(db_path, write=False) as store:
        assert store.credentials()[0].routes_used == {date(2024, 6, 1): "ce"}


def test_no_routes_are_left_out_and_an_old_credential_reads_without_routes(db_path):
    with Store.open(db_path) as store:
        store.add_credential(cma())
    raw = json.loads(db_path.read_text())
    assert "recertified_by" not in raw["credentials"]["1"]
    with Store.open(db_path, write=False) as store:
        assert store.credentials()[0].routes_used == {}
        assert store.credentials() == (cma(),)


@pytest.mark.parametrize(
    "stored, error, words",
    [
        (["2024-06-01", "exam"], TypeError, "'recertified_by' should map ISO dates to routes"),
        ("exam", TypeError, "'recertified_by' should map ISO dates to routes"),
        ({"2024-06-01": 1}, TypeError, "'recertified_by' should map ISO dates to routes, got '2024-06-01': 1"),
        ({"2024-06-01": None}, TypeError, "'recertified_by' should map ISO dates to routes"),
        (
            {"June 2024": "exam"},
            ValueError,
            "'recertified_by' should map ISO dates to routes, got the date 'June 2024'",
        ),
    ],
)
def test_a_wrong_recertified_by_is_refused_naming_the_key(stored, error, words):
    doc = schema.credential_to_doc(cma())
    with pytest.raises(error, match=words):
        schema.credential_from_doc({**doc, "recertified_by": stored})


def test_a_wrong_recertified_by_in_the_file_makes_it_damaged(db_path):
    with Store.open(db_path) as store:
        store.add_credential(cma())
    raw = json.loads(db_path.read_text())
    raw["credentials"]["1"]["recertified_by"] = {"2024-06-01": 5}
    db_path.write_text(json.dumps(raw))
    with pytest.raises(StoreDamaged, match="credential record 1 cannot be read .'recertified_by'"):
        Store.open(db_path)


def test_a_route_that_is_not_text_is_refused_before_writing(db_path):
    with Store.open(db_path) as store:
        store.add_credential(cma())
        before = db_path.read_bytes()
        with pytest.raises(TypeError, match="'recertified_by'"):
            store.update_credential(cma(routes_used={date(2024, 6, 1): 3}))
        assert db_path.read_bytes() == before
        assert store.credentials() == (cma(),)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    category=st.text(max_size=20),
    recurring=st.booleans(),
    routes=st.dictionaries(
        st.dates(), st.sampled_from(["ce", "exam", "late-exam", "start-over", "reinstatement"]), max_size=3
    ),
)
def test_any_category_recurring_and_routes_round_trip(tmp_path_factory, category, recurring, routes):
    path = tmp_path_factory.mktemp("h") / "recert.json"
    with Store.open(path) as store:
        saved = store.add_activity(activity(category=category, recurring=recurring))
        held = store.add_credential(cma(routes_used=routes))
    with Store.open(path, write=False) as store:
        assert store.activities() == (saved,)
        assert store.credentials() == (held,)
    assert saved.category == category and saved.recurring is recurring and held.routes_used == routes
