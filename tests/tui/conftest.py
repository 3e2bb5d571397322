"""Fixtures for the terminal app: a fixed today, the shipped rules, a database in tmp."""

from __future__ import annotations

from pathlib import Path

import pytest

from recert_tui.catalog import Catalog
from recert_tui.session import Session
from tests.helpers.rules import TODAY


@pytest.fixture(autouse=True)
def truecolor(monkeypatch):
    """The app as on a true-colour terminal, whatever TERM the tests run under: the status
    colours follow the colour depth (RecertApp.get_theme), and snapshots must not."""
    from textual import constants

    monkeypatch.setattr(constants, "COLOR_SYSTEM", "truecolor")


def open_session(path: Path, catalog: Catalog, *, write: bool = True) -> Session:
    return Session.open(path, TODAY, write=write, catalog=catalog)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "recert.json"


@pytest.fixture
def session(db_path, catalog):
    opened = open_session(db_path, catalog)
    yield opened
    opened.close()


@pytest.fixture
def held(session):
    """A session holding a CMA (AAMA) earned 15 Mar 2022, with no activities."""
    session.add_credential("cma-aama", "2022-03-15", "CMA-1")
    return session


def activity_fields(**overrides: str) -> dict[str, str]:
    fields = {
        "credential": "cma-aama",
        "title": "Infection control",
        "date": "2025-03-05",
        "kind": "ceu",
        "points": "2",
        "area": "clinical",
        "provider": "AAMA e-Learning Center",
    }
    fields.update(overrides)
    return fields


def build_sample(session: Session) -> Session:
    """A small, fixed profile for snapshots: a CMA (AAMA) mid-cycle and a CMAC due soon."""
    session.add_credential("cma-aama", "2022-03-15", "CMA-2209871")
    session.add_credential("cmac-amca", "2024-12-05", "AMCA-7731")
    rows = (
        ("Bloodborne Pathogens Refresher", "2021-11-08", "ceu", "1", "clinical", ""),
        ("Medical Law and Ethics", "2022-05-12", "ceu", "2", "general", ""),
        ("BLS Provider (CPR card)", "2022-09-30", "cpr", "", "", ""),
        ("Medical Terminology", "2023-06-15", "college", "", "general", "1"),
        ("Coding Update: ICD-10-CM", "2023-11-03", "ceu", "4", "administrative", ""),
        ("Phlebotomy Techniques Workshop", "2024-01-21", "ceu", "3", "clinical", ""),
        ("Hospital in-service: Falls", "2025-03-08", "other", "1", "clinical", ""),
        ("Opioid Awareness", "2026-10-05", "ceu", "1", "clinical", ""),
    )
    for title, day, kind, points, area, credits in rows:
        session.add_activity(
            {
                "credential": "cma-aama",
                "title": title,
                "date": day,
                "kind": kind,
                "points": points,
                "area": area,
                "college_credits": credits,
                "provider": "AAMA e-Learning Center",
            }
        )
    session.add_activity(
        activity_fields(
            credential="cmac-amca",
            title="Clinical Skills Review",
            date="2025-03-18",
            points="3",
            provider="AMCA CE portal",
        )
    )
    session.add_exam_attempt("cmac-amca", "2024-09-14", "fail", "58")
    session.add_exam_attempt("cmac-amca", "2024-11-20", "pass", "74")
    session.add_exam_attempt("cma-aama", "2022-02-26", "pass", "512")
    return session


def add_study(session: Session) -> Session:
    """Eight weeks of CMA (AAMA) preparation ending on TODAY, and an attempt in 50 days."""
    for day, minutes, category in (
        ("2026-10-05", "30", "overall"),
        ("2026-10-14", "45", "clinical"),
        ("2026-10-21", "60", "clinical"),
        ("2026-11-02", "40", "administrative"),
        ("2026-11-11", "90", "clinical"),
        ("2026-11-18", "50", "general"),
        ("2026-11-23", "45", "clinical"),
    ):
        session.add_study_session("cma-aama", day, minutes, category, "")
    for day, score, category in (
        ("2026-10-10", "64", "overall"),
        ("2026-10-24", "58", "clinical"),
        ("2026-11-20", "66", "clinical"),
        ("2026-11-15", "81", "administrative"),
        ("2026-11-21", "77", "administrative"),
    ):
        session.add_practice_test("cma-aama", day, score, category)
    session.add_exam_attempt("cma-aama", "2027-01-12", "scheduled")
    return session
