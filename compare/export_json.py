"""The comparison as a JSON-ready dict with the stable ``reportdiff/1`` shape.

The shape is documented in docs/json.md and, as a JSON Schema, in
docs/reportdiff-1.schema.json (the tests validate every export against it). Keys are only
ever added, never renamed or removed, within ``reportdiff/1``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from . import sanitize
from .model import Comparison, Initiative, Metric, MetricMatch, Report, SectionDiff, SectionPair, SharedInitiative
from .pipeline import DiffSource, diff_source
from .present import PairIndex, pair_figures, pair_initiatives

SCHEMA = "reportdiff/1"


def _num(v: float | None) -> float | int | None:
    """A finite JSON number (integers as int), or None: JSON has no NaN or infinity."""
    if v is None or not math.isfinite(v):
        return None
    if v == int(v) and abs(v) < 2**53:
        return int(v)
    return round(v, 6)


def _score(v: float | None) -> float | None:
    return None if v is None or not math.isfinite(v) else round(v, 4)


def _report(report: Report, topics: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    m = report.meta
    return {
        "path": sanitize.show_path(report.path) if report.path else None,  # names shown escaped
        "title": m.title,
        "organization": m.organization,
        "year": m.year,
        "published": m.published,
        "sections": [
            {
                **_fields(s, "id parent level number heading kind start end body_start"),
                "topics": list(topics.get(s.id, ())),
            }
            for s in report.sections
        ],
        "period": m.period,
        "addressee": m.addressee,
        "signature": m.signature,
        "format": report.format,
        "encoding": report.encoding,
        "script": report.script,
        "length": len(report.text),
        "content_length": sum(ln.end - ln.start for ln in report.lines),
    }


def _fields(obj: Any, keys: str, /, **convert: Callable[[Any], Any]) -> dict[str, Any]:
    """``{name: obj.name}`` for the space-separated attribute names ``keys``, in that order,
    each value passed through ``convert[name]`` where one is given."""
    out = {}
    for name in keys.split():
        value = getattr(obj, name)
        out[name] = convert[name](value) if name in convert else value
    return out


def _metric(m: Metric | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return _fields(
        m,
        "value unit text section label qualifiers upper context start end scale threshold was",
        value=_num, qualifiers=list, upper=_num, was=_metric,
    )


def _metric_match(m: MetricMatch) -> dict[str, Any]:
    return _fields(
        m, "label status a b difference ratio change why", a=_metric, b=_metric, difference=_num, ratio=_num, why=list
    )


def _initiative(i: Initiative) -> dict[str, Any]:
    return _fields(i, "key name kind sections count generic names", sections=list, names=list)


def _shared(s: SharedInitiative) -> dict[str, Any]:
    return {"key": s.key, "generic": s.generic, "a": _initiative(s.a), "b": _initiative(s.b)}


def _diff_summary(d: SectionDiff) -> dict[str, Any]:
    return {
        "mode": d.mode,
        "similarity": _score(d.similarity),
        "deleted": sum(len(op.text) for op in d.ops if op.op == "delete"),
        "inserted": sum(len(op.text) for op in d.ops if op.op == "insert"),
        "shared": list(d.shared),
    }


def _pair(
    c: Comparison, p: SectionPair, diffs: DiffSource | None, index: dict[str, dict[int, int]], by_section: PairIndex
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "a": p.a,
        "b": p.b,
        "score": _score(p.score),
        "reason": list(p.reason),
        "topic": p.topic,
        "manual": p.manual,
        # what the pair covers (its sections and their sub-sections): indexes into the lists
        "metrics": [index["metrics"][id(m)] for m in pair_figures(c, p, by_section)],
        "initiatives": {
            key: [index[key][id(x)] for x in getattr(pair_initiatives(c, p, by_section), key)]
            for key in ("shared", "only_a", "only_b")
        },
    }
    if diffs is not None:
        out["diff"] = _diff_summary(diffs(p))
    return out


def to_json(comparison: Comparison, *, diffs: bool = True, pair_diffs: DiffSource | None = None) -> dict[str, Any]:
    """A plain dict (json.dumps-ready) describing the whole comparison.

    ``diffs`` adds each pair's text-difference summary, from ``pair_diffs`` (by default
    computed here, each once).
    """
    c = comparison
    al = c.alignment
    index = {
        "metrics": {id(m): k for k, m in enumerate(c.metrics)},
        **{key: {id(x): k for k, x in enumerate(getattr(c.initiatives, key))} for key in ("shared", "only_a", "only_b")},
    }
    by_section = PairIndex(c)
    source = diff_source(c, pair_diffs) if diffs else None
    return {
        "schema": SCHEMA,
        "a": _report(c.a, al.topics_a),
        "b": _report(c.b, al.topics_b),
        "pairs": [_pair(c, p, source, index, by_section) for p in al.pairs],
        "metrics": [_metric_match(m) for m in c.metrics],
        "initiatives": {
            "shared": [_shared(s) for s in c.initiatives.shared],
            "only_a": [_initiative(i) for i in c.initiatives.only_a],
            "only_b": [_initiative(i) for i in c.initiatives.only_b],
        },
        "alignment": {
            "similarity": _score(al.similarity),
            "parts": {name: _score(v) for name, v in al.parts},
        },
    }


# DEL, C1 controls, line/paragraph separators and bidi overrides: json.dumps leaves them raw
# with ensure_ascii=False; escaped, they can neither drive a terminal nor break a JS parser.
_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps_json(comparison: Comparison, *, diffs: bool = True, pair_diffs: DiffSource | None = None) -> str:
    """The JSON export as text: UTF-8-friendly (Chinese kept), no raw control characters."""
    data = to_json(comparison, diffs=diffs, pair_diffs=pair_diffs)
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"
