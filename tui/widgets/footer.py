"""The footer of every screen, with quit and help first.

A narrow terminal (40 columns) cuts Textual's footer at its right edge, and the app's own keys
come last in its order (focused widget, screen, app): here they come first, so ``q`` and ``?``
are always on screen and the screen's keys are the ones cut.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

FIRST = ("quit", "help")  # actions shown before all others, in this order


class KeysFooter(Footer):
    """Textual's ``Footer`` with the quit and help keys first."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        first = sorted(
            (k for k in keys if getattr(k, "action", None) in FIRST), key=lambda k: FIRST.index(k.action)
        )
        yield from first
        yield from (k for k in keys if k not in first)
