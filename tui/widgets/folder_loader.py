"""The picker's worker: lists a folder and loads its reports one by one, off the UI thread.

A widget that is never displayed; it posts typed messages (``tui.messages``) that bubble up to
the picker: how many files, each loaded entry, the end, or why the folder cannot be listed.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.widget import Widget
from textual.worker import get_current_worker

from .. import core
from ..messages import EntryLoaded, FolderFailed, FolderListed, FolderLoaded


class FolderLoader(Widget):
    """Loads the reports of a folder, or one more file, and posts each as it is ready."""

    DEFAULT_CSS = "FolderLoader { display: none; }"

    @work(thread=True, exclusive=True, group="load")
    def load(self, folder: Path) -> None:
        """Every report file of ``folder`` (a newer call cancels this one)."""
        worker = get_current_worker()
        try:
            files = core.report_files(folder)
        except core.AppError as exc:
            self.post_message(FolderFailed(str(exc)))
            return
        self.post_message(FolderListed(len(files), len(core.export_files(folder))))
        for path in files:
            if worker.is_cancelled:
                return
            self.post_message(EntryLoaded(core.load_entry(path)))
        self.post_message(FolderLoaded())

    @work(thread=True, group="load-file")
    def load_one(self, path: Path) -> None:
        """One file opened by the user; it is chosen once loaded."""
        self.post_message(EntryLoaded(core.load_entry(path), choose=True))
