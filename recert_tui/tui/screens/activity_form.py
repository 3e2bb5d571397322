"""Add or edit one CE activity, checked field by field as it is typed.

The form saves straight to the store (ctrl+s) and stays open with everything the user typed
if the save is refused, whether by validation or by the store.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from ...domain.counting import points_text
from ...domain.models import AREAS, KIND_LABELS, Activity
from ...domain.validate import FIELD_HELP, activity_fields, default_points
from ..ordering import in_catalog_order
from ..text import literal, visible
from ..widgets.field import FormField
from ..widgets.keybar import KeyBar
from ..widgets.ordered_input import OrderedInput
from .checked_form import CheckedForm

KINDS = [(label, kind) for kind, label in KIND_LABELS.items()]
TEXT_FIELDS = ("title", "date", "college_credits", "points", "split", "provider", "certificate", "notes")
YES_NO = [("no", "no"), ("yes", "yes")]


def category_options(rules) -> list[tuple[Text, str]]:
    """The credential's own categories (AMT's CCP categories), by label; none for most."""
    categories = rules.ce.categories.value if rules is not None and rules.ce.categories else {}
    return [(literal(label), key) for key, label in categories.items()]


def recurring_hint(rules) -> str:
    """`NCCT counts a recurring employer training once in 5 years`, from the rule; "" where
    the credential does not count recurring trainings apart."""
    if rules is None or rules.ce.recurring_once_in is None:
        return ""
    # The body's short name is in the credential's: `NCMA (NCCT)` -> NCCT.
    short = rules.name.partition("(")[2].rstrip(")").strip() or rules.body
    return f"{short} counts a recurring employer training once in {rules.ce.recurring_once_in.value}"


class ActivityForm(CheckedForm):
    """Dismisses with the saved activity's id, or None when cancelled."""

    def __init__(self, session, activity: Activity | None = None) -> None:
        super().__init__(session)
        self.activity = activity
        self.autofilled_points = ""  # what we last put in points, so we never overwrite typing

    def compose(self) -> ComposeResult:
        rules = self.session.rules
        # Catalog order (CMA (AAMA) first), not the order the credentials were added in.
        held = in_catalog_order(self.session, self.session.profile.credentials, lambda c: c.code)
        values = (
            activity_fields(self.activity)
            if self.activity
            else {"credential": held[0].code if held else "", "date": self.session.today.isoformat(), "kind": "ceu"}
        )
        title = "Edit activity" if self.activity else "Add a CE activity"
        with VerticalScroll(id="form", classes="form") as form:
            form.border_title = title
            form.border_subtitle = self.keys_hint()
            yield Static(id="form-error")
            credentials = [(rules[c.code].name, c.code) for c in held if c.code in rules]
            yield self._select("credential", "Credential", credentials, values.get("credential", ""), blank=False)
            # Stored text is shown with control characters as visible escapes (a raw ESC in a
            # text box would reach the terminal); an untouched field saves the stored text.
            self.stored = {name: values.get(name, "") for name in TEXT_FIELDS}
            yield self._input("title", "Title", values)
            yield self._input("date", "Date", values)
            yield self._select("kind", "Kind", list(KINDS), values.get("kind", "ceu"), blank=False)
            # Only where the chosen credential's rules ask (shown or hidden as it changes).
            codes = [code for _, code in credentials]
            chosen = rules.get(
                values.get("credential", "") if values.get("credential") in codes else codes[0] if codes else ""
            )
            options = category_options(chosen)
            self.category_keys = [key for _, key in options]  # what the category box lists
            category = self._select(
                "category", "Category", options, values.get("category", ""), prompt="choose a category"
            )
            recurring = FormField(
                "recurring",
                "Recurring?",
                Select(
                    YES_NO,
                    allow_blank=False,
                    compact=True,
                    id="recurring",
                    value="yes" if values.get("recurring") == "yes" else "no",
                ),
                hint=recurring_hint(chosen),
            )
            for field, shown in ((category, bool(options)), (recurring, bool(recurring.hint))):
                field.display = shown
                field.control.disabled = not shown
            yield category
            yield recurring
            yield self._input("college_credits", "College credits", values)
            yield self._input("points", "Points", values)
            yield self._select("area", "Area", [(a, a) for a in AREAS], values.get("area", ""), prompt="choose an area")
            yield self._input("split", "or split", values)
            yield self._select(
                "approved",
                "Approved",
                [("yes", "yes"), ("no", "no")],
                values.get("approved", ""),
                prompt="as the rules say",
            )
            yield self._input("provider", "Provider", values)
            yield self._input("certificate", "Certificate", values)
            yield self._input("notes", "Notes", values)
        yield KeyBar()

    @staticmethod
    def _input(name: str, label: str, values: dict[str, str]) -> FormField:
        hint = FIELD_HELP.get(name, "optional text")
        control = OrderedInput(visible(values.get(name, "")), placeholder=hint, id=name, compact=True)
        return FormField(name, label, control)

    @staticmethod
    def _select(name: str, label: str, options: list, value: str, *, blank: bool = True, prompt: str = "") -> FormField:
        known = {v for _, v in options}
        control: Select = Select(
            options,
            prompt=prompt or "choose",
            allow_blank=blank,
            compact=True,
            id=name,
            value=value if value in known else (Select.NULL if blank else options[0][1] if options else Select.NULL),
        )
        return FormField(name, label, control)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self._sync_kind_fields()
        super().on_mount()

    def _sync_kind_fields(self) -> None:
        """College credits only mean something for a college course: out of the way otherwise.

        Disabled, the field leaves the Tab order and the check, but keeps what was typed in
        case the kind is switched back.
        """
        kind = self.query_one("#kind", Select).value
        self.query_one("#college_credits", Input).disabled = kind != "college"

    def _chosen_rules(self):
        code = self.query_one("#credential", Select).value
        return self.session.rules.get(code) if isinstance(code, str) else None

    def _sync_credential_fields(self) -> None:
        """Category and "recurring?" only for a credential whose rules ask for them.

        Hidden, a field is also disabled: out of the Tab order and not sent, but it keeps
        what was chosen in case the credential is switched back. Another credential with
        categories gets its own.
        """
        rules = self._chosen_rules()
        options = category_options(rules)
        category = self.query_one("#category", Select)
        if options and [key for _, key in options] != self.category_keys:
            self.category_keys = [key for _, key in options]
            with category.prevent(Select.Changed):
                category.set_options(options)
        hint = recurring_hint(rules)
        self.query_one("#field-recurring", FormField).set_hint(hint)
        for name, shown in (("category", bool(options)), ("recurring", bool(hint))):
            self.query_one(f"#field-{name}", FormField).display = shown
            self.query_one(f"#{name}", Select).disabled = not shown

    # --- reading the form --------------------------------------------------------------

    def values(self) -> dict[str, str]:
        fields: dict[str, str] = {}
        for name in TEXT_FIELDS:
            box = self.query_one(f"#{name}", Input)
            stored = self.stored.get(name, "")
            value = stored if box.value == visible(stored) else box.value
            fields[name] = "" if box.disabled else value
        for name in ("credential", "kind", "area", "approved", "category", "recurring"):
            select = self.query_one(f"#{name}", Select)
            if not select.disabled:  # a hidden field is not sent: the credential does not take it
                fields[name] = "" if select.value is Select.NULL else str(select.value)
        return fields

    def validate(self, values: dict[str, str]) -> None:
        self.session.activity_from(values, self.activity.id if self.activity else None)

    def field_changed(self, name: str) -> None:
        if name == "credential":
            self._sync_credential_fields()
        if name == "kind":
            self._sync_kind_fields()
        if name == "kind" or (name == "college_credits" and self.values()["kind"] == "college"):
            self._fill_default_points()
        if name in ("points", "area") and self.query_one(f"#{name}").has_focus:
            self.autofilled_points = ""  # the user took over

    def _fill_default_points(self) -> None:
        """A CPR card or a college course: put in the points the rules give."""
        fields = self.values()
        rules = self.session.rules.get(fields["credential"])
        if rules is None:
            return
        try:
            credits = float(fields["college_credits"]) if fields["college_credits"].strip() else None
        except ValueError:
            credits = None
        amount = default_points(fields["kind"], rules, credits)
        points = self.query_one("#points", Input)
        if amount is None or points.value not in ("", self.autofilled_points):
            return  # never overwrite what the user typed
        value, area = amount
        self.autofilled_points = points_text(value)
        points.value = self.autofilled_points
        if area:
            self.query_one("#area", Select).value = area

    # --- saving ------------------------------------------------------------------------

    def save(self, values: dict[str, str]) -> int:
        if self.activity is None:
            return self.session.add_activity(values).id
        return self.session.edit_activity(self.activity.id, values).id
