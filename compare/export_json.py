"""The comparison as a JSON-ready dict with the stable ``reportdiff/1`` shape."""

from __future__ import annotations

from typing import Any

from .model import Comparison, Initiative, Metric, Report, SharedInitiative

SCHEMA = "reportdiff/1"


def _report(report: Report) -> dict[str, Any]:
    m = report.meta
    return {
        "path": report.path,
        "title": m.title,
        "organization": m.organization,
        "year": m.year,
        "published": m.published,
        "sections": [
            {
                "id": s.id,
                "parent": s.parent,
                "level": s.level,
                "number": s.number,
                "heading": s.heading,
                "kind": s.kind,
                "start": s.start,
                "end": s.end,
            }
            for s in report.sections
        ],
    }


def _metric(m: Metric | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"value": m.value, "unit": m.unit, "text": m.text, "section": m.section}


def _initiative(i: Initiative) -> dict[str, Any]:
    return {"key": i.key, "name": i.name, "kind": i.kind, "sections": list(i.sections)}


def _shared(s: SharedInitiative) -> dict[str, Any]:
    return {"key": s.key, "generic": s.generic, "a": _initiative(s.a), "b": _initiative(s.b)}


def to_json(comparison: Comparison) -> dict[str, Any]:
    """A plain dict (json.dumps-ready) describing the whole comparison."""
    c = comparison
    return {
        "schema": SCHEMA,
        "a": _report(c.a),
        "b": _report(c.b),
        "pairs": [{"a": p.a, "b": p.b, "score": round(p.score, 4)} for p in c.alignment.pairs],
        "metrics": [
            {"label": m.label, "status": m.status, "a": _metric(m.a), "b": _metric(m.b)}
            for m in c.metrics
        ],
        "initiatives": {
            "shared": [_shared(s) for s in c.initiatives.shared],
            "only_a": [_initiative(i) for i in c.initiatives.only_a],
            "only_b": [_initiative(i) for i in c.initiatives.only_b],
        },
    }
