"""Write compare/data/background_idf.tsv from the installed jieba's IDF table.

Run:  .venv/bin/python scripts/make_background_idf.py

Only the common words (IDF <= 10.0, two or more characters) are kept: the rarer ones all get
the table's median, as jieba.analyse does for unlisted words, and the file stays small enough
to load in a few milliseconds.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
MAX_IDF = 10.0


def main() -> None:
    src = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    rows = []
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            rows.append((parts[0], float(parts[1])))
    med = statistics.median(v for _, v in rows)
    keep = sorted((w, v) for w, v in rows if v <= MAX_IDF and len(w) >= 2)
    out = ROOT / "compare" / "data" / "background_idf.tsv"
    with out.open("w", encoding="utf-8") as f:
        f.write(f"# Background inverse document frequencies of words: jieba {jieba.__version__}, jieba/analyse/idf.txt\n")
        f.write(f"# (jieba's IDF table, MIT licence). Kept: words of two or more characters with IDF <= {MAX_IDF}\n")
        f.write(f"# ({len(keep)} of {len(rows)} entries); any other word is given the table's median, {med:.4f},\n")
        f.write("# as jieba.analyse does for words it does not list. Regenerate: scripts/make_background_idf.py\n")
        f.write(f"#median\t{med:.4f}\n")
        for w, v in keep:
            f.write(f"{w}\t{v:.3f}\n")
    print(f"wrote {out.relative_to(ROOT)}: {len(keep)} words")


if __name__ == "__main__":
    main()
