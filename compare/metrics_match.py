"""Pairing the figures of two reports that count the same thing.

A pair is only worth showing when both sides count the same thing, so the matcher prefers
leaving a figure unpaired to pairing different things. For each figure it knows:

* the counted thing (its label without fillers such as 其中, 各类, 全区, 共 and quotes);
* the action before the number (受理 / 办结 / 出台 / 废止 …, ``figure_sides.ACTIONS``): two figures whose
  actions differ count different things;
* narrowing scope words in the label (涉企, 其他, 新增 …, ``figure_sides.SCOPE``): a part is not its whole;
* whether it is a bound or a target (不低于, 突破): never paired with a result;
* its unit, paired only within one family (场 / 场次, 件 / 宗, 人 / 名; see
  ``compare/data/metric_units.json``);
* its sentence, as character bigrams weighted by how rare they are in the two reports.

A candidate pair needs a compatible unit, no veto, and a shared character in the counted
things (or two unlabelled figures in very similar sentences). Its score mixes the similarity of
the counted things, of the sentences and of the words right around the numbers, the section
alignment (a strong prior, not a gate), equal values and relative position
(``MatchParams``). The pairs are then chosen one to one over the whole report pair, maximising
the total margin above the acceptance score (``scipy.optimize.linear_sum_assignment`` on each
connected group of candidates), so a figure is never taken by a weaker partner because of the
order in which the candidates were seen.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from .assignment import assign_one_to_one
from .figure_sides import FigureSide as _Side, read_side
from .figures import written_change
from .metric_labels import has_verb
from .metric_similarity import (
    cosine,
    different_kinds,
    inserted_kind,
    label_similarity,
    other_bases,
    part_of,
    ratio,
    weighted,
)
from .metric_units import GENERAL_CLASSIFIER, case_kinds, classifier_compatible
from .model import Alignment, MetricMatch, Report


@dataclass(frozen=True)
class MatchParams:
    """Weights and thresholds of figure pairing.

    Defaults were chosen on the three tuning pairs of ``benchmarks/data`` (``python
    benchmarks/metrics_pairs.py`` prints tuned and held-out scores) and checked against the
    synthetic copies of ``benchmarks/metrics_recall.py``.
    """

    w_label: float = 0.40  # similarity of the counted things
    w_sentence: float = 0.25  # similarity of the sentences (rare bigrams weigh more)
    w_window: float = 0.15  # the words right around the numbers
    w_anchor: float = 0.15  # similarity of what the sentence's first figure counts (罚款 of which 案件)
    w_section: float = 0.12  # both in an aligned pair of sections (or their sub-sections)
    w_value: float = 0.05  # equal values
    w_position: float = 0.03  # similar relative position in the report
    min_score: float = 0.42  # a pair scoring below this is left out
    min_label: float = 0.30  # below this label similarity the sentence must carry the pair
    min_sentence_alone: float = 0.55  # sentence similarity that carries weakly labelled pairs
    full_limit: int = 150  # B figures of one unit family below which every pair is scored
    same_label_nearest: int = 8  # above it, B figures with the same counted thing nearest in position
    rare_gram: int = 100  # and B figures sharing a character pair that at most this many labels use
    exact_assignment_limit: int = 400  # larger connected groups of candidates are paired greedily
    window_left: int = 16
    window_right: int = 10


DEFAULT_PARAMS = MatchParams()

def _side(report: Report, params: MatchParams) -> _Side:
    return read_side(report, params.window_left, params.window_right)


def match_metrics(
    a: Report, b: Report, alignment: Alignment, params: MatchParams = DEFAULT_PARAMS
) -> tuple[MetricMatch, ...]:
    """Pair A's figures with B's one to one: same, changed, only_a, only_b.

    Order: A's figures in text order (with their partner), then B-only figures.
    """
    return pair_figures(_side(a, params), _side(b, params), _aligned_section_pairs(a, b, alignment), params)


def pair_figures(sa: _Side, sb: _Side, aligned: set, params: MatchParams, full: bool | None = None):
    """The matches of two prepared sides; ``full`` forces scoring every pair (True) or the
    indexed shortlist (False); by default the shortlist is used only for large unit groups."""
    idf = _idf(sa, sb)
    vec_a = [weighted(g, idf) for g in sa.sentence_grams]
    vec_b = [weighted(g, idf) for g in sb.sentence_grams]
    na, nb = len(sa.metrics), len(sb.metrics)
    groups = _compatible_groups(sa, sb)
    index, by_label = _label_index(sb)
    edges: list[tuple[int, int, float, tuple[str, ...]]] = []
    memo: dict[tuple[int, int], float] = {}  # sentence similarity by (sentence of A, sentence of B)
    for i, ma in enumerate(sa.metrics):
        group = groups[ma.unit]
        use_full = full if full is not None else len(group) <= params.full_limit
        if use_full:
            cands = group
        else:
            members = set(group)
            expected = i * nb / max(na, 1)
            cands = [j for j in _shortlist(sa.labels[i], expected, index, by_label, params) if j in members]
        for j in cands:
            scored = _score(sa, i, sb, j, na, nb, vec_a, vec_b, aligned, params, memo)
            if scored is not None:
                edges.append((i, j, scored[0], scored[1]))
    chosen = assign_one_to_one(edges, params.min_score, params.exact_assignment_limit)
    return _matches(sa, sb, chosen)


def _idf(sa: _Side, sb: _Side) -> dict[str, float]:
    df: Counter = Counter()
    for g in sa.sentence_grams + sb.sentence_grams:
        df.update(g.keys())
    n = len(sa.sentence_grams) + len(sb.sentence_grams)
    return {k: math.log((1 + n) / (1 + v)) + 0.1 for k, v in df.items()}



def _compatible_groups(sa: _Side, sb: _Side) -> dict[str, list[int]]:
    """For each unit of A, the B figures whose unit measures the same way."""
    out: dict[str, list[int]] = {}
    for unit in {m.unit for m in sa.metrics}:
        out[unit] = [j for j, m in enumerate(sb.metrics) if classifier_compatible(unit, m.unit)]
    return out


# --------------------------------------------------------------------------- shortlist


def _grams_of_label(label: str) -> set[str]:
    return set(label) | {label[k:k + 2] for k in range(len(label) - 1)}


def _label_index(sb: _Side) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """B figures by the characters and character pairs of their counted thing, and by the
    counted thing itself (lists in text order)."""
    index: dict[str, list[int]] = defaultdict(list)
    by_label: dict[str, list[int]] = defaultdict(list)
    for j, label in enumerate(sb.labels):
        by_label[label].append(j)
        for g in _grams_of_label(label):
            index[g].append(j)
    return index, by_label


def _shortlist(label: str, expected: float, index, by_label, params: MatchParams) -> list[int]:
    """The B figures worth scoring in a large report: those with the same counted thing nearest
    to the expected position, and those sharing a rare character pair or character. On the long
    reports of the tests this gives the same pairs as scoring every pair."""
    same = by_label.get(label, [])
    k = bisect_left(same, expected)
    half = params.same_label_nearest // 2
    picked = set(same[max(0, k - half):k + half])
    for g in _grams_of_label(label):
        posting = index.get(g, [])
        if len(posting) <= params.rare_gram:
            picked.update(posting)
    return sorted(picked)


# --------------------------------------------------------------------------- scoring



def _score(sa: _Side, i: int, sb: _Side, j: int, na: int, nb: int, vec_a, vec_b, aligned,
           params: MatchParams, memo: dict) -> tuple[float, tuple[str, ...]] | None:
    """The score of pairing A's figure ``i`` with B's ``j`` and why; None when they cannot pair."""
    ma, mb = sa.metrics[i], sb.metrics[j]
    if sa.thresholds[i] != sb.thresholds[j]:
        return None  # a bound or target is not a result
    acts_a, acts_b = sa.actions[i], sb.actions[j]
    if acts_a and acts_b and not acts_a & acts_b:
        return None  # 出台 7件 is not 废止 7件
    if sa.scopes[i] != sb.scopes[j]:
        return None  # 涉企纠错 is a part of all 纠错
    if {sa.stocks[i], sb.stocks[j]} == {"flow", "stock"}:
        return None  # 新增…创新载体4家 are the year's new ones, not all of them (增至41个)
    la, lb = sa.labels[i], sb.labels[j]
    if not la and not lb:
        lab = 0.0
    elif not sa.label_chars[i] & sb.label_chars[j]:  # sets made once per figure, not per pair
        return None  # nothing counted in common
    elif different_kinds(la, lb) or inserted_kind(la, lb) or other_bases(la, lb):
        return None  # 法律援助案件 is not 信访案件; 行政执法监督人员 are not all 行政执法人员
    elif _kinds_differ(la, lb):
        return None  # 行政诉讼复议案件 counts two kinds together: no count of 行政复议 alone
    elif la != lb and ((sa.breakdown[i] and part_of(lb, la, mb.unit) and not sb.breakdown[j])
                       or (sb.breakdown[j] and part_of(la, lb, ma.unit) and not sa.breakdown[i])):
        return None  # 国重信访件, one of several kinds of 信访件 in its sentence, is not all 信访件
    elif sa.quoted[i] and sb.quoted[j] and not _one_programme(sa.quoted[i], sb.quoted[j]):
        return None  # “网上办”事项 and “一网通办”事项: the quotes name two different kinds
    elif (sa.quoted[i] and not _named_in(sa.quoted[i], sb.sentence_texts[j])) or (
            sb.quoted[j] and not _named_in(sb.quoted[j], sa.sentence_texts[i])):
        return None  # “四门四访”44批次 is not 进门约访22批: the other sentence names no such programme
    elif ma.unit != mb.unit and GENERAL_CLASSIFIER in (ma.unit, mb.unit) and not _one_names_the_other(la, lb):
        return None  # 个 stands for any measure word: 940项 事项 is not 40个 部门
    elif la != lb and min(len(la), len(lb)) <= 2:
        # 单位 / 人员 alone say too little to pair on: the sentence must carry it; but 县政协…3件提案
        # is 政协提案 when its sentence names what the other label adds
        lab = 1.0 if _named_in_sentence(la, lb, sa.sentence_texts[i], sb.sentence_texts[j]) else 0.0
    else:
        lab = label_similarity(la, lb)
    key = (sa.sentences[i], sb.sentences[j])
    sent = memo.get(key)
    if sent is None:
        sent = memo[key] = cosine(vec_a[key[0]], vec_b[key[1]])
    if lab < params.min_label and sent < params.min_sentence_alone:
        return None
    xa, xb = sa.anchors[i], sb.anchors[j]
    anchor = label_similarity(xa, xb) if xa and xb else lab
    window = 0.6 * ratio(sa.left[i], sb.left[j]) + 0.4 * ratio(sa.right[i], sb.right[j])
    in_pair = (ma.section, mb.section) in aligned
    same_value = _close(ma.value, mb.value)
    position = 1.0 - abs(i / max(na, 1) - j / max(nb, 1))
    score = (params.w_label * lab + params.w_sentence * sent + params.w_window * window
             + params.w_anchor * anchor + params.w_section * in_pair + params.w_value * same_value + params.w_position * position)
    why: list[str] = []
    if lab >= 0.999:
        why.append("same_thing")
    elif lab >= params.min_label:
        why.append("similar_thing")
    if sent >= params.min_sentence_alone:
        why.append("similar_sentence")
    if in_pair:
        why.append("aligned_sections")
    if ma.unit != mb.unit:
        why.append("unit_family")
    if acts_a and acts_a == acts_b:
        why.append("same_action")
    return score, tuple(why)


def _named_in_sentence(la: str, lb: str, sent_a: str, sent_b: str) -> bool:
    """Whether the shorter label is the longer one's head and its sentence holds the rest."""
    short, sent, long_ = (la, sent_a, lb) if len(la) <= len(lb) else (lb, sent_b, la)
    rest = long_[: len(long_) - len(short)]
    # the rest names a kind (政协, 公立医院), not an action (实施项目, 改造公厕)
    return long_.endswith(short) and len(rest) >= 2 and rest in sent and not has_verb(rest)


_NAME_PARTS = re.compile(r"[·・]")


def _name_parts(quote: str) -> list[str]:
    """The parts of a quoted name joined by a middle dot (课堂革命·福田表达), each of three
    characters or more; a name without one is its own only part."""
    parts = [p for p in _NAME_PARTS.split(quote) if len(p) >= 3]
    return parts if len(parts) > 1 else [quote]


def _one_programme(qa: str, qb: str) -> bool:
    """Whether two quoted names are one programme: equal, or one a part of the other
    (“课堂革命·福田表达” and “福田表达”)."""
    return qa == qb or qa in _name_parts(qb) or qb in _name_parts(qa)


def _named_in(quote: str, text: str) -> bool:
    """Whether a sentence names the programme a quote names (or a part of it)."""
    return quote in text or any(p in text for p in _name_parts(quote) if p != quote)


def _kinds_differ(x: str, y: str) -> bool:
    """Whether one side counts several kinds of case together and the other not the same kinds."""
    kx, ky = case_kinds(x), case_kinds(y)
    return bool(kx) and bool(ky) and kx != ky and max(len(kx), len(ky)) >= 2


def _one_names_the_other(x: str, y: str) -> bool:
    """The same counted thing, or one inside the other (“一件事一次办”事项 / “一件事一次办”),
    long enough to name something on its own."""
    short, long_ = sorted((x, y), key=len)
    return len(short) >= 5 and short in long_


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is y
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _matches(sa: _Side, sb: _Side, chosen) -> tuple[MetricMatch, ...]:
    out: list[MetricMatch] = []
    used_b: set[int] = set()
    for i, ma in enumerate(sa.metrics):
        if i not in chosen:
            out.append(MetricMatch("only_a", ma.label, ma, None))
            continue
        j, why = chosen[i]
        used_b.add(j)
        mb = sb.metrics[j]
        same = _close(ma.value, mb.value) and _close(ma.upper, mb.upper)
        out.append(
            MetricMatch(
                "same" if same else "changed",
                ma.label or mb.label,
                ma,
                mb,
                difference=mb.value - ma.value,
                ratio=(mb.value / ma.value) if ma.value else None,
                change=written_change(ma, mb),
                why=why,
            )
        )
    for j, mb in enumerate(sb.metrics):
        if j not in used_b:
            out.append(MetricMatch("only_b", mb.label, None, mb))
    return tuple(out)



# --------------------------------------------------------------------------- sections


def _aligned_section_pairs(a: Report, b: Report, alignment: Alignment) -> set[tuple[str | None, str | None]]:
    """(section of A, section of B) pairs that lie in an aligned pair or its sub-sections."""
    kids_a = _descendants(a)
    kids_b = _descendants(b)
    out: set[tuple[str | None, str | None]] = set()
    for p in alignment.pairs:
        if p.a is None or p.b is None:
            continue
        for x in kids_a.get(p.a, (p.a,)):
            for y in kids_b.get(p.b, (p.b,)):
                out.add((x, y))
    return out


def _descendants(report: Report) -> dict[str, tuple[str, ...]]:
    children: dict[str | None, list[str]] = {}
    for s in report.sections:
        children.setdefault(s.parent, []).append(s.id)
    out: dict[str, tuple[str, ...]] = {}

    def walk(sid: str) -> tuple[str, ...]:
        if sid in out:
            return out[sid]
        acc = [sid]
        for c in children.get(sid, ()):
            acc.extend(walk(c))
        out[sid] = tuple(acc)
        return out[sid]

    for s in report.sections:
        walk(s.id)
    return out
