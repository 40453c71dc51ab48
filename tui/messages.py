"""Typed messages that workers post to their screen (thread-safe ``post_message``)."""

from __future__ import annotations

from textual.message import Message

from reportdiff.compare.model import Comparison


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
