"""One measured launch of the app at 80x24, driven by Pilot; prints its timings as JSON.

Run by ``benchmarks/perf.py`` in a fresh process per launch (so imports are counted):

    python benchmarks/app_startup.py A B --launched-at <time.time() before the process started>

Measures, in seconds:
- ``first screen``: launch to the first frame (the comparison screen, still busy), as
  Textual's ``Ready`` event reports it;
- ``comparison``: launch to the first frame showing the comparison;
- ``next pair``: key press ``n`` to the last frame of the next pair (median of 10 presses);
- ``burst of 10 keys``: ten ``p`` posted at once (one terminal read) until the pair ten back
  is shown;
- ``max UI stall``: the longest time the event loop could not run, from the first frame to
  the end (a task that should wake every 5 ms records how late it is).

With no reports given it launches the picker instead and times its first frame, the
moment every bundled report is listed, and the longest stall in between.

The app runs headless, so frames are composed but not written to a terminal; the benchmark
records the time of each frame by wrapping ``App._display``, the one place frames go out.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path

from textual import events

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TICK = 0.005


class StallWatch:
    """Records how late each 5 ms wake-up of the event loop is, while running."""

    def __init__(self) -> None:
        self.stalls: list[float] = []
        self._stop = asyncio.Event()
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> float:
        """Stop watching; the longest stall seen, in seconds."""
        self._stop.set()
        if self._task is not None:
            await self._task
        return max(self.stalls, default=0.0)

    async def _watch(self) -> None:
        last = time.perf_counter()
        while not self._stop.is_set():
            await asyncio.sleep(TICK)
            now = time.perf_counter()
            self.stalls.append(now - last - TICK)
            last = now


@asynccontextmanager
async def launched(paths: list[str]):
    """The app as ``reportdiff [A B]`` starts it, running under Pilot at 80x24, once its first
    frame is out; yields the app, its pilot and the times of its frames (``time.time()``)."""
    from reportdiff.tui.app import make_app

    app = make_app(paths)
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:
        frames.append(time.time())
        display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    ready = asyncio.Event()

    def hook(message) -> None:
        if isinstance(message, events.Ready):
            ready.set()

    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        await ready.wait()
        yield app, pilot, frames


async def measure(a: str, b: str, launched_at: float) -> dict[str, float]:
    """Launch the app on reports ``a`` and ``b`` the way ``reportdiff A B`` does and time it."""
    out: dict[str, float] = {}
    async with launched([a, b]) as (app, pilot, frames):
        out["first screen"] = frames[0] - launched_at
        watch = StallWatch()
        watch.start()
        screen = app.screen
        deadline = time.time() + 120
        while screen.comparison is None or screen.query_one("#body").loading:
            failed = [n.message for n in app._notifications if n.severity == "error"]
            if failed or time.time() > deadline:
                raise SystemExit(f"the comparison did not appear: {failed or 'timed out'}")
            await asyncio.sleep(TICK / 5)
        shown = time.time()
        await pilot.pause()
        out["comparison"] = min((f for f in frames if f >= shown), default=time.time()) - launched_at
        steps = []
        for _ in range(10):
            await pilot.pause()
            before = len(frames)
            t = time.time()
            await pilot.press("n")
            await pilot.pause()
            steps.append((frames[-1] if len(frames) > before else time.time()) - t)
        out["next pair"] = statistics.median(steps)
        # ten keys in one terminal read: all posted before any is handled
        start, t = screen.index, time.time()
        for _ in range(10):
            app.post_message(events.Key("p", "p"))
        while screen.index != max(start - 10, 0) and time.time() < deadline:
            await asyncio.sleep(TICK)
        await pilot.pause()
        out["burst of 10 keys"] = time.time() - t
        out["max UI stall"] = await watch.stop()
    return out


async def measure_picker(launched_at: float) -> dict[str, float]:
    """Launch the app with no arguments (the picker on the bundled reports) and time it."""
    out: dict[str, float] = {}
    async with launched([]) as (app, pilot, frames):
        out["picker: first screen"] = frames[0] - launched_at
        watch = StallWatch()
        watch.start()
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["picker: reports listed"] = time.time() - launched_at
        out["picker: max UI stall"] = await watch.stop()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", nargs="?", help="report A (no A and B: the picker)")
    ap.add_argument("b", nargs="?")
    ap.add_argument("--launched-at", type=float, default=None)
    args = ap.parse_args()
    launched = args.launched_at if args.launched_at is not None else time.time()
    if args.a and args.b:
        result = asyncio.run(measure(args.a, args.b, launched))
    else:
        result = asyncio.run(measure_picker(launched))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
