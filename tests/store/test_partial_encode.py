"""A save encodes again only the docs that changed, and the file is always the whole truth.

The storage keeps each doc's JSON text and each table's joined text between saves; a write
through the tables says which docs it changed. Whatever the sequence of changes, the file
must read back exactly as a fresh encoding of everything would write it.
"""

from __future__ import annotations

import json
import random
from datetime import date

from recert_tui.domain.models import Activity
from recert_tui.store import Store


def _activity(n: int) -> Activity:
    return Activity("cma-aama", f"Course {n}", date(2025, 1, 1 + n % 28), {"general": 1.0})


def _fresh_encoding(path) -> dict:
    return json.loads(path.read_bytes())


def test_random_adds_edits_removes_and_settings_always_save_the_whole_truth(db_path):
    rng = random.Random(7)
    with Store.open(db_path) as store:
        ids = [saved.id for saved in store.add_activities([_activity(n) for n in range(30)])]
        for step in range(120):
            choice = rng.random()
            if choice < 0.35:
                ids.append(store.add_activity(_activity(100 + step)).id)
            elif choice < 0.6 and ids:
                target = rng.choice(ids)
                store.update_activity(_activity(200 + step)._replace(id=target))
            elif choice < 0.85 and ids:
                target = ids.pop(rng.randrange(len(ids)))
                store.remove_activity(target)
            else:
                store.set_setting("theme", f"theme-{step}")
            on_disk = _fresh_encoding(db_path)
            titles = {int(key): doc["title"] for key, doc in on_disk.get("activities", {}).items()}
            assert titles == {activity.id: activity.title for activity in store.activities()}, step
    with Store.open(db_path, write=False) as again:
        assert [a.id for a in again.activities()] == sorted(ids)
