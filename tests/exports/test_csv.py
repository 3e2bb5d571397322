import pytest

from recert_tui.exports.csv_io import export_csv, import_csv, neutralise, restore


def test_csv_round_trips_exactly(session, tmp_path):
    session.add_activity(
        {
            "credential": "cma-aama",
            "title": '=HYPERLINK("http://x") , "quoted"',
            "date": "2024-02-02",
            "points": "1.5",
            "area": "general",
            "provider": "@provider",
            "certificate": "-7",
            "notes": "two\nlines",
        }
    )
    exported = export_csv(session.profile.activities)
    from recert_tui.session import Session

    fresh = Session.open(tmp_path / "other.json", session.today)
    fresh.add_credential("cma-aama", "2022-03-15")
    result = import_csv(exported, fresh.activity_from)
    assert result.ok, result.rejected
    stored = fresh.store.add_activities([activity for _, activity in result.accepted])
    assert export_csv(stored) == exported
    originals = sorted(session.profile.activities, key=lambda a: (a.completed_on, a.id))
    assert [a.title for a in stored] == [a.title for a in originals]
    fresh.close()


@pytest.mark.parametrize("cell", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x"])
def test_formula_cells_are_neutralised_and_restored(cell):
    assert neutralise(cell).startswith("'")
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["plain", "'quoted", "1.5", ""])
def test_harmless_cells_are_untouched(cell):
    assert neutralise(cell) == cell == restore(cell)


def test_exported_formula_cells_start_with_a_quote(session):
    session.add_activity(
        {
            "credential": "cma-aama",
            "title": "=cmd|' /C calc'!A0",
            "date": "2024-02-02",
            "points": "1",
            "area": "general",
        }
    )
    exported = export_csv(session.profile.activities)
    assert ",'=cmd|' /C calc'!A0," in exported
    assert ",=cmd" not in exported


def test_import_accepts_spreadsheet_columns_and_date_forms(session):
    text = (
        "Date Completed;Course Title;CEUs;Content Area;AAMA Approved;Sponsor\n"
        '"Mar 5, 2025";Billing basics;2;administrative;x;AAMA\n'
        "4/7/2025;Vitals;1.5;clinical;no;Clinic\n"
        "2025/05/09;Ethics;1;general;yes;\n"
    )
    result = import_csv(text, session.activity_from, default_credential="cma-aama")
    assert result.ok, result.rejected
    titles = {a.title: a for _, a in result.accepted}
    assert titles["Billing basics"].completed_on.isoformat() == "2025-03-05"
    assert titles["Billing basics"].approved and titles["Billing basics"].provider == "AAMA"
    assert titles["Vitals"].completed_on.isoformat() == "2025-04-07" and not titles["Vitals"].approved
    assert titles["Ethics"].points == {"general": 1.0}


def test_every_rejected_row_has_its_reason_and_does_not_hide_the_others(session):
    text = (
        "date,title,points,area,credential\n"
        "2025-01-01,Good,1,general,cma-aama\n"  # row 2: fine
        "2025-02-30,Bad date,1,general,cma-aama\n"  # row 3
        "2025-01-02,Negative,-1,general,cma-aama\n"  # row 4
        "2025-01-03,Absurd,999,general,cma-aama\n"  # row 5
        "2030-01-01,Future,1,general,cma-aama\n"  # row 6
        "2025-01-04,Bad area,1,billing,cma-aama\n"  # row 7
        "2025-01-05,Not held,1,general,ccma-nha\n"  # row 8
        "2025-01-06,Unknown code,1,general,xyz\n"  # row 9
        "2025-01-07,,1,general,cma-aama\n"  # row 10: no title
        "2023-01-10,Coding update,10,administrative,cma-aama\n"  # row 11: already recorded
        "2025-01-01,Good,1,general,cma-aama\n"  # row 12: repeats row 2
    )
    result = import_csv(text, session.activity_from, existing=session.profile.activities)
    assert [row for row, _ in result.accepted] == [2]
    reasons = dict(result.rejected)
    assert "not a real calendar date" in reasons[3]
    assert "out of range" in reasons[4]
    assert "out of range" in reasons[5]
    assert "in the future" in reasons[6]
    assert "not an area" in reasons[7]
    assert "not a credential you hold" in reasons[8]
    assert "not a known credential" in reasons[9]
    assert reasons[10].startswith("title: is empty")
    assert "already recorded" in reasons[11]
    assert "already recorded" in reasons[12]
    assert not result.ok


def test_a_file_without_the_needed_columns_is_rejected_as_a_whole(session):
    result = import_csv("when,what\n2025-01-01,x\n", session.activity_from)
    assert result.rejected and result.rejected[0][0] == 1
    assert "no column for date, title, points" in result.rejected[0][1]
