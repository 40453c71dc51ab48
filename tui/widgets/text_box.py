"""A one-line text box whose cursor does not blink (a steady screen over SSH and in snapshots)."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input


class TextBox(Input):
    """Textual's ``Input`` with a steady cursor."""

    cursor_blink = reactive(False, init=False)
