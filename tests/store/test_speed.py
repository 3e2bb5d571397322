"""Saving with 10,000 activities stays fast (timing test, so marked slow)."""

from __future__ import annotations

import json
import os
import statistics
import time

import pytest

from recert_tui.store import Store, schema

from .store_helpers import activity


@pytest.mark.slow
def test_save_with_ten_thousand_activities_is_fast(db_path, monkeypatch):
    docs = {str(i): schema.activity_to_doc(activity(f"Course {i}", notes="n" * 40)) for i in range(1, 10_001)}
    db_path.parent.mkdir()
    db_path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, "activities": docs}))
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # time our work, not the disk
    with Store.open(db_path) as store:
        assert len(store.profile().activities) == 10_000
        store.add_activity(activity("warm-up"))  # the first save encodes every doc once
        timings = []
        for n in range(7):
            start = time.perf_counter()
            added = store.add_activity(activity(f"timed {n}"))
            store.update_activity(activity("edited", id=added.id))
            timings.append((time.perf_counter() - start) / 2)
            store.profile()
    assert statistics.median(timings) < 0.050, timings
    with Store.open(db_path, write=False) as check:
        assert len(check.activities()) == 10_008
        assert check.activities()[-1].title == "edited"
