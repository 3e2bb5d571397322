"""What every form shares: check each field as it is typed, save straight to the store,
keep everything typed when a save is refused, and close without Escape.

A form supplies its fields (compose), `values()`, `validate(values)` (raises InvalidInput,
saves nothing) and `save(values)` (returns what the form dismisses with).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from ...domain.errors import InvalidInput
from ...store import StoreError
from ..actions import bindings
from ..host import host
from ..text import literal
from ..textual_compat import close_open_choice_list
from ..widgets.field import FormField

NOT_SAVED = "Not saved: fix the fields marked ✗ (what you typed is kept)."


class CheckedForm(ModalScreen):
    BINDINGS = bindings("form")
    FIELD_ALIASES: dict[str, str] = {}  # a validator's field name -> the form's field name

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.touched: set[str] = set()
        self.ready = False  # Selects announce their first value on mount; that is not the user

    def on_mount(self) -> None:
        self.call_after_refresh(self._set_ready)

    def _set_ready(self) -> None:
        self.ready = True

    # --- what a form supplies ------------------------------------------------------------

    def values(self) -> dict[str, str]:
        raise NotImplementedError

    def validate(self, values: dict[str, str]) -> None:
        raise NotImplementedError

    def save(self, values: dict[str, str]) -> Any:
        raise NotImplementedError

    def keys_hint(self) -> Text:
        """`ctrl+s save · ctrl+g cancel` (the keys after the user's keymap), for the border:
        plain text, not markup (a key name from keymap.toml may hold `[`)."""
        keys = host(self.app).keys
        return literal(f"{keys('form.save')} save · {keys('dialog.cancel')} cancel")

    def field_changed(self, name: str) -> None:
        """A hook for forms whose fields depend on each other."""

    # --- checking --------------------------------------------------------------------------

    def check(self, show_all: bool = False) -> dict[str, str]:
        """Validate (nothing is saved) and show each touched field's error under it."""
        errors = self._errors(self.values())
        self._show_errors(errors, show_all)
        return errors

    def _errors(self, values: dict[str, str]) -> dict[str, str]:
        """What is wrong with `values`, by the form's field names; {} when they would save."""
        try:
            self.validate(values)
        except InvalidInput as error:
            return {self.FIELD_ALIASES.get(name, name): text for name, text in error.errors.items()}
        return {}

    def _show_errors(self, errors: dict[str, str], show_all: bool) -> None:
        for field in self.query(FormField):
            shown = show_all or field.field_name in self.touched
            field.show_error(errors.get(field.field_name) if shown else None)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        if not self.ready:
            return
        name = event.control.id or ""
        self.field_changed(name)
        self.touched.add(name)
        self.check()

    def on_descendant_blur(self, event) -> None:
        name = getattr(event.widget, "id", None) or ""
        if name and self.ready:
            self.touched.add(name)
            self.check()

    # --- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        values = self.values()
        errors = self._errors(values)
        if errors:
            self._show_errors(errors, show_all=True)
            self._form_error(NOT_SAVED)
            return
        # Valid: the form closes, and what each field shows already matches what it holds
        # (every change is checked as it is typed), so the fields are not gone through again.
        try:
            result = self.save(values)
        except InvalidInput as error:
            self.check(show_all=True)
            self._form_error(f"Not saved: {error.first_line}")
            return
        except StoreError as error:
            self._form_error(f"Not saved: {error}")
            return
        # Announced before the form closes, so the screen under it is drawn once, with the
        # new figures, as it shows again.
        host(self.app).data_changed()
        self.dismiss(result)

    def _form_error(self, message: str) -> None:
        box = self.query_one("#form-error", Static)
        box.update(literal(message))
        box.display = True
        # The line is the form's first: a form taller than the screen, scrolled down to the
        # field being typed in, would otherwise say nothing where the user is looking.
        self.call_after_refresh(box.scroll_visible, animate=False)

    def action_cancel(self) -> None:
        if close_open_choice_list(self.focused):  # ctrl+g closes just the list, as Escape does
            return
        self.dismiss(None)
