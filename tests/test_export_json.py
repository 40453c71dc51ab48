"""The JSON export validates against its documented schema and keeps the stable reportdiff/1 keys."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from export_helpers import CONTROLS, HOSTILE, crafted_comparison, exported

from reportdiff.compare.export_json import SCHEMA, dumps_json, to_json
from reportdiff.compare.pipeline import PairDiffs, compare_paths
from reportdiff.compare.seeds import seed_paths

DOCS = Path(__file__).resolve().parent.parent / "docs"
SCHEMA_FILE = DOCS / "reportdiff-1.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check_references(data: dict) -> None:
    """Every section id a pair, metric or initiative names exists in its report."""
    ids = {side: {s["id"] for s in data[side]["sections"]} for side in ("a", "b")}
    for side in ("a", "b"):
        sections = data[side]["sections"]
        assert len(ids[side]) == len(sections)
        for s in sections:
            assert s["parent"] is None or s["parent"] in ids[side]
            assert 0 <= s["start"] <= s["body_start"] <= s["end"] <= data[side]["length"]
    for p in data["pairs"]:
        assert p["a"] or p["b"]
        assert p["a"] is None or p["a"] in ids["a"]
        assert p["b"] is None or p["b"] in ids["b"]
    for m in data["metrics"]:
        for side in ("a", "b"):
            if m[side] is not None:
                assert m[side]["section"] is None or m[side]["section"] in ids[side]
                assert math.isfinite(m[side]["value"])
        assert (m["a"] is None) == (m["status"] == "only_b")
        assert (m["b"] is None) == (m["status"] == "only_a")
    ini = data["initiatives"]
    for s in ini["shared"]:
        assert set(s["a"]["sections"]) <= ids["a"] and set(s["b"]["sections"]) <= ids["b"]
    for side in ("a", "b"):
        for i in ini[f"only_{side}"]:
            assert set(i["sections"]) <= ids[side]


def test_crafted_comparison_validates_and_is_complete(validator):
    data = json.loads(exported(dumps_json))
    validator.validate(data)
    check_references(data)
    assert data["alignment"] == {"similarity": 0.5, "parts": {"topic_overlap": 0.5, "content": 0.25}}
    first = data["pairs"][0]
    assert first == {
        "a": "s1",
        "b": "s1",
        "score": 0.91,
        "reason": ["组织领导", "学法"],
        "topic": "LEAD",
        "manual": False,
        "metrics": [0, 1],  # the pair's figures, by the rule the app and every export use
        "initiatives": {"shared": [0, 1], "only_a": [], "only_b": []},
        "diff": {"mode": "diff", "similarity": 0.8, "deleted": 9, "inserted": 9, "shared": []},
    }
    assert data["pairs"][1]["manual"] is True
    assert data["pairs"][1]["diff"]["shared"] == ["主动公开政府信息", "依申请公开"]
    assert data["a"]["sections"][0]["topics"] == ["LEAD"]
    changed = next(m for m in data["metrics"] if m["status"] == "changed")
    assert changed["difference"] == 3 and changed["ratio"] == 1.25
    assert changed["a"]["value"] == 12 and isinstance(changed["a"]["value"], int)
    assert changed["a"]["text"] == "12次" and changed["a"]["unit"] == "次"
    drills = next(m for m in data["metrics"] if m["status"] == "only_a")
    assert drills["a"]["qualifiers"] == ["余"]
    generic = data["initiatives"]["shared"][1]
    assert generic["generic"] is True and generic["a"]["generic"] == "法治政府建设实施方案"
    assert generic["a"]["count"] == 2


def test_issue_2_keys_are_all_still_there():
    """The stable shape of the foundation issue: additions only, nothing renamed or removed."""
    data = exported(to_json)
    assert data["schema"] == SCHEMA == "reportdiff/1"
    assert set(data) >= {"schema", "a", "b", "pairs", "metrics", "initiatives"}
    for side in ("a", "b"):
        assert set(data[side]) >= {"path", "title", "organization", "year", "published", "sections"}
        for s in data[side]["sections"]:
            assert set(s) >= {"id", "parent", "level", "number", "heading", "kind", "start", "end"}
    for p in data["pairs"]:
        assert set(p) >= {"a", "b", "score"} and 0 <= p["score"] <= 1
    for m in data["metrics"]:
        assert set(m) >= {"label", "status", "a", "b"}
        for side in ("a", "b"):
            if m[side] is not None:
                assert set(m[side]) >= {"value", "unit", "text", "section"}
    assert set(data["initiatives"]) == {"shared", "only_a", "only_b"}


@pytest.mark.parametrize("i", range(5))
def test_every_seed_pair_validates(validator, i):
    seeds = seed_paths()
    data = json.loads(dumps_json(compare_paths(seeds[i], seeds[(i + 1) % 5])))
    validator.validate(data)
    check_references(data)
    assert data["a"]["sections"] and data["b"]["sections"]


def test_hostile_text_is_kept_but_no_control_character_is_raw():
    text = exported(dumps_json, hostile=True)
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", text)
    assert "\\u001b]0;title\\u0007" in text and "\\u009b" in text and "\\u202e" in text
    data = json.loads(text)
    assert data["a"]["title"] == HOSTILE + CONTROLS  # faithful: JSON consumers get the data


def test_non_finite_numbers_become_null_not_invalid_json():
    c, known = crafted_comparison()
    m = c.metrics[1]
    c = replace(c, metrics=(replace(m, difference=math.inf, ratio=math.nan),) + c.metrics[2:])
    data = json.loads(dumps_json(c, pair_diffs=PairDiffs(c, known)))
    assert data["metrics"][0]["difference"] is None and data["metrics"][0]["ratio"] is None


def test_json_doc_describes_every_key_of_the_schema():
    doc = (DOCS / "json.md").read_text(encoding="utf-8")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    keys = set(schema["properties"])
    for definition in schema["$defs"].values():
        keys |= set(definition.get("properties", {}))
        for sub in definition.get("properties", {}).values():
            keys |= set(sub.get("properties", {}))
    missing = sorted(k for k in keys if f"`{k}`" not in doc)
    assert missing == []
    assert "reportdiff-1.schema.json" in doc
