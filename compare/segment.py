"""Word segmentation and part-of-speech tags: jieba's dictionary and algorithm.

Two engines give the same words:

* ``rjieba`` (Python binding of jieba-rs): jieba's dictionary and DAG/HMM segmentation in
  Rust. It builds its dictionary in about 0.1 s and 50 MB, where jieba takes 0.5-1.5 s and
  150 MB per tokenizer; that load used to be most of a comparison's wall time.
* ``jieba`` itself, used when rjieba cannot be imported (a platform without its wheel).

They differ in one place, which :func:`_split_ascii_runs` removes: jieba-rs keeps an ASCII run
such as ``2016-2020`` or ``6.GEP`` whole, jieba splits it at ``-``, ``_`` and ``.`` unless the
dot is a decimal point. ``tests/test_segment.py`` checks the two engines agree on every
bundled report. Digits are tagged ``m`` by jieba-rs and ``eng`` by jieba; nothing here reads
the tags of digits.

A segmenter is built once per process (``segmenter()`` is cached): the dictionary is
read-only after the field's compounds are added, so sharing it is safe.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

# jieba's own split of a non-Chinese run (its ``finalseg`` "skip" pattern): words and numbers
# with an optional decimal part and per-cent sign; anything else is a token by itself.
_ASCII_RUN = re.compile(r"[A-Za-z0-9+#&._%\-]{2,}")
_ASCII_PIECE = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")

Span = tuple[str, int, int]


@dataclass(frozen=True)
class Segmenter:
    """A loaded segmenter: words with offsets (HMM on) and words with tags (dictionary only)."""

    engine: str  # "rjieba" or "jieba"
    _spans: Callable[[str], Iterable[Span]]
    _tags: Callable[[str], Iterable[tuple[str, str]]]

    def tokenize(self, text: str) -> list[Span]:
        """``(word, start, end)`` for every word of ``text``, white space included."""
        return _split_ascii_runs(self._spans(text))

    def tag(self, text: str) -> list[tuple[str, str]]:
        """``(word, part-of-speech flag)`` with jieba's flags, dictionary words only (no HMM)."""
        return [(w, f) for w, f in self._tags(text)]


def _split_ascii_runs(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for word, start, end in spans:
        if len(word) > 1 and _ASCII_RUN.fullmatch(word) and not _ASCII_PIECE.fullmatch(word):
            pos = start
            for piece in _ASCII_PIECE.split(word):
                if piece:
                    out.append((piece, pos, pos + len(piece)))
                    pos += len(piece)
        else:
            out.append((word, start, end))
    return out


@lru_cache(maxsize=4)
def segmenter(extra_words: tuple[str, ...] = (), engine: str | None = None) -> Segmenter:
    """The segmenter with ``extra_words`` added as strong nouns; built once per process.

    ``engine`` forces ``"rjieba"`` or ``"jieba"``; by default rjieba when it is installed.
    """
    if engine in (None, "rjieba"):
        try:
            return _rjieba_segmenter(extra_words)
        except ImportError:
            if engine == "rjieba":
                raise
    return _jieba_segmenter(extra_words)


# A frequency far above any dictionary word's, so the compounds are never split.
_STRONG = 2_000_000


def _rjieba_segmenter(extra_words: tuple[str, ...]) -> Segmenter:
    # rjieba builds its module-level dictionary on import; a second ``rjieba.Jieba()`` would
    # cost as much again, so the words are added to that one, as jieba's own API does.
    import rjieba

    for w in extra_words:
        rjieba.add_word(w, _STRONG, "n")
    return Segmenter(
        "rjieba",
        lambda text: rjieba.tokenize(text, "default", True),
        lambda text: rjieba.tag(text, False),
    )


def _jieba_segmenter(extra_words: tuple[str, ...]) -> Segmenter:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # its dictionary-load chatter goes to stderr otherwise
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in extra_words:
        # like jieba-rs, a word already in the dictionary keeps its tag
        tk.add_word(w, freq=_STRONG, tag=None if tk.FREQ.get(w) else "n")
    tagger = jieba.posseg.POSTokenizer(tk)
    return Segmenter(
        "jieba",
        lambda text: tk.tokenize(text, HMM=True),
        lambda text: ((p.word, p.flag) for p in tagger.lcut(text, HMM=False)),
    )
