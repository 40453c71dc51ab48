"""Writes compare/data/simplified_only.txt: the characters that exist only in simplified script.

A character is simplified-only when OpenCC's s2t table gives it a different traditional form
and its t2s table leaves it as it is (发 → 發, but 髮 is not simplified-only). Deciding a
report's script needs this set; building OpenCC's s2t converter at run time for it costs about
0.1 s and 26 MB, reading this file a millisecond. Rerun after an OpenCC upgrade:
``.venv/bin/python scripts/make_simplified_only.py``.
"""

from pathlib import Path

import opencc

# CJK Unified Ideographs and Extension A: every character of the s2t character table is here
RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF)]
OUT = Path(__file__).resolve().parent.parent / "compare" / "data" / "simplified_only.txt"


def simplified_only() -> str:
    """The simplified-only characters, in code point order."""
    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    chars = (chr(c) for lo, hi in RANGES for c in range(lo, hi + 1))
    return "".join(ch for ch in chars if s2t.convert(ch) != ch and t2s.convert(ch) == ch)


def main() -> None:
    chars = simplified_only()
    header = (
        f"# Characters that exist only in simplified script ({len(chars)}), from OpenCC "
        f"{getattr(opencc, '__version__', '')} s2t/t2s; written by scripts/make_simplified_only.py\n"
    )
    OUT.write_text(header + chars + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
