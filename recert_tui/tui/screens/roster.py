"""The Roster (`recert --roster PATH...`): many people's exports in one table, most urgent first.

Read only: the files are read by `recert_tui.roster` (RosterReading: worker processes started
before the app, or this screen's thread), which writes and locks nothing. The screen is drawn
at once; the rows read so far are handed over in batches (FIRST_BATCH_SECONDS, then every
BATCH_SECONDS), sorted once per batch, and shown in a table that draws only the rows on
screen (widgets/row_table.py). Typing filters them (name, credential or status);
Enter shows that person's dashboard, read from their file again (PersonScreen); Escape
returns. Names and every text from a file are outside text: shown literally, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...domain.dates import show_date
from ...domain.urgency import LAPSED_OR_REENROLL
from ...roster import (
    Person,
    Roster,
    RosterReading,
    RosterRow,
    Unreadable,
    attempts_words,
    counts,
    haystack,
    read_person,
    said_of,
    sort_key,
)
from ...store import StoreError
from ..actions import bindings
from ..host import host
from ..text import literal, plural
from ..widgets.card import CredentialCard
from ..widgets.keybar import KeyBar
from ..widgets.ordered_input import OrderedInput
from ..widgets.row_table import RowTable, matching

if TYPE_CHECKING:
    from ...catalog import Catalog

# (heading, width): within 80 columns with the padding (a space each side of a cell) and the scroll bar.
COLUMNS = (("Person", 14), ("Credential", 11), ("Status", 10), ("Expires", 11), ("Needs", 11), ("Tries", 9))
# When the rows read so far are handed to the screen: soon after it opens, then seldom, as
# each batch is drawn while the rest is read (every 0.15 s made reading 500 files twice as long).
FIRST_BATCH_SECONDS = 0.2
BATCH_SECONDS = 1.0
LIST_KEYS = {"up": "move(-1)", "down": "move(1)", "pageup": "page(-1)", "pagedown": "page(1)"}


class Line:
    """One row of the table: its text, made only when the row is first drawn (RowTable), and
    the text the filter looks in. `id` is its place in reading order, so the cursor stays on
    it while later batches are sorted in around it."""

    __slots__ = ("row", "id", "haystack", "_texts")

    def __init__(self, row: RosterRow, number: int) -> None:
        self.row = row
        self.id = number
        self.haystack = haystack(row)
        self._texts: tuple[Text, ...] | None = None

    @property
    def texts(self) -> tuple[Text, ...]:
        if self._texts is None:
            row = self.row
            status = Text(row.status_words.upper() if row.urgency == LAPSED_OR_REENROLL else row.status_words)
            if row.urgency:
                status.stylize("bold")  # the words say it first (upper case): colour is not needed
            self._texts = (
                literal(row.person),
                literal(row.name),
                status,
                Text(show_date(row.expires_on) if row.expires_on else ""),
                literal(row.needs_short),
                Text(attempts_words(row), style="bold" if row.last_attempt or row.reenrollment_required else ""),
            )
        return self._texts


class RosterTable(RowTable):
    """The table: Enter opens the highlighted person through the screen's key (shown in the
    key bar), not the table's own."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "select"


class FilterBox(OrderedInput):
    """The filter: Enter opens the highlighted person (the screen's key, shown in the key bar)
    rather than "submitting" the text box."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "submit"


class RosterScreen(Screen[None]):
    """The roster of the files `reading` reads (started already, or read here in a thread)."""

    BINDINGS = [
        *bindings("roster"),
        # The list moves from the filter too, so a name can be typed and chosen without Tab.
        *(Binding(key, f"table('{action}')", show=False) for key, action in LIST_KEYS.items()),
    ]

    def __init__(self, reading: RosterReading, catalog: Catalog) -> None:
        super().__init__()
        self.reading = reading
        self.catalog = catalog
        self.today = reading.today
        self.roster: Roster | None = None  # once every file is read and every row handed over
        self.lines: list[Line] = []  # every row so far, most urgent first
        self.shown: list[Line] = []  # what the table holds, in its order
        self._words: list[str] = []
        self._progress = (0, len(reading.files))  # files read, files in all
        self._detail_of: tuple | None = None  # what the detail lines show now
        self._totals = _totals([])  # "N people · N lapsed/re-enroll · N to act on": counted as rows arrive

    def compose(self) -> ComposeResult:
        yield Static(self._head(), id="roster-top")
        yield FilterBox(
            placeholder="type to filter: a name, a credential or a status (lapsed…)", id="roster-filter", compact=True
        )
        yield Static(Text(f"Reading {self._what()}…"), id="roster-summary")
        yield RosterTable(COLUMNS, id="roster-table")
        yield Static(id="roster-detail")
        yield KeyBar()

    @property
    def loaded(self) -> bool:
        """Every file read and every row handed over (the benchmark waits for it)."""
        return self.roster is not None

    def _what(self) -> str:
        count = len(self.reading.files)
        return plural(count, "file") if count else "nothing"

    def _head(self) -> Text:
        text = Text("recert ", style="bold")
        text.append(" Roster ", style="bold reverse")
        text.append(f"  as of {show_date(self.today)}   ")
        text.append(" READ-ONLY ", style="bold reverse")
        return text

    def on_mount(self) -> None:
        self.query_one(FilterBox).focus()
        self._read()

    # --- reading -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="roster-read")
    def _read(self) -> None:
        """Wait for the rows in a thread, and hand them over in batches (see the module).
        Stops when the screen goes (the app is ending): its worker is cancelled then."""
        reading, worker = self.reading, get_current_worker()
        for batch in reading.batches(FIRST_BATCH_SECONDS, BATCH_SECONDS, lambda: worker.is_cancelled):
            done = reading.roster(()) if batch.files_done == batch.files else None
            try:
                self.app.call_from_thread(self._add_rows, batch.rows, (batch.files_done, batch.files), done)
            except RuntimeError:  # the app has ended meanwhile
                return

    def _add_rows(self, batch: list[RosterRow], progress: tuple[int, int], done: Roster | None = None) -> None:
        """Rows read since the last batch: sorted in with the others (once per batch), shown."""
        first = len(self.lines)
        lines = [*self.lines, *(Line(row, first + number) for number, row in enumerate(batch))]
        lines.sort(key=lambda line: sort_key(line.row))
        self.lines, self._progress = lines, progress
        self._totals = _totals(lines)
        if done is not None:
            self.roster = done._replace(rows=tuple(line.row for line in lines))
        self._fill()
        if done is not None:
            self._say_unreadable(done.unreadable)
            self.call_after_refresh(host(self.app).keep_long_lived)

    def _say_unreadable(self, unreadable: Sequence[Unreadable]) -> None:
        if unreadable:
            first = unreadable[0]
            more = f" (and {plural(len(unreadable) - 1, 'other')}: see the summary line)" if len(unreadable) > 1 else ""
            self.notify(
                f"Skipped {first.path}: {first.reason}{more}",
                title="Not read",
                severity="warning",
                markup=False,
                timeout=12,
            )

    # --- the table -----------------------------------------------------------------------

    def _fill(self) -> None:
        """Show the rows the filter keeps (filtering keeps the urgency order)."""
        words = self._words
        shown = matching(self.lines, words)
        table = self.query_one(RosterTable)
        table.show(shown, table.selected_id)  # the detail follows RowTable.Highlighted, which show() posts
        self.shown = shown
        self._say_summary()

    def _say_summary(self) -> None:
        lines = self.lines
        count = f"{len(self.shown)} of {len(lines)} rows" if self._words else plural(len(lines), "row")
        summary = f"{count} · {self._totals}"
        if self.roster is None:
            done, total = self._progress
            summary = f"Reading {done} of {plural(total, 'file')}… · {summary}"
        elif self.roster.unreadable:
            summary += f" · {plural(len(self.roster.unreadable), 'path')} not read"
        # Its height is fixed (roster.tcss): no layout is needed, which a keystroke would pay for.
        self.query_one("#roster-summary", Static).update(Text(summary), layout=False)

    @property
    def selected(self) -> RosterRow | None:
        table = self.query_one(RosterTable)
        return table.rows[table.cursor].row if table.rows else None  # type: ignore[attr-defined]  # our Lines

    def show_detail(self) -> None:
        """The highlighted row in full, under the table: its file, what is due or still needed.
        Left as it is while the same row stays highlighted (a keystroke that keeps it)."""
        detail = self.query_one("#roster-detail", Static)
        row = self.selected
        shown = (row, self.loaded, bool(self.lines))
        if shown == self._detail_of:
            return
        self._detail_of = shown
        if row is None:
            if not self.loaded:
                words = ""
            elif not self.lines:
                words = (
                    "No one to show: none of the files could be read."
                    if self.roster and self.roster.unreadable
                    else "No rows."
                )
            else:
                words = "No row matches the filter."
            detail.update(Text(words), layout=False)  # a fixed height, as the summary line
            return
        text = literal(row.person, "bold") + literal(f" · {row.name or 'no credential'} · {row.path}")
        said = said_of(row)
        if row.last_activity_on:
            said.append(f"Last CE {show_date(row.last_activity_on)}.")
        text.append("\n")
        text.append_text(literal(" ".join(said)))
        detail.update(text, layout=False)

    def on_row_table_highlighted(self, _event: RowTable.Highlighted) -> None:
        self.show_detail()

    def on_input_changed(self, event: Input.Changed) -> None:
        words = event.value.casefold().split()
        if words != self._words:
            self._words = words
            self._fill()
            self.refresh_bindings()  # Clear shows while there is something to clear

    # --- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":  # in the key bar while there is something to clear
            return bool(self.query_one(FilterBox).value)
        if action == "filter":  # in the key bar while the list has focus
            return not isinstance(self.focused, FilterBox)
        if action == "quit":  # named in the key bar while q is typed; Textual's own ctrl+q quits anywhere
            return isinstance(self.focused, FilterBox)
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    async def action_quit(self) -> None:
        await self.app.action_quit()

    async def action_table(self, action: str) -> None:
        """A key for the list typed in the filter: the list moves."""
        await self.query_one(RosterTable).run_action(action)

    def action_filter(self) -> None:
        self.query_one(FilterBox).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one(FilterBox)
        box.value = ""
        box.focus()

    def action_open(self) -> None:
        """The highlighted person's dashboard, read from their file again (read only)."""
        row = self.selected
        if row is None:
            return
        try:
            person = read_person(row.path, self.catalog.credentials, self.today)
        except StoreError as error:
            self.notify(str(error), title="Cannot open", severity="error", markup=False)
            return
        self.app.push_screen(PersonScreen(person, self.catalog))


class PersonScreen(Screen[None]):
    """One person's dashboard from the roster: their cards, read only; Escape returns."""

    BINDINGS = bindings("roster-person")

    def __init__(self, person: Person, catalog: Catalog) -> None:
        super().__init__()
        self.person = person
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        person, report = self.person, self.person.report
        head = Text("recert ", style="bold") + Text(" Roster ", style="bold reverse") + Text(" › ")
        head.append_text(literal(person.name, "bold"))
        yield Static(head, id="person-top")
        yield Static(literal(f"{person.path} · as of {show_date(report.today)} · read only"), id="person-file")
        order = {code: index for index, code in enumerate(self.catalog.credentials)}
        credentials = sorted(report.credentials, key=lambda item: order.get(item.code, len(order)))
        held = {item.code for item in report.credentials}
        with VerticalScroll(id="person-cards"):
            yield from (CredentialCard(item) for item in credentials)
            others = [
                literal(f"{exam.name}: ", "bold") + literal(exam.flag) for exam in report.exams if exam.exam not in held
            ]
            if others:
                yield Static(Text("\n").join(others), id="person-exams")
            unknown = [each.code for each in person.profile.credentials if each.code not in held]
            if unknown:
                yield Static(literal(f"No rules here for: {', '.join(unknown)}."), id="person-unknown")
            if not credentials and not others and not unknown:
                yield Static(Text("No credential and no exam record yet."), id="person-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#person-cards", VerticalScroll).focus()

    def action_back(self) -> None:
        self.dismiss(None)


def _totals(lines: Sequence[Line]) -> str:
    """The summary's counts over every row (not only those the filter keeps). "To act on" is
    what `--check` counts as action needed within its days, not the Status column's "due soon"."""
    people, urgent, soon = counts(line.row for line in lines)
    return f"{people} {'person' if people == 1 else 'people'} · {urgent} lapsed/re-enroll · {soon} to act on"
