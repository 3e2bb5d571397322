import pytest

from recert_tui.exports.backup import check_backup, export_json, restore_json
from recert_tui.store import StoreDamaged


def test_backup_and_restore_round_trip(session, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_bytes(export_json(session.store))
    before = session.profile
    assert check_backup(backup)["activities"] == len(before.activities)
    session.remove_activity(before.activities[0].id)
    assert session.profile != before
    aside = restore_json(session.store, backup, session.rules, session.today)
    session._changed()
    assert session.profile == before
    assert aside is not None and aside.exists()  # the replaced file was kept first


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"{not json", "JSON"),
        (b'{"activities": []}', ""),
        (b'{"meta": {"1": {"schema_version": 99}}}', "newer"),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_is_replaced(session, tmp_path, content, words):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    on_disk = session.store.real_path.read_bytes()
    with pytest.raises(StoreDamaged) as caught:
        restore_json(session.store, bad, session.rules, session.today)
    assert words.lower() in str(caught.value).lower()
    assert session.store.real_path.read_bytes() == on_disk


def test_a_backup_with_records_the_app_would_refuse_is_refused(session, tmp_path):
    import json

    data = json.loads(export_json(session.store))
    first = next(iter(data["activities"]))
    data["activities"][first]["points"] = {"clinical": -3}
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data))
    on_disk = session.store.real_path.read_bytes()
    with pytest.raises(StoreDamaged, match=f"activity {first} .*points: -3 is out of range"):
        restore_json(session.store, edited, session.rules, session.today)
    assert session.store.real_path.read_bytes() == on_disk
