"""The comparison screen's workers: comparing, swapping and diffing ahead, off the UI thread.

A widget that is never displayed; its workers report by posting typed messages
(``tui.messages``), which bubble up to the screen that decides what to show.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.widget import Widget
from textual.worker import get_current_worker

from reportdiff.compare.i18n import _
from reportdiff.compare.model import Comparison, Report, SectionPair

from .. import core
from ..messages import ComparisonFailed, ComparisonReady


class Comparer(Widget):
    """Runs the comparison's slow steps in threads and posts their results."""

    DEFAULT_CSS = "Comparer { display: none; }"

    @work(thread=True, exclusive=True, group="compare")
    def compare(self, reports: tuple[Report, Report] | None, paths: tuple[Path, Path] | None) -> None:
        """Load (unless ``reports`` are given) and compare two reports; the first pair's diff too,
        as it is shown at once."""
        try:
            if reports is None:
                assert paths is not None
                reports = (core.open_report(paths[0]), core.open_report(paths[1]))
            comparison = core.compare(*reports)
            if comparison.alignment.pairs:
                core.pair_view(comparison, 0)
        except core.AppError as exc:
            self.post_message(ComparisonFailed(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - a comparison must never take the app down
            self.post_message(ComparisonFailed(_("The comparison failed: {error}").format(error=core.describe(exc))))
            return
        self.post_message(ComparisonReady(comparison))

    @work(thread=True, exclusive=True, group="compare")
    def swap(self, comparison: Comparison, current: SectionPair | None) -> None:
        """A and B exchanged, staying on the pair the user was reading seen from the other side."""
        try:
            swapped = core.swap(comparison)
        except Exception as exc:  # noqa: BLE001
            self.post_message(ComparisonFailed(_("Swapping failed: {error}").format(error=core.describe(exc))))
            return
        index = next(
            (k for k, p in enumerate(swapped.alignment.pairs)
             if current is not None and (p.a, p.b) == (current.b, current.a)),
            0,
        )
        self.post_message(ComparisonReady(swapped, index))

    @work(thread=True, exclusive=True, group="warm-diffs")
    def warm(self, comparison: Comparison, start: int) -> None:
        """Present the pairs ahead of the user, from pair ``start`` on.

        A long section's diff can take a few hundred milliseconds; done here, stepping to the
        next pair finds it ready instead of stalling the screen. A newer call cancels this one.
        """
        worker = get_current_worker()
        n = len(comparison.alignment.pairs)
        for k in [*range(start, n), *range(start)]:
            if worker.is_cancelled:
                return
            core.pair_view(comparison, k)
