"""Parsing a report's heading structure into a tree of sections.

``parse_structure`` runs the heading passes in order over one ``Outline`` (the candidate
headings so far, see ``compare.outline``), then builds the tree. The passes, in ``PASSES``:

1. closing zones at the end of the text: a glossary and the signature/date block
   (``compare.closing_parts``); nothing in them is a heading;
2. numbered headings at line starts (``compare.heading_passes``);
3. for a report without any: lead-sentence headings, else one section per paragraph;
4. unnumbered closing paragraphs at the end of a part: problems and next-step sections;
5. unnumbered lead-sentence headings, siblings of numbered headings or children of their part;
6. 一是/二是 enumerations, at paragraph starts or run on inside a paragraph;
7. kinds: numbered headings that name the problems or next-steps part.

What a heading line looks like (markers, lead sentences, length limits) is in
``compare.heading_patterns``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .closing_parts import closing_paragraphs, closing_zones, kinds
from .heading_passes import enumerations, lead_headings, numbered_headings, paragraph_sections
from .model import Report, Section
from .outline import Candidate, Outline

Pass = Callable[[Outline], Outline]
# the order matters: each pass reads the candidates of the ones before it
PASSES: tuple[Pass, ...] = (
    closing_zones,
    numbered_headings,
    paragraph_sections,
    closing_paragraphs,
    lead_headings,
    enumerations,
    kinds,
)


def parse_structure(report: Report) -> Report:
    """Return the report with its ``sections`` (the outline tree) filled in."""
    outline = Outline(report)
    for step in PASSES:
        outline = step(outline)
    return replace(report, sections=build_sections(outline))


def build_sections(o: Outline) -> tuple[Section, ...]:
    """The outline tree: spans (trimmed to content lines, so trailing boilerplate is never
    inside), levels and ids, with a preamble before the first heading and the closing zones."""
    if not o.lines:
        return ()
    nodes = list(o.nodes)
    main = o.lines[: o.main_end]
    if main and (not nodes or main[0].start < nodes[0].pos):
        first = main[0]
        nodes.insert(0, Candidate(pos=first.start, line=0, style="preamble", kind="preamble",
                              body_start=first.start))
    nodes.extend(sorted(o.zone_nodes, key=lambda z: z.pos))
    depth: dict[int, int] = {}

    def level(x: Candidate) -> int:
        if id(x) in depth:
            return depth[id(x)]
        if x.parent is None:
            lv = 0 if x.kind in ("preamble", "closing") or x.style == "tail" else 1
        else:
            lv = level(x.parent) + 1
        depth[id(x)] = lv
        return lv

    def is_ancestor(a: Candidate, b: Candidate) -> bool:
        p = b.parent
        while p is not None:
            if p is a:
                return True
            p = p.parent
        return False

    doc_end = o.lines[-1].end
    ids = {id(x): f"s{k + 1}" for k, x in enumerate(nodes)}
    out = []
    for k, x in enumerate(nodes):
        boundary = doc_end
        for y in nodes[k + 1:]:
            if not is_ancestor(x, y):
                boundary = y.pos
                break
        end = o.content_end_before(boundary, x.pos)
        body_start = min(max(x.body_start, x.pos), max(end, x.pos))
        out.append(
            Section(
                id=ids[id(x)],
                parent=ids[id(x.parent)] if x.parent is not None else None,
                level=level(x),
                number=x.number,
                heading=x.heading,
                kind=x.kind,  # type: ignore[arg-type]
                start=x.pos,
                end=end,
                body_start=body_start,
            )
        )
    return tuple(out)
