"""A metric match as every view shows it: both labels as written, old and new value, the change."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Metric, MetricMatch

_SCALE = {"万": 1e4, "亿": 1e8, "万亿": 1e12}


def written_change(a: Metric, b: Metric) -> str:
    """The change from ``a`` to ``b`` as a reader writes it: +300亿元, -2.1个百分点, +7件.

    A change between two percentages is given in 个百分点; amounts keep the larger scale the
    reports use (亿, 万).
    """
    diff = b.value - a.value
    if not math.isfinite(diff):
        return ""
    if a.unit in ("%", "‰") and b.unit == a.unit:
        unit = "个百分点" if a.unit == "%" else "个千分点"
        return _signed(diff) + unit
    scale = max((a.scale, b.scale), key=lambda s: _SCALE.get(s, 1.0))
    unit = b.unit or a.unit
    return _signed(diff / _SCALE.get(scale, 1.0)) + scale + unit


def _signed(x: float) -> str:
    if abs(x) < 1e-12:
        return "0"
    text = f"{x:+.2f}".rstrip("0").rstrip(".")
    return text



def format_number(v: float | None) -> str:
    """A number as a reader writes it: integers without ".0", at most two decimals."""
    if v is None or not math.isfinite(v):
        return "—"
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Figure:
    """A metric of A and/or B as every view shows it: labels and values as written, change."""

    match: MetricMatch
    status: str
    label_a: str | None  # what is counted, in A's words
    label_b: str | None  # in B's words
    old: str | None  # A's quantity as written ("12次")
    new: str | None  # B's quantity as written
    change: str | None  # "+3次 (+25%)" for a changed figure, None otherwise
    relative: float | None  # |b/a - 1|, how large the change is
    reasons: tuple[str, ...]  # why the two were paired: codes of model.PAIRING_REASONS
    pair: int | None  # 1-based number of the part that discusses it


def _written(m: Metric | None) -> str | None:
    if m is None:
        return None
    return m.text.strip() or f"{format_number(m.value)}{m.unit}"


def _side_label(match: MetricMatch, side: str) -> str | None:
    metric = match.a if side == "a" else match.b
    if metric is None:
        return None
    return (metric.label or match.label or "").strip() or None


def metric_change(m: MetricMatch) -> str | None:
    """The change as a reader writes it with the relative change, e.g. ``+3次 (+25%)``.

    None unless the figure changed. The absolute part is the matcher's ``change`` (+300亿元,
    -2.1个百分点); a change between two rates gets no percentage of a percentage.
    """
    if m.status != "changed" or m.difference is None or not math.isfinite(m.difference):
        return None
    unit = (m.a.unit if m.a else "") or (m.b.unit if m.b else "")
    text = m.change or ("+" if m.difference > 0 else "") + format_number(m.difference) + unit
    if m.ratio is not None and math.isfinite(m.ratio) and m.ratio > 0 and not text.endswith("百分点"):
        change = round((m.ratio - 1) * 100)
        text += f" ({'+' if change > 0 else ''}{change}%)"
    return text


def figure(m: MetricMatch, pair: int | None = None) -> Figure:
    """The presentation of one metric match."""
    rel = None
    if m.status == "changed" and m.ratio is not None and math.isfinite(m.ratio) and m.ratio > 0:
        rel = abs(m.ratio - 1)
    return Figure(
        match=m,
        status=m.status,
        label_a=_side_label(m, "a"),
        label_b=_side_label(m, "b"),
        old=_written(m.a),
        new=_written(m.b),
        change=metric_change(m),
        relative=rel,
        reasons=m.why,
        pair=pair,
    )
