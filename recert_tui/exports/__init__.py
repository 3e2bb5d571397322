"""Ways data leaves and enters the app: worksheet, CSV, calendar, JSON backup.

Headless: these render the engine's results or parse files; they never import Textual.
"""
