"""Re-pairing: choose another B partner for the current A section, best candidates first."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from compare.model import Section

from ..display import one_line, pad
from ..widgets.pair_list import KIND_NAMES

NO_PARTNER = "\x00none"  # option id of "no partner"; never a section id


class RepairScreen(ModalScreen["str | None"]):
    """Dismisses with the chosen B section id, ``NO_PARTNER``, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, a_title: str, partners: Sequence[tuple[Section, float | None]], current: Sequence[str]) -> None:
        super().__init__()
        self._a_title = a_title
        self._partners = list(partners)
        self._current = set(current)

    def compose(self) -> ComposeResult:
        with Vertical(id="repair-dialog", classes="dialog"):
            yield Static("Pair with another section of B", classes="dialog-title")
            yield Static(Text("A: ", style="bold") + Text(one_line(self._a_title)), id="repair-a")
            yield OptionList(*self._options(), id="repair-list", markup=False)
            yield Static(Text("Enter: pair · Escape: cancel · ● current partner", style="dim"))

    def _options(self) -> list[Option]:
        out = []
        for s, score in self._partners:
            t = Text(no_wrap=True, end="")
            t.append("● " if s.id in self._current else "  ", style="bold")
            t.append(f"{round(score * 100):>3}% " if score is not None else "   — ", style="bold" if score else "dim")
            title = f"{s.number}{s.heading}".strip() or KIND_NAMES.get(s.kind, "(untitled)")
            t.append("  " * max(s.level - 1, 0))
            t.append_text(pad(Text(one_line(title)), 60))
            out.append(Option(t, id=s.id))
        out.append(Option(Text("   (no partner: only in A)", style="italic"), id=NO_PARTNER))
        return out

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
