"""Report text made safe and laid out for the terminal (Rich only, no Textual).

Everything from a report passes ``clean`` before it reaches the screen: control characters
(ESC, C1, DEL, ...) and bidirectional overrides become U+FFFD one for one, so offsets into the
text stay valid and a report can never drive the terminal. Text objects are built from plain
strings, never parsed as markup.

``fold`` cuts a side's text into rows of at most ``width`` terminal cells (wide CJK characters
count two and are never split); ``side_by_side`` puts the two sides' rows next to each other,
padding the shorter paragraph with filler rows so that both sides stay level.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text

from reportdiff.compare import sanitize

from reportdiff.compare.i18n import N_, _

NARROW = 100  # below this many columns a screen is narrow: stacked sides, pair list hidden
MAX_SIDE_CHARS = 200_000  # a side longer than this shows its beginning and a note

# how each highlight kind looks: never colour alone (strike, underline, bold, reverse, italic)
MARK_STYLES: dict[str, Style] = {
    "delete": Style(strike=True, color="red"),
    "insert": Style(underline=True, color="green"),
    "shared": Style(bold=True, color="cyan"),
    "metric": Style(reverse=True, color="yellow"),
    "initiative": Style(bold=True, italic=True, color="magenta"),
    "search": Style(reverse=True, bold=True, color="bright_white", bgcolor="blue"),
}
# one-character gutter marker for a row holding a kind of highlight (first listed wins)
GUTTER: tuple[tuple[str, str], ...] = (
    ("search", "?"),
    ("delete", "-"),
    ("insert", "+"),
    ("metric", "#"),
    ("initiative", "*"),
    ("shared", "="),
)
LEGEND: tuple[tuple[str, str, str], ...] = (
    ("-", "delete", N_("only in A")),
    ("+", "insert", N_("only in B")),
    ("=", "shared", N_("shared phrase")),
    ("#", "metric", N_("changed number")),
    ("*", "initiative", N_("shared initiative")),
)
SHORT_WORDS = {
    "delete": N_("only A"),
    "insert": N_("only B"),
    "shared": N_("shared"),
    "metric": N_("number"),
    "initiative": N_("initiative"),
}
HEADING_STYLE = Style(bold=True)
FILLER_STYLE = Style(dim=True)


def clean(text: str) -> str:
    """Text safe to show: controls and bidi overrides become U+FFFD (tab: a space), same length."""
    return sanitize.clean(text, tab=" ")


def one_line(text: str | None, default: str = "") -> str:
    """Text for a one-line label: cleaned, line breaks as spaces."""
    return clean(text or default).replace("\n", " ")


def display_path(path: Path) -> str:
    """A path as a user reads it: the shortest of relative to the working folder, ~/…, absolute."""
    path = path.expanduser().absolute()
    shown = [str(path)]
    for base, prefix in ((Path.cwd(), "."), (Path.home(), "~")):
        try:
            rel = path.relative_to(base)
        except ValueError:
            continue
        shown.append(prefix if rel == Path(".") else str(rel) if prefix == "." else f"~/{rel}")
    return sanitize.show_path(min(shown, key=len))


def plain(text: str | None, style: Style | str = "") -> Text:
    """A Text of report text shown literally (never markup)."""
    return Text(one_line(text), style=style, no_wrap=True, end="")


@dataclass(frozen=True)
class Span:
    """A highlighted span of a side's text."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class SideRow:
    """One folded row of one side: the text of ``[start, end)`` of the side's text."""

    text: Text
    start: int
    end: int
    kinds: frozenset[str] = frozenset()

    @property
    def gutter(self) -> str:
        for kind, ch in GUTTER:
            if kind in self.kinds:
                return ch
        return " "


@dataclass(frozen=True)
class Paragraph:
    rows: tuple[SideRow, ...]
    text: str  # the paragraph's plain text (for matching paragraphs across sides)


@dataclass(frozen=True)
class ViewRow:
    """One screen row of the pair view: both sides (``None``: filler) or a label across."""

    a: SideRow | None = None
    b: SideRow | None = None
    label: Text | None = None
    kinds: frozenset[str] = field(default=frozenset())


def styled(text: str, spans: Iterable[Span], base: Style | None = None) -> Text:
    """A Text of ``text`` (cleaned) with the spans' styles applied."""
    t = Text(clean(text), style=base or "", no_wrap=True, end="")
    n = len(text)
    for s in spans:
        a, b = max(0, s.start), min(n, s.end)
        if a < b and s.kind in MARK_STYLES:
            t.stylize(MARK_STYLES[s.kind], a, b)
    return t


def find_all(text: str, needle: str, limit: int = 2000) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of ``needle`` in ``text`` (case-insensitive), at most ``limit``."""
    if not needle:
        return []
    hay, pat = text.casefold(), needle.casefold()
    if len(hay) != len(text):  # casefold changed lengths (ß …): fall back to exact search
        hay, pat = text, needle
    out: list[tuple[int, int]] = []
    i = hay.find(pat)
    while i >= 0 and len(out) < limit:
        out.append((i, i + len(pat)))
        i = hay.find(pat, i + len(pat))
    return out


def fold(text: str, spans: Sequence[Span], width: int, base: Style | None = None) -> list[Paragraph]:
    """The side's text in rows of at most ``width`` cells, one paragraph per line of text."""
    width = max(width, 2)  # a wide character needs two cells
    text = clean(text)
    truncated = len(text) > MAX_SIDE_CHARS
    if truncated:
        text = text[:MAX_SIDE_CHARS]
    whole = styled(text, spans, base)
    kinds_at = _kind_index(spans, len(text))
    layout: list[tuple[str, list[tuple[int, int]]]] = []  # paragraph text, row spans
    pos = 0
    for line in text.split("\n"):
        cuts = _row_cuts(line, width)
        layout.append((line, [(pos + a, pos + b) for a, b in zip(cuts, cuts[1:])]))
        pos += len(line) + 1
    # one divide of the whole styled text is much cheaper than slicing it row by row
    bounds = sorted({x for _, spans_ in layout for span in spans_ for x in span})
    pieces = dict(zip(bounds, whole.divide(bounds)[1:])) if bounds else {}
    paragraphs: list[Paragraph] = []
    for line, row_spans in layout:
        rows = []
        for a, b in row_spans:
            if a == b:
                t = Text("", no_wrap=True, end="")
            else:
                piece = pieces.get(a)
                t = piece if piece is not None and len(piece) == b - a else whole[a:b]
            ks = frozenset(k for k, idx in kinds_at.items() if _overlaps(idx, a, b))
            rows.append(SideRow(t, a, b, ks))
        paragraphs.append(Paragraph(tuple(rows), line))
    if truncated:
        note = Text(_("… (text cut at {n} characters)").format(n=f"{MAX_SIDE_CHARS:,}"), style=FILLER_STYLE)
        paragraphs.append(Paragraph((SideRow(note, len(text), len(text)),), ""))
    return paragraphs


# Line breaking as Chinese typesetting does it (kinsoku shori, JIS X 4051 / W3C "Requirements
# for Chinese Text Layout" §3.1.7): closing punctuation never starts a row, opening
# punctuation never ends one; and a number is never cut, nor parted from its unit ("3项").
NO_ROW_START = frozenset("，。、；：？！）》」』】〕〉”’…·%％,.;:?!)]}")
NO_ROW_END = frozenset("（《「『【〔〈“‘([{")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_IN_NUMBER = _DIGITS | frozenset(".,．")
MAX_BACKTRACK = 8  # characters a break may move back; a longer unbreakable run is cut


def can_break(prev: str, cur: str) -> bool:
    """Whether a row may end between ``prev`` and ``cur``."""
    if cur in NO_ROW_START or prev in NO_ROW_END:
        return False
    if prev in _IN_NUMBER and cur in _DIGITS:
        return False  # inside a number: 68, 1,200, 3.5
    if prev in _DIGITS and not cur.isspace() and cur not in NO_ROW_END:
        return False  # a number and its unit: 3项, 12次, 50%
    if prev.isascii() and cur.isascii() and prev.isalnum() and cur.isalnum():
        return False  # inside a Latin word
    return True


def _row_cuts(line: str, width: int) -> list[int]:
    """Offsets where rows of one line start (and the line's end); an empty line is one row.

    Rows take as many characters as fit in ``width`` cells, then give back the last few when
    the break would fall where ``can_break`` forbids it."""
    cuts = [0]
    widths = [get_character_cell_size(ch) for ch in line]
    used = 0
    for i, w in enumerate(widths):
        while used + w > width and i > cuts[-1]:
            start = cuts[-1]
            j = i
            while j > start + 1 and i - j < MAX_BACKTRACK and not can_break(line[j - 1], line[j]):
                j -= 1
            if not can_break(line[j - 1], line[j]):
                j = i  # no allowed break nearby: cut where the row is full
            cuts.append(j)
            used = sum(widths[j:i])
        used += w
    cuts.append(len(line))
    return cuts


def _kind_index(spans: Sequence[Span], n: int) -> dict[str, list[tuple[int, int]]]:
    """Per kind, the union of its spans as sorted, disjoint intervals."""
    raw: dict[str, list[tuple[int, int]]] = {}
    for s in spans:
        if s.start < s.end and s.start < n:
            raw.setdefault(s.kind, []).append((s.start, s.end))
    out: dict[str, list[tuple[int, int]]] = {}
    for kind, v in raw.items():
        v.sort()
        merged = [v[0]]
        for x, y in v[1:]:
            if x <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], y))
            else:
                merged.append((x, y))
        out[kind] = merged
    return out


def _overlaps(intervals: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether sorted disjoint ``intervals`` meet ``[a, b)``."""
    i = bisect_left(intervals, (b, -1))  # intervals[:i] start before b
    return i > 0 and intervals[i - 1][1] > a


def _similar(x: str, y: str) -> float:
    from rapidfuzz.fuzz import ratio

    return ratio(x, y) / 100.0


def match_paragraphs(pa: Sequence[str], pb: Sequence[str], threshold: float = 0.5) -> list[tuple[int | None, int | None]]:
    """Paragraph pairs to show level: similar paragraphs side by side in order; between two
    such anchors the remaining paragraphs are zipped in order (extra ones opposite filler)."""
    n, m = len(pa), len(pb)
    if n * m > 40_000:  # very long sections: just zip
        anchors: list[tuple[int, int]] = []
    else:
        # best monotone set of similar pairs (a small Needleman-Wunsch; gaps cost nothing)
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                best = max(score[i + 1][j], score[i][j + 1])
                s = _similar(pa[i], pb[j]) if pa[i] and pb[j] else 0.0
                if s >= threshold:
                    best = max(best, score[i + 1][j + 1] + s)
                score[i][j] = best
        anchors = []
        i = j = 0
        while i < n and j < m:
            s = _similar(pa[i], pb[j]) if pa[i] and pb[j] else 0.0
            if s >= threshold and abs(score[i][j] - (score[i + 1][j + 1] + s)) < 1e-9:
                anchors.append((i, j))
                i, j = i + 1, j + 1
            elif score[i + 1][j] >= score[i][j + 1]:
                i += 1
            else:
                j += 1
    out: list[tuple[int | None, int | None]] = []
    pi = pj = 0
    for ai, bj in anchors + [(n, m)]:
        ga, gb = list(range(pi, ai)), list(range(pj, bj))
        for k in range(max(len(ga), len(gb))):
            out.append((ga[k] if k < len(ga) else None, gb[k] if k < len(gb) else None))
        if ai < n and bj < m:
            out.append((ai, bj))
        pi, pj = ai + 1, bj + 1
    return out


def side_by_side(a: Sequence[Paragraph], b: Sequence[Paragraph]) -> list[ViewRow]:
    """Rows of both sides next to each other; each paragraph pair padded to the same height."""
    rows: list[ViewRow] = []
    for ia, ib in match_paragraphs([p.text for p in a], [p.text for p in b]):
        ra = a[ia].rows if ia is not None else ()
        rb = b[ib].rows if ib is not None else ()
        for k in range(max(len(ra), len(rb))):
            x = ra[k] if k < len(ra) else None
            y = rb[k] if k < len(rb) else None
            kinds = (x.kinds if x else frozenset()) | (y.kinds if y else frozenset())
            rows.append(ViewRow(a=x, b=y, kinds=kinds))
    return rows


def stacked(label_a: Text, a: Sequence[Paragraph], label_b: Text, b: Sequence[Paragraph]) -> list[ViewRow]:
    """A's rows under a label, then B's rows under a label."""
    rows = [ViewRow(label=label_a)]
    rows += [ViewRow(a=r, kinds=r.kinds) for p in a for r in p.rows]
    rows.append(ViewRow(label=Text("")))
    rows.append(ViewRow(label=label_b))
    rows += [ViewRow(b=r, kinds=r.kinds) for p in b for r in p.rows]
    return rows


def change_starts(rows: Sequence[ViewRow], kinds: frozenset[str]) -> list[int]:
    """Indices of rows that begin a run of rows holding one of ``kinds``."""
    out = []
    prev = False
    for i, r in enumerate(rows):
        cur = bool(r.kinds & kinds)
        if cur and not prev:
            out.append(i)
        prev = cur
    return out


def pad(text: Text, width: int, ellipsis: bool = False) -> Text:
    """``text`` padded with spaces (or cut, never through a wide character) to ``width`` cells;
    ``ellipsis`` ends a cut text with "…"."""
    t = text.copy()
    t.no_wrap = True
    n = t.cell_len
    if n < width:
        t.pad_right(width - n)
    elif n > width:
        t.truncate(width, overflow="ellipsis" if ellipsis and width > 1 else "crop", pad=True)
    return t


def legend(short: bool = False) -> Text:
    """What the highlights mean, each shown in its own style (marker, style and words)."""
    t = Text(no_wrap=True, end="")
    for ch, kind, words in LEGEND:
        if t:
            t.append("  ")
        t.append(f"{ch} ")
        t.append(_(SHORT_WORDS[kind] if short else words), style=MARK_STYLES[kind])
    return t


# how a section without number and heading is named, by its kind
KIND_NAMES = {"preamble": N_("Preamble"), "problems": N_("Problems"), "next_steps": N_("Next steps"), "closing": N_("Closing")}


def section_title(report, section_id: str | None, convert=None) -> str:
    """A section's label (the core's ``section_label``) as one clean line, an untitled one
    named by its kind; ``convert(text, report)`` changes its script ("" for no section)."""
    from reportdiff.compare.present import section_label

    title = section_label(report, section_id).strip()
    if not title and section_id is not None:
        title = _(KIND_NAMES.get(report.section(section_id).kind, N_("(untitled)")))
    if convert is not None:
        title = convert(title, report)
    return one_line(title)


def topic_name(code: str | None) -> str:
    """A national-outline topic code as the interface's language names it ("FUNC" → 政府职能)."""
    from reportdiff.compare import i18n
    from reportdiff.compare.export_labels import topic_label

    return topic_label(i18n.current(), code) if code else ""

