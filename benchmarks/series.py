#!/usr/bin/env python3
"""Series speed and the hand-label check.

    .venv/bin/python benchmarks/series.py [--sizes 2,5,10,20,50] [--no-labels]

Speed: series of n reports made from the ten district work reports of ../shared/series/ (two
districts, 4 + 6 years; a series longer than ten repeats them, each copy a hundred years on: the
reports are loaded once per copy, so every report is a separate object and nothing is cached
across them). Each row is one whole ``open_series`` + JSON export, timed in a fresh process
(wall time, CPU time of the process, peak RSS; the load average is printed, since a busy
machine stretches wall times). Pairs compared grows as n-1 (consecutive years) plus the n-2 metric
lookups for one-year gaps: linear, never n².

Labels: for each hand-labelled figure of benchmarks/data/series/labels.json, which labelled
year-values the series puts in one row (the row holding most of them).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "series"
LABELS = ROOT / "benchmarks" / "data" / "series" / "labels.json"

CHILD = r"""
import sys, time, json, resource
from dataclasses import replace
from pathlib import Path
t0 = time.perf_counter()
from reportdiff.compare.pipeline import open_report
from reportdiff.compare.series import build_series
from reportdiff.compare.series_export import dumps_series_json
files = sorted(Path(sys.argv[1]).glob("*.txt"))
n = int(sys.argv[2])
reports = []
for k in range(n):
    r = open_report(files[k % len(files)])
    # a copy beyond the tenth stands for a later year of the same government
    reports.append(replace(r, meta=replace(r.meta, year=(r.meta.year or 0) + 100 * (k // len(files)))))
t1 = time.perf_counter()
s = build_series(reports)
text = dumps_series_json(s)
t2 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "series": t2 - t1, "total": t2 - t0, "pairs": len(s.steps),
                  "figures": len(s.figures), "programmes": len(s.initiatives),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "cpu": sum(resource.getrusage(resource.RUSAGE_SELF)[:2])}))
"""


def timing(n: int) -> dict:
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(SHARED), str(n)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    row = json.loads(out.stdout.strip().splitlines()[-1])
    row["wall"] = time.perf_counter() - t
    return row


def label_check() -> list[tuple[str, str, int, int, list[str]]]:
    from reportdiff.compare.series import open_series

    data = json.loads(LABELS.read_text(encoding="utf-8"))
    out = []
    for series in data["series"]:
        s = open_series([SHARED / f for f in series["files"]])
        years = [r.meta.year for r in s.reports]
        for fig in series["figures"]:
            scale = {"亿": 1e8, "万": 1e4}.get(fig["unit"][:1], 1) if len(fig["unit"]) > 1 else 1
            want = {int(y): v * scale for y, v in fig["values"].items()}
            best, got = None, {}
            for row in s.figures:
                if fig["label_contains"] not in row.label and not any(fig["label_contains"] in x for x in row.labels):
                    continue
                have = {years[v.report]: v.metric.value for v in row.values}
                hits = sum(1 for y, v in want.items() if y in have and abs(have[y] - v) < 1e-6)
                if best is None or hits > best:
                    best, got = hits, have
            missed = [str(y) for y, v in want.items() if not (y in got and abs(got[y] - v) < 1e-6)]
            wrong = [str(y) for y in fig.get("absent", []) if y in got]
            out.append((series["files"][0].split("_")[0], fig["name"], best or 0, len(want), missed + [f"{y}!" for y in wrong]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2,5,10,20,50")
    ap.add_argument("--no-labels", action="store_true")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED}: not found", file=sys.stderr)
        return 2
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    print(f"(load average {load} when started)")
    print("| reports | pairs compared | load s | series + JSON s | whole process s | CPU s | peak MB | figures | programmes |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in (int(x) for x in args.sizes.split(",")):
        r = timing(n)
        print(
            f"| {n} | {r['pairs']} | {r['load']:.2f} | {r['series']:.2f} | {r['wall']:.2f} | {r['cpu']:.2f} "
            f"| {r['rss']:.0f} | {r['figures']} | {r['programmes']} |"
        )
    if not args.no_labels:
        print()
        print("| series | figure | labelled values in one row | missed years (! = a value where the label says absent) |")
        print("|---|---|---:|---|")
        total = found = 0
        for name, fig, hits, n, missed in label_check():
            total += n
            found += hits
            print(f"| {name} | {fig} | {hits}/{n} | {', '.join(missed) or '—'} |")
        print(f"| all | | {found}/{total} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
