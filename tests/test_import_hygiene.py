"""The engine and the store must never import Textual: the CLI's script path stays light."""

import subprocess
import sys

import pytest

HEADLESS = [
    "recert_tui.domain.engine",
    "recert_tui.domain.validate",
    "recert_tui.catalog",
    "recert_tui.store",
    "recert_tui.session",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_import_textual(module):
    code = f"import sys, {module}; assert 'textual' not in sys.modules, 'textual was imported'; print('clean')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"
