"""Words of a report: segmentation (``compare.segment``) and content-term weights.

Shared by the aligner (what a section is about) and the text diff (word-level edits).
All functions take *normalised* text (simplified script, half-width punctuation, see
``compare.normalize``), so a traditional-script report segments like a simplified one.

Weighting: a term's weight is an inverse document frequency computed over the sections
of the two reports being compared (a word every section uses says nothing about which
section is which), damped further for a list of words that every rule-of-law or work report
uses whatever the topic (法治, 政府, 建设, 推进 ...). The word lists live in
``compare/data/field_words.json``, each with its source; ``background_idf`` reads jieba's IDF
table (``compare/data/background_idf.tsv``), the weights of the learned topic centroids.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .segment import Segmenter, segmenter

BACKGROUND_IDF_FILE = Path(__file__).with_name("data") / "background_idf.tsv"

FIELD_WORDS_FILE = Path(__file__).with_name("data") / "field_words.json"


def _field_words() -> dict:
    return json.loads(FIELD_WORDS_FILE.read_text(encoding="utf-8"))


_FIELD = _field_words()
# Compounds of the field that jieba's general dictionary splits; kept whole they are
# far more telling than their parts (行政/执法 is also 行政 of 行政复议).
DOMAIN_WORDS: tuple[str, ...] = tuple(_FIELD["domain_words"]["words"])
# Words any section of these reports may use, whatever its topic: they count little.
GENERIC_WORDS = frozenset(_FIELD["generic_words"]["words"])
GENERIC_FACTOR = 0.15
# Verbs reports use with counts (办理…件, 开展…场): a metric's label is cut after the last of
# them, and a mechanism's name never starts with one.
REPORT_VERBS: tuple[str, ...] = tuple(_FIELD["report_verbs"]["words"])
# Function words and particles: never content.
STOP_WORDS = frozenset(_FIELD["stop_words"]["words"])
del _FIELD

_WORDLIKE = re.compile(r"[\u3400-\u9fffA-Za-z]")
_NUMERIC = re.compile(r"^[\d.%％,，:：\-—/]+$|^[\d]+[年月日号个项件次人]$")


def tokenizer() -> Segmenter:
    """The segmenter with the field's compounds added; built once per process."""
    return segmenter(DOMAIN_WORDS)


# A comparison segments each section's text to align it and again to diff it (and a section in
# several pairs once per pair): at 64x nearly half the characters segmented had been before.
@lru_cache(maxsize=4096)
def token_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """Words of ``text`` with their half-open offsets; white space is left out."""
    spans = tokenizer().tokenize(text)
    if _WHITE_SPACE.search(text) is None:  # most section texts: no word to leave out
        return tuple(spans)
    return tuple([span for span in spans if not span[0].isspace()])


# what str.isspace() calls white space (both read CPython's Py_UNICODE_ISSPACE)
_WHITE_SPACE = re.compile(r"\s")


def tokens(text: str) -> list[str]:
    """Words of ``text``, white space left out."""
    return [t for t, _, _ in token_spans(text)]


@lru_cache(maxsize=1 << 16)  # asked for every token of every text; a report has a few thousand distinct words
def is_content(token: str) -> bool:
    """A token that can say what a text is about: a word of two or more characters."""
    return (
        len(token) >= 2
        and token not in STOP_WORDS
        and _WORDLIKE.search(token) is not None
        and _NUMERIC.match(token) is None
    )


PROPER_NAME_FLAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt"})  # jieba: place, person, organisation


def is_proper_name(term: str) -> bool:
    """A word jieba's dictionary tags as a place, person or organisation name (北京, 福州 ...)."""
    tags = tokenizer().tag(term)
    return any(flag in PROPER_NAME_FLAGS for _, flag in tags)


def content_terms(text: str) -> Counter[str]:
    """Counts of the content tokens of ``text``."""
    return Counter(t for t in tokens(text) if is_content(t))


@dataclass(frozen=True)
class TermWeights:
    """Inverse document frequencies over a set of texts, generic words damped."""

    idf: Mapping[str, float]
    default: float  # weight of a term none of the texts contains

    def weight(self, term: str) -> float:
        w = self.idf.get(term, self.default)
        return w * GENERIC_FACTOR if term in GENERIC_WORDS else w

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """Unit-length TF-IDF vector (sub-linear term frequency) of a term count."""
        vec = {t: (1.0 + math.log(c)) * self.weight(t) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm > 0 else {}


def term_weights(documents: Iterable[Iterable[str]]) -> TermWeights:
    """IDF weights, ``log((n + 1) / (df + 1)) + 1``, over documents given as term sets."""
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update(set(doc))
    idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
    return TermWeights(idf=idf, default=math.log(n + 1) + 1.0)


@dataclass(frozen=True)
class BackgroundIdf:
    """Inverse document frequencies of a general corpus (jieba's table, see the data file)."""

    idf: Mapping[str, str]  # word -> its IDF as written in the table (read as a number on use)
    default: float  # a word the table does not list (its median)

    def weight(self, term: str) -> float:
        value = self.idf.get(term)
        return float(value) if value is not None else self.default

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """Unit-length TF-IDF vector of a term count under the background weights."""
        vec = {t: (1.0 + math.log(c)) * self.weight(t) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm > 0 else {}


@lru_cache(maxsize=1)
def background_idf() -> BackgroundIdf:
    """The shipped background IDF table (``compare/data/background_idf.tsv``), read once: a
    comment header, a ``#median`` line, then one ``word<TAB>idf`` line per word."""
    text = BACKGROUND_IDF_FILE.read_text(encoding="utf-8")
    at = text.index("#median\t")
    end = text.index("\n", at)
    default = float(text[at + len("#median\t") : end])
    cells = iter(text[end + 1 :].replace("\t", "\n").split("\n"))
    idf = dict(zip(cells, cells))  # values stay text until weighed: most are never read
    idf.pop("", None)
    return BackgroundIdf(idf, default)


def cosine(u: Mapping[str, float], v: Mapping[str, float]) -> float:
    """Cosine of two unit-length sparse vectors."""
    if len(u) > len(v):
        u, v = v, u
    return sum(x * v[t] for t, x in u.items() if t in v)


def top_shared(u: Mapping[str, float], v: Mapping[str, float], n: int = 5) -> tuple[str, ...]:
    """The ``n`` terms contributing most to the cosine of ``u`` and ``v``."""
    shared = [(u[t] * v[t], t) for t in u.keys() & v.keys()]
    shared.sort(key=lambda x: (-x[0], x[1]))
    return tuple(t for _, t in shared[:n])
