"""The terminal app (Textual). Import `recert_tui.tui.app.run_app` to start it."""
