"""Record that a held credential was recertified: the date and the route, then a yes/no.

`r` on the credential screen. The form says in plain words what will happen (a new cycle,
its expiry) and asks before saving; a refused date keeps everything typed, as every form does.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from ...domain.cycle import cycle_from
from ...domain.dates import parse_date, show_date
from ...domain.errors import InvalidInput
from ...domain.models import HeldCredential
from ...domain.routes import ROUTE_NAMES, recertified_by_words
from ...domain.validate import FIELD_HELP, recertification_from_fields
from ...store import StoreError
from ..host import host
from ..text import literal, visible
from ..widgets.field import FormField
from ..widgets.keybar import KeyBar
from ..widgets.ordered_input import OrderedInput
from .checked_form import NOT_SAVED, CheckedForm
from .dialogs import ConfirmScreen


def route_options(rules) -> list[tuple[str, str]]:
    """Continuing education; the exam, unless the rules say for sure there is no exam route;
    and what the rules leave after a lapse (late exam, starting over or reinstatement)."""
    options = [(ROUTE_NAMES["ce"], "ce")]
    available = rules.exam_route.available
    if available.value or available.unconfirmed:
        options.append((ROUTE_NAMES["exam"], "exam"))
    if rules.after_lapse is not None:
        lapse = rules.after_lapse.route.value
        options.append((ROUTE_NAMES.get(lapse, lapse), lapse))
    return options


class RecertifiedForm(CheckedForm):
    """Dismisses with the credential as saved (with the new date), or None when cancelled."""

    def __init__(self, session, credential: HeldCredential) -> None:
        super().__init__(session)
        self.credential = credential
        self.rules = session.rules[credential.code]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form", classes="form recertified") as form:
            form.border_title = literal(f"{self.rules.name} recertified")  # a rule file's name: not markup
            form.border_subtitle = self.keys_hint()
            yield Static(
                Text(
                    f"When and how {visible(self.rules.name)} was recertified: a new cycle starts that day. "
                    "Nothing is saved before you say yes."
                ),
                id="recertified-intro",
            )
            yield Static(id="form-error")
            yield FormField(
                "on",
                "Recertified on",
                OrderedInput(self.session.today.isoformat(), placeholder=FIELD_HELP["date"], id="on", compact=True),
            )
            yield FormField(
                "route",
                "Route",
                Select(route_options(self.rules), value="ce", allow_blank=False, compact=True, id="route"),
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#on", Input).focus()
        super().on_mount()

    # --- reading the form --------------------------------------------------------------

    def values(self) -> dict[str, str]:
        route = self.query_one("#route", Select).value
        return {"on": self.query_one("#on", Input).value, "route": "" if route is Select.NULL else str(route)}

    def validate(self, values: dict[str, str]) -> None:
        recertification_from_fields(self.credential, values["on"], values["route"], today=self.session.today)

    def question(self, values: dict[str, str]) -> Text:
        """`Record that CMA (AAMA) was recertified on 6 Dec 2026 by continuing education? ...`"""
        day = parse_date(values["on"])  # checked already
        route = recertified_by_words(values["route"])
        expires = cycle_from(day, self.rules).expires_on
        question = Text(
            f"Record that {visible(self.rules.name)} was recertified on {show_date(day)} {route}?", style="bold"
        )
        question.append(
            f"\n\nA new {self.rules.cycle_months.value}-month cycle starts that day; it expires {show_date(expires)}."
        )
        return question

    # --- saving: asked first -------------------------------------------------------------

    def action_save(self) -> None:
        if self.check(show_all=True):
            self._form_error(NOT_SAVED)
            return
        values = self.values()
        self.app.push_screen(
            ConfirmScreen(self.question(values), "yes, record it"), lambda yes: self._record(values) if yes else None
        )

    def _record(self, values: dict[str, str]) -> None:
        try:
            saved = self.save(values)
        except InvalidInput as error:
            self._refused(error)
            return
        except StoreError as error:
            self._form_error(f"Not saved: {error}")
            return
        host(self.app).data_changed()  # before closing: the screens under it show the new cycle
        self.dismiss(saved)

    def _refused(self, error: InvalidInput) -> None:
        """Each sentence under its field (what was typed stays); any other on the form's line."""
        fields = {field.field_name: field for field in self.query(FormField)}
        for name, field in fields.items():
            field.show_error(error.errors.get(name))
        others = [text for name, text in error.errors.items() if name not in fields]
        self._form_error(f"Not saved: {'; '.join(others)}" if others else NOT_SAVED)

    def save(self, values: dict[str, str]) -> HeldCredential:
        return self.session.record_recertification(self.credential.code, values["on"], values["route"])
