"""The Textual app: four top-level screens (modes) over one Session.

Start-up stays close to a bare Textual app: the screens are imported and built only when
first shown, and the report is computed once per change, by the session.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.keys import format_key
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider
from textual.timer import Timer
from textual.widget import AwaitMount

from ..booking import last_attempt_warning
from ..domain.dates import show_date
from ..domain.errors import InvalidInput
from ..domain.models import Activity, ExamAttempt
from ..session import Session
from ..store import StoreError
from ..terminal import terminal_problem
from . import actions
from .commands import RecertCommands
from .keymap import key_words, load_keymap
from .text import literal, visible
from .textual_compat import (
    follow_theme_in_ansi_colours,
    frames_written_promptly,
    mode_started,
    refresh_callbacks_pending,
    start_like_the_default_screen,
)

if TYPE_CHECKING:  # the screens are imported when first shown (see above)
    from ..practice import Practice
    from ..roster import RosterReading
    from .screens.base import ModeScreen

POLL_SECONDS = 2.0
HOLD_LIMIT_SECONDS = 0.5  # held keys are handed on after this if something keeps a widget busy,
HOLD_MAX_SECONDS = 10.0  # or after this while the app itself has work queued (a slow screen building)


# Status colours. A card's status badge and border use the theme's warning colour for "due
# soon" and "in grace" and its error colour for "lapsed" (widgets/card.py, widgets.tcss), so
# every theme must have a warning that reads as a yellow and an error that reads as a red.
# Textual's ansi-light has a bright red warning (lapsed, in bold red, looked the same), and in
# a 16-colour terminal most truecolor themes' orange warnings are sent as bright red too.
WARNING_HUES = (30.0, 65.0)  # orange-yellow to yellow, in degrees
ERROR_HUES = (330.0, 15.0)  # crimson to red, round 0
ANSI_WARNINGS = ("ansi_yellow", "ansi_bright_yellow")
ANSI_ERRORS = ("ansi_red", "ansi_bright_red")
SIXTEEN_YELLOWS, SIXTEEN_REDS = (3, 11), (1, 9)  # the 16-colour palette's yellows and reds
# In 16 colours: exactly the palette's (bright) yellow and red, so the terminal shows its own.
SIXTEEN_STATUS = {True: ("#ffff55", "#ff5555"), False: ("#aa5500", "#aa0000")}  # by theme.dark


def status_colours(theme: Theme, sixteen: bool) -> Theme:
    """`theme`, or a copy of it whose warning reads as a yellow and whose error as a red
    (`sixteen`: on a terminal with 16 colours, as what it will be sent)."""
    if theme.ansi:
        warning = theme.warning if theme.warning in ANSI_WARNINGS else ANSI_WARNINGS[0]
        error = theme.error if theme.error in ANSI_ERRORS else ANSI_ERRORS[0]
    else:
        from rich.color import Color as RichColor
        from rich.color import ColorSystem
        from textual.color import Color

        def sent(colour: str) -> int | None:
            return RichColor.parse(Color.parse(colour).hex).downgrade(ColorSystem.STANDARD).number

        def hue_in(colour: str, hues: tuple[float, float], nearest: float) -> str:
            h, saturation, lightness = Color.parse(colour).hsl
            low, high = hues
            degrees = h * 360
            if (low <= degrees <= high) if low < high else (degrees >= low or degrees <= high):
                return colour
            return Color.from_hsl(nearest / 360, saturation, lightness).hex

        yellow, red = SIXTEEN_STATUS[theme.dark]
        warning, error = theme.warning or yellow, theme.error or red
        degrees = Color.parse(warning).hsl[0] * 360  # a hue outside the range moves to its nearer end
        warning = hue_in(warning, WARNING_HUES, WARNING_HUES[1] if WARNING_HUES[1] < degrees < 240 else WARNING_HUES[0])
        degrees = Color.parse(error).hsl[0] * 360
        error = hue_in(error, ERROR_HUES, ERROR_HUES[1] if degrees < 180 else ERROR_HUES[0])
        if sixteen:
            warning = warning if sent(warning) in SIXTEEN_YELLOWS else yellow
            error = error if sent(error) in SIXTEEN_REDS else red
    if (warning, error) == (theme.warning, theme.error):
        return theme
    return replace(theme, warning=warning, error=error)


def _mode_screen(place: actions.Place) -> Callable[[], Screen]:
    """Builds a mode's screen, importing its module when the mode is first shown."""

    def build() -> Screen:
        module, _, name = place.screen.partition(":")
        return getattr(import_module(module), name)()

    return build


APP_WRITE_ACTIONS = actions.write_actions("app")  # app actions that change the file
ROSTER_LEAVES_OUT = actions.roster_leaves_out()  # app actions on the user's own database


class Palette(CommandPalette):
    """Textual's command palette and theme picker, which close with Escape only: ctrl+g
    closes them too, as it does every dialog of ours (a lone Escape waits over SSH)."""

    BINDINGS = actions.bindings("palette")


class RecertApp(App[int]):
    TITLE = "recert"
    # Every style sheet is read by the app, none by a screen: a screen with its own CSS_PATH
    # would make Textual re-parse all styles and restyle every screen the first time it is
    # shown. The dashboard's are read at start; the others (about a third of the start-up's
    # style parsing) once its first frame is drawn, or before any other screen is shown.
    CSS_PATH = ["app.tcss", "widgets/widgets.tcss", actions.DASHBOARD.style]
    LATER_CSS = tuple(  # each sheet once: places may share one
        dict.fromkeys(
            [
                *actions.SHARED_STYLES,
                *(each.style for each in actions.PLACES if each.style and each is not actions.DASHBOARD),
            ]
        )
    )
    MODES = {each.name: _mode_screen(each) for each in actions.MODES}
    DEFAULT_MODE = actions.DASHBOARD.name
    COMMANDS = App.COMMANDS | {RecertCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = actions.bindings("app")

    def __init__(
        self,
        session: Session,
        *,
        demo: bool = False,
        manage_gc: bool = False,
        roster: RosterReading | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.demo = demo
        # `recert --roster PATH...`: the app shows those people's files as they are read, and
        # nothing of the session's own database but its theme (the session is read-only; see
        # cli/launch.py).
        self.roster = roster
        if roster is not None:
            # The palette's own commands only (help, theme, quit): none reaches a database.
            self.COMMANDS = App.COMMANDS  # type: ignore[misc]  # Textual reads it from the instance
        self._manage_gc = manage_gc  # the app owns the process (run_app), not a test
        self._collector_timer: Timer | None = None
        self._last_key_at = 0.0
        self.data_version = 0
        self._practices: dict[str, Practice] = {}  # exam -> its practice, for the data version below
        self._practices_version = 0
        self.last_deleted: Activity | None = None  # removed last, for undo
        self._held_keys: list[events.Key | events.Paste] | None = None  # typed ahead of what a key started
        self._hold_number = 0  # which hold is current: an earlier one's release does nothing
        self._hold_timer: Timer | None = None
        self._settle_task: asyncio.Task[None] | None = None
        self._hold_started = 0.0
        self._screens_before: list = []  # the screens up when the current hold began
        self._handling = 0  # events the app is handling now (a handler may be waiting on a screen)
        self.export_folder: Path | None = None  # where the last export went: the next one defaults there
        self.mode_screens: dict[str, ModeScreen] = {}  # each mode's screen, once built
        self._switching_to_built_screen = False
        self._later_css_read = False
        # Action id -> keys, as keymap.toml has them: read before any screen is composed, as
        # their texts and the top bar name keys (see keys()).
        self.user_keymap, self._keymap_problem = load_keymap()
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        self._restore_saved_theme()

    # --- typing ahead ------------------------------------------------------------------
    #
    # Over SSH keys arrive in bursts. Textual hands each key to whatever has focus when the
    # key is read, but what a key does comes later: a key bound to an action (`a` opens the
    # form, `/` moves focus to the filter, Tab moves to the next field, Enter opens a choice
    # box) travels from the focused widget up to the app before its action runs, and the
    # form it opens is built, or focus moves, a few messages after that. Keys typed meanwhile
    # would reach the screen or field being left: "aTitle" lost its title (and its `t`
    # opened the theme picker), "/flu" ran `u` (undo) on the list.
    #
    # So after any key that is not simply typed into the focused text box, the keys that
    # follow are held until everything it started has happened: every message queue of the
    # app and its screens is empty, every screen is mounted and has run what it left for
    # "after refresh" (focus, on the exams screen). Then they are handed on in order, as if
    # typed slowly; one of them that starts something holds the rest again.
    # Characters typed into a text box need no wait: they reach it in order, as it has focus.

    async def on_event(self, event: events.Event) -> None:
        self._handling += 1
        try:
            await self._on_event(event)
        finally:
            self._handling -= 1

    async def _on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if isinstance(event, events.Key):
                self._last_key_at = time.monotonic()
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
            if not self._lands_in_text_box(event):
                self._hold_keys()
        await super().on_event(event)

    def _lands_in_text_box(self, event: events.Key | events.Paste) -> bool:
        """Whether `event` is text for the focused text box, with nothing more to it."""
        focused = self.focused
        if focused is None:
            return False
        if isinstance(event, events.Paste):
            return True
        return focused.check_consume_key(event.key, event.character)

    def _hold_keys(self) -> None:
        """Hold the keys that follow until what the current key starts is done (see above)."""
        self._held_keys = []
        self._screens_before = [screen for screen in self.screen_stack if screen.is_mounted]
        self._hold_number += 1
        number = self._hold_number
        self._hold_started = time.monotonic()
        self._hold_timer = self.set_timer(HOLD_LIMIT_SECONDS, partial(self._hold_expired, number))
        self._settle_task = asyncio.create_task(self._release_when_settled(number))

    def _hold_expired(self, number: int) -> None:
        """Never settled in HOLD_LIMIT_SECONDS: hand the keys on anyway (a widget may keep its
        queue busy), unless the app itself still has work queued, such as a screen of
        thousands of rows still being built and focused: then wait on, up to HOLD_MAX_SECONDS."""
        if number != self._hold_number or self._held_keys is None:
            return
        busy = self.message_queue_size or not all(screen.is_mounted for screen in self.screen_stack)
        if busy and time.monotonic() - self._hold_started < HOLD_MAX_SECONDS:
            self._hold_timer = self.set_timer(HOLD_LIMIT_SECONDS, partial(self._hold_expired, number))
            return
        self.call_later(self._release_held_keys, number)  # behind what the app has queued

    def _settled(self) -> bool:
        """Nothing the last key started is still on its way: no handler running in the app,
        no message waiting anywhere, every screen in the stack mounted, and a screen the key
        opened done with what it left for "after refresh" (the exams screen focuses its first
        program then, a form gets ready to check what is typed)."""
        if self._handling or self.message_queue_size:
            return False
        for screen in self.screen_stack:
            if not screen.is_mounted:
                return False
            # Not for a screen shown again: after `y` on the list, a `1` typed with it would
            # wait for the list to be rebuilt, in vain.
            if refresh_callbacks_pending(screen) and not any(screen is before for before in self._screens_before):
                return False
            for node in screen.walk_children(with_self=True):
                if node.message_queue_size:
                    return False
        return True

    async def _release_when_settled(self, number: int) -> None:
        quiet = looks = 0
        while quiet < 2 and number == self._hold_number and self._held_keys is not None:
            # At once at first (most keys settle within a few turns of the event loop), then
            # every millisecond, so that a long save or render is not slowed by the looking.
            await asyncio.sleep(0 if looks < 8 else 0.001)
            looks += 1
            quiet = quiet + 1 if self._settled() else 0
        if number == self._hold_number and self._held_keys is not None:
            # Through the app's queue: behind anything the last callbacks asked of the app.
            self.call_later(self._release_held_keys, number)

    async def _release_held_keys(self, number: int | None = None) -> None:
        """Deliver the held keys, in order, now that what came before them is done."""
        if self._held_keys is None or number not in (None, self._hold_number):
            return  # an earlier hold, released already
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held_keys = self._held_keys, None
        for index, key in enumerate(held):
            if self._held_keys is not None:  # a key handed on started a new hold
                self._held_keys.extend(held[index:])
                return
            await self.on_event(key)

    def practice_for(self, exam: str) -> Practice:
        """`exam`'s practice for the data as it is now, one for the whole app: the dashboard's
        study line works it out after the first frame, and Study opens on it (study_bench's
        open_study figure)."""
        # Imported at the first use of a bank: the scheduler (fsrs) it brings is a sixth of the
        # start-up figure, and only someone with a bank needs it.
        from ..practice import Practice

        if self._practices_version != self.data_version:  # the data changed: every practice is stale
            self._practices.clear()
            self._practices_version = self.data_version
        if exam not in self._practices:
            self._practices[exam] = Practice(self.session, exam)
        return self._practices[exam]

    def keep_mode_screen(self, mode: str, screen: Screen) -> None:
        """A mode's screen is built (ModeScreen calls this; Host.keep_mode_screen)."""
        self.mode_screens[mode] = cast("ModeScreen", screen)  # the screens load lazily: no isinstance

    # --- start-up ----------------------------------------------------------------------

    @property
    def marker(self) -> str:
        marks = (["DEMO"] if self.demo else []) + (["READ-ONLY"] if self.session.read_only else [])
        return " ".join(f" {mark} " for mark in marks)

    def keys(self, action_id: str) -> str:
        """The keys that run the action `action_id`, after the user's keymap, as a person
        types them: for text that says which key to press. A key name from keymap.toml is
        the user's text: control characters in it are shown as visible escapes."""
        return visible(key_words(self.user_keymap, action_id))

    def key(self, action_id: str) -> str:
        """The first of those keys: for a hint that names one key per action."""
        return self.keys(action_id).split(", ")[0]

    def get_key_display(self, binding: Binding) -> str:
        """`ctrl+s`, where Textual shows `^s`: the texts name keys that way, and a first-time
        user reads it without knowing the caret convention (Textual's documented hook)."""
        if binding.key_display:
            return visible(binding.key_display)
        modifiers, key = binding.parse_key()
        return visible("+".join([*modifiers, format_key(key)]))  # the key may come from keymap.toml

    def mode_keys(self) -> dict[str, str]:
        """The keys that switch screens, after the user's keymap (for the top bar)."""
        return {each.name: self.get_key_display(Binding(self.key(f"mode.{each.name}"), "")) for each in actions.MODES}

    def on_mount(self) -> None:
        self.call_after_refresh(self.read_later_css)
        if self._keymap_problem:
            self.notify(self._keymap_problem, severity="warning", markup=False, timeout=10)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.roster is not None:
            return  # the roster says itself that it is read-only, and the session is never shown
        if self.session.read_only:
            self.sub_title = "read-only"
            self._say_read_only()
            self.set_interval(POLL_SECONDS, self._poll)
        elif not self.session.profile.credentials:
            self.call_after_refresh(self._first_run)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, ours and Textual's own, with control characters shown as
        visible escapes: Textual draws a notification's text as given, and ours carry text
        from outside (a file or host name, a key name from keymap.toml, an error's words),
        where an ESC would reach the terminal and could, say, set its title."""
        super().notify(
            visible(str(message), single_line=False),
            title=visible(str(title)),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def _say_read_only(self) -> None:
        self.notify(
            self.session.read_only_reason or "This session is read-only.",
            title="Read-only",
            severity="warning",
            markup=False,
            timeout=8,
        )

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
        """Start a mode's screen; the first, at start-up, as Textual starts its default screen
        (textual_compat.start_like_the_default_screen): the start-up figure (docs/speed.md)."""
        if mode == self.DEFAULT_MODE and not mode_started(self, mode):
            return start_like_the_default_screen(self, mode, self._first_screen())
        return super()._init_mode(mode)

    def _first_screen(self) -> Screen:
        """The dashboard; with `--roster`, the Roster of those paths in its place."""
        if self.roster is None:
            return _mode_screen(actions.DASHBOARD)()
        from .screens.roster import RosterScreen

        self.read_later_css()  # the roster's style sheet is one of the later ones
        return RosterScreen(self.roster, self.session.catalog)

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
    # A full collection walks every object; with 10,000 activities loaded it is a pause the
    # keystroke figure of tests/perf/bench.py feels (docs/speed.md), and it came at random: in the middle of a keystroke, or four times while the 10,000-row
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

    def get_theme(self, theme_name: str) -> Theme | None:
        """The theme by that name, with a yellow warning and a red error (status_colours).

        Textual's documented hook: every use of a theme goes through it (the current one,
        the picker's choice, the style sheets' variables). Worked out the first time a theme
        is used, not for all twenty at every start.
        """
        theme = super().get_theme(theme_name)
        console = getattr(self, "console", None)  # App.__init__ asks (for `dark` only) before it has one
        if theme is None or console is None:
            return theme
        cache = self.__dict__.setdefault("_readable_themes", {})
        if cache.get(theme.name, (None,))[0] is not theme:
            cache[theme.name] = (theme, status_colours(theme, console.color_system in ("standard", "windows")))
        return cache[theme.name][1]

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
        follow_theme_in_ansi_colours(self)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A read-only session has no key that changes the file (not in any key bar); the
        # screens' own editing keys: ModeScreen.check_action. The Roster has none of the keys
        # that reach the session's own database.
        if self.roster is not None and action in ROSTER_LEAVES_OUT:
            return False
        return not (action in APP_WRITE_ACTIONS and self.session.read_only)

    def can_write(self) -> bool:
        """False (and says why) in a read-only session."""
        if self.session.read_only:
            self.notify(
                self.session.read_only_reason or "This session is read-only.",
                title="Read-only: not changed",
                severity="warning",
                markup=False,
            )
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
            self.push_screen(HelpScreen())

    def action_edit_name(self) -> None:
        """The name the worksheet and rosters show (palette: Your name; n on the dashboard)."""
        from .screens.first_run import NameDialog

        if not self.can_write():
            return

        def saved(name: str | None) -> None:
            if name is None:
                return  # cancelled: nothing changed
            self.notify(f"Your name is now {name}." if name else "Your name was removed.", markup=False, timeout=4)

        self.push_screen(NameDialog(self.session), saved)

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.session))

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette (as App.action_command_palette, 8.2.8), closing with ctrl+g too."""
        # Any app will do: Textual types the argument App[object], which App[int] is not.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        """The theme picker (t, or the palette's Theme): Textual's (as App.search_themes, 8.2.8),
        closing with ctrl+g too."""
        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes…"))

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
            self.notify(
                f"Add a credential first ({self.keys('mode.dashboard')}, then {self.keys('credential.add')}): "
                "an activity counts toward a credential you hold.",
                severity="warning",
                markup=False,
            )
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
            self.notify(
                "None of the rule files describes an exam, so there is nothing to study for.",
                severity="warning",
                markup=False,
            )
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
                self.notify(
                    f"Wrote {kind.what} to {visible(shown_path(path))} (private to you).",
                    title="Exported",
                    markup=False,
                    timeout=10,
                )

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
                warning = last_attempt_warning(self.session, done.exam) if done.result == "scheduled" else None
                if warning:
                    self.notify(warning, title="Last attempt", severity="warning", markup=False, timeout=12)
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
        # Names from a rule file: shown literally.
        question = (
            literal(f"You passed the {rules.exam.name} on {show_date(attempt.on)}.", "bold")
            + Text("\n\n")
            + literal(
                f"Record it as your {rules.name} recertification? A new {rules.cycle_months.value}-month cycle "
                f"starts that day and runs to {show_date(expires)}; credit earned from then on counts for it."
            )
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.session.record_recertification(attempt.exam, attempt.on.isoformat(), "exam")
            except (InvalidInput, StoreError) as error:
                self.notify(f"Not recorded: {error}", severity="error", markup=False, timeout=8)
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
        # A program's rules always have an exam policy: attempts are recorded against it.
        title = rules.exam.name if rules and rules.exam else "every exam"

        def chosen(choice: tuple[str, int] | None) -> None:
            if choice is None:
                return
            what, attempt_id = choice
            attempt = next(a for a in attempts if a.id == attempt_id)
            if what == "edit":
                self.push_screen(
                    ExamForm(self.session, "attempt", attempt=attempt),
                    lambda done: self.notify("Saved.", timeout=2) if done else None,
                )
                return
            question = Text("Delete this exam attempt?\n\n", style="bold") + Text(attempt_words(attempt))
            question.append("\n\nOnce deleted, it is no longer counted.")

            def remove_if_yes(yes: bool | None) -> None:
                if yes:
                    self._remove_attempt(attempt_id)

            self.push_screen(ConfirmScreen(question, "yes, delete it"), remove_if_yes)

        self.push_screen(AttemptChooser(title, attempts), chosen)

    def _remove_attempt(self, attempt_id: int) -> None:
        try:
            self.session.remove_exam_attempt(attempt_id)
        except StoreError as error:
            self.notify(str(error), title="Not deleted", severity="error", markup=False)
            return
        self.data_changed()
        self.notify(f"Deleted exam attempt #{attempt_id}.", timeout=4)

    def delete_activity(self, activity_id: int) -> None:
        from .screens.dialogs import ConfirmScreen

        if not self.can_write():
            return
        activity = self.session.activity(activity_id)
        if activity is None:
            return
        question = Text("Delete this activity?\n\n", style="bold") + literal(activity.title)
        undo = self.keys("activity.undo")
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
        assert restored.id is not None  # restored under its own id, which it had when deleted
        on_restored(restored.id)
        self.notify(f"Restored “{visible(restored.title)}”.", markup=False, timeout=4)

    # --- screenshots -------------------------------------------------------------------

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save an SVG of the screen, private to the user (0600) like every export: it shows
        the user's records. The palette's "Screenshot" (a Textual system command) and
        App.action_screenshot call this public hook of Textual's App (8.2.8); Textual's own
        writes the file with the umask's mode, world-readable on most systems.

        It goes to `path`, else the Downloads folder, else (none on many servers) the folder
        of the last export or the home folder. Returns the path written, or None.
        """
        from datetime import datetime

        from platformdirs import user_downloads_path

        from ..exports.destination import DestinationProblem, write_export

        if path:
            folder = Path(path).expanduser()
        else:
            downloads = user_downloads_path()
            folder = downloads if downloads.is_dir() else (self.export_folder or Path.home())
        name = filename or f"recert-screenshot-{datetime.now().strftime(time_format or '%Y-%m-%d_%H-%M-%S')}.svg"
        target = folder / name
        counter = 1
        while filename is None and (target.exists() or target.is_symlink()):  # never over another one
            counter += 1
            target = folder / f"{Path(name).stem}-{counter}.svg"
        try:
            written = write_export(target, self.export_screenshot().encode("utf-8"))
        except DestinationProblem as problem:
            self.notify(str(problem), title="Screenshot not saved", severity="error", markup=False)
            return None
        self.notify(f"Saved a screenshot to {written} (private to you).", title="Screenshot", markup=False, timeout=8)
        return str(written)


EXIT_NO_TERMINAL = 2  # a usage error, as the commands' bad input: `recert` run where it cannot draw


def run_app(session: Session, *, mouse: bool = False, demo: bool = False, roster: RosterReading | None = None) -> int:
    """Run the app until the user quits; returns the exit status.

    Without a terminal it does not start: one sentence on stderr, exit status 2.
    Mouse reporting stays off unless asked for: over SSH every mouse movement would be sent.
    With `roster` (the files being read), it opens on their Roster instead of the dashboard.
    The app runs the process, so it also manages Python's collector (see keep_long_lived)
    and how soon its threads take turns (textual_compat.frames_written_promptly).
    """
    problem = terminal_problem()
    if problem is not None:
        if sys.stderr is not None:
            print(f"recert: {problem}", file=sys.stderr)
        return EXIT_NO_TERMINAL
    app = RecertApp(session, demo=demo, manage_gc=True, roster=roster)
    gc.disable()  # the app collects when the keyboard is quiet (see RecertApp.keep_long_lived)
    try:
        with frames_written_promptly():
            app.run(mouse=mouse)
    finally:
        gc.enable()
    return app.return_code or 0
