"""Dashboard: one card per held credential, the most urgent facts first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...booking import last_attempt_advice
from ...session import Session
from ..actions import bindings
from ..ordering import in_catalog_order
from ..text import literal
from ..widgets.card import CredentialCard
from .base import ModeScreen

if TYPE_CHECKING:
    from ...practice import Practice  # imported at the first use of a bank (RecertApp.practice_for)

EMPTY = (
    "No credentials yet.\n\n"
    "Press {add} to add the credential you hold (CMA (AAMA), CCMA, RMA, NCMA or CMAC) "
    "with the date you earned it; the dashboard then shows its expiry and CE progress.\n\n"
    "Not certified yet? Press {exams} to record your exam attempts (taken or scheduled) and "
    "{study} to practise for the exam."
)


SCROLL_KEYS = {
    "up": "scroll_up",
    "down": "scroll_down",
    "pageup": "page_up",
    "pagedown": "page_down",
    "home": "scroll_home",
    "end": "scroll_end",
}


def study_today(session: Session, study_key: str, practice_for: Callable[[str], Practice]) -> Text:
    """`Study: 12 cards due, a drill in Clinical (4).` for the exam whose attempt comes first
    (else the first held), and with one attempt left, when to book it. Empty with no bank.
    `practice_for` gives an exam's practice (RecertApp.practice_for: Study opens on the same)."""
    exams = [attempt.exam for report in session.report.exams for attempt in report.upcoming]
    exams += [code for code in session.held_codes if session.outline(code) is not None]
    text = Text()
    for exam in dict.fromkeys(exams):
        advice = last_attempt_advice(session, exam)
        if advice is not None and advice.applies:
            text.append_text(literal(f"{session.rules[exam].name}: {advice.sentence}", "bold"))
            text.append("\n")
    if session.has_bank():
        practices = (practice_for(code) for code in dict.fromkeys(exams) if session.outline(code) is not None)
        practice = next((each for each in practices if each.index), None)
        if practice is not None:
            name = session.rules[practice.exam].name
            text.append_text(literal(f"Study ({name}): {practice.todays_work()} Press {study_key} for Study."))
    text.rstrip()
    return text


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
            yield Static(id="study-today")  # filled once the first frame is drawn (show_study)
            yield from (CredentialCard(credential) for credential in self._ordered(report))
            keys = self.recert.keys
            said = EMPTY.format(add=keys("credential.add"), exams=keys("mode.exams"), study=keys("mode.study"))
            empty = Static(Text(said), id="empty")
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
        self.show_study()

    _study_shown: str | None = None

    def on_mount(self) -> None:
        super().on_mount()
        # After the first frame: the bank is read only when someone has one, and start-up
        # must not wait for it.
        self.call_after_refresh(self.show_study)

    def show_study(self) -> None:
        """Today's study in one line, and the last-attempt advice, for the exam nearest in time."""
        line = study_today(self.recert.session, self.recert.keys("mode.study"), self.recert.practice_for)
        shown = self.query_one("#study-today", Static)
        if line.plain != self._study_shown:  # unchanged: not laid out again
            self._study_shown = line.plain
            shown.update(line)
            shown.display = bool(line.plain)

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
