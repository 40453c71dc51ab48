"""Re-pairing: choose another B partner for an A section (or none), best candidates first.

The dialog owns the flow: once a partner is chosen it re-pairs in a worker (metrics are
matched again) and dismisses with the updated comparison; None when cancelled. Choosing "no
partner" unpairs the section, which is then only in A.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Comparison, Report

from .. import core
from ..display import one_line, pad, section_title
from ..text import localise_bindings
from .worker_dialog import WorkerDialog

NO_PARTNER = "\x00none"  # option id of "no partner"; never a section id


class RePairScreen(WorkerDialog["Comparison | None"]):
    """Dismisses with the re-paired comparison, or None when cancelled."""

    dismiss_group = "re-pair"

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self,
        comparison: Comparison,
        a_id: str,
        convert: Callable[[str, Report], str] | None = None,
    ) -> None:
        super().__init__()
        localise_bindings(self)
        self._comparison = comparison
        self._a_id = a_id
        self._convert = convert
        self._partners = core.ranked_partners(comparison, a_id)
        self._current = {p.b for p in comparison.alignment.pairs if p.a == a_id and p.b}

    def compose(self) -> ComposeResult:
        title = section_title(self._comparison.a, self._a_id, self._convert)
        with Vertical(id="re-pair-dialog", classes="dialog"):
            yield Static(_("Pair with another section of B"), classes="dialog-title")
            yield Static(Text("A: ", style="bold") + Text(one_line(title)), id="re-pair-a")
            yield OptionList(*self._options(), id="re-pair-list", markup=False)
            yield Static(Text(_("Enter: pair · Escape: cancel · ● current partner"), style="dim"))

    def _options(self) -> list[Option]:
        out = []
        b = self._comparison.b
        for s, score in self._partners:
            t = Text(no_wrap=True, end="")
            t.append("● " if s.id in self._current else "  ", style="bold")
            t.append(f"{round(score * 100):>3}% " if score is not None else "   — ", style="bold" if score else "dim")
            t.append("  " * max(s.level - 1, 0))
            t.append_text(pad(Text(section_title(b, s.id, self._convert)), 60))
            out.append(Option(t, id=s.id))
        mark = "● " if not self._current else "  "
        out.append(Option(Text(mark + _("   (no partner: only in A)"), style="italic"), id=NO_PARTNER))
        return out

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        b_id = event.option.id
        new_b = None if b_id == NO_PARTNER else b_id
        self.query_one("#re-pair-dialog").loading = True
        self._re_pair(new_b)

    @work(thread=True, exclusive=True, group=dismiss_group)
    def _re_pair(self, new_b: str | None) -> Comparison | None:
        try:
            updated = core.re_pair(self._comparison, self._a_id, new_b)
        except (KeyError, core.AppError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a failed re-pairing must not end the session
            self.app.call_from_thread(self._failed, core.describe(exc))
            return
        return updated

    def _failed(self, message: str) -> None:
        self.query_one("#re-pair-dialog").loading = False
        self.notify(_("Cannot re-pair: {error}").format(error=one_line(message)), severity="error", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)
