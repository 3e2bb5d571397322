"""Exports from the app: a private file with exactly what `recert export` writes; asks before replacing."""

from __future__ import annotations

import errno
import os
import stat

from textual.widgets import Input

from recert_tui.exports.backup import export_json
from recert_tui.exports.csv_io import export_csv
from recert_tui.exports.ics import render_ics
from recert_tui.exports.worksheet import render_worksheet, worksheet_bytes
from recert_tui.tui.app import RecertApp
from recert_tui.tui.export_kinds import EXPORTS
from recert_tui.tui.screens.dashboard import DashboardScreen
from recert_tui.tui.screens.dialogs import ConfirmScreen
from recert_tui.tui.screens.export import ExportChooser, ExportDialog
from tests.helpers.screen import shows, wait_for

from .conftest import add_study, build_sample

CSV_AT = list(EXPORTS).index("csv")  # downs from the top of the list: after the four worksheets


def path_box(app) -> Input:
    return app.screen.query_one("#path", Input)


async def test_x_on_the_dashboard_writes_the_worksheet(session, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    build_sample(session)
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportChooser), what="the list of exports")
        await pilot.press("enter")  # the first: the worksheet in Markdown
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the path dialog")
        assert path_box(app).value == "~/recert-worksheet-2026-11-23.md"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), what="the dialog to close")
        written = tmp_path / "recert-worksheet-2026-11-23.md"
        said = "Wrote the worksheet to ~/recert-worksheet-2026-11-23.md (private to you)."
        await wait_for(pilot, lambda: any(n.message == said for n in app._notifications), what="where it went")
        assert written.read_text(encoding="utf-8") == render_worksheet(session.report, "md")
        assert written.read_bytes() == worksheet_bytes(session.report, "md", holder=session.holder_name)
        assert stat.S_IMODE(written.stat().st_mode) == 0o600


async def test_replacing_a_file_needs_a_yes(held, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "sheet.txt"
    target.write_text("keep me")
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"export worksheet (text)")
        await wait_for(pilot, lambda: shows(app, "plain text, to print"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("ctrl+u", *"sheet.txt", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await wait_for(pilot, lambda: shows(app, "already exists and was kept"))
        assert target.read_text() == "keep me" and path_box(app).value == "sheet.txt"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: not isinstance(app.screen, (ConfirmScreen, ExportDialog)))
        assert target.read_text(encoding="utf-8") == render_worksheet(held.report, "txt")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_refusals_are_one_sentence_and_keep_the_typed_path(held, db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short names to type: relative to the folder recert was started in
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", *["down"] * CSV_AT)  # Activities (CSV)
        await wait_for(pilot, lambda: isinstance(app.screen, ExportChooser))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert path_box(app).value.endswith("recert-activities-2026-11-23.csv")
        for typed, sentence in (
            ("nowhere/a.csv", "The folder nowhere does not exist"),
            (db_path.name, "recert.json is your database file"),
            (".", ". is a folder; add a file name"),
            ("   ", "Type a file name"),
        ):
            await pilot.press("ctrl+u", *typed, "enter")
            await wait_for(pilot, lambda sentence=sentence: shows(app, sentence), what=sentence)
            assert path_box(app).value == typed and path_box(app).has_focus

        def full_disk(path, payload, **_):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr("recert_tui.exports.destination.write_atomically", full_disk)
        typed = "out.csv"
        await pilot.press("ctrl+u", *typed, "enter")
        await wait_for(pilot, lambda: shows(app, "no space left on device. Nothing was written."))
        assert path_box(app).value == typed and isinstance(app.screen, ExportDialog)
        assert not (tmp_path / "out.csv").exists()


async def test_every_export_matches_the_cli_renderers(session, tmp_path, monkeypatch):
    """CSV, calendar and backup (the worksheet is checked above): the same bytes as the CLI's."""
    monkeypatch.chdir(tmp_path)
    add_study(build_sample(session))
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        for downs, name, expected in (
            (CSV_AT, "a.csv", export_csv(session.profile.activities).encode()),
            (CSV_AT + 1, "a.ics", render_ics(session.report, calendar_id=session.calendar_id)),
            (CSV_AT + 2, "a.json", export_json(session.store)),
        ):
            await pilot.press("x")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportChooser))
            await pilot.press(*["down"] * downs, "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
            await pilot.press("ctrl+u", *name, "enter")
            await wait_for(pilot, lambda name=name: (tmp_path / name).exists(), what=name)
            assert (tmp_path / name).read_bytes() == expected
            await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert app.export_folder == tmp_path  # the next export offers the same folder
        await pilot.press("x", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert path_box(app).value == str(tmp_path / "recert-worksheet-2026-11-23.md")


async def test_the_worksheet_as_html_and_pdf_with_the_holders_name(session, tmp_path, monkeypatch):
    """The chooser offers the worksheet in every format the command writes, with the same bytes."""
    monkeypatch.chdir(tmp_path)
    build_sample(session).set_setting("holder_name", "Ana Díaz")
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        for key, fmt in (("worksheet-html", "html"), ("worksheet-pdf", "pdf")):
            await pilot.press("x")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportChooser))
            await pilot.press(*["down"] * list(EXPORTS).index(key), "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
            assert path_box(app).value.endswith(f"recert-worksheet-2026-11-23.{fmt}")
            await pilot.press("ctrl+u", *f"a.{fmt}", "enter")
            written = tmp_path / f"a.{fmt}"
            await wait_for(pilot, written.exists, timeout=15, what=f"the {fmt} file")
            assert written.read_bytes() == worksheet_bytes(session.report, fmt, holder="Ana Díaz")
            await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
