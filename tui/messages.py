"""Typed messages that workers post to their screen (thread-safe ``post_message``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from reportdiff.compare.model import Comparison

from . import core

if TYPE_CHECKING:
    from reportdiff.compare.series import Series


class ComparisonReady(Message):
    """A comparison (new, swapped or re-paired) is ready; show pair ``index`` of it."""

    def __init__(self, comparison: Comparison, index: int = 0, note: str = "") -> None:
        super().__init__()
        self.comparison = comparison
        self.index = index
        self.note = note  # a notification to show once it is on screen ("" for none)


class ComparisonFailed(Message):
    """A comparison could not be made; ``message`` is one line for the user."""

    def __init__(self, message: str, title: str = "") -> None:
        super().__init__()
        self.message = message
        self.title = title


class SeriesReady(Message):
    """A series of reports is built (``compare.series.build_series``)."""

    def __init__(self, series: Series) -> None:
        super().__init__()
        self.series = series


class SeriesFailed(Message):
    """A series could not be built; ``message`` is one line for the user."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class FolderListed(Message):
    """A folder holds ``total`` report files (and ``exports`` of this tool, not listed)."""

    def __init__(self, total: int, exports: int) -> None:
        super().__init__()
        self.total = total
        self.exports = exports


class EntryLoaded(Message):
    """One file of the folder is loaded (or could not be: ``entry.error``)."""

    def __init__(self, entry: core.ReportEntry, choose: bool = False) -> None:
        super().__init__()
        self.entry = entry
        self.choose = choose  # the user opened this file: choose it


class FolderLoaded(Message):
    """Every file of the folder is loaded."""


class FolderFailed(Message):
    """The folder cannot be listed; ``message`` is one line for the user."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
