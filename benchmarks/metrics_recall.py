"""Recall and precision of metric matching on perturbed copies of the seed reports.

For every seed, COPIES copies are generated (seeded RNG): in each, a few extracted numbers are
changed (Arabic numbers to other Arabic numbers, Chinese numerals to other Chinese numerals),
a few sentences are reworded with synonyms, and fillers such as 共/累计 are dropped. The
original is compared with the copy (load, structure, alignment, ``match_metrics``).

Definitions (every edit's offsets are tracked, so each metric of A has a known place in B):

* a changed number is *found* when a ``changed`` match pairs that metric of A with the metric at
  its place in B, with the right old and new values;
* recall = found / changed numbers;
* precision = found / all non-``same`` matches (``changed`` + ``only_a`` + ``only_b``):
  anything else reported for untouched numbers (a spurious change, a pairing with the wrong
  metric, a metric left unmatched) counts against it;
* ``mispaired`` also counts ``same`` matches that pair a metric with the wrong place in B.

Run: ``.venv/bin/python benchmarks/metrics_recall.py [copies per seed]``.
"""

from __future__ import annotations

import random
import re
import sys
import time
from bisect import bisect_right
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.compare.align import align  # noqa: E402
from reportdiff.compare.load import load_text  # noqa: E402
from reportdiff.compare.metrics import extract_metrics, match_metrics  # noqa: E402
from reportdiff.compare.numerals import to_chinese  # noqa: E402
from reportdiff.compare.structure import parse_structure  # noqa: E402

COPIES = 40
CHANGES = (2, 4)  # numbers changed per copy
REWORDS = (2, 5)  # synonym substitutions per copy
DROPS = (1, 3)  # fillers dropped per copy

# (word, replacement) in both scripts: the traditional seed must be reworded too
SYNONYMS = [
    ("进一步", "持续"), ("加强", "强化"), ("推进", "推动"), ("积极", "主动"), ("深入", "扎实"),
    ("完善", "健全"), ("全面", "全方位"), ("开展", "组织开展"), ("有效", "切实"), ("认真", "扎实"),
    ("進一步", "持續"), ("加強", "強化"), ("推進", "推動"), ("積極", "主動"), ("深入", "扎實"),
    ("完善", "健全"), ("全面", "全方位"), ("開展", "組織開展"), ("有效", "切實"), ("認真", "扎實"),
]
FILLERS = ["累计", "共计", "共", "累計", "共計"]

_NUM = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两兩三四五六七八九十百千万萬亿億]+")


class Edits:
    """Non-overlapping replacements on a text, with the offset map from old to new text."""

    def __init__(self, text: str):
        self.text = text
        self.ops: list[tuple[int, int, str]] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y, _ in self.ops)

    def add(self, a: int, b: int, new: str) -> bool:
        if not self.free(a, b):
            return False
        self.ops.append((a, b, new))
        return True

    def apply(self) -> str:
        out, pos = [], 0
        for a, b, new in sorted(self.ops):
            out.append(self.text[pos:a])
            out.append(new)
            pos = b
        out.append(self.text[pos:])
        self.ops.sort()
        self._starts = [a for a, _, _ in self.ops]
        self._shift = []
        acc = 0
        for a, b, new in self.ops:
            acc += len(new) - (b - a)
            self._shift.append(acc)
        return "".join(out)

    def map(self, pos: int) -> int:
        """New offset of an old offset that lies outside every edit (or at an edit's start)."""
        k = bisect_right(self._starts, pos - 1) - 1  # edits starting strictly before pos
        return pos + (self._shift[k] if k >= 0 else 0)


def _new_number(rng: random.Random, written: str) -> str | None:
    """Another number written the same way as ``written`` (Arabic or Chinese)."""
    if written[0].isdigit():
        plain = written.replace(",", "")
        if "." in plain:
            whole, frac = plain.split(".")
            new = f"{float(plain) * rng.choice([0.7, 0.8, 1.25, 1.5]) + 0.01:.{len(frac)}f}"
        else:
            n = int(plain)
            new = str(max(1, n + rng.choice([-1, 1]) * rng.randint(1, max(2, n // 3 + 1))))
            if new == plain:
                new = str(n + 7)
        if "," in written:
            new = f"{int(float(new)):,}"
        return new if new != written else None
    # Chinese numeral: a single-character digit (两, 五 in 五万) becomes another digit
    digits = "二三四五六七八九"
    if len(written) == 1 and written in digits + "两兩":
        return rng.choice([d for d in digits if d != written and not (written in "两兩" and d == "二")])
    if len(written) >= 2 and written[0] in digits + "两兩" and written[1] in "万萬亿億十百千":
        return rng.choice([d for d in digits if d != written[0]]) + written[1:]
    return to_chinese(rng.randint(11, 99)) if written not in ("十",) else "十二"


def make_copy(rng: random.Random, text: str, metrics):
    """(copy text, edits, {metric index: (old value, new value)})."""
    edits = Edits(text)
    expected: dict[int, tuple[float, float]] = {}
    order = list(range(len(metrics)))
    rng.shuffle(order)
    chinese = [i for i in order if not metrics[i].text[:1].isdigit()]
    if chinese and rng.random() < 0.6:  # make sure Chinese numerals are changed too
        order.remove(chinese[0])
        order.insert(0, chinese[0])
    want = rng.randint(*CHANGES)
    for i in order:
        if len(expected) >= want:
            break
        m = metrics[i]
        if m.upper is not None:
            continue
        num = _NUM.search(m.text)
        if num is None or num.start() > 2:
            continue
        written = num.group(0)
        new = _new_number(rng, written)
        if new is None:
            continue
        a = m.start + num.start()
        b = a + len(written)
        if not edits.add(a, b, new):
            continue
        # the new value, computed the same way the extractor would
        factor = m.value / _plain_value(written, m) if _plain_value(written, m) else 1.0
        expected[i] = (m.value, _plain_value(new, m) * factor)
    # synonyms and dropped fillers, away from the changed numbers' own characters
    spots = [(mm.start(), mm.end(), new) for old, new in SYNONYMS for mm in re.finditer(old, text)]
    rng.shuffle(spots)
    for a, b, new in spots[: rng.randint(*REWORDS) * 3]:
        if edits.add(a, b, new) and sum(1 for op in edits.ops if op[2] in dict(SYNONYMS).values()) >= REWORDS[1]:
            break
    drops = [(mm.start(), mm.end()) for f in FILLERS for mm in re.finditer(f, text)]
    rng.shuffle(drops)
    dropped = 0
    for a, b in drops:
        if dropped >= rng.randint(*DROPS):
            break
        if edits.add(a, b, ""):
            dropped += 1
    return edits.apply(), edits, expected


def _plain_value(written: str, m) -> float:
    from reportdiff.compare.numerals import number_value

    return number_value(written) or 0.0


def evaluate(a_report, copy_text, edits, expected, metrics_a):
    b_report = parse_structure(load_text(copy_text))
    matches = match_metrics(a_report, b_report, align(a_report, b_report))
    index_a = {id(m): i for i, m in enumerate(metrics_a)}
    found = reports = mispaired = 0
    for mt in matches:
        if mt.status == "same":
            ia = _index(mt.a, metrics_a, index_a)
            if ia is not None and edits.map(metrics_a[ia].start) != mt.b.start:
                mispaired += 1
            continue
        reports += 1
        if mt.status != "changed":
            continue
        ia = _index(mt.a, metrics_a, index_a)
        if ia is None or ia not in expected:
            continue
        old, new = expected[ia]
        right_place = edits.map(metrics_a[ia].start) == mt.b.start
        if right_place and abs(mt.a.value - old) < 1e-6 and abs(mt.b.value - new) < 1e-6 * max(1, new):
            found += 1
    return found, len(expected), reports, mispaired


def _index(m, metrics_a, index_a):
    # metrics are frozen dataclasses, compared by value; offsets identify them
    for i, x in enumerate(metrics_a):
        if x.start == m.start and x.end == m.end:
            return i
    return None


def main(copies: int = COPIES) -> int:
    t0 = time.time()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    rows = []
    tot = [0, 0, 0, 0, 0]
    for k, path in enumerate(seeds):
        text = path.read_text(encoding="utf-8")
        a = parse_structure(load_text(text, str(path)))
        metrics_a = extract_metrics(a)
        rng = random.Random(1000 + k)
        f = e = r = mp = 0
        for _ in range(copies):
            copy_text, edits, expected = make_copy(rng, a.text, metrics_a)
            cf, ce, cr, cm = evaluate(a, copy_text, edits, expected, metrics_a)
            f, e, r, mp = f + cf, e + ce, r + cr, mp + cm
        rows.append((path.name[:24], len(metrics_a), e, f, r, mp))
        for i, v in enumerate((len(metrics_a), e, f, r, mp)):
            tot[i] += v
    print(f"{'seed':26}{'metrics':>8}{'changed':>9}{'found':>7}{'reports':>9}{'mispaired':>10}"
          f"{'recall':>8}{'precision':>10}")
    for name, n, e, f, r, mp in rows + [("TOTAL", *tot)]:
        rec = f / e if e else 1.0
        prec = f / r if r else 1.0
        print(f"{name:26}{n:>8}{e:>9}{f:>7}{r:>9}{mp:>10}{rec:>8.3f}{prec:>10.3f}")
    print(f"{copies} copies per seed, {time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else COPIES))
