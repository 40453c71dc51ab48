"""Compile the hand labels (labels_src.txt) into labels.json, locating every quoted figure.

Run from the repository root: ``python benchmarks/data/build_labels.py``. Every figure line
must match exactly once in its report, or the build stops and names the line.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
_NUM = re.compile(r"^(?:近|约|超过)?(\d+(?:\.\d+)?)")
_MAG = {"万": 1e4, "亿": 1e8, "萬": 1e4, "億": 1e8}


def report_path(name: str) -> Path:
    kind, file = name.split("/", 1)
    if kind == "seeds":
        return ROOT / "seeds" / file
    if kind == "samples":
        return SHARED / "samples" / file
    if kind == "series":
        return SHARED / "series" / file
    return SHARED / "devset" / "reports" / file


def line_spans(text: str, numbers: list[int]) -> list[list[int]]:
    """Character spans of the given 1-based lines of ``text`` (a partly labelled report)."""
    starts = [0]
    for k, ch in enumerate(text):
        if ch == "\n":
            starts.append(k + 1)
    starts.append(len(text) + 1)
    return [[starts[n - 1], starts[n] - 1] for n in numbers]


def parse_value(qty: str) -> float:
    m = _NUM.match(qty)
    if not m:
        raise ValueError(f"no value in {qty!r}; give '= value'")
    v = float(m.group(1))
    rest = qty[m.end():].lstrip("余多")
    if rest[:1] in _MAG:
        v *= _MAG[rest[0]]
    return v


def unit_of(qty: str) -> str:
    rest = re.sub(r"^(?:近|约|超过)?[\d.]+", "", qty)
    rest = re.sub(r"^[万亿萬億两四五]?", "", rest)
    return re.sub(r"^[余多]", "", rest)


def build() -> dict:
    reports: dict[str, dict] = {}
    pairs: list[dict] = []
    cur = None
    text = ""
    spans = None
    errors: list[str] = []
    for k, raw in enumerate((HERE / "labels_src.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@report "):
            name = line.split(None, 1)[1]
            text = report_path(name).read_text(encoding="utf-8")
            cur = reports.setdefault(name, {"numbers": [], "initiatives": []})
            spans = None
        elif line.startswith("@lines "):
            # only these lines are labelled; the benchmark scores nothing outside them
            spans = line_spans(text, [int(x) for x in line.split()[1:]])
            cur["spans"] = spans
        elif line.startswith("@pair "):
            _, a, b = line.split()
            cur = {"a": a, "b": b, "pairs": [], "optional": []}
            pairs.append(cur)
        elif line.startswith("n "):
            body = line[2:]
            note_value = None
            if " = " in body:
                body, note_value = body.rsplit(" = ", 1)
            ident, spec = body.split(" ", 1)
            optional = ident.startswith("?")
            ident = ident.lstrip("?")
            parts = spec.split("|")
            left, qty = parts[0], parts[1]
            right = parts[2] if len(parts) > 2 else ""
            needle = left + qty + right
            hits = [m.start() for m in re.finditer(re.escape(needle), text)
                    if spans is None or any(a <= m.start() < b for a, b in spans)]
            if len(hits) != 1:
                errors.append(f"labels_src.txt:{k}: {needle!r} found {len(hits)} times")
                continue
            start = hits[0] + len(left)
            value = float(note_value) if note_value else parse_value(qty)
            cur["numbers"].append({"id": ident, "start": start, "end": start + len(qty), "text": qty,
                                   "value": value, "unit": unit_of(qty), "optional": optional})
        elif line.startswith("i "):
            fields = [f.strip() for f in line[2:].split("|")]
            key, name = fields[0], fields[1]
            where = text if spans is None else "\n".join(text[a:b] for a, b in spans)
            if name.replace("〈", "《").replace("〉", "》") not in where.replace("〈", "《").replace("〉", "》"):
                errors.append(f"labels_src.txt:{k}: {name!r} not in the report")
            cur["initiatives"].append({"key": key, "name": name, "generic": "generic" in fields[2:]})
        elif line.startswith(("p ", "p? ")):
            tag, ia, ib = line.split()
            (cur["optional"] if tag == "p?" else cur["pairs"]).append([ia.split("|"), ib.split("|")])
        else:
            sys.exit(f"labels_src.txt:{k}: cannot read {line!r}")
    if errors:
        sys.exit("\n".join(errors))
    ids = {name: {n["id"] for n in r["numbers"]} for name, r in reports.items()}
    for p in pairs:
        for ia, ib in p["pairs"] + p["optional"]:
            for x in ia:
                assert x in ids[p["a"]], (p["a"], x)
            for y in ib:
                assert y in ids[p["b"]], (p["b"], y)
    return {"_about": "Hand labels; rules in LABELLING.md, source in labels_src.txt.",
            "reports": reports, "pairs": pairs}


if __name__ == "__main__":
    out = build()
    (HERE / "labels.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n = sum(len(r["numbers"]) for r in out["reports"].values())
    i = sum(len(r["initiatives"]) for r in out["reports"].values())
    p = sum(len(p["pairs"]) for p in out["pairs"])
    print(f"{len(out['reports'])} reports, {n} numbers, {i} initiatives, {len(out['pairs'])} pairs, {p} metric pairs")
