"""Every action of the app, declared once, and every place it applies.

An action has an id (what keymap.toml names), its default keys, the Textual action it runs,
a label for the key bar, a line of description, whether it changes the file, and its name in
the command palette. A place is a screen or dialog: the actions that work there, in key-bar
order, and the keys its widgets handle themselves (hints, for the help screen).

Everything else is derived from here: each screen's BINDINGS (`bindings`), which of them a
read-only session leaves out (`write_actions`), the top bar's mode keys (`MODES`), the command
palette (`palette_commands`), the help screen (`help_groups`); the key bar shows the bindings.
keymap.toml overrides keys by id, so it reaches all of them.

Adding a screen: its module in tui/screens/, its style sheet, and one `Place` below.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from textual.binding import Binding, BindingType


class Action(NamedTuple):
    id: str  # the name keymap.toml uses
    keys: str  # default keys, comma separated ("" for the palette only)
    action: str  # the Textual action run where it is bound ("app.x" runs on the app)
    label: str  # in the key bar
    description: str  # one line, in help, the palette and as the binding's tooltip
    edits: bool = False  # changes the file: a read-only session does not offer it
    show: bool = True  # in the key bar
    palette: str = ""  # its name in the command palette; "" keeps it out
    home: str = ""  # the place the palette runs it on ("" for the app)
    priority: bool = False  # before the focused widget's keys (and Textual's own: ctrl+q)

    def at(self, *, label: str | None = None, show: bool | None = None) -> Action:
        """The same action shown differently in one place (a shorter label, off the key bar)."""
        return self._replace(label=self.label if label is None else label, show=self.show if show is None else show)

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            id=self.id,
            tooltip=self.description,
            priority=self.priority,
        )


class Hint(NamedTuple):
    """Keys a widget handles itself (move in a list, next field): listed in help only."""

    keys: str
    description: str


class Place(NamedTuple):
    name: str
    title: str  # the help screen's heading for it
    actions: tuple[Action, ...] = ()
    hints: tuple[Hint, ...] = ()
    # A mode (a top-level screen with a key of its own): "module:Class", its key and palette line.
    screen: str = ""
    mode_key: str = ""
    mode_description: str = ""
    style: str = ""  # its style sheet, relative to the tui package
    tab: str = ""  # the mode's word in the top bar, if shorter than the title

    @property
    def tab_label(self) -> str:
        return self.tab or self.title

    @property
    def mode_action(self) -> Action | None:
        if not self.screen:
            return None
        return Action(
            f"mode.{self.name}",
            self.mode_key,
            f"show('{self.name}')",
            self.title,
            self.mode_description,
            show=False,
            palette=self.title,
        )


# --- actions used in more than one place ---------------------------------------------------

CANCEL = Action("dialog.cancel", "ctrl+g", "cancel", "Cancel", "Close without changing anything.")
ESCAPE = Action(
    "dialog.escape", "escape", "cancel", "Cancel", "Close without changing anything (as ctrl+g).", show=False
)
ADD_ACTIVITY = Action(
    "activity.add",
    "a",
    "add_activity",
    "Add activity",
    "Record a CE course, CPR card, college course or other credit.",
    edits=True,
    palette="Add activity",
    home="activities",
)
UNDO_DELETE = Action(
    "activity.undo",
    "u",
    "undo",
    "Undo",
    "Bring back the activity deleted last.",
    edits=True,
    palette="Undo delete",
    home="activities",
)
ADD_CREDENTIAL = Action(
    "credential.add",
    "c",
    "app.add_credential",
    "Add credential",
    "Add a credential you hold, with the date you earned it.",
    edits=True,
    palette="Add credential",
)
EXPORT = Action(
    "export",
    "x",
    "app.export_menu",
    "Export",
    "Write the worksheet, a CSV, a calendar or a full backup to a file.",
    palette="Export",
)
HISTORY = Action(
    "history",
    "h",
    "app.history",
    "History",
    "Every cycle of each credential: its dates, the route that closed it, totals, what counted.",
    palette="History",
)

YOUR_NAME = Action(
    "profile.name",
    "n",
    "app.edit_name",
    "Your name",
    "Set the name the worksheet and rosters show for you (an empty box removes it).",
    edits=True,
    show=False,
    palette="Your name",
)

# --- the places, in the help screen's order -------------------------------------------------

APP = Place(
    "app",
    "Everywhere",
    (
        Action("help", "question_mark,f1", "help", "Help", "List every key.", palette="Keys"),
        Action(
            "theme",
            "t",
            "pick_theme",
            "Theme",
            "Pick a colour theme (remembered; ANSI themes follow your terminal).",
            palette="Change theme",
        ),
        Action("quit", "q", "quit", "Quit", "Leave recert; everything is already saved.", palette="Quit"),
    ),
    hints=(
        Hint("ctrl+p", "Command palette: find any action by name, with a line of help."),
        Hint("ctrl+q", "Quit at once (works everywhere, even in a text box)."),
    ),
)

DASHBOARD = Place(
    "dashboard",
    "Dashboard",
    (
        ADD_ACTIVITY,
        ADD_CREDENTIAL,
        EXPORT,
        HISTORY.at(show=False),  # the key bar is full at 80 columns
        YOUR_NAME,
        # A delete's message says "Press u to undo", and `y1` (delete, then the dashboard) lands
        # here: u works here too, off the key bar, as there is rarely anything to undo.
        UNDO_DELETE.at(label="Undo delete", show=False),
    ),
    hints=(Hint("up,down,pageup,pagedown,home,end", "Scroll the cards"),),
    screen="recert_tui.tui.screens.dashboard:DashboardScreen",
    mode_key="1",
    mode_description="Each credential's expiry, status, CE progress and the next step.",
    style="screens/dashboard.tcss",
)

ACTIVITIES = Place(
    "activities",
    "Activities",
    (
        ADD_ACTIVITY.at(label="Add"),
        Action(
            "activity.edit",
            "e",
            "edit",
            "Edit",
            "Edit the highlighted activity (also Enter).",
            edits=True,
            palette="Edit activity",
            home="activities",
        ),
        Action(
            "activity.delete",
            "d,delete",
            "delete",
            "Delete",
            "Delete the highlighted activity (asks first; u undoes).",
            edits=True,
            palette="Delete activity",
            home="activities",
        ),
        UNDO_DELETE,
        Action(
            "activity.filter",
            "slash",
            "filter",
            "Filter",
            "Show only activities matching the words you type.",
            palette="Filter activities",
            home="activities",
        ),
        Action(
            "activity.sort",
            "s",
            "sort",
            "Sort",
            "Sort by the next column (date, title, points, ...).",
            palette="Sort activities",
            home="activities",
        ),
    ),
    hints=(
        Hint("enter", "Edit the highlighted activity"),
        Hint("up,down,pageup,pagedown,home,end", "Move in the list"),
    ),
    screen="recert_tui.tui.screens.activities:ActivitiesScreen",
    mode_key="2",
    mode_description="List CE activities and whether each counts.",
    style="screens/activities.tcss",
)

EXAMS = Place(
    "exams",
    "Exam attempts",
    (
        Action(
            "exam.attempt",
            "a",
            "attempt",
            "Record attempt",
            "Record an exam attempt: passed, failed or scheduled.",
            edits=True,
            palette="Record exam attempt",
            home="exams",
        ),
        Action(
            "exam.reenroll",
            "n",
            "reenroll",
            "Re-enrollment",
            "Record completing an accredited program again (starts a fresh attempt count).",
            edits=True,
            palette="Record re-enrollment",
            home="exams",
        ),
        Action(
            "exam.correct",
            "c",
            "correct",
            "Correct",
            "Edit or delete an attempt of the chosen program that was recorded by mistake.",
            edits=True,
            palette="Correct exam attempt",
            home="exams",
        ),
    ),
    hints=(Hint("tab", "Choose the exam program"),),
    screen="recert_tui.tui.screens.exams:ExamsScreen",
    mode_key="3",
    mode_description="Attempts used, retake dates and re-enrollment flags.",
    style="screens/exams.tcss",
    tab="Exams",
)

STUDY = Place(
    "study",
    "Study",
    (
        Action(
            "study.review",
            "r",
            "review",
            "Review",
            "Review flashcards and questions due today (spaced repetition).",
            edits=True,
            palette="Review cards",
            home="study",
        ),
        Action(
            "study.mock",
            "m",
            "mock",
            "Mock exam",
            "A timed practice exam drawn by the outline's weights.",
            edits=True,
            palette="Mock exam",
            home="study",
        ),
        Action(
            "study.drill",
            "d",
            "drill",
            "Drill",
            "Ten questions from your weakest category, each marked at once.",
            edits=True,
            palette="Drill weakest category",
            home="study",
        ),
        Action(
            "study.log",
            "l",
            "log",
            "Log",
            "Log a study session: minutes studied for an exam, overall or on one category.",
            edits=True,
            palette="Log study session",
            home="study",
        ),
        Action(
            "study.test",
            "p",
            "test",
            "Score",
            "Record a practice-test score in percent, overall or per category.",
            edits=True,
            palette="Record practice test",
            home="study",
        ),
    ),
    hints=(Hint("tab,shift+tab", "Choose the exam program"),),
    screen="recert_tui.tui.screens.study:StudyScreen",
    mode_key="4",
    mode_description="Countdown to your exam, minutes per week and what to study next.",
    style="screens/study.tcss",
)

CLOSE_PRACTICE = Action(
    "practice.close",
    "ctrl+g,q",
    "close",
    "Close",
    "Stop. Ratings and drill answers are saved as you go; a mock exam only when handed in.",
)


def answer_actions(place: str) -> tuple[Action, ...]:
    """a to e: answer with that letter (off the key bar: the question says so)."""
    return tuple(
        Action(f"{place}.{letter}", letter, f"answer({index})", f"Answer {letter}", f"Answer {letter}.", show=False)
        for index, letter in enumerate("abcde")
    )


REVIEW = Place(
    "review",
    "Reviewing cards",
    (
        Action("review.show", "space", "show", "Answer", "Show the answer."),
        Action("review.again", "1", "rate(1)", "Again", "Rate it: forgotten; it comes back soon."),
        Action("review.hard", "2", "rate(2)", "Hard", "Rate it: remembered with difficulty."),
        Action("review.good", "3", "rate(3)", "Good", "Rate it: remembered."),
        Action("review.easy", "4", "rate(4)", "Easy", "Rate it: remembered easily; it comes back later."),
        Action("review.undo", "u", "undo", "Undo", "Take back the last rating."),
        CLOSE_PRACTICE,
        ESCAPE.at(show=False),
    ),
    style="screens/practice.tcss",
)

MOCK = Place(
    "mock",
    "Mock exam",
    (
        *answer_actions("mock"),
        Action("mock.flag", "f", "flag", "Flag", "Flag the question to come back to it."),
        Action("mock.previous", "left", "move(-1)", "Back", "The previous question."),
        Action("mock.next", "right", "move(1)", "Next", "The next question."),
        Action("mock.submit", "ctrl+s", "submit", "Submit", "Hand in the exam (asks first); time up hands it in."),
        CLOSE_PRACTICE,
        ESCAPE.at(show=False),
    ),
    style="screens/practice.tcss",
)

DRILL = Place(
    "drill",
    "Drill",
    (
        *answer_actions("drill"),
        Action("drill.next", "enter,n", "next", "Next", "The next question."),
        CLOSE_PRACTICE,
        ESCAPE.at(show=False),
    ),
    style="screens/practice.tcss",
)

CORRECTING = Place(
    "attempts",
    "Correcting an attempt",
    (
        Action(
            "attempt.delete", "d,delete", "delete", "Delete attempt", "Delete the highlighted attempt (asks first)."
        ),
        CANCEL,
        ESCAPE,
    ),
    hints=(Hint("up,down,enter", "Choose an attempt; enter edits it"),),
)

EXPORT_CHOOSER = Place(
    "export-chooser",
    "Exporting",
    (
        Action("export.close", "q", "cancel", "Cancel", "Close the list of exports.", show=False),
        CANCEL,
        ESCAPE,
    ),
    hints=(Hint("up,down,enter", "Choose an export; enter in the path box writes it"),),
)

EXPORT_DIALOG = Place(
    "export-dialog",
    "Exporting",
    (
        Action(
            "export.write",
            "ctrl+s",
            "write",
            "Write file",
            "Write the file (enter does the same); asks before replacing a file.",
        ),
        CANCEL,
        ESCAPE,
    ),
)

FORM = Place(
    "form",
    "Forms",
    (
        Action("form.save", "ctrl+s", "save", "Save", "Check every field and save at once."),
        CANCEL,
        ESCAPE,
    ),
    hints=(
        Hint("tab,shift+tab", "Next / previous field"),
        Hint("enter", "Open a choice list; pick with up/down and enter"),
    ),
)

CREDENTIAL = Place(
    "credential",
    "Adding a credential",
    (
        Action("credential.save", "ctrl+s", "add", "Add credential", "Add the highlighted credential."),
        Action(
            "credential.recert",
            "r",
            "recertified",
            "Recertified…",
            "Record that the highlighted credential was recertified: the date and the route (asks first).",
        ),
        Action("credential.leave", "ctrl+g", "leave", "Done / skip", "Go to the dashboard."),
        Action("credential.escape", "escape", "leave", "Done / skip", "Go to the dashboard (as ctrl+g).", show=False),
    ),
)

HISTORY_DIALOG = Place(
    "history",
    "History",
    (
        Action("history.close", "q", "cancel", "Close", "Close the history."),
        CANCEL,
        ESCAPE,
    ),
)

# `recert --roster PATH...`: the app opens on it, and only there (no mode key: it needs paths).
ROSTER = Place(
    "roster",
    "Roster",
    (
        Action("roster.open", "enter", "open", "Open", "Show the highlighted person's dashboard (read only)."),
        Action(
            "roster.filter", "slash", "filter", "Filter", "Back to the filter, to type a name, credential or status."
        ),
        Action("roster.clear", "escape", "clear_filter", "Clear", "Clear the filter: every row again."),
        # A priority key, as Textual's own ctrl+q, so that the key bar shows it while q is
        # typed into the filter (the screen leaves it out of the key bar when q quits).
        Action("roster.quit", "ctrl+q", "quit", "Quit", "Leave recert; the roster changes nothing.", priority=True),
    ),
    hints=(
        Hint("letters", "Type to filter by name, credential or status (e.g. lapsed, cma, maria)"),
        Hint("up,down,pageup,pagedown", "Move in the list, also while typing"),
        Hint("tab", "To the list and back"),
    ),
    style="screens/roster.tcss",
)

ROSTER_PERSON = Place(
    "roster-person",
    "A person on the roster",
    (Action("person.back", "escape,q,ctrl+g", "back", "Back", "Back to the roster."),),
    hints=(Hint("up,down,pageup,pagedown,home,end", "Scroll the cards"),),
)

CONFIRM = Place(
    "confirm",
    "Questions",
    (
        Action("confirm.yes", "y", "answer(True)", "Yes", "Yes, do it."),
        Action("confirm.no", "n,q", "answer(False)", "No", "No, leave it as it is."),
        CANCEL,
        ESCAPE,
    ),
)

HELP = Place(
    "help",
    "Help",
    (Action("help.close", "q,ctrl+g,escape,question_mark,f1", "close", "Close help", "Close this list."),),
)

PALETTE = Place(
    "palette",
    "Command palette",
    (Action("palette.close", "ctrl+g", "escape", "Close", "Close the palette or the theme picker.", show=False),),
)

PLACES: tuple[Place, ...] = (
    APP,
    DASHBOARD,
    ACTIVITIES,
    EXAMS,
    STUDY,
    REVIEW,
    MOCK,
    DRILL,
    CORRECTING,
    EXPORT_CHOOSER,
    EXPORT_DIALOG,
    FORM,
    CREDENTIAL,
    HISTORY_DIALOG,
    ROSTER,
    ROSTER_PERSON,
    CONFIRM,
    HELP,
    PALETTE,
)
_BY_NAME = {place.name: place for place in PLACES}
MODES: tuple[Place, ...] = tuple(place for place in PLACES if place.screen)

# Style sheets that are not one place's: read with the places' own (tui/app.py).
SHARED_STYLES = (
    "widgets/panels.tcss",
    "widgets/fields.tcss",
    "screens/form.tcss",
    "screens/dialogs.tcss",
    "screens/first_run.tcss",
    "screens/help.tcss",
)


def place(name: str) -> Place:
    return _BY_NAME[name]


def actions_at(name: str) -> tuple[Action, ...]:
    """The actions of a place; the app's include the mode keys."""
    found = place(name)
    if name == "app":
        return (*(mode.mode_action for mode in MODES if mode.mode_action), *found.actions)
    return found.actions


def bindings(name: str) -> list[BindingType]:
    """A place's BINDINGS (typed as Textual declares BINDINGS, so a screen can assign it)."""
    return [action.binding() for action in actions_at(name)]


@cache  # asked by check_action for every binding at every key: worked out once per place
def write_actions(name: str) -> frozenset[str]:
    """The Textual action names that change the file at a place (left out when read-only);
    at the app, the `app.` actions of every place, which reach the app's check_action."""
    if name == "app":
        return frozenset(
            action.action.removeprefix("app.")
            for action in all_actions()
            if action.edits and (action.action.startswith("app.") or action in place("app").actions)
        )
    return frozenset(
        action.action for action in actions_at(name) if action.edits and not action.action.startswith("app.")
    )


def all_actions() -> Iterable[Action]:
    """Every action once (by id), in declaration order."""
    seen: set[str] = set()
    for each in PLACES:
        for action in actions_at(each.name):
            if action.id not in seen:
                seen.add(action.id)
                yield action


def action(action_id: str) -> Action:
    """The action with this id (KeyError if none)."""
    return _actions_by_id()[action_id]


@cache
def _actions_by_id() -> dict[str, Action]:
    return {each.id: each for each in all_actions()}


def palette_action(each: Action) -> str:
    """What the palette runs on the app: an app action, or a screen's action on its screen."""
    if each.action.startswith("app."):
        return each.action.removeprefix("app.")
    if each.home:
        return f"on('{each.home}', '{each.action}')"
    return each.action


@cache
def palette_commands() -> tuple[tuple[str, str, str, Action | None], ...]:
    """(name, description, app action, the action or None) of every palette command.

    The export kinds each get a command of their own after Export (they have no key).
    """
    from .export_kinds import EXPORTS  # the palette's first use, not every start

    commands: list[tuple[str, str, str, Action | None]] = []
    for each in all_actions():
        if not each.palette:
            continue
        commands.append((each.palette, each.description, palette_action(each), each))
        if each is EXPORT:
            commands.extend(
                (f"Export {kind.title[:1].lower()}{kind.title[1:]}", kind.help, f"export('{kind.key}')", None)
                for kind in EXPORTS.values()
            )
    return tuple(commands)


# The places the app has when it shows a roster (`recert --roster`): no mode, form or dialog
# of a personal database.
ROSTER_PLACES = ("app", "roster", "roster-person", "help", "palette")


def roster_leaves_out() -> frozenset[str]:
    """The app's actions (names as check_action gets them) that the Roster does not offer:
    showing a mode (`show`), running a place's action from the palette (`on`), and every
    action declared to run on the app from a place (`app.x`: forms, history, exports on the
    user's own database). Help, the theme, the palette and quitting stay."""
    return frozenset(
        {"show", "on"}
        | {each.action.removeprefix("app.").split("(")[0] for each in all_actions() if each.action.startswith("app.")}
    )


def help_groups(roster: bool = False) -> list[tuple[str, list[Action | Hint]]]:
    """The help screen's groups. A screen's group lists every key it has (`a` is on the
    Dashboard and on Activities); a dialog's lists only what no group above has shown (the
    cancel keys are said once). With `roster`, only the places the roster app has."""
    groups: dict[str, list[Action | Hint]] = {}
    seen: set[str] = set()
    for each in PLACES:
        if roster and each.name not in ROSTER_PLACES:
            continue
        rows: list[Action | Hint] = []
        for found in each.actions if roster and each.name == "app" else actions_at(each.name):  # no mode keys
            if each.screen or found.id not in seen:
                rows.append(found)
            seen.add(found.id)
        rows.extend(each.hints)
        if rows:
            groups.setdefault(each.title, []).extend(rows)
    return list(groups.items())
