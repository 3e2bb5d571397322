"""People's files for the roster's tests, written as people write them: through a session
(every record checked as the app checks it), then exported with `export json --for-roster`
or kept as the database itself."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from recert_tui.exports.backup import export_json
from recert_tui.session import Session
from tests.helpers.rules import TODAY, shipped_catalog


def person_file(
    folder: Path,
    file_name: str,
    *,
    name: str | None = None,
    credentials: Iterable[tuple[str, str]] = (),
    attempts: Iterable[tuple[str, str, str]] = (),
    activities: Iterable[tuple[str, str, str]] = (),
    roster_export: bool = True,
) -> Path:
    """`folder/file_name`: a person holding `credentials` ((code, earned)), with exam
    `attempts` ((exam, day, result)) and CE `activities` ((credential, day, points)), named
    `name`; a roster export, or (roster_export=False) the database file itself."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name
    database = target if not roster_export else folder / ".databases" / f"{file_name}.db.json"
    database.parent.mkdir(parents=True, exist_ok=True)
    with Session.open(database, TODAY, catalog=shipped_catalog()) as session:
        if name is not None:
            session.set_holder_name(name)
        for code, earned in credentials:
            session.add_credential(code, earned, "N-1")
        for exam, day, result in attempts:
            session.add_exam_attempt(exam, day, result)
        for index, (credential, day, points) in enumerate(activities):
            session.add_activity(
                {
                    "credential": credential,
                    "title": f"Course {index}",
                    "date": day,
                    "kind": "ceu",
                    "points": points,
                    "area": "clinical",
                    "notes": "a private note",
                    "certificate": f"CERT-{index}",
                }
            )
        if roster_export:
            target.write_bytes(export_json(session.store, for_roster=True))
    return target


def clinic(folder: Path) -> Path:
    """A small clinic's folder: one lapsed, one due within 90 days, one due soon, one
    current, a graduate with one attempt left and one who must re-enroll."""
    person_file(folder, "lapsed.json", name="Lena Lapsed", credentials=[("cma-aama", "2015-01-10")])
    person_file(
        folder,
        "soon.json",
        name="Sam Soon",
        credentials=[("cma-aama", "2021-12-10")],  # expires 31 Dec 2026: 38 days from TODAY
        activities=[("cma-aama", "2023-05-01", "10")],
    )
    person_file(folder, "later.json", name="Dana Later", credentials=[("cma-aama", "2022-03-15")])
    person_file(folder, "current.json", name="Cora Current", credentials=[("cma-aama", "2025-01-01")])
    person_file(
        folder,
        "grad.json",
        name="Gina Graduate",
        attempts=[("cma-aama", "2026-01-10", "fail"), ("cma-aama", "2026-04-10", "fail")],
    )
    person_file(
        folder,
        "reenroll.json",
        name="Rex Reenroll",
        attempts=[
            ("cma-aama", "2025-11-10", "fail"),
            ("cma-aama", "2026-03-10", "fail"),
            ("cma-aama", "2026-07-10", "fail"),
        ],
    )
    return folder


def listing(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under `folder` (hidden ones too, recursively): (size, mtime in ns, mode)."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for entry in [*dirs, *files]:
            path = os.path.join(root, entry)
            info = os.lstat(path)
            found[os.path.relpath(path, folder)] = (info.st_size, info.st_mtime_ns, info.st_mode)
    return found


def showcase(folder: Path) -> Path:
    """Ten people for the README's picture (docs/screens/roster.svg): every status, a
    second credential, a graduate with one attempt left, one who passed, one to re-enroll."""
    person_file(folder, "okafor.json", name="Aisha Okafor", credentials=[("ccma-nha", "2023-10-20")])
    person_file(
        folder,
        "nguyen.json",
        name="Tran Nguyen",
        credentials=[("cma-aama", "2021-12-10")],
        activities=[("cma-aama", "2023-05-01", "10"), ("cma-aama", "2025-09-12", "2")],
    )
    person_file(
        folder,
        "lopez.json",
        name="Maria Lopez",
        credentials=[("cma-aama", "2022-03-15"), ("cmac-amca", "2024-12-05")],
        activities=[("cma-aama", "2025-03-05", "2"), ("cmac-amca", "2026-10-05", "3")],
    )
    person_file(folder, "haddad.json", name="Sam Haddad", credentials=[("rma-amt", "2024-01-10")])
    person_file(
        folder,
        "reyes.json",
        name="Lucía Reyes",
        attempts=[("cma-aama", "2026-03-10", "fail"), ("cma-aama", "2026-07-10", "fail")],
    )
    person_file(folder, "patel.json", name="Priya Patel", credentials=[("ncma-ncct", "2025-12-01")])
    person_file(
        folder,
        "smith.json",
        name="Dana Smith",
        credentials=[("cma-aama", "2025-01-01")],
        activities=[("cma-aama", "2026-09-30", "1")],
    )
    person_file(folder, "brown.json", name="Kofi Brown", attempts=[("ccma-nha", "2026-09-02", "pass")])
    person_file(folder, "ivanova.json", name="Inés Ivanova", credentials=[("cmac-amca", "2025-05-20")])
    person_file(
        folder,
        "chen.json",
        name="Grace Chen",
        attempts=[
            ("cma-aama", "2025-11-10", "fail"),
            ("cma-aama", "2026-03-10", "fail"),
            ("cma-aama", "2026-07-10", "fail"),
        ],
    )
    return folder


def reading_of(session, paths: list[str]):
    """The roster of `paths` being read, as `recert --roster` hands it to the app."""
    from recert_tui.roster import RosterReading

    return RosterReading(paths, session.rules, session.today)
