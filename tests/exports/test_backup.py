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
    aside = restore_json(session.store, backup)
    session._changed()
    assert session.profile == before
    assert aside is not None and aside.exists()  # the replaced file was kept first


@pytest.mark.parametrize(
    "content, words",
    [(b"", "empty"), (b"{not json", "JSON"), (b'{"activities": []}', ""), (b'{"meta": {"1": {"schema_version": 99}}}', "newer")],
)
def test_a_bad_backup_is_refused_and_nothing_is_replaced(session, tmp_path, content, words):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    on_disk = session.store.real_path.read_bytes()
    with pytest.raises(StoreDamaged) as caught:
        restore_json(session.store, bad)
    assert words.lower() in str(caught.value).lower()
    assert session.store.real_path.read_bytes() == on_disk
