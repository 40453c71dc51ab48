"""The outline under construction: candidate headings in text order, and line offsets.

The heading passes (``compare.heading_passes``, ``compare.closing_parts``) match on the
normalised content lines (``Line.norm``: simplified script, half-width punctuation); an
``Outline`` maps every offset back to ``Report.text`` and keeps the candidates sorted by where
they start, so "the section containing this offset" is a bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .heading_patterns import clean_heading, split_heading
from .model import Line, Report


@dataclass(eq=False)
class Candidate:
    """A section the passes have found: where it starts, its number, heading and place."""

    pos: int  # original offset of the section's first character
    line: int  # index into report.lines of the line it starts on
    style: str  # marker style, or "lead", "shi", "preamble", "closing", "tail", "para"
    n: int = 0
    number: str = ""
    heading: str = ""
    hnorm: str = ""  # the heading, normalised (for comparisons)
    body_start: int = 0
    kind: str = "heading"
    parent: "Candidate | None" = None
    rank: float = 0.0
    inline: bool = False  # the heading line also carries body text


def _pos(node: Candidate) -> int:
    return node.pos


@dataclass(eq=False)
class Outline:
    """What the heading passes share: the report, its content lines and the candidates so far."""

    report: Report
    nodes: list[Candidate] = field(default_factory=list)  # in text order (``add`` keeps it so)
    zone_nodes: list[Candidate] = field(default_factory=list)  # closing zones, outside the tree
    main_end: int = -1  # lines from here on are closing zones (set from the report when < 0)

    def __post_init__(self) -> None:
        self.lines: tuple[Line, ...] = self.report.lines
        self.starts = [ln.start for ln in self.lines]
        if self.main_end < 0:
            self.main_end = len(self.lines)

    # --- offsets -----------------------------------------------------------------------
    def orig(self, li: int, i: int) -> int:
        """Original offset of normalised character ``i`` of line ``li`` (``len`` -> line end)."""
        ln = self.lines[li]
        if i >= len(ln.norm):
            return ln.end
        if ln.norm == ln.text:  # no normalisation happened (or it changed nothing)
            return ln.start + i
        return self.report.norm.to_original(ln.nstart + i)

    def original(self, li: int, a: int, b: int) -> str:
        """Original text of the normalised span ``[a, b)`` of line ``li``."""
        if b <= a:
            return ""
        return self.report.text[self.orig(li, a): self.orig(li, b - 1) + 1]

    def content_end_before(self, boundary: int, floor: int) -> int:
        """End of the last content character before ``boundary`` (never below ``floor``)."""
        i = bisect_left(self.starts, boundary) - 1
        if i < 0:
            return floor
        e = min(self.lines[i].end, boundary)
        text = self.report.text
        while e > floor and text[e - 1] in " \t\u3000\r\n":
            e -= 1
        return max(e, floor)

    # --- candidates, kept in text order so lookups bisect on the start offset ------------
    def add(self, node: Candidate) -> None:
        """Insert ``node`` at its place in text order."""
        self.nodes.insert(bisect_right(self.nodes, node.pos, key=_pos), node)

    def before(self, pos: int) -> Candidate | None:
        """The last section starting before ``pos``: the deepest one containing it."""
        i = bisect_left(self.nodes, pos, key=_pos)
        return self.nodes[i - 1] if i else None

    def after(self, pos: int) -> Candidate | None:
        """The first section starting after ``pos``."""
        i = bisect_right(self.nodes, pos, key=_pos)
        return self.nodes[i] if i < len(self.nodes) else None

    def heading_node(self, node: Candidate, li: int, a: int, end: int, limit: int, short: int = 0) -> Candidate:
        """Fill in ``node``'s heading from ``norm[a:end]`` of line ``li`` (see ``split_heading``)."""
        norm = self.lines[li].norm
        h0, h1, b = split_heading(norm, a, end, limit, short)
        node.heading = clean_heading(self.original(li, h0, h1))
        node.hnorm = clean_heading(norm[h0:h1])
        node.body_start = self.orig(li, b) if b < len(norm) else self.lines[li].end
        node.inline = bool(norm[b:end].strip())
        return node
