"""Open another folder or report file: a path box and a directory tree."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Static

from reportdiff.compare.i18n import N_, _
from reportdiff.compare.sanitize import show_path

from ..widgets.text_box import TextBox


class SafeDirectoryTree(DirectoryTree):
    """A directory tree whose labels (file names) are shown escaped, never sent raw."""

    def process_label(self, label):
        return super().process_label(show_path(label) if isinstance(label, str) else label)


class OpenScreen(ModalScreen["Path | None"]):
    """Dismisses with the chosen folder or file, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, start: Path) -> None:
        super().__init__()
        self._start = start

    def compose(self) -> ComposeResult:
        with Vertical(id="open-dialog", classes="dialog"):
            yield Static(_("Open a folder of reports, or one report file"), classes="dialog-title")
            yield TextBox(show_path(self._start), id="open-path", select_on_focus=False)
            yield SafeDirectoryTree(self._start, id="open-tree")
            yield Static(Text(_("Enter in the box opens the path typed · Tab: the tree · Escape: cancel"), style="dim"))

    def on_mount(self) -> None:
        self.query_one(TextBox).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(Path(value).expanduser())

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(Path(event.path))

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        self.query_one(Input).value = str(event.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
