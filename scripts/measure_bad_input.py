"""Time and peak memory of every bad-input case through the command line.

    .venv/bin/python scripts/measure_bad_input.py            # every case of tests/bad_inputs.py
    .venv/bin/python scripts/measure_bad_input.py --limits   # also two files at the text limit
    .venv/bin/python scripts/measure_bad_input.py --html     # HTML text extraction on hostile markup

Each case runs ``python -m reportdiff.tui diff A B --format json`` in a child process; the wall time and
the child's peak resident memory (from ``wait4``) are printed with its exit status and the
first words of its error line.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def run(a: str, b: str) -> tuple[int, float, float, str]:
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportdiff.tui", "diff", a, b, "--format", "json"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, time.perf_counter() - t, usage.ru_maxrss / 1024, err.strip()


def short_lines(n_chars: int, seed: int) -> str:
    from reportdiff.compare.seeds import seed_paths

    pieces = [ln[i : i + 20] for p in seed_paths() for ln in p.read_text(encoding="utf-8").split("\n")
              for i in range(0, len(ln), 20) if ln.strip()]
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < n_chars:
        s = rng.choice(pieces)
        out.append(s)
        total += len(s) + 1
    return "\n".join(out)[:n_chars]


def html_timings() -> None:
    """The time of HTML text extraction alone (in this process) on hostile markup."""
    from reportdiff.compare.read_html import html_text as _html_text
    from reportdiff.compare.model import ReportError
    from reportdiff.compare.seeds import seed_paths

    text = seed_paths()[0].read_text(encoding="utf-8")
    para = "".join(f"<p>{ln}</p>" for ln in text.split("\n") if ln.strip())
    cases = {
        "1,000 nested <div>": "<html><body>" + "<div>" * 1000 + para + "</div>" * 1000,
        "100,000 nested <div>": "<html><body>" + "<div>" * 100_000 + para + "</div>" * 100_000,
        "20,000 unclosed <span>": "<html><body>" + para + "<span>x" * 20_000,
        "80,000 <span> + 80,000 stray </b>": "<html><body>" + para + "<span>x" * 80_000 + "</b>" * 80_000,
        "1,000,000 x '<x' (no '>')": "<html><body>" + para + "<x" * 1_000_000,
        "1,000,000 x '<'": "<html><body>" + para + "<" * 1_000_000,
        "unclosed comment, 1 MB": "<html><body>" + para + "<!-- " + "x" * 1_000_000,
        "7,000,000 x '<b>' (21 MB)": "<html><body>" + para + "<b>" * 7_000_000,
    }
    for name, markup in cases.items():
        data = markup.encode("utf-8")
        t = time.perf_counter()
        try:
            out = f"{len(_html_text(Path('x.html'), data)[0]):,} characters of text"
        except ReportError as e:
            out = str(e).split(": ", 1)[1]
        print(f"{name:36s} {len(data) / 1e6:6.2f} MB {time.perf_counter() - t:6.2f} s  {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limits", action="store_true", help="also two files of short lines at the text limit")
    ap.add_argument("--html", action="store_true", help="only HTML text extraction on hostile markup")
    args = ap.parse_args()
    if args.html:
        html_timings()
        return
    from bad_inputs import CASES, build

    print(f"{'case':28s} {'status':>6s} {'time':>7s} {'peak RSS':>9s}  message")
    for case in CASES:
        if case.skip_reason:
            continue
        with tempfile.TemporaryDirectory() as d:
            a, b = build(case, Path(d))
            status, secs, rss, err = run(str(a), str(b))
        print(f"{case.name:28s} {status:6d} {secs:6.2f}s {rss:7.0f} MB  {err[:70]}")
    if args.limits:
        from reportdiff.compare.load import MAX_CHARS

        with tempfile.TemporaryDirectory() as d:
            for n in (MAX_CHARS // 5, MAX_CHARS):
                pa, pb = Path(d, f"a{n}.txt"), Path(d, f"b{n}.txt")
                pa.write_text(short_lines(n, 1), encoding="utf-8")
                pb.write_text(short_lines(n, 2), encoding="utf-8")
                status, secs, rss, err = run(str(pa), str(pb))
                print(f"{f'2 x {n:,} chars':28s} {status:6d} {secs:6.2f}s {rss:7.0f} MB  {err[:70]}")


if __name__ == "__main__":
    main()
