"""run_app runs the process: Python's collector and how soon its threads take turns."""

from __future__ import annotations

import gc
import sys

import pytest

from recert_tui.tui import app as app_module
from recert_tui.tui import textual_compat


def test_while_the_app_runs_frames_reach_the_terminal_promptly_and_after_it_all_is_as_before(monkeypatch, held):
    seen: dict[str, object] = {}

    def run(self, **options):
        seen.update(interval=sys.getswitchinterval(), collecting=gc.isenabled(), mouse=options["mouse"])

    monkeypatch.setattr(app_module, "terminal_problem", lambda: None)
    monkeypatch.setattr(app_module.RecertApp, "run", run)
    before = sys.getswitchinterval()
    assert app_module.run_app(held) == 0
    # Textual's writer thread gets its turn within a millisecond, not Python's default 5 ms.
    assert seen == {"interval": textual_compat.FRAME_HANDOFF_SECONDS, "collecting": False, "mouse": False}
    assert before > textual_compat.FRAME_HANDOFF_SECONDS
    assert sys.getswitchinterval() == before and gc.isenabled()


def test_the_interval_is_restored_when_the_app_fails(monkeypatch, held):
    def run(self, **options):
        raise RuntimeError("the app broke")

    monkeypatch.setattr(app_module, "terminal_problem", lambda: None)
    monkeypatch.setattr(app_module.RecertApp, "run", run)
    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError, match="the app broke"):
        app_module.run_app(held)
    assert sys.getswitchinterval() == before and gc.isenabled()
