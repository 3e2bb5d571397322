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


def test_random_ratings_undos_and_drills_always_save_the_whole_truth(db_path):
    """The study bank's saves (several tables in one write) encode only what they change too."""
    from datetime import UTC, datetime, timedelta

    from recert_tui.domain.bank import CardState, Review

    now = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
    rng = random.Random(11)
    keys = [f"item-{n}" for n in range(12)]
    with Store.open(db_path) as store:
        store.add_activities([_activity(n) for n in range(5)])
        rated: list[tuple[int, CardState | None]] = []  # review id, the card state it replaced
        for step in range(150):
            at = now + timedelta(minutes=step)
            choice = rng.random()
            if choice < 0.55:
                key = rng.choice(keys)
                before = store.card_state(key)
                state = CardState(key, "cma-aama", at + timedelta(days=rng.randint(1, 9)), 2.0, 5.0, 2, None, at)
                _, review = store.record_review(state, Review(key, "cma-aama", "clinical", at, "review", rating=3))
                assert review is not None
                rated.append((review.id, before))  # type: ignore[arg-type]
            elif choice < 0.75 and rated:
                review_id, before = rated.pop()
                store.undo_review(review_id, before)
            elif choice < 0.9:
                store.add_reviews([Review(rng.choice(keys), "cma-aama", "general", at, "drill", correct=True)])
            else:
                store.add_activity(_activity(300 + step))
            on_disk = _fresh_encoding(db_path)
            reviews = {int(key): doc["at"] for key, doc in on_disk.get("reviews", {}).items()}
            assert reviews == {r.id: r.at.isoformat() for r in store.reviews()}, step
            states = {doc["item"]: doc["due"] for doc in on_disk.get("card_states", {}).values()}
            assert states == {s.item_key: s.due.isoformat() for s in store.card_states()}, step
            assert len(on_disk["activities"]) == len(store.activities()), step
