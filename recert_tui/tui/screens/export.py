"""Exports: choose what to write, then where. Files are private (0600) and written atomically.

The path the user typed stays in the box through every refusal (a folder that is missing,
the database itself, no permission, a full disk); replacing a file needs a yes.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...exports.destination import (
    DestinationExists,
    DestinationProblem,
    check_destination,
    write_export,
)
from ..actions import bindings
from ..export_kinds import EXPORTS, ExportKind, shown_path
from ..host import host
from ..text import literal, visible
from ..widgets.field import FormField
from ..widgets.keybar import KeyBar
from ..widgets.ordered_input import OrderedInput
from .dialogs import ConfirmScreen


class ExportChooser(ModalScreen[str | None]):
    """The list of exports; dismisses with the chosen kind's key."""

    BINDINGS = bindings("export-chooser")

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog export") as box:
            box.border_title = "Export"
            box.border_subtitle = literal(f"↑/↓ choose · enter next · {host(self.app).keys('dialog.cancel')} cancel")
            options = []
            for kind in EXPORTS.values():
                label = Text(kind.title, style="bold")
                label.append(f"\n{kind.help}", style="italic")
                options.append(Option(label, id=kind.key))
            yield OptionList(*options, id="export-kinds", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportDialog(ModalScreen[Path | None]):
    """Ask where to write one export; dismisses with the absolute path written, or None."""

    BINDINGS = bindings("export-dialog")

    def __init__(self, session, kind: ExportKind, folder: Path) -> None:
        super().__init__()
        self.session = session
        self.kind = kind
        self.default = shown_path(folder / kind.file_name(session))

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog export") as box:
            box.border_title = f"Export: {self.kind.title}"
            box.border_subtitle = literal(f"enter write · {host(self.app).keys('dialog.cancel')} cancel")
            yield Static(Text(self.kind.help + "."), id="export-help")
            yield FormField(
                "path",
                "Save to",
                OrderedInput(self.default, id="path", compact=True, placeholder="a file name, e.g. ~/recert-export"),
            )
            yield Static(Text("Private to you (0600); ~ is your home folder."), id="export-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def _submitted(self) -> None:
        self.action_write()

    @on(Input.Changed, "#path")
    def _typing(self) -> None:
        self.query_one("#field-path", FormField).show_error(None)

    def action_write(self, replace: bool = False) -> None:
        typed = self.query_one("#path", Input).value
        store = self.session.store
        try:
            path = check_destination(typed, database=(store.path, store.real_path), replace=replace)
        except DestinationExists as exists:
            self._ask_to_replace(exists.path, typed)
            return
        except DestinationProblem as problem:
            self._problem(str(problem))
            return
        try:
            payload = self.kind.render(self.session)
            written = write_export(path, payload)
        except DestinationProblem as problem:
            self._problem(str(problem))
            return
        self.dismiss(written)

    def _ask_to_replace(self, path: Path, typed: str) -> None:
        question = Text("Replace this file?\n\n", style="bold") + literal(typed)
        question.append(f"\n\nIt already exists; it will be replaced by {self.kind.what}.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.action_write(replace=True)
            else:
                self._problem(
                    f"{visible(typed)} already exists and was kept; type another name, or press enter to replace it."
                )

        self.app.push_screen(ConfirmScreen(question, "yes, replace it"), answered)

    def _problem(self, sentence: str) -> None:
        """One sentence under the box; the path stays as typed and keeps the cursor."""
        field = self.query_one("#field-path", FormField)
        error = field.query_one(".form-error", Static)
        error.update(literal(f"✗ {sentence}"))
        error.display = True
        field.set_class(True, "-invalid")
        self.query_one("#path", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
