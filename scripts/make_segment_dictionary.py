"""Write jieba's dictionary as the files ``compare/segment.py`` reads word by word.

Run:  .venv/bin/python scripts/make_segment_dictionary.py

From the installed jieba's ``dict.txt`` (349,046 words with frequency and part-of-speech tag,
MIT licence), the same dictionary jieba-rs builds into its tokenizer:

* ``compare/data/jieba_words.marisa``: the words in a MARISA trie (marisa-trie), so the
  words that begin at each position of a text are found without loading the dictionary;
* ``compare/data/jieba_entries.bin``: each word's frequency (uint32, little-endian) then its
  tag (uint8, an index into ``tags``), both in the trie's key-id order;
* ``compare/data/jieba_words.json``: where it comes from, the tags and the total frequency
  (every line's, as jieba and jieba-rs count it).
"""

from __future__ import annotations

import json
import sys
from array import array
from pathlib import Path

import jieba
import marisa_trie

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.compare.segment import DICTIONARY_FILES  # noqa: E402

DATA = ROOT / "compare" / "data"


def main() -> None:
    src = Path(jieba.__file__).parent / "dict.txt"
    entries: dict[str, tuple[int, str]] = {}
    total = 0
    for line in src.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split()
        entries[word] = (int(freq), tag)  # a repeated word keeps its last line, as both engines do
        total += int(freq)
    trie = marisa_trie.Trie(entries)
    tags = sorted({tag for _, tag in entries.values()})
    tag_index = {t: i for i, t in enumerate(tags)}
    freqs = array("I", bytes(4 * len(trie)))
    tag_ids = bytearray(len(trie))
    for word, (freq, tag) in entries.items():
        key = trie.key_id(word)
        freqs[key] = freq
        tag_ids[key] = tag_index[tag]
    if sys.byteorder != "little":
        freqs.byteswap()
    trie_file, entries_file, meta_file = (DATA / name for name in DICTIONARY_FILES)
    trie.save(str(trie_file))
    entries_file.write_bytes(freqs.tobytes() + bytes(tag_ids))
    meta = {
        "source": f"jieba {jieba.__version__}, jieba/dict.txt (MIT licence)",
        "regenerate": "scripts/make_segment_dictionary.py",
        "words": len(trie),
        "total": total,
        "tags": tags,
    }
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(trie)} words, total frequency {total}, {len(tags)} tags")


if __name__ == "__main__":
    main()
