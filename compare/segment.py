"""Word segmentation and part-of-speech tags: jieba's dictionary and algorithm.

Two engines give the same words:

* ``rjieba`` (Python binding of jieba-rs): jieba's DAG/HMM segmentation in Rust, given
  jieba's words only as the texts need them (:class:`_DictionaryOnDemand`), so it is ready
  in about a millisecond; building all 349,046 words takes jieba-rs 0.1-0.2 s and jieba
  0.5-1.5 s and 150 MB, most of a short comparison's wall time.
* ``jieba`` itself, used when rjieba cannot be imported (a platform without its wheel).

They differ in one place, which :func:`_split_ascii_runs` removes: jieba-rs keeps an ASCII run
such as ``2016-2020`` or ``6.GEP`` whole, jieba splits it at ``-``, ``_`` and ``.`` unless the
dot is a decimal point. ``tests/test_segment.py`` checks the two engines agree on every
bundled report. Digits are tagged ``m`` by jieba-rs and ``eng`` by jieba; nothing here reads
the tags of digits.

A segmenter is built once per process (``segmenter()`` is cached). The on-demand dictionary
only grows, under a lock, and a text's words are the same whenever it is segmented, so
sharing it is safe.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .extension_modules import load_extension

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
        spans = self._spans(text)
        spans = spans if isinstance(spans, list) else list(spans)
        if _ASCII_RUN.search(text) is None:  # no ASCII run the two engines could cut apart
            return spans
        return _split_ascii_runs(spans)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """``(word, part-of-speech flag)`` with jieba's flags, dictionary words only (no HMM)."""
        return [(w, f) for w, f in self._tags(text)]


def _split_ascii_runs(spans: list[Span]) -> list[Span]:
    # find the few ASCII words first, in one quick pass
    split = [k for k, (word, _, _) in enumerate(spans) if len(word) > 1 and word.isascii()
             and _ASCII_RUN.fullmatch(word) and not _ASCII_PIECE.fullmatch(word)]
    if not split:
        return spans
    out: list[Span] = []
    done = 0
    for k in split:
        out.extend(spans[done:k])
        word, pos, _ = spans[k]
        for piece in _ASCII_PIECE.split(word):
            if piece:
                out.append((piece, pos, pos + len(piece)))
                pos += len(piece)
        done = k + 1
    out.extend(spans[done:])
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

_DATA = Path(__file__).parent / "data"
DICTIONARY_FILES = ("jieba_words.marisa", "jieba_entries.bin", "jieba_words.json")  # scripts/make_segment_dictionary.py
_LONGEST_WORD = 16  # characters of jieba's longest word
# characters scanned for words after which the whole dictionary is built instead: where the
# scans have cost about what building it costs (1.5 us a character against 0.12-0.2 s)
FULL_AFTER = 60_000
# a private-use character of plane 15 no report contains: the entry that carries the total
_FILLER = "\U000fffd0"


def _rjieba_segmenter(extra_words: tuple[str, ...]) -> Segmenter:
    jieba_cls = _jieba_rs_class()
    try:
        words = _DictionaryOnDemand(jieba_cls, extra_words)
    except (ImportError, OSError, ValueError, KeyError):
        # no marisa-trie wheel, or the data files unreadable: the same words from the full
        # dictionary, built as ``import rjieba`` builds it
        words = _DictionaryOnDemand(jieba_cls, extra_words, full_after=-1)
    return Segmenter("rjieba", words.tokenize, words.tag)


def _jieba_rs_class():
    """rjieba's ``Jieba`` type, without the full dictionary its package builds on import.

    ``import rjieba`` builds a tokenizer of all 349,046 words (0.1-0.2 s, holding the GIL);
    the extension module alone only defines the type. It is registered under its own name,
    so a later ``import rjieba`` (the tests compare against it) reuses it.
    """
    return load_extension("rjieba", "rjieba").Jieba


class _DictionaryOnDemand:
    """A jieba-rs tokenizer given jieba's words as the texts it segments need them.

    jieba's segmentation of a text reads only the dictionary words that occur in it (the
    graph of words starting at each character) and the dictionary's total frequency. This
    tokenizer starts empty; before each text it is given the words of ``DICTIONARY_FILES``
    found in it, and a filler entry that no text contains keeps its total at the full
    dictionary's, so its words and tags are those of one holding the whole dictionary
    (``tests/test_segment.py`` compares them), and it is ready in about a millisecond.

    Finding a text's words costs about 1.5 us per character seen for the first time (text
    already scanned, as a line inside its section, is passed over), so once ``full_after``
    characters (``FULL_AFTER`` by default) have been scanned, building the whole dictionary
    (0.1-0.2 s) is the cheaper way on: the tokenizer is replaced by a full one with the same
    compounds. A negative ``full_after`` builds the whole dictionary at once.
    """

    def __init__(self, jieba_cls, extra_words: tuple[str, ...], full_after: int = 0) -> None:
        self._jieba_cls, self._extra_words = jieba_cls, extra_words
        self._full_after = full_after or FULL_AFTER
        self._full = False
        self._scanned = 0
        self._windows: set[str] = set()  # the text after each position already scanned
        self._seen: set[str] = set()
        self._added: dict[str, int] = {}  # word -> the frequency it was given
        self._added_total = 0
        # jieba-rs's methods hold the GIL, but a text's words must all be in before it is
        # segmented: one lock for adding and segmenting (the app segments in workers)
        self._lock = threading.Lock()
        if full_after < 0:  # the whole dictionary from the start
            self._use_full_dictionary()
            return
        trie_file, entries_file, meta_file = (_DATA / name for name in DICTIONARY_FILES)
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        import marisa_trie

        self._trie = marisa_trie.Trie().mmap(str(trie_file))
        entries = entries_file.read_bytes()
        self._freqs = array("I")
        self._freqs.frombytes(entries[: 4 * meta["words"]])
        if sys.byteorder != "little":
            self._freqs.byteswap()
        self._tag_ids = entries[4 * meta["words"] :]
        self._tags: list[str] = meta["tags"]
        self._tokenizer = jieba_cls.empty()
        self._target_total = meta["total"]
        with self._lock:
            for w in extra_words:  # the field's compounds, as strong nouns; a known word keeps its tag
                key = self._trie.get(w)
                self._add(w, _STRONG, "n" if key is None else self._tags[self._tag_ids[key]])
                self._target_total += _STRONG - (0 if key is None else self._freqs[key])
            self._balance()

    def tokenize(self, text: str) -> list[Span]:
        with self._lock:
            self._prepare(text)
            return self._tokenizer.tokenize(text, "default", True)

    def tag(self, text: str) -> list[tuple[str, str]]:
        with self._lock:
            self._prepare(text)
            return self._tokenizer.tag(text, False)

    def _prepare(self, text: str) -> None:
        if self._full or text in self._seen:
            return
        added, prefixes, windows = self._added, self._trie.iter_prefixes_with_ids, self._windows
        grew = False
        scanned = 0
        for i in range(len(text)):
            window = text[i : i + _LONGEST_WORD]  # every word starting at i lies inside it
            if window in windows:
                continue
            windows.add(window)
            scanned += 1
            for word, key in prefixes(window):
                if word not in added:
                    self._add(word, self._freqs[key], self._tags[self._tag_ids[key]])
                    grew = True
        if grew:
            self._balance()
        self._seen.add(text)
        self._scanned += scanned
        if self._scanned > self._full_after:
            self._use_full_dictionary()

    def _use_full_dictionary(self) -> None:
        full = self._jieba_cls()  # all of jieba's words, as ``import rjieba`` builds them
        for w in self._extra_words:
            full.add_word(w, _STRONG, "n")
        self._tokenizer, self._full = full, True
        self._windows, self._seen, self._added = set(), set(), {}

    def _add(self, word: str, freq: int, tag: str) -> None:
        self._tokenizer.add_word(word, freq, tag)
        self._added_total += freq - self._added.get(word, 0)
        self._added[word] = freq

    def _balance(self) -> None:
        # re-adding the filler replaces its frequency: the total becomes the full dictionary's
        self._tokenizer.add_word(_FILLER, max(self._target_total - self._added_total, 0), "x")


def _jieba_segmenter(extra_words: tuple[str, ...]) -> Segmenter:
    import logging

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
