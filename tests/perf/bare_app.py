"""The floor: a bare Textual app that shows one line of text. Every Textual app pays this."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Static("bare app ready")


if __name__ == "__main__":
    BareApp().run(mouse=False)
