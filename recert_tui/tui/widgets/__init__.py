"""Widgets shared by the screens; their styles live in widgets.tcss (loaded by the app)."""
