"""Marks on whole words: where words and numbers begin and end, and marks and edit scripts
moved to those boundaries, so that no highlight starts or ends inside a word ("201**8**年")
or a number ("7.**4**％").

Word boundaries come from the segmenter (compare/terms.py) on the text in simplified script
(the conversion keeps offsets); a number with its decimals, separators and per cent sign
is one word. Segmentation never crosses a line break (jieba cuts its input at every character
that is no word character, white space included), so a text's words are its lines' words:
``WordBounds`` segments each distinct line once, for a document whose parts quote a section
and then, again, its sub-sections.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal

from .model import DiffOp, Initiative, Mark
from .normalize import detect_script, to_simplified

Script = Literal["simplified", "traditional"]
Bounds = Callable[[str, "Script | None"], frozenset[int]]  # word_bounds, or a WordBounds
_NUMBER = re.compile(r"[0-9０-９]+(?:[.．,，][0-9０-９]+)*[%％‰]?")


def _line_bounds(line: str, convert: Script | None) -> tuple[int, ...]:
    """Where the words of one line start and end, the line first converted to simplified
    script from ``convert`` (None: segmented as it is)."""
    from .terms import token_spans

    simplified = line if convert is None else to_simplified(line, convert)
    return tuple(k for _tok, a, b in token_spans(simplified) for k in (a, b))


def _bounds(text: str, script: Script | None, line_bounds: Callable[[str, Script | None], tuple[int, ...]]) -> frozenset[int]:
    # text given as simplified is segmented as it is; otherwise each line is converted as the
    # whole text would be (by the text's script when the caller does not know it)
    convert = None if script == "simplified" else script or detect_script(text)
    out = {0, len(text)}
    pos = 0
    for line in text.split("\n"):
        out.update(map(pos.__add__, line_bounds(line, convert)))
        pos += len(line) + 1
    # a number with its decimals, per cent sign or thousands separators is one word
    for m in _NUMBER.finditer(text):
        out.difference_update(range(m.start() + 1, m.end()))
    return frozenset(out)


@lru_cache(maxsize=512)
def word_bounds(text: str, script: Script | None = None) -> frozenset[int]:
    """Offsets of ``text`` where a word (or number) starts or ends (``script``: the text's, if known)."""
    return _bounds(text, script, _line_bounds)


class WordBounds:
    """``word_bounds`` that segments each distinct line once, for as long as its owner keeps
    it (a document being built: its parts quote the same lines at each level of nesting)."""

    def __init__(self) -> None:
        self._lines: dict[tuple[str, Script | None], tuple[int, ...]] = {}
        self._texts: dict[tuple[str, Script | None], frozenset[int]] = {}

    def __call__(self, text: str, script: Script | None = None) -> frozenset[int]:
        key = (text, script)
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = _bounds(text, script, self._line)
        return found

    def _line(self, line: str, convert: Script | None) -> tuple[int, ...]:
        key = (line, convert)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = _line_bounds(line, convert)
        return found


def snap_marks(
    text: str, marks: Sequence[Mark], *, grow: bool, script: Script | None = None, bounds_of: Bounds = word_bounds
) -> list[Mark]:
    """Marks moved to whole words: grown outwards (``grow``) or shrunk inwards."""
    if not marks:
        return []
    bounds = bounds_of(text, script)
    out = []
    for m in marks:
        a, b = max(0, m.start), min(len(text), m.end)
        if grow:
            while a > 0 and a not in bounds:
                a -= 1
            while b < len(text) and b not in bounds:
                b += 1
        else:
            while a < b and a not in bounds:
                a += 1
            while b > a and b not in bounds:
                b -= 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append(Mark(a, b, m.kind))
    return out


def ops_texts(ops: Sequence[DiffOp]) -> tuple[str, str]:
    return (
        "".join(op.text for op in ops if op.op != "insert"),
        "".join(op.text for op in ops if op.op != "delete"),
    )


def snap_ops(
    ops: Sequence[DiffOp], scripts: tuple[Script | None, Script | None] = (None, None), bounds_of: Bounds = word_bounds
) -> tuple[DiffOp, ...]:
    """The edit script with every change widened to whole words on both sides.

    A change that begins or ends inside a word ("201" kept, "8" → "9") takes the rest of the
    word from the unchanged text next to it, on both sides ("2018" → "2019").
    """
    ops = [op for op in ops if op.text]
    if not any(op.op != "equal" for op in ops):
        return tuple(ops)
    a_text, b_text = ops_texts(ops)
    ba, bb = bounds_of(a_text, scripts[0]), bounds_of(b_text, scripts[1])
    # runs: [kind, a_start, a_end, b_start, b_end]; equal runs have equal lengths on both sides
    runs: list[list] = []
    pa = pb = 0
    for op in ops:
        n = len(op.text)
        if op.op == "equal":
            runs.append(["equal", pa, pa + n, pb, pb + n])
            pa += n
            pb += n
        else:
            if not runs or runs[-1][0] != "change":
                runs.append(["change", pa, pa, pb, pb])
            if op.op == "delete":
                runs[-1][2] += n
                pa += n
            else:
                runs[-1][4] += n
                pb += n
    changed = True
    while changed:
        changed = False
        for i, r in enumerate(runs):
            if r[0] != "change":
                continue
            if i > 0 and runs[i - 1][0] == "equal":
                prev = runs[i - 1]
                k = 0
                while k < prev[2] - prev[1] and (r[1] - k not in ba or r[3] - k not in bb):
                    k += 1
                if k:
                    prev[2] -= k
                    prev[4] -= k
                    r[1] -= k
                    r[3] -= k
                    changed = True
            if i + 1 < len(runs) and runs[i + 1][0] == "equal":
                nxt = runs[i + 1]
                k = 0
                while k < nxt[2] - nxt[1] and (r[2] + k not in ba or r[4] + k not in bb):
                    k += 1
                if k:
                    nxt[1] += k
                    nxt[3] += k
                    r[2] += k
                    r[4] += k
                    changed = True
        # equal runs swallowed whole disappear; neighbouring changes merge
        merged: list[list] = []
        for r in runs:
            if r[0] == "equal" and r[2] == r[1]:
                continue
            if merged and merged[-1][0] == "change" and r[0] == "change":
                merged[-1][2], merged[-1][4] = r[2], r[4]
            else:
                merged.append(r)
        if len(merged) != len(runs):
            changed = True
        runs = merged
    out: list[DiffOp] = []
    for kind, a0, a1, b0, b1 in runs:
        if kind == "equal":
            out.append(DiffOp("equal", a_text[a0:a1]))
            continue
        if a1 > a0:
            out.append(DiffOp("delete", a_text[a0:a1]))
        if b1 > b0:
            out.append(DiffOp("insert", b_text[b0:b1]))
    return tuple(out)


def op_marks(ops: Sequence[DiffOp]) -> tuple[list[Mark], list[Mark]]:
    ma, mb = [], []
    pa = pb = 0
    for op in ops:
        n = len(op.text)
        if op.op == "delete":
            ma.append(Mark(pa, pa + n, "delete"))
            pa += n
        elif op.op == "insert":
            mb.append(Mark(pb, pb + n, "insert"))
            pb += n
        else:
            pa += n
            pb += n
    return ma, mb


def initiative_marks(text: str, items: Sequence[Initiative]) -> list[Mark]:
    """Where the initiatives' spellings stand in the shown text.

    The model keeps an initiative's names, not its offsets, so the shown text is searched for
    each spelling (longest first, never overlapping) — here and nowhere else.
    """
    names = sorted({n for i in items for n in (i.name, *i.names) if n and len(n) > 1}, key=len, reverse=True)
    taken: list[tuple[int, int]] = []
    used = bytearray(len(text))  # 1 where a spelling already stands
    for name in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(used[start:end]):
                taken.append((start, end))
                used[start:end] = b"\x01" * (end - start)
            start = text.find(name, end)
    return [Mark(a, b, "initiative") for a, b in sorted(taken)]
