#!/usr/bin/env python3
"""Regenerate the sample exports in examples/ (and, with --golden, the test golden files).

    .venv/bin/python scripts/make_examples.py            # examples/
    .venv/bin/python scripts/make_examples.py --golden   # examples/ and tests/golden/

The examples compare the first two bundled seeds (同江市 2018, simplified; 沅江市 2023,
traditional): Markdown (Chinese and English labels, plain, the memo alone), JSON and Word.
The golden files are made from the hand-made comparison of tests/export_helpers.py, so they
change only when the exports change (not with the aligner's or the metrics' heuristics):
rerun this after such a change, read the diff of tests/golden/, and commit it with the change.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests"))

from export_helpers import crafted_comparison  # noqa: E402

from reportdiff.compare.export_doc import DocOptions  # noqa: E402
from reportdiff.compare.export_docx import to_docx  # noqa: E402
from reportdiff.compare.export_json import dumps_json  # noqa: E402
from reportdiff.compare.export_markdown import to_markdown  # noqa: E402
from reportdiff.compare.pipeline import compare_paths  # noqa: E402

SEED_A = "seeds/000_e3797f5fab609ce7.txt"
SEED_B = "seeds/001_c0418d9f21b94140.txt"
GOLDEN = {"crafted.zh.md": {"lang": "zh"}, "crafted.en.md": {"lang": "en"}}
EXAMPLES = {
    "seed-000-vs-001.zh.md": {"lang": "zh"},
    "seed-000-vs-001.en.md": {"lang": "en"},
    "seed-000-vs-001.memo.zh.md": {"lang": "zh", "text": False},
    "seed-000-vs-001.en.simplified.plain.md": {"lang": "en", "script": "simplified", "plain": True},
}


def render_all() -> dict[str, str | bytes]:
    """File name -> content of every example (paths relative to the repo, as a user types them)."""
    os.chdir(ROOT)  # so the JSON's "path" fields read seeds/…, not this machine's folders
    comparison = compare_paths(SEED_A, SEED_B)
    out: dict[str, str | bytes] = {name: to_markdown(comparison, **kw) for name, kw in EXAMPLES.items()}
    out["seed-000-vs-001.json"] = dumps_json(comparison)
    out["seed-000-vs-001.zh.docx"] = to_docx(comparison, DocOptions(lang="zh"))
    return out


def render_golden() -> dict[str, str]:
    crafted = crafted_comparison()
    return {name: to_markdown(crafted, **kw) for name, kw in GOLDEN.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", action="store_true", help="also rewrite tests/golden/")
    args = parser.parse_args(argv)
    docs = render_all()
    targets = [(ROOT / "examples", docs)]
    if args.golden:
        targets.append((ROOT / "tests" / "golden", render_golden()))
    for folder, files in targets:
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            path = folder / name
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            old = path.read_bytes() if path.exists() else None
            path.write_bytes(data)
            state = "unchanged" if old == data else ("updated" if old is not None else "created")
            print(f"{path.relative_to(ROOT)}: {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
