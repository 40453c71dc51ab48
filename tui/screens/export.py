"""The export dialog: file name and format; writing happens in the comparison screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from compare.sanitize import show_path

from ..core import ExportFormat

SUFFIX = {"md": ".md", "json": ".json"}


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    format: ExportFormat


class ExportScreen(ModalScreen["ExportRequest | None"]):
    """Ask where and how to export; dismisses with an ExportRequest, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggested: Path, fmt: ExportFormat = "md") -> None:
        super().__init__()
        self._suggested = suggested
        self._format: ExportFormat = fmt

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Static("Export the comparison", classes="dialog-title")
            yield Static(Text("File (an existing file is only replaced after you confirm):", style="dim"))
            yield Input(show_path(self._suggested), id="export-path", select_on_focus=False)
            with RadioSet(id="export-format"):
                yield RadioButton("Markdown", value=self._format == "md", id="fmt-md")
                yield RadioButton("JSON", value=self._format == "json", id="fmt-json")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        fmt: ExportFormat = "json" if event.pressed.id == "fmt-json" else "md"
        self._format = fmt
        box = self.query_one(Input)
        p = Path(box.value)
        if p.suffix.lower() in (".md", ".json"):  # follow the format unless the user chose a suffix
            box.value = str(p.with_suffix(SUFFIX[fmt]))

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        value = self.query_one(Input).value.strip()
        if not value:
            self.notify("Give a file name.", severity="warning", markup=False)
            return
        self.dismiss(ExportRequest(Path(value).expanduser(), self._format))

    def action_cancel(self) -> None:
        self.dismiss(None)
