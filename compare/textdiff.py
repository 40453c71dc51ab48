"""Text difference inside an aligned pair of sections.

Two modes, chosen from how much text the sections share (``similarity``: the share of both
texts' characters lying in common runs of at least ``RUN_MIN`` characters):

* ``diff`` (similarity >= ``DIFF_MIN_SIMILARITY``): the same government writing about the same
  thing in two years. A word-level edit script: words are mapped to single characters
  (diff-match-patch's lines-to-chars trick applied to words) and diffed, sentences first and
  then the words of each changed stretch, cleaned up semantically so edits read as whole
  words and phrases. The sentence level keeps the cost near linear on long texts.
* ``shared`` (below it): two governments. An edit script between unrelated texts is noise, so
  the phrases both sections use are highlighted instead.

Both modes work on the normalised text (script, width and white space are not differences)
and map every offset back to the text shown to the user: the section's original text under
its heading, children included (``Report.body_text(section, subtree=True)``).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from .model import DiffOp, Mark, Report, Section, SectionDiff
from .terms import GENERIC_WORDS, is_content, token_spans

RUN_MIN = 6  # shorter common runs are the field's stock phrases, not shared text
DIFF_MIN_SIMILARITY = 0.35
PHRASE_MIN = 4  # shortest phrase highlighted in "shared" mode (normalised characters)
REGION_MAX_TOKENS = 800  # a longer changed stretch between unchanged sentences is not word-diffed
MAX_CHARS = 60_000  # longer section texts are compared on their first MAX_CHARS characters
# (beyond it nothing is marked; in "diff" mode the last op carries the uncompared tail)
_MAX_POSITIONS = 24  # occurrences of one n-gram followed when looking for the longest run
_PUNCT_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SENTENCE_ENDS = frozenset("。；！？!?;\n")


@dataclass(frozen=True)
class ShownText:
    """A section's text as shown (original script) and its normalised twin.

    ``origin[i]`` is the offset in ``text`` of normalised character ``i``;
    ``origin[len(norm)] == len(text)``.
    """

    text: str
    norm: str
    origin: array

    def span(self, nstart: int, nend: int) -> tuple[int, int]:
        """Shown-text span covering the normalised span ``[nstart, nend)``."""
        if nend <= nstart:
            o = self.origin[nstart]
            return o, o
        return self.origin[nstart], self.origin[nend - 1] + 1


EMPTY = ShownText("", "", array("l", [0]))


def shown_text(report: Report, start: int, end: int, limit: int | None = None) -> ShownText:
    """The content text of an original span as ``Report.span_text`` shows it, with its
    normalised twin and an offset map (boilerplate lines left out, one line per line).

    With ``limit`` the normalised twin (and its map) stops after about ``limit`` characters;
    the shown text is always complete.
    """
    shown: list[str] = []
    norm: list[str] = []
    nlen = 0
    origin = array("l")
    norigin = report.norm.origin
    pos = 0  # length of the shown text so far
    for ln in report.lines_in(start, end):
        a, b = max(ln.start, start), min(ln.end, end)
        raw = report.text[a:b]
        part = raw.strip()
        if not part:
            continue
        oa = a + len(raw) - len(raw.lstrip())
        full = limit is None or nlen < limit
        if shown:
            shown.append("\n")
            if full:
                norm.append("\n")
                origin.append(pos)
                nlen += 1
            pos += 1
        if full:
            na, nb = report.norm.to_normalised(a), report.norm.to_normalised(b)
            nraw = report.norm.text[na:nb]
            npart = nraw.strip()
            if limit is not None:
                npart = npart[: max(limit - nlen, 0)]
            nlead = na + len(nraw) - len(nraw.lstrip())
            base, top = pos - oa, pos + len(part) - 1
            offsets = norigin[nlead : nlead + len(npart)]
            if offsets and min(offsets) + base >= pos and max(offsets) + base <= top:
                origin.extend(map(base.__add__, offsets))  # nothing to clamp: the fast way
            else:
                origin.extend(min(max(o + base, pos), top) for o in offsets)
            norm.append(npart)
            nlen += len(npart)
        shown.append(part)
        pos += len(part)
    origin.append(pos)
    return ShownText("".join(shown), "".join(norm), origin)


def section_text(report: Report, section: Section) -> ShownText:
    """Everything under a section's heading (children included), shown and normalised."""
    return shown_text(report, section.body_start, section.end, limit=MAX_CHARS)


# --------------------------------------------------------------------------- shared runs


# re's \s is str.isspace for str patterns (both are Py_UNICODE_ISSPACE)
_SPACE = re.compile(r"\s+")
_NOT_SPACE = re.compile(r"\S+")


def _compact(norm: str) -> tuple[str, list[int]]:
    """``norm`` without white space, and the normalised offset of each kept character."""
    keep: list[int] = []
    for m in _NOT_SPACE.finditer(norm):
        keep.extend(range(m.start(), m.end()))
    return _SPACE.sub("", norm), keep


def _runs(x: str, y: str, k: int) -> list[tuple[int, int, int]]:
    """Greedy left-to-right common runs of ``x`` found in ``y``: (x start, y start, length).

    Each step takes the longest run starting at the current position of ``x`` (following at
    most ``_MAX_POSITIONS`` occurrences of its first ``k`` characters in ``y``, the first in
    ``y`` winning a tie) and jumps past it, so the work stays linear in the text length.
    Occurrences are found with ``str.find`` for the k-grams that need them only, and runs are
    measured by comparing slices: both in C, where a position index of every k-gram and
    character-by-character extension cost most of a long comparison.
    """
    grams = {y[j : j + k] for j in range(len(y) - k + 1)}
    occurrences: dict[str, list[int]] = {}
    out = []
    i, n, m = 0, len(x), len(y)
    while i <= n - k:
        gram = x[i : i + k]
        if gram not in grams:
            i += 1
            continue
        positions = occurrences.get(gram)
        if positions is None:
            positions = occurrences[gram] = _first_positions(y, gram)
        best_len, best_j = 0, -1
        for j in positions:
            limit = min(n - i, m - j)
            if best_len:
                # only a longer run counts: one comparison tells whether this one can be
                if limit <= best_len or x[i : i + best_len + 1] != y[j : j + best_len + 1]:
                    continue
                length = _common_length(x, i, y, j, best_len + 1, limit)
            else:
                length = _common_length(x, i, y, j, k, limit)
            if length > best_len:
                best_len, best_j = length, j
        out.append((i, best_j, best_len))
        i += best_len
    return out


def _first_positions(y: str, gram: str) -> list[int]:
    """Offsets of the first ``_MAX_POSITIONS`` occurrences of ``gram`` in ``y`` (overlaps too)."""
    positions = []
    j = y.find(gram)
    while j >= 0 and len(positions) < _MAX_POSITIONS:
        positions.append(j)
        j = y.find(gram, j + 1)
    return positions


def _common_length(x: str, i: int, y: str, j: int, known: int, limit: int) -> int:
    """Length of the common prefix of ``x[i:]`` and ``y[j:]`` (at most ``limit``), given that
    the first ``known`` characters agree: slices of doubling length, then bisection."""
    lo, step = known, 8
    while lo + step <= limit and x[i + lo : i + lo + step] == y[j + lo : j + lo + step]:
        lo += step
        step *= 2
    hi = min(lo + step, limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if x[i + lo : i + mid] == y[j + lo : j + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def shared_similarity(a_norm: str, b_norm: str) -> float:
    """Share of both texts' (non-space) characters in common runs of >= ``RUN_MIN`` chars."""
    return _similarity(_compact(a_norm[:MAX_CHARS])[0], _compact(b_norm[:MAX_CHARS])[0])


def _similarity(x: str, y: str) -> float:
    """``shared_similarity`` of two compacted texts."""
    if not x or not y:
        return 0.0
    covered_x = bytearray(len(x))
    covered_y = bytearray(len(y))
    for i, j, n in _runs(x, y, RUN_MIN):
        covered_x[i : i + n] = b"\x01" * n
        covered_y[j : j + n] = b"\x01" * n
    for j, i, n in _runs(y, x, RUN_MIN):
        covered_y[j : j + n] = b"\x01" * n
        covered_x[i : i + n] = b"\x01" * n
    return (sum(covered_x) + sum(covered_y)) / (len(x) + len(y))


def _meaningful(phrase: str) -> bool:
    """A shared phrase worth showing: says more than the field's stock words."""
    toks = [t for t, _, _ in token_spans(phrase)]
    content = [t for t in toks if is_content(t)]
    specific = [t for t in content if t not in GENERIC_WORDS]
    return len(content) >= 2 and bool(specific) or len(specific) == 1 and len(specific[0]) >= 4


def _shared_marks(
    ta: ShownText, tb: ShownText, compact_a: tuple[str, list[int]], compact_b: tuple[str, list[int]]
) -> tuple[list[Mark], list[Mark], list[str]]:
    """Marks of the phrases both texts use (``compact_*``: each text's ``_compact``)."""
    (x, xmap), (y, ymap) = compact_a, compact_b
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    phrases: dict[str, None] = {}
    for src, dst, swap in ((x, y, False), (y, x, True)):
        for i, j, n in _runs(src, dst, PHRASE_MIN):
            phrase = src[i : i + n]
            core = _PUNCT_EDGE.sub("", phrase)
            if len(core) < PHRASE_MIN or not _meaningful(core):
                continue
            lead = phrase.index(core)
            i, j, n = i + lead, j + lead, len(core)
            (ai, bj) = (j, i) if swap else (i, j)
            spans_a.append((ai, ai + n))
            spans_b.append((bj, bj + n))
            phrases.setdefault(core)
    marks_a = _to_marks(_merge(spans_a), xmap, ta, "shared")
    marks_b = _to_marks(_merge(spans_b), ymap, tb, "shared")
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return marks_a, marks_b, ordered


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _to_marks(spans, cmap: list[int], shown: ShownText, kind) -> list[Mark]:
    """Marks in the shown text for spans of the compact string (white space inside kept)."""
    marks = []
    for s, e in spans:
        a, b = shown.span(cmap[s], cmap[e - 1] + 1)
        marks.append(Mark(a, b, kind))
    return marks


# --------------------------------------------------------------------------- word diff


def _encode(units_a: list, units_b: list) -> tuple[str, str]:
    """One private-use character per distinct unit (dmp's lines-to-chars trick on words or
    sentences); units are any hashable values."""
    table: dict[object, str] = {}

    def enc(units: list) -> str:
        out = []
        for u in units:
            c = table.get(u)
            if c is None:
                c = table[u] = chr(0xF0000 + len(table))  # supplementary private-use planes
            out.append(c)
        return "".join(out)

    return enc(units_a), enc(units_b)


def _sentences(tokens: list[str]) -> list[tuple[str, ...]]:
    """Tokens grouped into sentences (each ends at 。；！？ or a line break)."""
    out: list[tuple[str, ...]] = []
    start = 0
    for i, t in enumerate(tokens):
        if t in _SENTENCE_ENDS:
            out.append(tuple(tokens[start : i + 1]))
            start = i + 1
    if start < len(tokens):
        out.append(tuple(tokens[start:]))
    return out


def _edit_counts(units_a: list, units_b: list, semantic: bool) -> list[tuple[int, int]]:
    """A shortest edit script between two unit sequences: ``(op, number of units)``, op -1/0/1.

    The longest common subsequence comes from rapidfuzz (bit-parallel, in C: diff-match-patch's
    own bisection in Python was the largest single cost of long comparisons); diff-match-patch
    then normalises the script and, with ``semantic``, cleans it up into readable edits.
    """
    from diff_match_patch import diff_match_patch
    from rapidfuzz.distance import Indel

    ca, cb = _encode(units_a, units_b)
    diffs: list[tuple[int, str]] = []
    for tag, a0, a1, b0, b1 in Indel.opcodes(ca, cb):
        if tag == "equal":
            diffs.append((0, ca[a0:a1]))
        else:  # "delete" / "insert" (Indel has no "replace"); deletions first, as dmp writes them
            if a1 > a0:
                diffs.append((-1, ca[a0:a1]))
            if b1 > b0:
                diffs.append((1, cb[b0:b1]))
    dmp = diff_match_patch()
    dmp.diff_cleanupMerge(diffs)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return [(op, len(chars)) for op, chars in diffs]


def _token_script(tokens_a: list[str], tokens_b: list[str]) -> list[tuple[int, int]]:
    """Word-level edit script ``(op, number of tokens)``, computed in two levels.

    A whole-text word diff costs O(N·D): quadratic on long texts that differ a lot. So the
    sentences are diffed first (an unchanged sentence is an anchor), then the words of each
    changed stretch between anchors. A stretch of more than ``REGION_MAX_TOKENS`` tokens is
    rewritten text, not an edit, and stays one deletion and one insertion.
    """
    sent_a, sent_b = _sentences(tokens_a), _sentences(tokens_b)
    out: list[tuple[int, int]] = []

    def emit(op: int, n: int) -> None:
        if n <= 0:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + n)
        else:
            out.append((op, n))

    pa = pb = 0  # token positions
    ia = ib = 0  # sentence positions
    pending_a = pending_b = 0  # tokens of the changed stretch not yet diffed

    def flush() -> None:
        nonlocal pending_a, pending_b
        if pending_a + pending_b <= REGION_MAX_TOKENS and pending_a and pending_b:
            region_a = tokens_a[pa - pending_a : pa]
            region_b = tokens_b[pb - pending_b : pb]
            for op, n in _edit_counts(region_a, region_b, semantic=True):
                emit(op, n)
        else:
            emit(-1, pending_a)
            emit(1, pending_b)
        pending_a = pending_b = 0

    for op, n in _edit_counts(sent_a, sent_b, semantic=False):
        if op == 0:
            flush()
            k = sum(len(x) for x in sent_a[ia : ia + n])
            emit(0, k)
            pa, pb, ia, ib = pa + k, pb + k, ia + n, ib + n
        elif op < 0:
            k = sum(len(x) for x in sent_a[ia : ia + n])
            pa, ia, pending_a = pa + k, ia + n, pending_a + k
        else:
            k = sum(len(x) for x in sent_b[ib : ib + n])
            pb, ib, pending_b = pb + k, ib + n, pending_b + k
    flush()
    return out


def word_diff(ta: ShownText, tb: ShownText) -> tuple[list[DiffOp], list[Mark], list[Mark]]:
    """Word-level edit script from ``ta`` to ``tb`` (texts in their original script), with
    delete marks on A's shown text and insert marks on B's."""
    sa = token_spans(ta.norm[:MAX_CHARS])
    sb = token_spans(tb.norm[:MAX_CHARS])
    script = _token_script([t for t, _, _ in sa], [t for t, _, _ in sb])

    def cut(shown: ShownText, spans, p: int, q: int) -> tuple[str, int, int]:
        """Shown text of tokens [p, q) up to the next token, and the tokens' own span."""
        start = 0 if p == 0 else shown.origin[spans[p][1]]
        stop = shown.origin[spans[q][1]] if q < len(spans) else len(shown.text)
        a, b = shown.span(spans[p][1], spans[q - 1][2])
        return shown.text[start:stop], a, b

    ops: list[DiffOp] = []
    marks_a: list[Mark] = []
    marks_b: list[Mark] = []
    pa = pb = 0
    for op, n in script:
        if op == 0:
            text, _, _ = cut(ta, sa, pa, pa + n)
            ops.append(DiffOp("equal", text))
            pa += n
            pb += n
        elif op < 0:
            text, a, b = cut(ta, sa, pa, pa + n)
            ops.append(DiffOp("delete", text))
            marks_a.append(Mark(a, b, "delete"))
            pa += n
        else:
            text, a, b = cut(tb, sb, pb, pb + n)
            ops.append(DiffOp("insert", text))
            marks_b.append(Mark(a, b, "insert"))
            pb += n
    return ops, marks_a, marks_b


# --------------------------------------------------------------------------- entry point


def diff_texts(ta: ShownText, tb: ShownText) -> SectionDiff:
    """Compare two shown texts: word diff when similar, shared phrases when not."""
    compact_a, compact_b = _compact(ta.norm[:MAX_CHARS]), _compact(tb.norm[:MAX_CHARS])
    sim = _similarity(compact_a[0], compact_b[0])
    if sim >= DIFF_MIN_SIMILARITY:
        ops, ma, mb = word_diff(ta, tb)
        return SectionDiff("diff", sim, ta.text, tb.text, tuple(ma), tuple(mb), ops=tuple(ops))
    ma, mb, phrases = _shared_marks(ta, tb, compact_a, compact_b)
    return SectionDiff("shared", sim, ta.text, tb.text, tuple(ma), tuple(mb), shared=tuple(phrases))


def diff_sections(a: Report, sa: Section | None, b: Report, sb: Section | None) -> SectionDiff:
    """What differs between section ``sa`` of ``a`` and ``sb`` of ``b``.

    The texts compared and shown are everything under each heading (children included).
    With one side missing the mode is ``one_sided``.
    """
    ta = section_text(a, sa) if sa else EMPTY
    tb = section_text(b, sb) if sb else EMPTY
    if sa is None or sb is None:
        return SectionDiff(mode="one_sided", similarity=0.0, a_text=ta.text, b_text=tb.text)
    return diff_texts(ta, tb)
