"""recert-tui: keep medical-assistant credentials current from the terminal."""

__version__ = "0.1.0"
