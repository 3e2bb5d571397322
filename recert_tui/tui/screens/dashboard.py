"""Dashboard: one card per held credential, the most urgent facts first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..actions import bindings
from ..ordering import in_catalog_order
from ..text import literal
from ..widgets.card import CredentialCard
from .base import ModeScreen

EMPTY = (
    "No credentials yet.\n\n"
    "Press {add} to add the credential you hold (CMA (AAMA), CCMA, RMA, NCMA or CMAC) "
    "with the date you earned it; the dashboard then shows its expiry and CE progress."
)


SCROLL_KEYS = {"up": "scroll_up", "down": "scroll_down", "pageup": "page_up", "pagedown": "page_down",
               "home": "scroll_home", "end": "scroll_end"}


class DashboardScreen(ModeScreen):
    MODE = "dashboard"
    BINDINGS = [
        *bindings("dashboard"),
        # The cards scroll from the screen: nothing on it takes focus, so opening and closing
        # a dialog does not restyle every card (a focus change restyles all it contains).
        *(Binding(key, f"scroll('{action}')", show=False) for key, action in SCROLL_KEYS.items()),
    ]

    def action_undo(self) -> None:
        self.recert.undo_delete(lambda _restored_id: None)  # the cards catch up through data_changed

    def action_scroll(self, action: str) -> None:
        getattr(self.query_one("#cards", VerticalScroll), f"action_{action}")()

    def action_add_activity(self) -> None:
        # The form opens over the dashboard; saving re-renders the dashboard (the showing
        # screen) and leaves the activities list to catch up when it is next shown.
        self.recert.open_activity_form(None, lambda _activity_id: None)

    def compose_body(self) -> ComposeResult:
        # Built with the figures in (not filled in after mounting): the first frame is complete.
        report = self.recert.session.report
        self._seen_version = self.recert.data_version
        with VerticalScroll(id="cards", can_focus=False):
            yield from (CredentialCard(credential) for credential in self._ordered(report))
            empty = Static(Text(EMPTY.format(add=self.recert.keys("credential.add"))), id="empty")
            other_exams = Static(id="other-exams")
            self._show_extras(empty, other_exams, report)
            yield empty
            yield other_exams

    def _ordered(self, report) -> list:
        return in_catalog_order(self.recert.session, report.credentials, lambda c: c.code)

    def show_data(self) -> None:
        report = self.recert.session.report
        credentials = self._ordered(report)
        cards = self.query_one("#cards", VerticalScroll)
        existing = {card.id: card for card in self.query(CredentialCard)}
        wanted = [f"card-{credential.code}" for credential in credentials]
        if list(existing) == wanted:
            # Same credentials as before: update the cards in place (cheap).
            for credential in credentials:
                existing[f"card-{credential.code}"].show(credential)
        else:
            for card in existing.values():
                card.remove()
            cards.mount_all([CredentialCard(c) for c in credentials], before="#empty")
        self._show_extras(self.query_one("#empty", Static), self.query_one("#other-exams", Static), report)

    def _show_extras(self, empty: Static, other_exams: Static, report) -> None:
        """The empty-state text (no credentials yet) and the box of other exams, as `report`
        says; a widget already showing that is not touched, so it is not laid out again."""
        if empty.display != (not report.credentials):
            empty.display = not report.credentials
        others = self._other_exams(report)
        if others != other_exams.content:
            other_exams.update(others)
        if other_exams.display != bool(others):
            other_exams.display = bool(others)

    @staticmethod
    def _other_exams(report) -> Text:
        """Exam programs with records but no held credential (e.g. a scheduled new exam)."""
        held = {credential.code for credential in report.credentials}
        others = [exam for exam in report.exams if exam.exam not in held]
        lines = [literal(f"{exam.name}: ", "bold") + literal(exam.flag) for exam in others]  # rule-file text
        return Text("\n").join(lines)
