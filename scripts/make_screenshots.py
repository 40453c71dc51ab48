"""Regenerate screenshots/: every screen of the app at 80x24 and 160x48, as SVG (and PNG).

Every screen in English; the main ones in Chinese too (``-zh`` in the name).

    .venv/bin/python scripts/make_screenshots.py [--out screenshots] [--no-png]

The app is built by the same factory as the console script (``tui.app.make_app``), on the
bundled seed reports. PNGs are made with ``rsvg-convert`` (Debian: librsvg2-bin; a CJK font
such as fonts-wqy-zenhei makes the Chinese readable) when it is installed; otherwise only SVGs.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.widgets import DirectoryTree  # noqa: E402

from reportdiff.compare.seeds import seed_paths  # noqa: E402
from reportdiff.tui.app import make_app  # noqa: E402

SIZES = ((80, 24), (160, 48))


async def settle(pilot) -> None:
    await pilot.pause()
    ours = [w for w in pilot.app.workers if not isinstance(w.node, DirectoryTree)]
    if ours:
        await pilot.app.workers.wait_for_complete(ours)
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


# name -> (app arguments, what to do before the shot)
Scenario = tuple[list[Path], Callable[[object], Awaitable[None]]]


def scenarios() -> dict[str, Scenario]:
    seeds = seed_paths()
    pair = [seeds[0], seeds[1]]

    async def picker(p):
        await press(p, "down", "a", "down", "b")

    async def comparison(p):
        await press(p, "n", "n", "right_square_bracket")

    async def side_by_side(p):
        await press(p, "n", "n", "l")

    async def metrics(p):
        await press(p, "4")

    async def initiatives(p):
        await press(p, "5")

    async def re_pair(p):
        await press(p, "n", "n", "r")

    async def export(p):
        await press(p, "e")

    async def search(p):
        await press(p, "slash", *"行政复议", "enter")

    async def help_screen(p):
        await press(p, "question_mark")

    async def open_dialog(p):
        await press(p, "o")

    async def series(p):  # mark the three crafted years, open the series
        await press(p, "space", "space", "space", "t")

    return {
        "picker": ([], picker),
        "picker-zh": ([], picker),
        "comparison-zh": (pair, comparison),
        "export-zh": (pair, export),
        "help-zh": (pair, help_screen),
        "open": ([], open_dialog),
        "comparison": (pair, comparison),
        "comparison-toggled-layout": (pair, side_by_side),
        "all-metrics": (pair, metrics),
        "all-initiatives": (pair, initiatives),
        "search": (pair, search),
        "re_pair": (pair, re_pair),
        "export": (pair, export),
        "help": (pair, help_screen),
        "series": ([ROOT / "tests" / "data" / "series"], series),
    }


async def shoot(name: str, scenario: Scenario, size: tuple[int, int], out: Path) -> Path:
    paths, steps = scenario
    lang = "zh" if name.endswith("-zh") else "en"
    app = make_app(paths, export_dir=Path("."), lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await steps(pilot)
        await settle(pilot)
        svg = app.export_screenshot(title=f"reportdiff — {name}")
    target = out / f"{name}-{size[0]}x{size[1]}.svg"
    target.write_text(svg, encoding="utf-8")
    return target


def to_png(svg: Path) -> Path | None:
    tool = shutil.which("rsvg-convert")
    if tool is None:
        return None
    png = svg.with_suffix(".png")
    subprocess.run([tool, "-o", str(png), str(svg)], check=True)
    return png


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "screenshots")
    ap.add_argument("--no-png", action="store_true")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    made = []
    for name, scenario in scenarios().items():
        for size in SIZES:
            svg = asyncio.run(shoot(name, scenario, size, args.out))
            made.append(svg)
            png = None if args.no_png else to_png(svg)
            print(svg.relative_to(ROOT) if svg.is_relative_to(ROOT) else svg, "+ png" if png else "")
    if not args.no_png and shutil.which("rsvg-convert") is None:
        print("rsvg-convert not found (apt-get install librsvg2-bin): SVG only", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
