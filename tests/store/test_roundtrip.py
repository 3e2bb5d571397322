"""Every record survives save + reopen; ids are stable; undo keeps the id."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recert_tui.domain.limits import EARLIEST_DATE, LATEST_DATE
from recert_tui.domain.models import Activity
from recert_tui.store import NotFound, Store, schema

from .store_helpers import activity, cma, exam, reenrollment


def test_every_model_round_trips_through_reopen(db_path):
    with Store.open(db_path) as store:
        cred = store.add_credential(cma())
        a1 = store.add_activity(activity("One"))
        a2 = store.add_activity(
            activity("Two", points={"administrative": 2}, kind="college", college_credits=3, approved=False)
        )
        e = store.add_exam_attempt(exam())
        e2 = store.add_exam_attempt(exam(result="scheduled", score=None, on=date(2026, 1, 2)))
        r = store.add_reenrollment(reenrollment())
        store.set_setting("theme", "dark")
        store.set_setting("reminders", {"days": [30, 7]})
        before = store.profile()

    with Store.open(db_path) as store:
        after = store.profile()
    assert after == before
    assert after.credentials == (cred,)
    assert after.activities == (a1, a2)
    assert after.exam_attempts == (e, e2)
    assert after.reenrollments == (r,)
    assert after.settings == {"theme": "dark", "reminders": {"days": [30, 7]}}
    assert [a.id for a in after.activities] == [1, 2]
    assert a2.college_credits == 3.0 and a2.approved is False


def test_file_stores_iso_dates_and_no_ids_inside_docs(db_path):
    with Store.open(db_path) as store:
        store.add_credential(cma())
        store.add_activity(activity())
    raw = json.loads(db_path.read_text())
    assert raw["meta"] == {"1": {"schema_version": schema.SCHEMA_VERSION}}
    assert raw["credentials"]["1"]["recertified_on"] == ["2024-06-01"]
    doc = raw["activities"]["1"]
    assert doc["completed_on"] == "2025-03-05"
    assert doc["points"] == {"clinical": 1.5, "general": 0.5}
    assert "id" not in doc


def test_ids_stay_stable_after_removal_and_reopen(db_path):
    with Store.open(db_path) as store:
        ids = [store.add_activity(activity(f"A{i}")).id for i in range(4)]
        store.remove_activity(ids[1])
    with Store.open(db_path) as store:
        assert [a.id for a in store.activities()] == [ids[0], ids[2], ids[3]]
        assert [a.title for a in store.activities()] == ["A0", "A2", "A3"]


def test_remove_then_restore_keeps_the_same_id(db_path):
    with Store.open(db_path) as store:
        first = store.add_activity(activity("first"))
        middle = store.add_activity(activity("middle"))
        store.add_activity(activity("last"))
        removed = store.remove_activity(middle.id)
        assert removed == middle
        assert middle.id not in [a.id for a in store.activities()]
        restored = store.restore_activity(removed)
        assert restored == middle
        newer = store.add_activity(activity("newer"))
        assert newer.id == 4  # ids are not reused by the restore
    with Store.open(db_path) as store:
        titles = {a.id: a.title for a in store.activities()}
    assert titles == {first.id: "first", middle.id: "middle", 3: "last", 4: "newer"}


def test_restore_refuses_an_id_in_use(db_path):
    with Store.open(db_path) as store:
        a = store.add_activity(activity())
        with pytest.raises(ValueError):
            store.restore_activity(a)
        with pytest.raises(ValueError):
            store.restore_activity(activity())  # never saved: no id


def test_updates_replace_whole_records(db_path):
    with Store.open(db_path) as store:
        store.add_credential(cma())
        a = store.add_activity(activity(notes="first note", kind="college", college_credits=2.0))
        e = store.add_exam_attempt(exam(result="scheduled", score=None))
        store.update_credential(cma(number="B-9", recertified_on=()))
        store.update_activity(a._replace(notes="", kind="ceu", college_credits=None, points={"general": 1.0}))
        store.update_exam_attempt(e._replace(result="fail", score=400.0))
    with Store.open(db_path) as store:
        assert store.credentials() == (cma(number="B-9", recertified_on=()),)
        assert store.activities() == (a._replace(notes="", kind="ceu", college_credits=None, points={"general": 1.0}),)
        assert store.exam_attempts() == (e._replace(result="fail", score=400.0),)


def test_removals_of_each_kind(db_path):
    with Store.open(db_path) as store:
        store.add_credential(cma())
        e = store.add_exam_attempt(exam())
        r = store.add_reenrollment(reenrollment())
        assert store.remove_credential("CMA") == cma()
        assert store.remove_exam_attempt(e.id) == e
        assert store.remove_reenrollment(r.id) == r
    with Store.open(db_path) as store:
        assert store.profile().credentials == store.profile().exam_attempts == store.profile().reenrollments == ()


def test_missing_records_raise_not_found(db_path):
    with Store.open(db_path) as store:
        with pytest.raises(NotFound, match="no activity with id 9"):
            store.update_activity(activity(id=9))
        with pytest.raises(NotFound):
            store.remove_activity(9)
        with pytest.raises(KeyError):  # NotFound is KeyError-like
            store.remove_exam_attempt(3)
        with pytest.raises(NotFound, match="No RMA credential"):
            store.update_credential(cma(code="RMA"))


def test_duplicate_credential_code_is_refused(db_path):
    with Store.open(db_path) as store:
        store.add_credential(cma())
        with pytest.raises(ValueError):
            store.add_credential(cma(number="other"))
        assert store.credentials() == (cma(),)


def test_value_that_would_not_read_back_fails_before_writing(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity())
        before = db_path.read_bytes()
        with pytest.raises(TypeError):
            store.add_activity(activity(completed_on=datetime(2025, 3, 5, 10, 0)))
        with pytest.raises(TypeError):
            store.add_activity(activity(title=42))
        with pytest.raises(TypeError):
            store.set_setting("when", object())
        assert db_path.read_bytes() == before
        assert len(store.activities()) == 1


def test_settings_reads_and_copies(db_path):
    with Store.open(db_path) as store:
        assert store.get_setting("missing", "fallback") == "fallback"
        store.set_setting("flag", 1)
        store.set_setting("flag", True)  # same == value, different JSON: must still be saved
        store.set_setting("list", [1, 2])
        got = store.settings()
        got["list"].append(3)  # the caller's copy, not the store's
        assert store.get_setting("list") == [1, 2]
    with Store.open(db_path) as store:
        assert store.get_setting("flag") is True
        assert store.settings() == {"flag": True, "list": [1, 2]}


def test_profile_is_cached_until_a_write(db_path):
    with Store.open(db_path) as store:
        store.add_activity(activity())
        first = store.profile()
        assert store.profile() is first
        assert store.activities() is first.activities
        store.add_activity(activity("second"))
        second = store.profile()
        assert second is not first
        assert len(second.activities) == 2


def test_missing_file_reads_as_empty_and_is_created_on_first_write(db_path):
    with Store.open(db_path) as store:
        assert store.profile().activities == ()
        assert not db_path.exists()
        store.add_activity(activity())
        assert db_path.exists()


areas = st.sampled_from(["administrative", "clinical", "general"])
cents = st.integers(1, 4000).map(lambda n: n / 100)  # points as the forms accept them: above 0, two decimals


@st.composite
def stored_activities(draw) -> Activity:
    """Any activity the forms would accept (the store refuses to write what it would refuse to read)."""
    kind = draw(st.sampled_from(["ceu", "cpr", "college", "other"]))
    return Activity(
        credential=draw(st.sampled_from(["CMA", "RMA", "CCMA"])),
        title=draw(st.text(min_size=1, max_size=40).filter(str.strip)),
        completed_on=draw(st.dates(EARLIEST_DATE, LATEST_DATE)),
        points=draw(st.dictionaries(areas, cents, min_size=1, max_size=3)),
        approved=draw(st.booleans()),
        kind=kind,
        college_credits=draw(st.integers(1, 800).map(lambda n: n / 100)) if kind == "college" else None,
        provider=draw(st.text(max_size=10)),
        certificate=draw(st.text(max_size=10)),
        notes=draw(st.text(max_size=60)),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stored_activities())
def test_any_activity_round_trips(tmp_path_factory, a):
    path = tmp_path_factory.mktemp("h") / "recert.json"
    with Store.open(path) as store:
        saved = store.add_activity(a)
    with Store.open(path) as store:
        assert store.activities() == (saved,)
    assert saved == a._replace(id=1)


def test_default_fields_are_left_out_and_read_back(db_path):
    plain = activity("plain", provider="", certificate="", notes="")
    full = activity(
        "full", approved=False, kind="college", college_credits=3.0, provider="College", certificate="C-1", notes="n"
    )
    with Store.open(db_path) as store:
        store.add_credential(cma())
        saved = [store.add_activity(plain), store.add_activity(full)]
    raw = json.loads(db_path.read_text())
    assert set(raw["activities"]["1"]) == {"credential", "title", "completed_on", "points"}
    assert set(raw["activities"]["2"]) == {
        "credential",
        "title",
        "completed_on",
        "points",
        "approved",
        "kind",
        "college_credits",
        "provider",
        "certificate",
        "notes",
    }
    with Store.open(db_path, write=False) as store:
        assert store.activities() == tuple(saved)
        assert saved[0]._replace(id=None) == plain


def test_files_with_every_field_written_read_the_same(db_path):
    """Earlier versions wrote every field; such a file reads exactly as the compact form."""
    with Store.open(db_path) as store:
        store.add_credential(cma())
        saved = store.add_activity(activity("old style", provider="", certificate="", notes=""))
    raw = json.loads(db_path.read_text())
    raw["activities"]["1"] = {
        **raw["activities"]["1"],
        "approved": True,
        "kind": "ceu",
        "college_credits": None,
        "provider": "",
        "certificate": "",
        "notes": "",
    }
    db_path.write_text(json.dumps(raw))
    with Store.open(db_path, write=False) as store:
        assert store.activities() == (saved,)
