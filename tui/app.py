"""The reportdiff app: wires the picker, the comparison screen and the dialogs together.

``make_app`` is the one factory, used by the console script, the tests and the screenshot
script.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from reportdiff.compare import i18n, sanitize
from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Comparison

from . import core
from .commands import ActionCommands
from .screens.comparison import ComparisonScreen
from .text import help_text, localise_bindings

if TYPE_CHECKING:
    from .screens.picker import PickerScreen

DEFAULT_THEME = "textual-dark"


class ReportDiffApp(App[None]):
    """Compare two Chinese government reports section by section."""

    CSS_PATH = "app.tcss"
    TITLE = "reportdiff"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMMANDS = App.COMMANDS | {ActionCommands}
    BINDINGS = [
        Binding("q", "quit", N_("Quit")),
        Binding("question_mark", "help", N_("Help"), key_display="?"),
    ]

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notification, whoever raises it, passes the one sanitiser: a file name or report
        text in it never drives the terminal (escapes, controls and bidi shown escaped)."""
        message = "\n".join(sanitize.escape(line) for line in str(message).split("\n"))
        super().notify(message, title=sanitize.escape(str(title)), **options)

    def __init__(
        self,
        *,
        folder: Path | None = None,
        preselect: Path | None = None,
        paths: tuple[Path, Path] | None = None,
        comparison: Comparison | None = None,
        export_dir: Path | None = None,
        theme: str = DEFAULT_THEME,
    ) -> None:
        super().__init__()
        localise_bindings(self)
        self.folder = folder
        self.preselect = preselect
        self.paths = paths
        self.initial_comparison = comparison
        self.export_dir = export_dir
        self._theme_name = theme

    def on_mount(self) -> None:
        self.theme = self._theme_name
        if self.initial_comparison is not None:
            self.push_screen(ComparisonScreen(comparison=self.initial_comparison))
        elif self.paths is not None:
            self.push_screen(ComparisonScreen(paths=self.paths))
        else:
            from .screens.picker import PickerScreen  # not loaded when the app opens on two reports

            self.push_screen(PickerScreen(self.folder or core.seeds_dir(), self.preselect))

    def on_picker_screen_compare_requested(self, message: PickerScreen.CompareRequested) -> None:
        self.push_screen(ComparisonScreen(reports=(message.a, message.b)))

    def action_pick_reports(self) -> None:
        """Back to the picker: the one under the comparison, or a new one."""
        from .screens.picker import PickerScreen

        if len(self.screen_stack) > 2 and isinstance(self.screen_stack[-2], PickerScreen):
            self.pop_screen()
            return
        folder = self.folder
        if folder is None:
            if self.paths is not None:
                folder = self.paths[0].parent
            else:
                c = self.initial_comparison
                folder = Path(c.a.path).parent if c is not None and c.a.path else core.seeds_dir()
        self.switch_screen(PickerScreen(folder))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        keys: list[tuple[str, str]] = []
        seen: set[tuple[str, str]] = set()
        screen = self.screen
        extra = getattr(screen, "HELP_KEYS", ())  # keys of the screen's widgets, e.g. scrolling
        for binding in [*getattr(screen, "BINDINGS", []), *self.BINDINGS]:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            item = (self.get_key_display(binding), help_text(binding))
            if item not in seen:
                seen.add(item)
                keys.append(item)
        keys += [(key, _(what)) for key, what in extra]
        keys.append(("ctrl+p", _("Command palette: every action available now")))
        keys.append(("ctrl+q", _("Quit, from any screen")))
        self.push_screen(HelpScreen(keys))


def make_app(
    paths: Sequence[str | Path] = (),
    *,
    comparison: Comparison | None = None,
    export_dir: str | Path | None = None,
    theme: str = DEFAULT_THEME,
    lang: str | None = None,
) -> ReportDiffApp:
    """The app for ``reportdiff [DIR | FILE | A B]`` (no paths: the bundled sample reports).

    ``comparison`` opens straight on a ready comparison (tests, screenshots); ``export_dir`` is
    where the export dialog suggests writing.

    ``lang`` (``zh`` / ``en``) is the interface language; None: the locale's (``compare.i18n``).
    """
    i18n.use(lang)
    ps = [Path(p) for p in paths]
    if len(ps) > 2:
        raise ValueError(_("give at most two reports"))
    kw: dict = dict(comparison=comparison, theme=theme, export_dir=Path(export_dir) if export_dir else None)
    if comparison is not None:
        return ReportDiffApp(**kw)
    if len(ps) == 2:
        return ReportDiffApp(paths=(ps[0], ps[1]), **kw)
    if len(ps) == 1:
        if ps[0].is_dir() or not ps[0].exists():
            return ReportDiffApp(folder=ps[0], **kw)
        return ReportDiffApp(folder=ps[0].parent, preselect=ps[0], **kw)
    return ReportDiffApp(**kw)
