"""Add the credentials the user holds: the first-run screen, and `c` on the dashboard.

A credential already held shows its earned date and number in the fields; saving changes
them, to correct one entered wrongly (the date decides the expiry). `r` records that a held
credential was recertified (screens/recertified.py).

The first run also asks for the user's name (optional), which the worksheet and rosters
show; `NameDialog` changes it later (the palette's "Your name", `n` on the dashboard).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.cycle import cycle_from
from ...domain.dates import show_date
from ...domain.validate import FIELD_HELP, InvalidInput
from ...session import holder_name_from
from ...store import StoreError
from ..actions import bindings
from ..host import host
from ..text import literal, visible
from ..widgets.banner import Banner
from ..widgets.field import FormField
from ..widgets.keybar import KeyBar
from ..widgets.ordered_input import OrderedInput
from .checked_form import CheckedForm

# The steps, numbered: a first-time user reads what to do in order, with the keys for each
# ({save} and {leave}: the keys as the user's keymap has them).
STEPS = (
    "\n  1. Choose it with ↑/↓ and press Enter."
    "\n  2. Type the date you earned it (Tab: its certificate number, if you like)."
    "\n  3. Press {save} to add it; {leave} when done, or to skip this for now."
)
WELCOME = (
    "Welcome to recert. Add each credential you hold, one at a time:"
    + STEPS
    + "\nOptional, once: your name, in the last box, for worksheets and rosters."
    + "\nNot certified yet? Press {exams} to record exam attempts, {study} to practise."
)
ADD_ANOTHER = "Add a credential you hold:" + STEPS


class CredentialScreen(Screen[bool]):
    """Dismisses with True if at least one credential was added."""

    BINDINGS = bindings("credential")

    def __init__(self, session, *, first_run: bool, demo: bool = False) -> None:
        super().__init__()
        self.session = session
        self.first_run = first_run
        self.demo = demo
        self.added: list[str] = []  # what was saved, in words: added, or corrected
        self.corrected = False
        self._filled = ("", "")  # what the fields were last filled with (a held credential's values)
        self._pointed: str | None = None  # the credential marked ▸ in the list
        self._name_said: str | None = None  # the name as saved here ("" removed), for the line under the fields

    def compose(self) -> ComposeResult:
        yield Banner(self.demo, self.session.read_only_reason if self.session.read_only else None)
        with Vertical(id="credential-box"):
            intro = (WELCOME if self.first_run else ADD_ANOTHER).format(
                save=self._keys("credential.save"),
                leave=self._keys("credential.leave"),
                exams=self._keys("mode.exams"),
                study=self._keys("mode.study"),
            )
            yield Static(Text(intro), id="intro")
            yield OptionList(*self._options(), id="catalog", compact=True)
            # Built with the first credential's description in it (the one highlighted on
            # mount): filled in afterwards, its first frame showed one line of its two at 80
            # columns, laid out while still empty.
            first = next(iter(self.session.catalog.credentials), None)
            yield Static(self._description(first) if first else "", id="body")
            yield FormField(
                "earned", "Date earned", OrderedInput(placeholder=FIELD_HELP["date"], id="earned", compact=True)
            )
            yield FormField(
                "number",
                "Certificate no.",
                OrderedInput(placeholder="optional, as printed on the certificate", id="number", compact=True),
            )
            if self.first_run:
                yield FormField(
                    "holder",
                    "Your name",
                    OrderedInput(
                        self.session.holder_name,
                        placeholder="optional: as the worksheet and rosters show it",
                        id="holder",
                        compact=True,
                    ),
                )
            yield Static(id="added")
        yield KeyBar()

    def _keys(self, binding_id: str) -> str:
        return host(self.app).keys(binding_id)

    def _options(self) -> list[Option]:
        return [Option(self._prompt(code), id=code) for code in self.session.catalog.credentials]

    def _prompt(self, code: str, *, pointed: bool = False) -> Text:
        """`▸ ✓ CMA (AAMA)    Certified Medical Assistant`: ▸ marks the one Enter chooses (in
        words, not only a colour: it shows without colour and after focus has moved on), ✓ one
        already held."""
        rules = self.session.catalog.credentials[code]
        marks = ("▸ " if pointed else "  ") + ("✓ " if code in self.session.held_codes else "  ")
        # A rule file's text (a user may add one): shown literally.
        return Text(marks) + literal(f"{rules.name:<13}", "bold") + literal(f" {rules.title}")

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
        self.refresh_bindings()  # r is offered for a held credential only

    def _describe(self, code: str):
        """Say under the list what `code` is and, if held, when it was earned; returns it if held."""
        self.query_one("#body", Static).update(self._description(code))
        return self.session.credential(code)

    def _description(self, code: str) -> Text:
        rules, held = self.session.catalog.credentials[code], self.session.credential(code)
        line = visible(f"{rules.name}: {rules.title}, from the {rules.body}.")  # a rule file's text
        if held is not None:
            line += (
                f" In your list, earned {show_date(held.earned_on)}: to correct it, change the date or number "
                f"and press {self._keys('credential.save')}."
            )
        return Text(line)

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
        elif event.input.id == "holder":
            if self._save_name():
                self.query_one(OptionList).focus()
        else:
            self.action_add()

    def _save_name(self) -> bool:
        """Keep the name typed in the first run's name box, if it changed; False (and the
        reason under the box) if it is refused."""
        boxes = self.query("#holder").results(Input)
        box = next(boxes, None)
        if box is None or self.session.read_only:
            return True
        field = self.query_one("#field-holder", FormField)
        before = self.session.holder_name
        try:
            name = self.session.set_holder_name(box.value)  # written only if it changed
        except InvalidInput as error:
            field.show_error(error.errors.get("name"))
            return False
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return False
        field.show_error(None)
        if name != before:
            box.value = name
            self._name_said = name  # holder_name_from refuses what visible() would change
            self._say_saved()
        return True

    def action_add(self) -> None:
        typing_name = self.focused is not None and self.focused.id == "holder"
        if typing_name and not self.query_one("#earned", Input).value.strip():
            self._save_name()  # the name alone: no credential was started above it
            return
        if not self._save_name():
            return
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
        name = visible(self.session.rules[saved.code].name)
        earned_words = f"earned {show_date(saved.earned_on)}"
        self.corrected = self.corrected or correcting
        self._fill(self._describe(saved.code), over_typing=True)  # what is now stored for it
        # Mark the added one in place, so the highlight stays where the user left it.
        catalog.replace_option_prompt(saved.code, self._prompt(saved.code, pointed=True))
        self._say_saved(f"{name} corrected: {earned_words}" if correcting else f"{name}, {earned_words}")
        host(self.app).data_changed()
        self.refresh_bindings()  # now held: r is offered
        catalog.focus()

    def _say_saved(self, words: str | None = None) -> None:
        """The line under the fields: every credential added or corrected here so far, and
        the name if it was saved here."""
        if words is not None:
            self.added.append(words)
        said = [("Saved: " if self.corrected else "Added: ") + "; ".join(self.added) + "."] if self.added else []
        if self._name_said is not None:
            said.append(f"Your name: {self._name_said}." if self._name_said else "Your name was removed.")
        self._say(" ".join(said) + f" Add another, or press {self._keys('credential.leave')} for the dashboard.")

    def _say(self, text: str) -> None:
        self.query_one("#added", Static).update(Text(text, style="bold"))
        # The last thing in the box, below the fold when it runs long or errors under the
        # fields take room too: scrolled to once laid out (with the scroll bar, if one comes).
        box = self.query_one("#credential-box")
        self.call_after_refresh(box.scroll_end, animate=False)

    # --- recertified -----------------------------------------------------------------------

    def _highlighted_held(self):
        """The held credential highlighted in the list, or None."""
        catalog = self.query_one(OptionList)
        if catalog.highlighted is None:
            return None
        return self.session.credential(catalog.get_option_at_index(catalog.highlighted).id or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Offered (and in the key bar) for a held credential only, never read-only, and not
        # while a text box has focus: there r is typed.
        if action == "recertified":
            return (
                not self.session.read_only
                and self._highlighted_held() is not None
                and not isinstance(self.focused, Input)
            )
        if action == "add":  # nothing can be added or corrected read-only: not in the key bar
            return not self.session.read_only
        return True

    def action_recertified(self) -> None:
        from ...domain.routes import recertified_by_words
        from .recertified import RecertifiedForm

        held = self._highlighted_held()
        if held is None or not host(self.app).can_write():
            return

        def recorded(saved) -> None:
            if saved is None:
                return  # cancelled: nothing changed
            rules = self.session.rules[saved.code]
            day = saved.cycle_anchors[-1]
            route = recertified_by_words(saved.routes_used[day]) if day in saved.routes_used else ""
            expires = cycle_from(day, rules).expires_on
            # The form has called data_changed: the dashboard shows the new cycle.
            self._say(
                f"Saved: {visible(rules.name)} recertified on {show_date(day)} {route}".rstrip()
                + f"; it now expires {show_date(expires)}. Press {self._keys('credential.leave')} for the dashboard."
            )

        self.app.push_screen(RecertifiedForm(self.session, held), recorded)

    def action_leave(self) -> None:
        if not self._save_name():
            return  # a refused name stays, with its reason, until corrected or cleared
        self.dismiss(bool(self.added))


class NameDialog(CheckedForm):
    """The user's name, as the worksheet and rosters show it; dismisses with the name kept
    ("" when removed), or None when cancelled."""

    DEFAULT_CSS = """
    NameDialog { align: center middle; }
    NameDialog .form.name { width: 68; }
    NameDialog #name-intro { height: auto; margin: 0 0 1 0; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="form name") as form:
            form.border_title = "Your name"
            form.border_subtitle = self.keys_hint()
            yield Static(
                Text("The name the worksheet and rosters show for you. An empty box removes it."), id="name-intro"
            )
            yield Static(id="form-error")
            yield FormField(
                "name",
                "Your name",
                OrderedInput(self.session.holder_name, placeholder="e.g. Maria Lopez", id="name", compact=True),
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        super().on_mount()

    def values(self) -> dict[str, str]:
        return {"name": self.query_one("#name", Input).value}

    def validate(self, values: dict[str, str]) -> None:
        holder_name_from(values["name"])

    def save(self, values: dict[str, str]) -> str:
        return self.session.set_holder_name(values["name"])

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()
