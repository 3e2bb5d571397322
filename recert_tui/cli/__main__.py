"""`python -m recert_tui.cli`: the same as the `recert` command."""

from . import command_line

command_line()
