"""One snapshot per screen at 80x24 with today fixed at 2026-11-23.

Regenerate with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at each one.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from recert_tui.tui.app import RecertApp

from .conftest import add_study, build_sample

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch):
    """A focused box's cursor blinks every half second, so a snapshot taken late on a loaded
    machine (CI) caught it hidden: here it stays shown. Fails loudly if Textual renames it."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


def test_dashboard(snap_compare, session):
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE)


def test_dashboard_second_card(snap_compare, session):
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=["tab", "end"])


def test_activities(snap_compare, session):
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=["2"])


def test_activity_form_with_errors(snap_compare, session):
    press = ["2", "a", *"Wound care", "tab", "ctrl+u", *"13/45/2026", "ctrl+s"]
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=press)


def test_delete_confirmation(snap_compare, session):
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=["2", "d"])


def test_exams(snap_compare, session):
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=["3"])


def test_exams_reenrollment_required(snap_compare, held):
    for day in ("2026-01-10", "2026-04-10", "2026-08-10"):
        held.add_exam_attempt("cma-aama", day, "fail")
    assert snap_compare(RecertApp(held), terminal_size=SIZE, press=["3"])


def test_exam_form(snap_compare, session):
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=["3", "a"])


def test_study_empty(snap_compare, held):
    assert snap_compare(RecertApp(held), terminal_size=SIZE, press=["4"])


def test_study(snap_compare, session):
    assert snap_compare(RecertApp(add_study(build_sample(session))), terminal_size=SIZE, press=["4"])


def test_study_form(snap_compare, session):
    assert snap_compare(RecertApp(add_study(build_sample(session))), terminal_size=SIZE, press=["4", "p"])


def test_export_dialog(snap_compare, session):
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=["x", "enter"])


def test_first_run(snap_compare, session):
    assert snap_compare(RecertApp(session), terminal_size=SIZE)


def test_help(snap_compare, session, monkeypatch):
    monkeypatch.setenv("RECERT_KEYMAP", "/nonexistent/keymap.toml")
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=["question_mark"])


def test_demo_marker(snap_compare, session):
    assert snap_compare(RecertApp(build_sample(session), demo=True), terminal_size=SIZE)


def test_no_color(snap_compare, session, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE)


def test_ansi_theme(snap_compare, session):
    build_sample(session).set_setting("theme", "ansi-dark")
    assert snap_compare(RecertApp(session), terminal_size=SIZE, press=["2"])


def with_starter_bank(session):
    from recert_tui.exports.starter_bank import starter_items

    session.import_bank(starter_items("cma-aama"))
    return session


def test_review(snap_compare, held):
    assert snap_compare(RecertApp(with_starter_bank(held)), terminal_size=SIZE, press=["4", "r", "space"])


def test_mock_exam(snap_compare, held, monkeypatch):
    from recert_tui.tui.screens.mock_exam import MockExamScreen

    monkeypatch.setattr(MockExamScreen, "clock", staticmethod(lambda: 1000.0))  # the timer stands still
    assert snap_compare(RecertApp(with_starter_bank(held)), terminal_size=SIZE, press=["4", "m", "b", "f"])


def test_drill_marked(snap_compare, held):
    assert snap_compare(RecertApp(with_starter_bank(held)), terminal_size=SIZE, press=["4", "d", "a"])


def test_study_with_a_bank(snap_compare, held):
    assert snap_compare(RecertApp(with_starter_bank(held)), terminal_size=SIZE, press=["4"])
