"""The Textual app: four top-level screens (modes) over one Session.

Start-up stays close to a bare Textual app: the screens are imported and built only when
first shown, and the report is computed once per change, by the session.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.keys import format_key
from textual.theme import Theme
from textual.widget import AwaitMount

from ..domain.dates import show_date
from ..domain.errors import InvalidInput
from ..domain.models import ExamAttempt
from ..session import Session
from ..store import StoreError
from .commands import RecertCommands
from .keymap import key_words, load_keymap
from .text import literal, visible

if TYPE_CHECKING:
    from .screens.base import ModeScreen

POLL_SECONDS = 2.0
FOCUS_KEYS = ("tab", "shift+tab")
CHOICE_OPEN_KEYS = ("enter", "down", "up", "space")  # Select's own binding that opens its list
HOLD_LIMIT_SECONDS = 0.5  # release held keys even if nothing moved focus (a widget kept the Tab)


def _dashboard():
    from .screens.dashboard import DashboardScreen

    return DashboardScreen()


def _activities():
    from .screens.activities import ActivitiesScreen

    return ActivitiesScreen()


def _exams():
    from .screens.exams import ExamsScreen

    return ExamsScreen()


def _study():
    from .screens.study import StudyScreen

    return StudyScreen()


def _moves_choice_focus(widget, key: str) -> bool:
    """Whether `key` makes a Select open its list, its open list hand focus back, or a
    choice in a plain list (the first-run credential list) send focus to the next field.

    Checked by class name: importing Select at start-up would cost time for every run.
    """
    names = {cls.__name__ for cls in type(widget).__mro__}
    if "SelectOverlay" in names:
        return key in ("enter", "escape")
    if "OptionList" in names:
        return key == "enter"
    return "Select" in names and key in CHOICE_OPEN_KEYS


class RecertApp(App[int]):
    TITLE = "recert"
    # Every style sheet is read by the app, none by a screen: a screen with its own CSS_PATH
    # would make Textual re-parse all styles and restyle every screen the first time it is
    # shown. The dashboard's are read at start; the others (about a third of the start-up's
    # style parsing) once its first frame is drawn, or before any other screen is shown.
    CSS_PATH = ["app.tcss", "widgets/widgets.tcss", "screens/dashboard.tcss"]
    LATER_CSS = ("widgets/panels.tcss", "widgets/fields.tcss", *(f"screens/{name}.tcss" for name in (
        "activities", "exams", "study", "form", "dialogs", "first_run", "help")))
    MODES = {"dashboard": _dashboard, "activities": _activities, "exams": _exams, "study": _study}
    DEFAULT_MODE = "dashboard"
    COMMANDS = App.COMMANDS | {RecertCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("1", "show('dashboard')", "Dashboard", show=False, id="mode.dashboard", tooltip="Show the dashboard."),
        Binding("2", "show('activities')", "Activities", show=False, id="mode.activities", tooltip="Show the CE activities."),
        Binding("3", "show('exams')", "Exams", show=False, id="mode.exams", tooltip="Show exam attempts."),
        Binding("4", "show('study')", "Study", show=False, id="mode.study",
                tooltip="Show the study companion: countdown, minutes per week, what to study next."),
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="List every key."),
        Binding("t", "pick_theme", "Theme", id="theme", tooltip="Pick a colour theme (remembered)."),
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave recert; everything is already saved."),
    ]

    def __init__(self, session: Session, *, demo: bool = False, manage_gc: bool = False) -> None:
        super().__init__()
        self.session = session
        self.demo = demo
        self._manage_gc = manage_gc  # the app owns the process (run_app), not a test
        self._collector_timer = None
        self._last_key_at = 0.0
        self.data_version = 0
        self.last_deleted = None  # the Activity removed last, for undo
        self._held_keys: list[events.Key] | None = None  # keys typed after a Tab still on its way
        self._hold_timer = None
        self._held_until_focus_leaves = None  # a choice box or list: the hold ends when another widget has focus
        self.export_folder: Path | None = None  # where the last export went: the next one defaults there
        self.mode_screens: dict[str, ModeScreen] = {}  # each mode's screen, once built
        self._switching_to_built_screen = False
        self._later_css_read = False
        self.user_keymap: dict[str, str] = {}  # binding id -> keys, as keymap.toml has them (read on mount)
        self._restore_saved_theme()

    # --- typing ahead ------------------------------------------------------------------
    #
    # Over SSH keys arrive in bursts. Textual hands each key to whatever has focus when the
    # key is dequeued, but a Tab only moves focus once it has travelled through the field's
    # message queues, so characters typed right after a Tab would land in the field being
    # left. So from a Tab until focus has moved, later keys are held, then given to the new
    # field in order. Tab keeps its place behind keys queued before it, so a Backspace typed
    # just before Tab still edits the field it was typed in.
    #
    # A choice box (Select) is the same: Enter (or an arrow) opens its list, and Enter in the
    # list hands the choice back, but focus follows only a few messages later. Keys typed
    # meanwhile would reach the box or the list being left (a Tab from the list is undone
    # when the box takes focus back). So those keys also hold what follows until another
    # widget has focus.

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._last_key_at = time.monotonic()
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
            choosing = _moves_choice_focus(self.focused, event.key)
            if choosing or (event.key in FOCUS_KEYS and self.focused is not None):
                self._held_keys = []
                self._held_until_focus_leaves = self.focused if choosing else None
                self._hold_timer = self.set_timer(HOLD_LIMIT_SECONDS, self._release_held_keys)
        elif (isinstance(event, events.DescendantFocus) and self._held_keys is not None
              and self._held_until_focus_leaves not in (None, event.widget)):
            self._held_until_focus_leaves = None
            self.call_next(self._release_held_keys)
        await super().on_event(event)

    def action_focus_next(self) -> None:
        super().action_focus_next()
        self.call_next(self._release_held_keys)

    def action_focus_previous(self) -> None:
        super().action_focus_previous()
        self.call_next(self._release_held_keys)

    async def _release_held_keys(self) -> None:
        """Deliver the keys typed after a Tab, in order, now that focus has moved."""
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held_keys = self._held_keys, None
        for index, key in enumerate(held or ()):
            if self._held_keys is not None:  # a held Tab started a new hold
                self._held_keys.extend(held[index:])
                return
            await self.on_event(key)

    # --- start-up ----------------------------------------------------------------------

    @property
    def marker(self) -> str:
        marks = (["DEMO"] if self.demo else []) + (["READ-ONLY"] if self.session.read_only else [])
        return " ".join(f" {mark} " for mark in marks)

    def keys(self, bindings, binding_id: str) -> str:
        """The keys that run `binding_id` (one of `bindings`), after the user's keymap, as a
        person types them: for text that says which key to press."""
        return key_words(self.user_keymap, bindings, binding_id)

    def key(self, bindings, binding_id: str) -> str:
        """The first of those keys: for a hint that names one key per action."""
        return self.keys(bindings, binding_id).split(", ")[0]

    def get_key_display(self, binding: Binding) -> str:
        """`ctrl+s`, where Textual shows `^s`: the texts name keys that way, and a first-time
        user reads it without knowing the caret convention (Textual's documented hook)."""
        if binding.key_display:
            return binding.key_display
        modifiers, key = binding.parse_key()
        return "+".join([*modifiers, format_key(key)])

    def mode_keys(self) -> dict[str, str]:
        """The keys that switch screens, after the user's keymap (for the top bar)."""
        return {binding.id.removeprefix("mode."): self.get_key_display(Binding(self.key(self.BINDINGS, binding.id), ""))
                for binding in self.BINDINGS if isinstance(binding, Binding) and (binding.id or "").startswith("mode.")}

    def on_mount(self) -> None:
        self.call_after_refresh(self.read_later_css)
        # Before any screen is composed: their texts name keys (see keys()).
        self.user_keymap, problem = load_keymap()
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        if problem:
            self.notify(problem, severity="warning", markup=False, timeout=10)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.session.read_only:
            self.sub_title = "read-only"
            # After the first frame: a message box is mounted, styled and laid out over the
            # dashboard, which should not wait for it (~5 ms of the start).
            self.call_after_refresh(self._say_read_only)
            self.set_interval(POLL_SECONDS, self._poll)
        elif not self.session.profile.credentials:
            self.call_after_refresh(self._first_run)

    def _say_read_only(self) -> None:
        self.notify(self.session.read_only_reason or "This session is read-only.", title="Read-only",
                    severity="warning", markup=False, timeout=8)

    def read_later_css(self) -> None:
        """Read and parse the style sheets the dashboard does not use (LATER_CSS), once.

        Their rules match nothing on the dashboard, so what is on screen needs no restyle.
        """
        if self._later_css_read:
            return
        self._later_css_read = True
        folder = Path(__file__).parent
        paths = [folder / name for name in self.LATER_CSS]
        for path in paths:
            self.stylesheet.read(path)
        self.css_path.extend(paths)  # so Textual's --dev reloading re-reads them too
        # Now, not at the next restyle: Stylesheet.read leaves the rules' index stale until then.
        self.stylesheet.parse()

    def _init_mode(self, mode: str) -> AwaitMount:
        """Start a mode's screen; the first one as Textual starts its own default screen.

        For a MODES screen, Textual (checked with 8.2.8) waits for it to mount while it
        holds all drawing back at start-up: the dashboard was laid out twice and drawn once
        in vain before its first frame (~50M instructions, 5% of the start-up). Textual's
        default screen is not waited for: it mounts once the hold is over, then is laid out
        and drawn once. So the first mode's screen starts that way, with the same steps as
        App._init_mode's default-screen branch. Later modes start as Textual starts them.
        """
        if mode != self.DEFAULT_MODE or self._screen_stacks.get(mode):  # not the start-up
            return super()._init_mode(mode)
        screen = self.MODES[mode]()
        self._register(self, screen)
        screen.post_message(events.ScreenResume())
        screen._screen_resized(self.size)
        self._screen_stacks[mode] = [screen]
        return AwaitMount(screen, [])

    def push_screen(self, *args, **kwargs):
        self.read_later_css()  # a dialog or form may come before the first frame (typing ahead)
        return super().push_screen(*args, **kwargs)

    def pop_screen(self):
        """Close the top screen; the screen it reveals shows the current figures from its
        first frame.

        Textual posts the revealed screen a ScreenResume, and a frame can be drawn before
        that message is handled: after ctrl+g on the first-run screen, the dashboard showed
        "No credentials yet" for a moment. So it catches up here, before the pop. A screen
        that waits before catching up (CATCH_UP_DELAY: the activities list) still waits.
        """
        if len(self.screen_stack) > 1:
            revealed = self.screen_stack[-2]
            if not getattr(revealed, "CATCH_UP_DELAY", True):  # a mode screen that catches up at once
                revealed.catch_up()
        return super().pop_screen()

    def switch_mode(self, mode: str):
        self.read_later_css()
        return super().switch_mode(mode)

    # --- Python's collector --------------------------------------------------------------
    #
    # A full collection walks every object; with 10,000 activities loaded it took 20-90 ms,
    # and it came at random: in the middle of a keystroke, or four times while the 10,000-row
    # list was built. So when the app runs the process (run_app), the collector never runs
    # on its own: it runs once the keyboard has been quiet for a moment, where a pause is
    # not felt. What exists then, the loaded data and the built screens, is frozen as well,
    # so later collections do not walk it again. Frozen objects are still freed as soon as
    # nothing refers to them (a replaced report, say); only reference cycles among them
    # would stay, which is why nothing is frozen while a dialog or a message is up.

    QUIET_SECONDS = 1.0  # no key for this long: a good moment to collect
    COLLECT_AFTER = 20_000  # new objects since the last collection worth collecting for
    COLLECT_ANYWAY = 1_000_000  # so many that memory matters more than a pause

    def keep_long_lived(self) -> None:
        """A screen is built: what exists now lives as long as the app (see above)."""
        if not self._manage_gc:
            return
        self._freeze_if_settled()
        if self._collector_timer is None:
            self._collector_timer = self.set_interval(self.QUIET_SECONDS, self._collect_when_quiet)

    def _collect_when_quiet(self) -> None:
        new_objects = gc.get_count()[0]
        quiet = time.monotonic() - self._last_key_at >= self.QUIET_SECONDS
        if new_objects < self.COLLECT_AFTER or (not quiet and new_objects < self.COLLECT_ANYWAY):
            return
        gc.collect()
        self._freeze_if_settled()

    def _freeze_if_settled(self) -> None:
        if len(self.screen_stack) == 1 and not self.screen.query("Toast"):
            gc.freeze()  # not dialogs or messages: they are short-lived

    def _first_run(self) -> None:
        from .screens.first_run import CredentialScreen

        self.push_screen(CredentialScreen(self.session, first_run=True, demo=self.demo))

    def _restore_saved_theme(self) -> None:
        """Start in the theme the user picked last, before any style sheet is read.

        Setting `theme` once the app runs makes Textual parse every style sheet again and
        restyle, lay out and draw the first screen a second time (20-40 ms at start). So the
        theme is set here without its watcher (Textual's own `set_reactive` example), and what
        App.__init__ derives from the theme is derived again, as App._watch_theme would.
        """
        saved = self.session.store.get_setting("theme")
        if not isinstance(saved, str) or saved == self.theme or saved not in self.available_themes:
            return
        self.set_reactive(App.theme, saved)
        dark = self.current_theme.dark
        self.update_classes({f"-theme-{saved}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False)
        self.stylesheet.set_variables(self.get_css_variables())
        # Textual internal (checked with 8.2.8): the ANSI-to-truecolor filter follows the theme.
        self._refresh_truecolor_filter(self.ansi_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if self.session.read_only:
            return
        if self.session.store.get_setting("theme") == theme.name:
            return
        try:
            self.session.set_setting("theme", theme.name)
        except StoreError as error:
            self.notify(f"The theme was not remembered: {error}", severity="warning", markup=False)

    def _poll(self) -> None:
        """A read-only session shows what the writing session saves."""
        try:
            changed = self.session.refresh()
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if changed:
            self.data_changed()

    # --- data changes ------------------------------------------------------------------

    def data_changed(self) -> None:
        """Something was saved: the showing screen re-renders, the others when shown again.

        A form says so before it closes, so the screen under it is drawn once, with the new
        figures, as it shows again (pop_screen). Otherwise the showing screen
        re-renders once it has handled what is already queued for it (the activities list a
        moment later: ModeScreen.CATCH_UP_DELAY).
        """
        self.data_version += 1
        catch_up_soon = getattr(self.screen, "catch_up_soon", None)
        # None while a form or dialog is on top: the screen under it catches up as it shows again.
        if catch_up_soon is not None:
            catch_up_soon()

    def can_write(self) -> bool:
        """False (and says why) in a read-only session."""
        if self.session.read_only:
            self.notify(self.session.read_only_reason or "This session is read-only.", title="Read-only: not changed",
                        severity="warning", markup=False)
            return False
        return True

    # --- actions -----------------------------------------------------------------------

    async def action_show(self, mode: str) -> None:
        if self.current_mode == mode:
            return
        screen = self.mode_screens.get(mode)
        if screen is None or not screen.is_mounted:
            await self.switch_mode(mode)  # built now: Textual masks that for a moment
            return
        # Shown again: its figures are brought up to date first, so it is drawn once, at
        # once, as the switch happens.
        screen.catch_up()
        self._switching_to_built_screen = True
        try:
            await self.switch_mode(mode)
        finally:
            self._switching_to_built_screen = False

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual holds the screen back for `delay` s on every mode switch, to mask a screen
        being built. A screen shown again is complete: it is held back only until the switch
        is done, so it is drawn whole (Textual's timers need a delay above 0)."""
        super().delay_update(0.001 if self._switching_to_built_screen else delay)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_groups()))

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.session))

    def action_pick_theme(self) -> None:
        self.search_themes()

    def action_add_credential(self) -> None:
        from .screens.first_run import CredentialScreen

        if self.can_write():
            self.push_screen(CredentialScreen(self.session, first_run=False, demo=self.demo))

    async def action_on(self, mode: str, action: str) -> None:
        """Run a screen's action from anywhere (the palette): show that screen, then act."""
        await self.action_show(mode)
        await self.screen.run_action(action)

    def open_activity_form(self, activity_id: int | None, on_saved: Callable[[int], None]) -> None:
        from .screens.activity_form import ActivityForm

        if not self.can_write():
            return
        if activity_id is None and not self.session.profile.credentials:
            self.notify("Add a credential first (1, then c): an activity counts toward a credential you hold.",
                        severity="warning", markup=False)
            return
        activity = self.session.activity(activity_id) if activity_id is not None else None

        def saved(new_id: int | None) -> None:
            if new_id is not None:  # the form has called data_changed
                on_saved(new_id)
                self.notify("Saved.", timeout=2)

        self.push_screen(ActivityForm(self.session, activity), saved)

    def open_study_form(self, kind: str, exam: str | None, on_saved: Callable[[str], None]) -> None:
        """`kind` is "session" (minutes studied) or "test" (a practice-test score)."""
        from .screens.study_form import StudyForm

        if not self.can_write():
            return
        if not self.session.catalog.exam_codes:
            self.notify("None of the rule files describes an exam, so there is nothing to study for.",
                        severity="warning", markup=False)
            return

        def saved(code: str | None) -> None:
            if code:  # the form has called data_changed
                on_saved(code)
                self.notify("Saved.", timeout=2)

        self.push_screen(StudyForm(self.session, kind, exam), saved)

    def action_export_menu(self) -> None:
        from .screens.export import ExportChooser

        def chosen(key: str | None) -> None:
            if key:
                self.action_export(key)

        self.push_screen(ExportChooser(), chosen)

    def action_export(self, key: str) -> None:
        """Ask where to write one export (works read-only too: exporting only reads)."""
        from .export_kinds import EXPORTS, shown_path
        from .screens.export import ExportDialog

        kind = EXPORTS[key]

        def written(path: Path | None) -> None:
            if path is not None:
                self.export_folder = path.parent
                self.notify(f"Wrote {kind.what} to {visible(shown_path(path))} (private to you).",
                            title="Exported", markup=False, timeout=10)

        self.push_screen(ExportDialog(self.session, kind, self.export_folder or Path.home()), written)

    def open_exam_form(self, kind: str, exam: str | None) -> None:
        from .screens.exam_form import ExamForm

        if not self.can_write():
            return

        def saved(done: object) -> None:
            if not done:
                return
            self.notify("Saved.", timeout=2)  # the form has called data_changed
            if isinstance(done, ExamAttempt):
                self.offer_recertification_by_exam(done)

        self.push_screen(ExamForm(self.session, kind, exam), saved)

    def offer_recertification_by_exam(self, attempt: ExamAttempt) -> None:
        """After a pass that can recertify a held credential: ask, then start the new cycle."""
        from ..domain.cycle import cycle_from
        from .screens.dialogs import ConfirmScreen

        recertified = self.session.recertification_by_exam(attempt)
        if recertified is None:
            return
        rules = self.session.rules[attempt.exam]
        expires = cycle_from(attempt.on, rules).expires_on
        question = Text(f"You passed the {rules.exam.name} on {show_date(attempt.on)}.\n\n", style="bold") + Text(
            f"Record it as your {rules.name} recertification? A new {rules.cycle_months.value}-month cycle "
            f"starts that day and runs to {show_date(expires)}; credit earned from then on counts for it."
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.session.record_recertification(attempt.exam, attempt.on.isoformat(), "exam")
            except (InvalidInput, StoreError) as error:
                self.notify(literal(f"Not recorded: {error}"), severity="error", timeout=8)
                return
            self.data_changed()
            self.notify(f"Recertified: a new cycle runs to {show_date(expires)}.", timeout=4)

        self.push_screen(ConfirmScreen(question, "record the recertification"), answered)

    def correct_exam_attempt(self, exam: str | None) -> None:
        """Choose one of `exam`'s attempts (or any program's), then edit it or delete it."""
        from ..domain.exams import attempt_words
        from .screens.attempts import AttemptChooser
        from .screens.dialogs import ConfirmScreen
        from .screens.exam_form import ExamForm

        if not self.can_write():
            return
        attempts = [a for a in self.session.profile.exam_attempts if exam is None or a.exam == exam]
        if not attempts:
            self.notify("There is no attempt to correct here.", timeout=4)
            return
        rules = self.session.catalog.get(exam) if exam else None
        title = rules.exam.name if rules else "every exam"

        def chosen(choice: tuple[str, int] | None) -> None:
            if choice is None:
                return
            what, attempt_id = choice
            attempt = next(a for a in attempts if a.id == attempt_id)
            if what == "edit":
                self.push_screen(ExamForm(self.session, "attempt", attempt=attempt),
                                 lambda done: self.notify("Saved.", timeout=2) if done else None)
                return
            question = Text("Delete this exam attempt?\n\n", style="bold") + Text(attempt_words(attempt))
            question.append("\n\nOnce deleted, it is no longer counted.")
            self.push_screen(ConfirmScreen(question, "yes, delete it"), lambda yes: yes and self._remove_attempt(attempt))

        self.push_screen(AttemptChooser(title, attempts), chosen)

    def _remove_attempt(self, attempt) -> None:
        try:
            self.session.remove_exam_attempt(attempt.id)
        except StoreError as error:
            self.notify(str(error), title="Not deleted", severity="error", markup=False)
            return
        self.data_changed()
        self.notify(f"Deleted exam attempt #{attempt.id}.", timeout=4)

    def delete_activity(self, activity_id: int) -> None:
        from .screens.activities import ActivitiesScreen
        from .screens.dialogs import ConfirmScreen

        if not self.can_write():
            return
        activity = self.session.activity(activity_id)
        if activity is None:
            return
        question = Text("Delete this activity?\n\n", style="bold") + literal(activity.title)
        undo = self.keys(ActivitiesScreen.BINDINGS, "activity.undo")
        question.append(f"\n\nPress {undo} afterwards to bring it back.")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.last_deleted = self.session.remove_activity(activity_id)
                self.refresh_bindings()  # undo shows in the key bar
            except (StoreError, ValueError) as error:
                self.notify(str(error), title="Not deleted", severity="error", markup=False)
                return
            self.data_changed()
            self.notify(f"Deleted “{visible(self.last_deleted.title)}”. Press {undo} to undo.", markup=False, timeout=6)

        self.push_screen(ConfirmScreen(question, "yes, delete it"), answered)

    def undo_delete(self, on_restored: Callable[[int], None]) -> None:
        if self.last_deleted is None:
            self.notify("Nothing to undo: no activity was deleted in this session.")
            return
        if not self.can_write():
            return
        try:
            restored = self.session.restore_activity(self.last_deleted)
        except (StoreError, ValueError) as error:
            self.notify(str(error), title="Not restored", severity="error", markup=False)
            return
        self.last_deleted = None
        self.refresh_bindings()
        self.data_changed()
        on_restored(restored.id)
        self.notify(f"Restored “{visible(restored.title)}”.", markup=False, timeout=4)

    # --- help --------------------------------------------------------------------------

    def key_groups(self) -> list[tuple[str, list[Binding]]]:
        """Every binding, grouped by where it works, for the help screen."""
        from .screens.activities import ActivitiesScreen
        from .screens.activity_form import ActivityForm
        from .screens.attempts import AttemptChooser
        from .screens.dashboard import DashboardScreen
        from .screens.dialogs import ConfirmScreen
        from .screens.exams import ExamsScreen
        from .screens.export import ExportChooser, ExportDialog
        from .screens.first_run import CredentialScreen
        from .screens.study import StudyScreen

        palette = Binding("ctrl+p", "command_palette", "Command palette", id="palette",
                          tooltip="Find any action by name (with a line of help).")
        quit_now = Binding("ctrl+q", "quit", "Quit", tooltip="Quit at once (works everywhere, even in a text box).")
        groups = [
            ("Everywhere", [*self.BINDINGS, palette, quit_now]),
            ("Dashboard", [*(b for b in DashboardScreen.BINDINGS if b.description),
                           Binding("up,down,pageup,pagedown,home,end", "", "Scroll the cards")]),
            ("Activities", [*ActivitiesScreen.BINDINGS,
                            Binding("enter", "", "Edit the highlighted activity"),
                            Binding("up,down,pageup,pagedown", "", "Move in the list")]),
            ("Exam attempts", [*ExamsScreen.BINDINGS, Binding("tab", "", "Choose the exam program")]),
            ("Correcting an attempt", [Binding("up,down,enter", "", "Choose an attempt; enter edits it"),
                                       AttemptChooser.BINDINGS[0]]),
            ("Study", [*StudyScreen.BINDINGS, Binding("tab,shift+tab", "", "Choose the exam program")]),
            ("Exporting", [ExportDialog.BINDINGS[0],
                           Binding("up,down,enter", "", "Choose an export; enter in the path box writes it"),
                           ExportChooser.BINDINGS[0]]),
            ("Forms", [*ActivityForm.BINDINGS, Binding("tab,shift+tab", "", "Next / previous field"),
                       Binding("enter", "", "Open a choice list; pick with up/down and enter")]),
            ("Adding a credential", CredentialScreen.BINDINGS),
            ("Questions", ConfirmScreen.BINDINGS),
        ]
        return [(title, [b for b in bindings if isinstance(b, Binding)]) for title, bindings in groups]


def run_app(session: Session, *, mouse: bool = False, demo: bool = False) -> int:
    """Run the app until the user quits; returns the exit status.

    Mouse reporting stays off unless asked for: over SSH every mouse movement would be sent.
    The app runs the process, so it also manages Python's collector (see keep_long_lived).
    """
    app = RecertApp(session, demo=demo, manage_gc=True)
    gc.disable()  # the app collects when the keyboard is quiet (see RecertApp.keep_long_lived)
    try:
        app.run(mouse=mouse)
    finally:
        gc.enable()
    return app.return_code or 0
