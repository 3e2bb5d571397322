"""The command palette (ctrl+p): every action, found by name, with a line of help."""

from __future__ import annotations

from functools import cache, partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, help, app action); the export commands come between the two.
_BEFORE_EXPORTS = (
    ("Dashboard", "Show each credential's expiry, status and CE progress", "show('dashboard')"),
    ("Activities", "List CE activities and whether each counts", "show('activities')"),
    ("Exam attempts", "Show attempts used, retake dates and re-enrollment flags", "show('exams')"),
    ("Add activity", "Record a CE course, CPR card, college course or other credit", "on('activities', 'add')"),
    ("Edit activity", "Edit the highlighted activity on the Activities screen", "on('activities', 'edit')"),
    ("Delete activity", "Delete the highlighted activity (asks first; u undoes)", "on('activities', 'delete')"),
    ("Undo delete", "Bring back the activity deleted last", "on('activities', 'undo')"),
    ("Filter activities", "Show only activities matching the words you type", "on('activities', 'filter')"),
    ("Sort activities", "Sort the activity list by the next column", "on('activities', 'sort')"),
    ("Record exam attempt", "Record a passed, failed or scheduled exam attempt", "on('exams', 'attempt')"),
    ("Record re-enrollment", "Record completing an accredited program again", "on('exams', 'reenroll')"),
    ("Study", "Countdown to your exam, minutes per week and what to study next", "show('study')"),
    ("Log study session", "Record minutes studied for an exam, overall or on one category", "on('study', 'log')"),
    ("Record practice test", "Record a practice-test score in percent, overall or per category", "on('study', 'test')"),
    ("Export", "Choose an export: worksheet, CSV, calendar or full backup", "export_menu"),
)
_AFTER_EXPORTS = (
    ("Add credential", "Add a credential you hold, with the date you earned it", "add_credential"),
    ("History", "Every cycle of each credential: dates, route, totals and what counted", "history"),
    ("Change theme", "Pick colours; the ANSI themes follow your terminal's palette", "pick_theme"),
    ("Keys", "List every key and its id for keymap.toml", "help"),
    ("Quit", "Leave recert (everything is already saved)", "quit"),
)


@cache
def commands() -> tuple[tuple[str, str, str], ...]:
    """(name, help, app action) of every command, in the palette's order.

    Built when the palette first asks: importing the export kinds (a dataclass) at start-up
    cost about a millisecond of every start.
    """
    from .export_kinds import EXPORTS

    exports = tuple((f"Export {kind.title[:1].lower()}{kind.title[1:]}", kind.help, f"export('{kind.key}')")
                    for kind in EXPORTS.values())
    return (*_BEFORE_EXPORTS, *exports, *_AFTER_EXPORTS)


# The commands that change the file: a read-only session is not offered them.
WRITE_COMMANDS = frozenset({
    "on('activities', 'add')", "on('activities', 'edit')", "on('activities', 'delete')", "on('activities', 'undo')",
    "on('exams', 'attempt')", "on('exams', 'reenroll')", "on('study', 'log')", "on('study', 'test')", "add_credential",
})


class RecertCommands(Provider):
    def _commands(self) -> tuple[tuple[str, str, str], ...]:
        if getattr(self.app, "session", None) is not None and self.app.session.read_only:
            return tuple(command for command in commands() if command[2] not in WRITE_COMMANDS)
        return commands()

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text)
