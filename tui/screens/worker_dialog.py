"""A dialog that does its work in a worker and closes with the worker's result."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

ResultType = TypeVar("ResultType")


class WorkerDialog(ModalScreen[ResultType], Generic[ResultType]):
    """Dismisses with the result of its ``dismiss_group`` worker once that worker has finished.

    Dismissing from inside the worker (``call_from_thread(self.dismiss, …)``) would remove the
    screen, and with it cancel the worker, before the worker could end.
    """

    dismiss_group = ""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == self.dismiss_group and event.state == WorkerState.SUCCESS and event.worker.result:
            self.dismiss(event.worker.result)
