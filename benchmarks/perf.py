"""Speed and memory of reportdiff: headless export, scaling with size, and the app.

Run:  .venv/bin/python benchmarks/perf.py [--runs 5] [--sizes 1,4,16,64] [--skip-app]

Prints three tables:
1. the whole `reportdiff diff A B` process (Markdown, JSON, Word, the memo alone) on seed
   pairs and a pair of the longer samples: median wall time, CPU time and peak RSS, beside
   `git diff --no-index --word-diff` on the same files;
2. each pipeline stage on synthetic reports of 1x..64x a seed's size, with the growth
   exponent between sizes (1.0 = linear, 2.0 = quadratic);
3. the app at 80x24 (each run a new process): launch to first frame, to the comparison,
   next-pair latency and the longest event-loop stall.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.compare.seeds import seed_paths  # noqa: E402

SEED_PAIRS = [(0, 3), (1, 2), (2, 4)]


# --- 1. the whole headless process ------------------------------------------------------
SAMPLES = ROOT.parent / "shared" / "samples"  # beside a checkout; --samples names another
SAMPLE_PAIR = ("yantian_workreport_2023.txt", "yantian_workreport_2024.txt")
# the variants of ``reportdiff diff`` timed on every pair (docx goes to stdout, a pipe)
VARIANTS = {"md": [], "json": ["--format", "json"], "docx": ["--format", "docx"], "no-text": ["--no-text"]}


def run_process(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one child process."""
    script = (
        "import resource,subprocess,sys,time;"
        "t=time.perf_counter();"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "w=time.perf_counter()-t;"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(w, r.ru_utime+r.ru_stime, r.ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *cmd], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]) / 1024


def compile_sources() -> None:
    """Byte-compile compare/ and tui/ first, as installing the package does.

    With PYTHONDONTWRITEBYTECODE set and no __pycache__, every run would compile some forty
    modules from source again (about 0.09 s), which no installed copy does.
    """
    import compileall

    for package in ("compare", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def headless_pairs(samples: Path) -> list[tuple[str, Path, Path]]:
    """The seed pairs, and one pair of the longer 政府工作报告 samples when they are here."""
    seeds = seed_paths()
    pairs = [(f"{seeds[i].name[:3]}–{seeds[j].name[:3]}", seeds[i], seeds[j]) for i, j in SEED_PAIRS]
    a, b = (samples / name for name in SAMPLE_PAIR)
    if a.is_file() and b.is_file():
        pairs.append((f"{a.stem.split('_')[0]} {a.stem[-4:]}–{b.stem[-4:]}", a, b))
    return pairs


def headless_table(runs: int, samples: Path = SAMPLES) -> list[str]:
    exe = [sys.executable, "-m", "reportdiff.tui"]
    rows = ["| pair | diff | wall s | CPU s | peak MB |", "|---|---|---:|---:|---:|"]
    for name, a, b in headless_pairs(samples):
        for variant, extra in VARIANTS.items():
            ours = [run_process([*exe, "diff", str(a), str(b), *extra]) for _ in range(runs)]
            rows.append(
                f"| {name} | {variant} "
                f"| {statistics.median(w for w, _, _ in ours):.3f} "
                f"| {statistics.median(c for _, c, _ in ours):.3f} "
                f"| {statistics.median(m for _, _, m in ours):.0f} |"
            )
        git = [run_process(["git", "diff", "--no-index", "--word-diff", str(a), str(b)]) for _ in range(runs)]
        rows.append(
            f"| {name} | git word-diff | {statistics.median(w for w, _, _ in git):.3f} "
            f"| {statistics.median(c for _, c, _ in git):.3f} | {statistics.median(m for _, _, m in git):.0f} |"
        )
    return rows


# --- 2. scaling --------------------------------------------------------------------------
def synthetic_report(times: int, rng: random.Random) -> str:
    """A report about ``times`` a seed's size: seeds concatenated, numbers and order perturbed."""
    texts = [p.read_text(encoding="utf-8") for p in seed_paths()]
    parts = []
    target = len(texts[0]) * times
    total = 0
    k = 0
    while total < target:
        t = texts[k % len(texts)]
        paras = t.split("\n")
        if k:  # later copies: shuffle paragraphs within the body, change numbers
            body = paras[5:]
            rng.shuffle(body)
            paras = paras[:5] + body
        chunk = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), "\n".join(paras))
        parts.append(chunk)
        total += len(chunk)
        k += 1
    return "\n".join(parts)[:target]


def stage_costs(path_a: Path, path_b: Path) -> dict[str, tuple[float, float]]:
    """Seconds and traced peak MB of each pipeline stage, in pipeline order.

    Times come from a pass without tracing (tracemalloc slows allocation-heavy code several
    times over), peaks from a second pass with it.
    """
    times = _run_stages(path_a, path_b, trace=False)
    peaks = _run_stages(path_a, path_b, trace=True)
    return {name: (times[name], peaks[name]) for name in times}


def _run_stages(path_a: Path, path_b: Path, trace: bool) -> dict[str, float]:
    from reportdiff.compare import pipeline
    from reportdiff.compare.align import align
    from reportdiff.compare.export_markdown import to_markdown
    from reportdiff.compare.initiatives import match_initiatives
    from reportdiff.compare.load import load_report
    from reportdiff.compare.metrics import match_metrics
    from reportdiff.compare.structure import parse_structure

    state: dict[str, object] = {}

    def load():
        state["a"], state["b"] = load_report(path_a), load_report(path_b)

    def parse():
        state["a"], state["b"] = parse_structure(state["a"]), parse_structure(state["b"])

    def do_align():
        state["al"] = align(state["a"], state["b"])

    def metrics():
        state["m"] = match_metrics(state["a"], state["b"], state["al"])
        state["i"] = match_initiatives(state["a"], state["b"])

    def diff():
        from reportdiff.compare.model import Comparison

        c = Comparison(state["a"], state["b"], state["al"], state["m"], state["i"])
        diffs = pipeline.PairDiffs(c)
        for pair in c.alignment.pairs:
            diffs(pair)
        state["c"], state["diffs"] = c, diffs

    def export():
        to_markdown(state["c"], pair_diffs=state["diffs"])

    out = {}
    for name, fn in [("load", load), ("parse", parse), ("align", do_align),
                     ("metrics", metrics), ("diff", diff), ("export", export)]:
        if trace:
            tracemalloc.start()
            fn()
            out[name] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        else:
            t = time.perf_counter()
            fn()
            out[name] = time.perf_counter() - t
    return out


def scaling_table(sizes: list[int]) -> list[str]:
    rng = random.Random(7)
    stages = ["load", "parse", "align", "metrics", "diff", "export"]
    results: dict[int, dict[str, tuple[float, float]]] = {}
    chars: dict[int, int] = {}
    whole: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        # warm-up: the segmenter dictionary loads once per process, not per size
        stage_costs(seed_paths()[0], seed_paths()[1])
        for n in sizes:
            a, b = Path(tmp, f"a{n}.txt"), Path(tmp, f"b{n}.txt")
            a.write_text(synthetic_report(n, rng), encoding="utf-8")
            b.write_text(synthetic_report(n, rng), encoding="utf-8")
            chars[n] = len(a.read_text(encoding="utf-8"))
            results[n] = stage_costs(a, b)
            whole[n] = run_process([sys.executable, "-m", "reportdiff.tui", "diff", str(a), str(b), "--format", "md"])[::2]
    head = ("| size | chars | " + " | ".join(f"{s} s (MB)" for s in stages)
            + " | stages s | whole process s (MB) |")
    rows = [head, "|" + "---|" * (len(stages) + 4)]
    for n in sizes:
        r = results[n]
        cells = " | ".join(f"{r[s][0]:.3f} ({r[s][1]:.0f})" for s in stages)
        rows.append(f"| {n}x | {chars[n]} | {cells} | {sum(v[0] for v in r.values()):.2f} "
                    f"| {whole[n][0]:.2f} ({whole[n][1]:.0f}) |")
    for lo, hi in zip(sizes, sizes[1:]):
        ratio = math.log(chars[hi] / chars[lo])
        exps = []
        for s in stages + ["total", "whole"]:
            if s == "whole":
                t_lo, t_hi = whole[lo][0], whole[hi][0]
            elif s == "total":
                t_lo = sum(v[0] for v in results[lo].values())
                t_hi = sum(v[0] for v in results[hi].values())
            else:
                t_lo, t_hi = results[lo][s][0], results[hi][s][0]
            exps.append(f"{math.log(max(t_hi, 1e-6) / max(t_lo, 1e-6)) / ratio:.2f}")
        rows.append(f"| exponent {lo}x→{hi}x | | " + " | ".join(exps) + " |")
    return rows


# --- 3. the app ----------------------------------------------------------------------------
def app_table(runs: int) -> list[str]:
    """Each run is a fresh process (``benchmarks/app_startup.py``), so imports are counted."""
    seeds = seed_paths()
    samples = []
    for _ in range(runs):
        sample = {}
        for reports in ([str(seeds[0]), str(seeds[3])], []):  # a seed pair, then the picker
            launched = time.time()
            out = subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "app_startup.py"),
                 *reports, "--launched-at", repr(launched)],
                capture_output=True, text=True, check=True,
            ).stdout
            sample.update(json.loads(out.strip().splitlines()[-1]))
        samples.append(sample)
    targets = {"first screen": 500, "comparison": 1000, "next pair": 50, "max UI stall": 100,
               "picker: first screen": 500, "picker: max UI stall": 100}
    rows = ["| measure | median ms | worst ms | target ms |", "|---|---:|---:|---:|"]
    for k in samples[0]:
        values = [s[k] * 1000 for s in samples]
        rows.append(
            f"| {k} | {statistics.median(values):.0f} | {max(values):.0f} | {targets.get(k, '')} |"
        )
    return rows


def _reference_loop() -> float:
    """Seconds for 10 million additions in pure Python, best of three: the same machine's speed
    wanders from one minute to the next, and machines differ, so the timings come with it."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1,4,16,64")
    ap.add_argument("--skip-app", action="store_true")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--samples", type=Path, default=SAMPLES, help="folder of the longer sample reports")
    args = ap.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"its speed: {_reference_loop():.2f} s for a reference loop of 10 million additions\n"
    )
    compile_sources()
    print("## Headless Markdown export (whole process)\n")
    print("\n".join(headless_table(args.runs, args.samples)))
    print(f"\n(reference loop after the table: {_reference_loop():.2f} s)")
    if not args.skip_scaling:
        print("\n## Scaling by stage\n")
        print("\n".join(scaling_table([int(s) for s in args.sizes.split(",")])))
        print(f"\n(reference loop after the table: {_reference_loop():.2f} s)")
    if not args.skip_app:
        print("\n## The app at 80x24\n")
        print("\n".join(app_table(args.runs)))
        print(f"\n(reference loop after the table: {_reference_loop():.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
