#!/usr/bin/env python3
"""Regenerate the sample exports in examples/ (and, with --golden, the test golden files).

    .venv/bin/python scripts/make_examples.py            # examples/
    .venv/bin/python scripts/make_examples.py --golden   # examples/ and tests/golden/

Both compare the first two bundled seeds (同江市 2018, simplified; 沅江市 2023, traditional).
The golden files change whenever the parser, aligner, metrics or text diff change: rerun
this after such a change, read the diff of tests/golden/, and commit it with the change.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.export_json import dumps_json  # noqa: E402
from compare.export_markdown import to_markdown  # noqa: E402
from compare.pipeline import compare_paths  # noqa: E402

SEED_A = "seeds/000_e3797f5fab609ce7.txt"
SEED_B = "seeds/001_c0418d9f21b94140.txt"
GOLDEN = {"seed-000-vs-001.zh.md": {"lang": "zh"}, "seed-000-vs-001.en.md": {"lang": "en"}}
EXAMPLES = {
    "seed-000-vs-001.zh.md": {"lang": "zh"},
    "seed-000-vs-001.en.md": {"lang": "en"},
    "seed-000-vs-001.en.simplified.plain.md": {"lang": "en", "script": "simplified", "plain": True},
}


def render_all() -> dict[str, str]:
    """File name -> content of every example (paths relative to the repo, as a user types them)."""
    os.chdir(ROOT)  # so the JSON's "path" fields read seeds/…, not this machine's folders
    comparison = compare_paths(SEED_A, SEED_B)
    out = {name: to_markdown(comparison, **kw) for name, kw in EXAMPLES.items()}
    out["seed-000-vs-001.json"] = dumps_json(comparison)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", action="store_true", help="also rewrite tests/golden/")
    args = parser.parse_args(argv)
    docs = render_all()
    targets = [(ROOT / "examples", docs)]
    if args.golden:
        targets.append((ROOT / "tests" / "golden", {name: docs[name] for name in GOLDEN}))
    for folder, files in targets:
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            path = folder / name
            old = path.read_text(encoding="utf-8") if path.exists() else None
            path.write_text(text, encoding="utf-8", newline="\n")
            state = "unchanged" if old == text else ("updated" if old is not None else "created")
            print(f"{path.relative_to(ROOT)}: {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
