"""Section-alignment accuracy on the seed reports, scored with the hand labels.

Run:  .venv/bin/python benchmarks/alignment_accuracy.py [--gold PATH] [--quiet] [--fit]

For all 20 ordered pairs (A, B) of the five seeds, every labelled heading of A (gold file:
heading prefix -> topic codes) is located in A (the section whose normalised heading starts
with the gold heading) and scored:

* right when its partners in B all share a topic with it (a partner's topics are its own
  label, else its nearest labelled ancestor's, else the union of its labelled descendants',
  else PROBLEMS / NEXT for a section the parser marks as problems / next steps: the gold
  file labels those in one seed only),
* or when it has no partner and no labelled section of B has any of its topics.

Partners of a section: the B sections paired with it; for a section that is not aligned
itself, the partners of the unit that contains it (an ancestor aligned as a whole) or else
the union of its descendants' partners (a container represented by its sub-topics).

Printed: a table per pair, overall accuracy, the same under three transformations of B
(converted to traditional script; sections shuffled and renumbered at every level; headings
reworded with synonyms) and a heading-only rapidfuzz baseline (each labelled section of A
paired with the B section whose heading is most similar, WRatio).

``--fit`` refits the logistic score model (compare.align.COEF) on the labelled unit pairs and
prints the coefficients, with leave-one-report-out accuracy so the fit can be judged on
reports it has not seen.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from compare import align as align_mod  # noqa: E402
from compare.align import align  # noqa: E402
from compare.load import load_report, load_text  # noqa: E402
from compare.model import Alignment, Report  # noqa: E402
from compare.normalize import normalise  # noqa: E402
from compare.seeds import seed_paths  # noqa: E402
from compare.structure import parse_structure  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "gold_topics.json"

# Synonyms a writer might use for the same heading (reworded-heading transformation).
SYNONYMS = (
    ("加强", "强化"), ("强化", "加强"), ("推进", "推动"), ("深化", "深入推进"), ("健全", "完善"),
    ("不断", "持续"), ("提升", "提高"), ("提高", "增强"), ("落实", "贯彻"), ("严格", "从严"),
    ("建立", "构建"), ("机制", "制度"), ("体系", "体制"), ("工作", "事务"), ("水平", "能力"),
    ("全面", "全方位"), ("积极", "主动"), ("依法", "按法"), ("开展", "实施"), ("改革", "革新"),
    ("规范", "标准"), ("有效", "切实"), ("大力", "着力"), ("管理", "治理"), ("成效", "效果"),
)

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


# --------------------------------------------------------------------------- gold


@dataclass
class Labelled:
    report: Report
    labels: dict[str, tuple[str, ...]]  # section id -> gold topics
    missing: list[str]  # gold headings not found


def norm_heading(report: Report, heading: str) -> str:
    return re.sub(r"\s+", "", normalise(heading, report.script).text)


def locate(report: Report, gold: list, reword: Callable[[str], str] = lambda h: h) -> Labelled:
    heads = [(s.id, norm_heading(report, s.heading)) for s in report.sections]
    labels: dict[str, tuple[str, ...]] = {}
    missing = []
    for heading, topics in gold:
        key = re.sub(r"\s+", "", normalise(reword(heading)).text)
        sid = next((i for i, h in heads if h and h.startswith(key) and i not in labels), None)
        if sid is None:
            sid = next((i for i, h in heads if h and key.startswith(h) and len(h) >= 4 and i not in labels), None)
        if sid is None:
            missing.append(heading)
        else:
            labels[sid] = tuple(topics)
    return Labelled(report, labels, missing)


def topics_of(lab: Labelled, sid: str) -> set[str]:
    """Gold topics of any section: own label, nearest labelled ancestor, or labelled descendants."""
    r = lab.report
    if sid in lab.labels:
        return set(lab.labels[sid])
    s = r.section(sid)
    p = s.parent
    while p is not None:
        if p in lab.labels:
            return set(lab.labels[p])
        p = r.section(p).parent
    out: set[str] = set()
    for d in r.sections:
        if d.id in lab.labels and _is_descendant(r, d.id, sid):
            out |= set(lab.labels[d.id])
    if not out:
        # the gold file labels problems / next-steps sections in one seed only; elsewhere
        # such a section (as the parser marks it) stands for its own code
        kinds = {s.kind} | {r.section(a).kind for a in _ancestors(r, sid)}
        out = {code for kind, code in KIND_TOPICS.items() if kind in kinds}
    return out


KIND_TOPICS = {"problems": "PROBLEMS", "next_steps": "NEXT"}


def _ancestors(r: Report, sid: str) -> list[str]:
    out = []
    p = r.section(sid).parent
    while p is not None:
        out.append(p)
        p = r.section(p).parent
    return out


def _is_descendant(r: Report, sid: str, ancestor: str) -> bool:
    p = r.section(sid).parent
    while p is not None:
        if p == ancestor:
            return True
        p = r.section(p).parent
    return False


def partners(al: Alignment, r: Report, sid: str) -> tuple[bool, set[str]]:
    """(aligned?, partner ids) of an A section, following the rule in the module doc."""
    direct = [p for p in al.pairs if p.a == sid]
    if direct:
        return True, {p.b for p in direct if p.b}
    p = r.section(sid).parent
    while p is not None:
        anc = [q for q in al.pairs if q.a == p]
        if anc:
            return True, {q.b for q in anc if q.b}
        p = r.section(p).parent
    desc = [q for q in al.pairs if q.a and _is_descendant(r, q.a, sid)]
    return bool(desc), {q.b for q in desc if q.b}


def score_pair(al: Alignment, la: Labelled, lb: Labelled) -> tuple[int, int, list[str]]:
    b_topics = set().union(*lb.labels.values()) if lb.labels else set()
    b_topics |= {code for kind, code in KIND_TOPICS.items() if any(s.kind == kind for s in lb.report.sections)}
    right = 0
    errors = []
    for sid, gold in la.labels.items():
        _, ps = partners(al, la.report, sid)
        g = set(gold)
        if ps:
            ok = all(topics_of(lb, b) & g for b in ps)
        else:
            ok = not (g & b_topics)
        right += ok
        if not ok:
            sec = la.report.section(sid)
            bs = ", ".join(f"{lb.report.section(b).heading[:14]}{sorted(topics_of(lb, b))}" for b in sorted(ps))
            errors.append(f"{sec.heading[:18]}{list(gold)} -> {bs or 'unmatched'}")
    return right, len(la.labels), errors


# --------------------------------------------------------------------------- transformations


def to_traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


_NUM_STYLES = (
    (re.compile(r"^([(（])([一二三四五六七八九十]+)([)）])"), lambda m, k: f"{m[1]}{cn_number(k)}{m[3]}"),
    (re.compile(r"^([一二三四五六七八九十]+)(、)"), lambda m, k: f"{cn_number(k)}{m[2]}"),
    (re.compile(r"^([一二三四五六七八九十]+)(是)"), lambda m, k: f"{cn_number(k)}{m[2]}"),
    (re.compile(r"^([(（])(\d+)([)）])"), lambda m, k: f"{m[1]}{k}{m[3]}"),
    (re.compile(r"^(\d+)([.．、])"), lambda m, k: f"{k}{m[2]}"),
)


def _renumber(segment: str, k: int) -> str:
    lead = len(segment) - len(segment.lstrip())
    body = segment[lead:]
    for pat, make in _NUM_STYLES:
        m = pat.match(body)
        if m:
            return segment[:lead] + make(m, k) + body[m.end():]
    return segment


def shuffle_sections(report: Report, seed: int = 7) -> str:
    """The report's text with the sub-topic sections of every parent shuffled and renumbered."""
    rng = random.Random(seed)
    text = report.text
    kids: dict[str | None, list] = {}
    for s in report.sections:
        kids.setdefault(s.parent, []).append(s)

    def block(parent, start: int, end: int) -> str:
        children = kids.get(parent, [])
        if not children:
            return text[start:end]
        out = [text[start : children[0].start]]
        segs = []
        for n, c in enumerate(children):
            stop = children[n + 1].start if n + 1 < len(children) else end
            seg = block(c.id, c.start, stop)
            segs.append((c, seg if seg.endswith("\n") else seg + "\n"))
        movable = [i for i, (c, _) in enumerate(segs) if c.kind == "heading" and c.number]
        order = movable[:]
        rng.shuffle(order)
        placed = list(segs)
        for k, (slot, src) in enumerate(zip(movable, order), start=1):
            c, seg = segs[src]
            placed[slot] = (c, _renumber(seg, k))
        out.extend(seg for _, seg in placed)
        return "".join(out)

    top = kids.get(None, [])
    if not top:
        return text
    return block(None, 0, len(text))


def reword(heading: str, script: str = "simplified") -> str:
    """``heading`` with the synonym table applied, matched on its simplified form so a
    traditional heading (in whatever mix of variants) is reworded like a simplified one."""
    from compare.normalize import to_simplified

    simple = to_simplified(heading, script)  # same length, character for character
    out = []
    i = 0
    while i < len(heading):
        for src, dst in SYNONYMS:
            if simple.startswith(src, i):
                out.append(to_traditional(dst) if script == "traditional" else dst)
                i += len(src)
                break
        else:
            out.append(heading[i])
            i += 1
    return "".join(out)


def reword_headings(report: Report) -> str:
    """The report's text with every heading reworded by the synonym table (in its script)."""
    text = report.text
    pieces = []
    pos = 0
    for s in sorted(report.sections, key=lambda s: s.start):
        if not s.heading or s.kind != "heading":
            continue
        at = text.find(s.heading, s.start, s.body_start + len(s.heading) + 8)
        if at < pos or at < 0:
            continue
        pieces.append(text[pos:at])
        pieces.append(reword(s.heading, report.script))
        pos = at + len(s.heading)
    pieces.append(text[pos:])
    return "".join(pieces)


# --------------------------------------------------------------------------- runs


def baseline_alignment(a: Report, b: Report, la: Labelled) -> Alignment:
    """Heading-only: each labelled section of A -> the B section with the most similar heading."""
    from compare.model import SectionPair

    cands = [(s.id, norm_heading(b, s.heading)) for s in b.sections if s.heading and s.kind == "heading"]
    pairs = []
    for sid in la.labels:
        h = norm_heading(a, a.section(sid).heading)
        best = max(cands, key=lambda c: fuzz.WRatio(h, c[1]), default=None)
        pairs.append(SectionPair(a=sid, b=best[0] if best else None, score=0.0))
    return Alignment(pairs=tuple(pairs), similarity=0.0)


def evaluate(reports, gold, transform=None, aligner="aligner", verbose=False, label="plain"):
    names = [p.name for p in seed_paths()]
    labelled = {n: locate(reports[n], gold[n]) for n in names}
    variants = {}
    if transform is not None:
        for n in names:
            text, rew = transform(reports[n])
            r = parse_structure(load_text(text, path=n))
            variants[n] = locate(r, gold[n], rew)
    total_right = total = 0
    rows = []
    t0 = time.perf_counter()
    for x, y in itertools.permutations(names, 2):
        la = labelled[x]
        lb = variants.get(y, labelled[y])
        if aligner == "baseline":
            al = baseline_alignment(la.report, lb.report, la)
        else:
            al = align(la.report, lb.report)
        right, n, errors = score_pair(al, la, lb)
        total_right += right
        total += n
        rows.append((x[:3], y[:3], right, n, errors, len(lb.missing)))
    elapsed = time.perf_counter() - t0
    if verbose:
        print(f"\n== {label}")
        print(f"{'A':>4} {'B':>4} {'right':>6} {'of':>4} {'acc':>6}")
        for xa, yb, right, n, errors, missing in rows:
            note = f"  ({missing} gold headings of B not found)" if missing else ""
            print(f"{xa:>4} {yb:>4} {right:>6} {n:>4} {right / n:>6.2f}{note}")
            for e in errors:
                print(f"{'':>10}x {e}")
    return total_right / total if total else 0.0, total_right, total, elapsed


# --------------------------------------------------------------------------- fitting


def _training_rows(reports, gold, names):
    rows = []
    labelled = {n: locate(reports[n], gold[n]) for n in names}
    for x, y in itertools.permutations(names, 2):
        ctx = align_mod._context(reports[x], reports[y])
        la, lb = labelled[x], labelled[y]
        for (i, j), f in ctx.features.items():
            ua, ub = ctx.a.units[i], ctx.b.units[j]
            if ua.zone != "heading":
                continue
            ta, tb = topics_of(la, ua.id), topics_of(lb, ub.id)
            if not ta or not tb:
                continue
            rows.append((f, 1.0 if ta & tb else 0.0, x, y))
    return rows


def fit_logistic(rows, l2: float = 1.0, iters: int = 25) -> tuple[float, ...]:
    """Logistic regression by Newton's method (a handful of features: no dependency needed);
    ``l2`` is a small ridge penalty on the feature weights."""
    k = len(rows[0][0]) + 1
    w = [0.0] * k
    for _ in range(iters):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for f, yv, *_ in rows:
            x = (1.0, *f)
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(min(z, 30), -30)))
            for m in range(k):
                grad[m] += (p - yv) * x[m]
                for q in range(k):
                    hess[m][q] += p * (1 - p) * x[m] * x[q]
        for m in range(1, k):
            grad[m] += l2 * w[m]
            hess[m][m] += l2
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(si) for si in step) < 1e-6:
            break
    return tuple(round(v, 2) for v in w)


def _solve(m: list[list[float]], v: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(v)
    a = [row[:] + [v[i]] for i, row in enumerate(m)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[piv] = a[piv], a[c]
        for r in range(n):
            if r != c and a[c][c]:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [a[i][n] / a[i][i] if a[i][i] else 0.0 for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--quiet", action="store_true", help="only the summary lines")
    ap.add_argument("--fit", action="store_true", help="refit the score model and cross-validate it")
    args = ap.parse_args()
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    reports = {p.name: parse_structure(load_report(p)) for p in seed_paths()}
    names = list(reports)

    if args.fit:
        rows = _training_rows(reports, gold, names)
        topical = [(f[:5], yv, x, y) for f, yv, x, y in rows if f[5]]
        plain = [(f[:3], yv, x, y) for f, yv, x, y in rows]
        coef = fit_logistic(topical)
        print(f"COEF fitted on {len(topical)} unit pairs: {coef}   (current {align_mod.COEF})")
        coef2 = fit_logistic(plain)
        print(f"COEF_NO_TOPIC fitted on {len(plain)} unit pairs: {coef2}   (current {align_mod.COEF_NO_TOPIC})")
        cv_right = cv_total = 0
        saved = align_mod.COEF, align_mod.COEF_NO_TOPIC
        for held in names:
            align_mod.COEF = fit_logistic([r for r in topical if held not in (r[2], r[3])])
            align_mod.COEF_NO_TOPIC = fit_logistic([r for r in plain if held not in (r[2], r[3])])
            labelled = {n: locate(reports[n], gold[n]) for n in names}
            for x, y in itertools.permutations(names, 2):
                if held not in (x, y):
                    continue
                al = align(reports[x], reports[y])
                right, n, _ = score_pair(al, labelled[x], labelled[y])
                cv_right += right
                cv_total += n
        align_mod.COEF, align_mod.COEF_NO_TOPIC = saved
        print(f"leave-one-report-out accuracy: {cv_right / cv_total:.3f} ({cv_right}/{cv_total})")
        return

    runs = [
        ("plain", None),
        ("B in traditional script", lambda r: (to_traditional(r.text), lambda h: h)),
        ("B shuffled and renumbered", lambda r: (shuffle_sections(r), lambda h: h)),
        ("B headings reworded", lambda r: (reword_headings(r), reword)),
    ]
    summary = []
    for label, tf in runs:
        acc, right, total, secs = evaluate(reports, gold, tf, verbose=not args.quiet, label=label)
        summary.append((label, acc, right, total, secs))
    acc, right, total, secs = evaluate(reports, gold, None, aligner="baseline", verbose=False)
    summary.append(("baseline: heading-only rapidfuzz", acc, right, total, secs))
    print("\n== summary over 20 ordered seed pairs")
    for label, acc, right, total, secs in summary:
        print(f"{label:<36} accuracy {acc:.3f}  ({right}/{total})  {secs:.1f}s")


if __name__ == "__main__":
    main()
