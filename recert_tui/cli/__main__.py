"""`python -m recert_tui.cli`: the same as the `recert` command."""

import sys

from . import main

sys.exit(main())
