"""Units and measure words of figures, read from ``compare/data/metric_units.json`` (sources there)."""

from __future__ import annotations

import json
from functools import lru_cache
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


MEASURE_WORDS = frozenset(_DATA["units"]["measure_words"])
# the general classifier stands for any measure word (13个 / 7份 规范性文件); the matcher pairs it
# with another measure word only when the counted things name each other
GENERAL_CLASSIFIER = "个"
# a word of a kind of case -> its kind (应诉 and 诉讼 are one kind)
CASE_KINDS: dict[str, str] = {k: v for k, v in _DATA["case_kinds"].items() if not k.startswith("_")}


@lru_cache(maxsize=65536)
def case_kinds(label: str) -> frozenset[str]:
    """The kinds of case a counted thing names (行政诉讼复议案件: 诉讼 and 复议)."""
    return frozenset(kind for word, kind in CASE_KINDS.items() if word in label)


@lru_cache(maxsize=4096)
def unit_compatible(x: str, y: str) -> bool:
    """Whether two units measure the same way (the same unit, or one family: 人 / 名, 场 / 场次)."""
    return x == y or any(x in f and y in f for f in UNIT_FAMILIES)


@lru_cache(maxsize=4096)
def classifier_compatible(x: str, y: str) -> bool:
    """``unit_compatible``, or the general classifier 个 beside any measure word."""
    if unit_compatible(x, y):
        return True
    return GENERAL_CLASSIFIER in (x, y) and x in MEASURE_WORDS and y in MEASURE_WORDS
