"""Add the credentials the user holds: the first-run screen, and `c` on the dashboard.

A credential already held shows its earned date and number in the fields; saving changes
them, to correct one entered wrongly (the date decides the expiry).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.dates import show_date
from ...domain.validate import FIELD_HELP, InvalidInput
from ...store import StoreError
from ..widgets.banner import Banner
from ..widgets.field import FormField
from ..widgets.keybar import KeyBar
from ..widgets.ordered_input import OrderedInput

# The steps, numbered: a first-time user reads what to do in order, with the keys for each
# ({save} and {leave}: the keys as the user's keymap has them).
STEPS = (
    "\n  1. Choose it with ↑/↓ and press Enter."
    "\n  2. Type the date you earned it (Tab: its certificate number, if you like)."
    "\n  3. Press {save} to add it."
    "\nPress {leave} when done, or to skip this for now."
)
WELCOME = "Welcome to recert. Add each credential you hold, one at a time:" + STEPS
ADD_ANOTHER = "Add a credential you hold:" + STEPS


class CredentialScreen(Screen[bool]):
    """Dismisses with True if at least one credential was added."""

    BINDINGS = [
        Binding("ctrl+s", "add", "Add credential", id="credential.save", tooltip="Add the highlighted credential."),
        Binding("ctrl+g", "leave", "Done / skip", id="credential.leave", tooltip="Go to the dashboard."),
        Binding("escape", "leave", "Done / skip", show=False, id="credential.escape"),
    ]

    def __init__(self, session, *, first_run: bool, demo: bool = False) -> None:
        super().__init__()
        self.session = session
        self.first_run = first_run
        self.demo = demo
        self.added: list[str] = []  # what was saved, in words: added, or corrected
        self.corrected = False
        self._filled = ("", "")  # what the fields were last filled with (a held credential's values)
        self._pointed: str | None = None  # the credential marked ▸ in the list

    def compose(self) -> ComposeResult:
        yield Banner(self.demo, self.session.read_only_reason if self.session.read_only else None)
        with Vertical(id="credential-box"):
            intro = (WELCOME if self.first_run else ADD_ANOTHER).format(save=self._keys("credential.save"),
                                                                        leave=self._keys("credential.leave"))
            yield Static(Text(intro), id="intro")
            yield OptionList(*self._options(), id="catalog", compact=True)
            yield Static(id="body")
            yield FormField("earned", "Date earned", OrderedInput(placeholder=FIELD_HELP["date"], id="earned", compact=True))
            yield FormField("number", "Certificate no.", OrderedInput(placeholder="optional, as printed on the certificate",
                                                            id="number", compact=True))
            yield Static(id="added")
        yield KeyBar()

    def _keys(self, binding_id: str) -> str:
        return self.app.keys(self.BINDINGS, binding_id)

    def _options(self) -> list[Option]:
        return [Option(self._prompt(code), id=code) for code in self.session.catalog.credentials]

    def _prompt(self, code: str, *, pointed: bool = False) -> Text:
        """`▸ ✓ CMA (AAMA)    Certified Medical Assistant`: ▸ marks the one Enter chooses (in
        words, not only a colour: it shows without colour and after focus has moved on), ✓ one
        already held."""
        rules = self.session.catalog.credentials[code]
        marks = ("▸ " if pointed else "  ") + ("✓ " if code in self.session.held_codes else "  ")
        return Text(marks) + Text(f"{rules.name:<13}", style="bold") + Text(f" {rules.title}")

    def _point_at(self, code: str) -> None:
        catalog = self.query_one(OptionList)
        previous, self._pointed = self._pointed, code
        if previous not in (None, code):
            catalog.replace_option_prompt(previous, self._prompt(previous))
        catalog.replace_option_prompt(code, self._prompt(code, pointed=True))

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0
        self.query_one(OptionList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        rules = self.session.catalog.credentials.get(event.option.id or "")
        if rules is None:
            return
        self._point_at(rules.code)
        self._fill(self._describe(rules.code))

    def _describe(self, code: str):
        """Say under the list what `code` is and, if held, when it was earned; returns it if held."""
        rules, held = self.session.catalog.credentials[code], self.session.credential(code)
        line = f"{rules.name}: {rules.title}, from the {rules.body}."
        if held is not None:
            line += (f" In your list, earned {show_date(held.earned_on)}: to correct it, change the date or number "
                     f"and press {self._keys('credential.save')}.")
        self.query_one("#body", Static).update(Text(line))
        return held

    def _fill(self, held, *, over_typing: bool = False) -> None:
        """The fields show `held`'s date and number (or nothing, for one not held), unless the
        user has typed over what they were last filled with: that is kept (`over_typing`
        replaces it anyway, after a save)."""
        earned, number = self.query_one("#earned", Input), self.query_one("#number", Input)
        if not over_typing and (earned.value, number.value) != self._filled:
            return
        self._filled = (held.earned_on.isoformat(), held.number) if held else ("", "")
        earned.value, number.value = self._filled

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#earned", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "earned":
            self.query_one("#number", Input).focus()
        else:
            self.action_add()

    def action_add(self) -> None:
        catalog = self.query_one(OptionList)
        if catalog.highlighted is None:
            return
        code = catalog.get_option_at_index(catalog.highlighted).id or ""
        earned = self.query_one("#earned", Input)
        number = self.query_one("#number", Input)
        correcting = code in self.session.held_codes
        try:
            if correcting:
                saved = self.session.correct_credential(code, earned.value, number.value)
            else:
                saved = self.session.add_credential(code, earned.value, number.value or None)
        except InvalidInput as error:
            errors = dict(error.errors)
            self.query_one("#field-earned", FormField).show_error(errors.pop("earned", None))
            self.query_one("#field-number", FormField).show_error(errors.pop("number", None))
            if errors:
                self.notify("; ".join(errors.values()), severity="error", markup=False)
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        for field in self.query(FormField):
            field.show_error(None)
        name = self.session.rules[saved.code].name
        earned_words = f"earned {show_date(saved.earned_on)}"
        self.added.append(f"{name} corrected: {earned_words}" if correcting else f"{name}, {earned_words}")
        self.corrected = self.corrected or correcting
        self._fill(self._describe(saved.code), over_typing=True)  # what is now stored for it
        # Mark the added one in place, so the highlight stays where the user left it.
        catalog.replace_option_prompt(saved.code, self._prompt(saved.code, pointed=True))
        self.query_one("#added", Static).update(
            Text(("Saved: " if self.corrected else "Added: ") + "; ".join(self.added)
                 + f". Add another, or press {self._keys('credential.leave')} for the dashboard.", style="bold"))
        self.app.data_changed()
        catalog.focus()

    def action_leave(self) -> None:
        self.dismiss(bool(self.added))
