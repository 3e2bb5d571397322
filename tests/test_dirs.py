"""Our XDG folder rules give exactly what platformdirs gives, which they stand in for on Linux."""

from __future__ import annotations

import platformdirs
import pytest

from recert_tui import dirs

ENVIRONMENTS = [
    pytest.param({}, id="defaults"),
    pytest.param(
        {"XDG_DATA_HOME": "/x/data", "XDG_CONFIG_HOME": "/x/config", "XDG_CACHE_HOME": "/x/cache"}, id="xdg set"
    ),
    pytest.param({"XDG_DATA_HOME": "/x/data/", "XDG_CONFIG_HOME": "/x/config/"}, id="trailing slash"),
    pytest.param(
        {"XDG_DATA_HOME": "rel/data", "XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": "~/cache"}, id="relative ignored"
    ),
    pytest.param({"HOME": "/home/else/"}, id="home with slash"),
    pytest.param({"HOME": "relative/home"}, id="relative home"),
    pytest.param({"HOME": ""}, id="empty home"),
    pytest.param({"HOME": None}, id="no home"),
]


@pytest.mark.skipif(not dirs._plain_xdg(), reason="only XDG systems use our own rules")
@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("kind", ["data", "config", "cache"])
def test_matches_platformdirs(monkeypatch, environment, kind):
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", "/home/someone")
    for variable, value in environment.items():
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    expected = getattr(platformdirs, f"user_{kind}_dir")("recert-tui", appauthor=False)
    assert getattr(dirs, f"user_{kind}_dir")() == expected


def test_other_systems_ask_platformdirs(monkeypatch):
    monkeypatch.setattr(dirs.sys, "platform", "darwin")
    assert dirs.user_config_dir() == platformdirs.user_config_dir("recert-tui", appauthor=False)


def test_reading_the_folders_does_not_import_platformdirs():
    import subprocess
    import sys

    code = (
        "import sys; from recert_tui import dirs; dirs.user_data_dir(); dirs.user_config_dir(); "
        "dirs.user_cache_dir(); print('platformdirs' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ("False" if dirs._plain_xdg() else "True")
