"""Widgets shared by the screens; their styles live in widgets.tcss, panels.tcss and fields.tcss
(read by the app: RecertApp.CSS_PATH and LATER_CSS)."""
