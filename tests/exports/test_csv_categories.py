"""CSV `category` and `recurring` columns: written by the export, read by the import, round trip."""

from __future__ import annotations

import csv
import io

import pytest

from recert_tui.exports.csv_io import COLUMNS, export_csv, import_csv
from recert_tui.session import Session

from .conftest import TODAY


def _holder(path) -> Session:
    opened = Session.open(path, TODAY)
    opened.add_credential("cma-aama", "2022-03-15")
    opened.add_credential("rma-amt", "2024-01-10")
    opened.add_credential("ncma-ncct", "2025-06-01")
    return opened


@pytest.fixture
def holder(tmp_path):
    opened = _holder(tmp_path / "recert.json")
    yield opened
    opened.close()


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _fill(session: Session) -> None:
    add = session.add_activity
    add(
        {
            "credential": "rma-amt",
            "title": "Authoring",
            "date": "2025-03-05",
            "points": "2",
            "area": "clinical",
            "category": "Authorship",
        }
    )
    add(
        {
            "credential": "rma-amt",
            "title": "Course",
            "date": "2025-04-05",
            "points": "1",
            "area": "general",
            "category": "professional-education",
        }
    )
    add(
        {
            "credential": "ncma-ncct",
            "title": "HIPAA yearly",
            "date": "2025-05-05",
            "points": "1",
            "area": "general",
            "recurring": "yes",
        }
    )
    add(
        {
            "credential": "ncma-ncct",
            "title": "Wound care",
            "date": "2025-05-06",
            "points": "1",
            "area": "clinical",
            "recurring": "no",
        }
    )
    add({"credential": "cma-aama", "title": "Vitals", "date": "2025-06-01", "points": "1", "area": "clinical"})


def test_the_export_writes_category_and_recurring(holder):
    _fill(holder)
    exported = export_csv(holder.profile.activities)
    assert exported.splitlines()[0].split(",")[-2:] == ["category", "recurring"]
    assert COLUMNS[-2:] == ("category", "recurring")
    cells = {row["title"]: (row["category"], row["recurring"]) for row in _rows(exported)}
    assert cells == {
        "Authoring": ("authorship", ""),
        "Course": ("professional-education", ""),
        "HIPAA yearly": ("", "yes"),
        "Wound care": ("", ""),
        "Vitals": ("", ""),
    }


def test_category_and_recurring_round_trip(holder, tmp_path):
    _fill(holder)
    exported = export_csv(holder.profile.activities)
    fresh = _holder(tmp_path / "other.json")
    try:
        result = import_csv(exported, fresh.activity_from)
        assert result.ok, result.rejected
        assert result.unknown_columns == []
        stored = fresh.store.add_activities([activity for _, activity in result.accepted])
        assert export_csv(stored) == exported
        assert {(a.title, a.category, a.recurring) for a in stored} == {
            (a.title, a.category, a.recurring) for a in holder.profile.activities
        }
    finally:
        fresh.close()


def test_the_import_takes_labels_aliases_and_spreadsheet_ticks(holder):
    text = (
        "Date,Title,Points,Area,Credential,CCP Category,Recurring training\n"
        "2025-03-05,Authoring,2,clinical,rma-amt,Instructional Presentation,\n"
        "2025-03-06,HIPAA,1,general,ncma-ncct,,x\n"
        "2025-03-07,OSHA,1,general,ncma-ncct,,Yes\n"
        "2025-03-08,Sharps,1,clinical,ncma-ncct,,no\n"
    )
    result = import_csv(text, holder.activity_from)
    assert result.ok, result.rejected
    got = {a.title: (a.category, a.recurring) for _, a in result.accepted}
    assert got == {
        "Authoring": ("instructional-presentation", False),
        "HIPAA": ("", True),
        "OSHA": ("", True),
        "Sharps": ("", False),
    }


def test_without_the_new_columns_rows_read_as_before(holder):
    result = import_csv(
        "date,title,points,area\n2025-03-05,Vitals,1,clinical\n", holder.activity_from, default_credential="cma-aama"
    )
    assert result.ok, result.rejected
    [(_, activity)] = result.accepted
    assert activity.category == "" and activity.recurring is False


def test_a_category_column_naming_content_areas_is_read_as_the_area(holder):
    """Spreadsheets made for earlier versions called the content area "Category"."""
    text = "Date,Title,CEUs,Category\n2025-03-05,Billing,2,Administrative\n2025-03-06,Vitals,1,clinical\n"
    result = import_csv(text, holder.activity_from, default_credential="cma-aama")
    assert result.ok, result.rejected
    assert {a.title: (a.points, a.category) for _, a in result.accepted} == {
        "Billing": ({"administrative": 2.0}, ""),
        "Vitals": ({"clinical": 1.0}, ""),
    }


def test_with_an_area_column_the_category_column_is_the_credentials_category(holder):
    text = "Date,Title,Points,Area,Category\n2025-03-05,Vitals,1,clinical,clinical\n"
    result = import_csv(text, holder.activity_from, default_credential="cma-aama")
    assert result.rejected == [(2, "category: CMA (AAMA) has no categories; leave it empty")]


def test_rows_the_rules_refuse_are_rejected_with_the_reason(holder):
    text = (
        "date,title,points,area,credential,category,recurring\n"
        "2025-03-05,No category,1,clinical,rma-amt,,\n"
        "2025-03-06,Odd category,1,clinical,rma-amt,webinar,\n"
        "2025-03-07,Not asked,1,clinical,cma-aama,,yes\n"
        "2025-03-08,Unclear,1,clinical,ncma-ncct,,sometimes\n"
        "2025-03-09,Fine,1,clinical,rma-amt,authorship,\n"
    )
    result = import_csv(text, holder.activity_from)
    reasons = dict(result.rejected)
    assert reasons[2].startswith("category: is empty; RMA (AMT) needs one of its categories: professional-education")
    assert reasons[3].startswith("category: 'webinar' is not a category of RMA (AMT); use one of ")
    assert reasons[4] == "recurring: CMA (AAMA) does not ask whether a training is recurring; leave it empty"
    assert reasons[5] == "recurring: 'sometimes' is not accepted; enter yes or no"
    assert [row for row, _ in result.accepted] == [6]
