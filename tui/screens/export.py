"""The export dialog: where, which format and the options the command line offers.

It owns the whole flow: it writes the file in a worker, asks before replacing an existing one,
and stays open with the name as typed after an error or a "No", so nothing has to be typed
again. It dismisses with an ``ExportDone`` once a file is written, or None when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from reportdiff.compare.sanitize import show_path
from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Comparison

from .. import core
from ..display import display_path
from ..text import localise_bindings
from ..state import ExportSettings
from ..widgets.text_box import TextBox
from .worker_dialog import WorkerDialog
from .confirm import ConfirmScreen

# the formats offered, in order; a new export format adds a line here and in core.export_text
FORMATS: tuple[tuple[core.ExportFormat, str, str], ...] = (
    ("md", ".md", N_("Markdown")),
    ("json", ".json", N_("JSON")),
    ("docx", ".docx", N_("Word")),
)
SUFFIX = {fmt: suffix for fmt, suffix, _label in FORMATS}


@dataclass(frozen=True)
class ExportDone:
    path: Path
    settings: ExportSettings


class ExportScreen(WorkerDialog["ExportDone | None"]):
    """Ask where and how to export, then write; dismisses with ExportDone, or None."""

    dismiss_group = "export"

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, comparison: Comparison, folder: Path, settings: ExportSettings | None = None) -> None:
        super().__init__()
        localise_bindings(self)
        self._comparison = comparison
        self._settings = settings or ExportSettings()
        self._suggested = folder / core.suggested_name(comparison, self._settings.format)

    def compose(self) -> ComposeResult:
        s = self._settings
        with Vertical(id="export-dialog", classes="dialog"):
            yield Static(_("Export the comparison"), classes="dialog-title")
            yield Static(Text(_("File (an existing file is only replaced after you confirm):"), style="dim"))
            yield TextBox(show_path(self._suggested), id="export-path", select_on_focus=False, compact=True)
            with Horizontal(classes="export-row"):
                yield Label(_("Format"), classes="export-label")
                with RadioSet(id="export-format", compact=True):
                    for fmt, _suffix, label in FORMATS:
                        yield RadioButton(_(label), value=s.format == fmt, id=f"fmt-{fmt}", compact=True)
            with Horizontal(classes="export-row"):
                yield Label(_("Labels"), classes="export-label")
                with RadioSet(id="export-lang", compact=True):
                    yield RadioButton("中文", value=s.language == "zh", id="lang-zh", compact=True)
                    yield RadioButton("English", value=s.language == "en", id="lang-en", compact=True)
            with Horizontal(classes="export-row"):
                yield Label(_("Script"), classes="export-label")
                with RadioSet(id="export-script", compact=True):
                    yield RadioButton(_("as written"), value=s.script == "original", id="script-original", compact=True)
                    yield RadioButton(_("simplified"), value=s.script == "simplified", id="script-simplified", compact=True)
            with Horizontal(classes="export-row"):
                yield Checkbox(_("plain (no HTML)"), s.plain, id="opt-plain", compact=True)
                yield Checkbox(_("no section text"), not s.text, id="opt-no-text", compact=True)
                yield Checkbox(_("only changes"), s.only_changes, id="opt-only-changes", compact=True)
            yield Static(Text(_("Labels, script and the options apply to Markdown and Word."), style="dim"), id="export-note")
            with Horizontal(classes="buttons"):
                yield Button(_("Export"), variant="primary", id="export", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(TextBox).focus()

    # --------------------------------------------------------------- choices

    def settings(self) -> ExportSettings:
        """What the dialog shows now."""

        def pressed(set_id: str) -> str:
            button = self.query_one(f"#{set_id}", RadioSet).pressed_button
            return (button.id or "").split("-", 1)[1] if button is not None else ""

        return ExportSettings(
            format=pressed("export-format") or "md",  # type: ignore[arg-type]
            lang=pressed("export-lang") or None,  # type: ignore[arg-type]
            script=pressed("export-script") or "original",  # type: ignore[arg-type]
            plain=self.query_one("#opt-plain", Checkbox).value,
            text=not self.query_one("#opt-no-text", Checkbox).value,
            only_changes=self.query_one("#opt-only-changes", Checkbox).value,
        )

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id != "export-format":
            return
        fmt = self.settings().format
        box = self.query_one(Input)
        p = Path(box.value)
        if p.suffix.lower() in SUFFIX.values():  # follow the format unless the user chose a suffix
            box.value = str(p.with_suffix(SUFFIX[fmt]))

    # --------------------------------------------------------------- writing

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._submit()
        elif event.button.id == "cancel":
            self.dismiss(None)

    def _submit(self, force: bool = False) -> None:
        value = self.query_one(Input).value.strip()
        if not value:
            self.notify(_("Give a file name."), severity="warning", markup=False)
            return
        self.query_one("#export-dialog").loading = True
        self._write(Path(value).expanduser(), self.settings(), force)

    @work(thread=True, exclusive=True, group=dismiss_group)
    def _write(self, path: Path, settings: ExportSettings, force: bool) -> ExportDone | None:
        try:
            text = core.export_text(self._comparison, settings.format, settings.markdown_options())
            written = core.write_export(path, text, force=force, inputs=core.input_paths(self._comparison))
        except core.ExportExists:
            self.app.call_from_thread(self._ask_overwrite, path)
            return
        except core.AppError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a failed export must not end the session
            self.app.call_from_thread(self._failed, core.describe(exc))
            return
        return ExportDone(written, settings)

    def _failed(self, message: str) -> None:
        self.query_one("#export-dialog").loading = False
        self.notify(message, title=_("Export failed"), severity="error", markup=False)
        self.query_one(Input).focus()

    def _ask_overwrite(self, path: Path) -> None:
        self.query_one("#export-dialog").loading = False

        def answered(yes: bool | None) -> None:
            if yes:
                self._submit(force=True)
            else:
                self.notify(_("Nothing was written."), markup=False, timeout=3)
                self.query_one(Input).focus()

        question = _("{path} exists. Replace it?").format(path=display_path(path))
        self.app.push_screen(ConfirmScreen(question, yes=_("Replace")), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)
