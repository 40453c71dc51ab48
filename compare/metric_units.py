"""Units and measure words of figures, read from ``compare/data/metric_units.json`` (sources there)."""

from __future__ import annotations

import json
from pathlib import Path


def _load_units() -> dict:
    path = Path(__file__).resolve().parent / "data" / "metric_units.json"
    return json.loads(path.read_text(encoding="utf-8"))


_DATA = _load_units()
UNITS: tuple[str, ...] = tuple(
    u for key, group in _DATA["units"].items() if not key.startswith("_") for u in group
)
# a one-character unit followed by these characters is the start of a word, not a unit
NOT_UNIT: dict[str, str] = {k: v for k, v in _DATA["not_unit_before"].items() if not k.startswith("_")}
COUNTING = set(UNITS) - set(_DATA["not_counting"]["units"])
# families of units a reader treats as the same measure (人 / 名, 场 / 场次 …)
UNIT_FAMILIES: tuple[frozenset[str], ...] = tuple(
    frozenset(v) for k, v in _DATA["families"].items() if not k.startswith("_")
)


def unit_compatible(x: str, y: str) -> bool:
    """Whether two units measure the same way (the same unit, or one family: 人 / 名, 场 / 场次)."""
    return x == y or any(x in f and y in f for f in UNIT_FAMILIES)
