"""The exported document as blocks (headings, paragraphs, lists, tables, quotes) of runs.

Built once from ``compare.present``'s presentation; the Markdown and Word writers turn the
same blocks into their formats, so both say the same things in the same order:

1. the memo (one screen): the two reports, their similarity in words, the topics only one
   covers, the largest changes in comparable figures, the initiatives both share and those
   new in one, each line linking to the part that discusses it;
2. the details (unless ``text=False``): the reports' metadata, counts, topic coverage,
   section alignment, the initiative tables, figures no part shows;
3. the parts, one per pair: labels, scores, the pair's figures, its text with the
   differences marked; text an earlier part already quoted is referred to, not repeated.

Runs hold report text unescaped; each writer escapes for its own format.
"""

from __future__ import annotations

from .export_blocks import Block, DocOptions, Heading
from .export_parts import Parts
from .export_summary import Details, Memo
from .model import Comparison, SectionPair
from .pipeline import DiffSource
from .present import Chunk, Part, Presentation, present, present_pair, similarity_band


class _Builder(Memo, Details, Parts):
    """The three parts of the document over one presentation."""


def build_document(c: Comparison, opts: DocOptions | None = None, pair_diffs: DiffSource | None = None) -> list[Block]:
    """The comparison as document blocks (the memo alone with ``text=False``); ``pair_diffs``
    gives the pairs' text differences (by default computed here, each once)."""
    opts = opts or DocOptions()
    b = _Builder(present(c, only_changes=opts.only_changes, pair_diffs=pair_diffs, parts=opts.text), opts)
    blocks = b.memo()
    if opts.text:
        blocks += b.details() + b.parts()
    return blocks


def build_pair(
    c: Comparison, pair: SectionPair, opts: DocOptions | None = None, pair_diffs: DiffSource | None = None
) -> list[Block]:
    """One pair on its own (e.g. for the clipboard): its part with both texts quoted in full,
    headed by the two sections' labels instead of the part's number (its text difference from
    ``pair_diffs``, by default computed here)."""
    opts = opts or DocOptions()
    pairs = c.alignment.pairs
    number = pairs.index(pair) + 1 if pair in pairs else 0
    view = present_pair(c, pair, number, pair_diffs(pair) if pair_diffs else None)

    def whole(text: str) -> tuple[Chunk, ...]:
        return (Chunk(0, len(text)),) if text else ()

    part = Part(view, whole(view.a.text), whole(view.b.text))
    p = Presentation(
        comparison=c,
        parts=(part,),
        similarity=c.alignment.similarity,
        similarity_band=similarity_band(c.alignment.similarity),
        figures=view.figures,
        top_changes=(),
        topic_gaps=(),
        shared_initiatives=(),
        only_a_initiatives=(),
        only_b_initiatives=(),
    )
    b = _Builder(p, opts)
    blocks = b.part(part)
    title = " ↔ ".join(x for x in (b.section_label(c.a, pair.a, None), b.section_label(c.b, pair.b, None)) if x)
    return [Heading(3, title)] + blocks[1:]


__all__ = ["Block", "DocOptions", "build_document", "build_pair"]
