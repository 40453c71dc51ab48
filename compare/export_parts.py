"""The document's parts, one per pair: labels, scores, figures, and the text with its
differences marked; a stretch an earlier part quoted is referred to, never quoted again."""

from __future__ import annotations

from collections.abc import Sequence

from .export_blocks import (
    Block,
    Bullets,
    Heading,
    Legend,
    Para,
    Run,
    Runs,
    Table,
    Words,
    marked_segments,
    part_anchor,
    pct,
    quote_block,
)
from .model import Report
from .present import Chunk, Part, Side


class Parts(Words):
    def parts(self) -> list[Block]:
        out: list[Block] = [Heading(2, self.t("pairs"))]
        if not self.p.parts:
            return out + [Para((Run(self.t("none")),))]
        for part in self.p.parts:
            out += self.part(part)
        return out

    def part(self, part: Part) -> list[Block]:
        c, v = self.c, part.view
        pair = v.pair
        out: list[Block] = [Heading(3, self.t("part", n=v.number), part_anchor(self.lang, v.number))]
        colon = self.t("colon")
        bullets: list[Runs] = []
        if pair.a:
            bullets.append((Run("A" + colon + self.section_label(c.a, pair.a, width=None) + ("" if pair.b else self.t("pair_only_a"))),))
        if pair.b:
            bullets.append((Run("B" + colon + self.section_label(c.b, pair.b, width=None) + ("" if pair.a else self.t("pair_only_b"))),))
        if v.both:
            score = self.t("score", v=self.pair_score(pair))
            if pair.reason:
                reason = self.t("sep").join(self.quote(r, c.a) for r in pair.reason)
                score += self.t("list_sep") + self.t("reason", r=reason)
            if pair.manual:
                score += self.t("manual")
            bullets.append((Run(score),))
        if pair.topic:
            bullets.append((Run(self.t("pair_topic", t=self.topic(pair.topic))),))
        if v.both:
            bullets.append((Run(self.t("text_similarity", v=pct(v.similarity))),))
        if v.mode == "shared" and v.shared:
            bullets.append((Run(self.t("shared_phrases", p=self.t("sep").join(self.quote(x, c.a) for x in v.shared))),))
        figures = self.visible(v.figures)
        here = [f for f in figures if self._home(f) == v.number]
        elsewhere = sorted({self._home(f) for f in figures} - {v.number, None})
        if len(here) < len(figures) and elsewhere:
            runs: list[Run] = [Run(self.t("figures_elsewhere", n=len(figures) - len(here)))]
            for k, n in enumerate(elsewhere):
                if k:
                    runs.append(Run(self.t("sep")))
                runs += self.link(n) or (Run(str(n)),)
            bullets.append(tuple(runs))
        out.append(Bullets(tuple(bullets)))
        if here:
            header = (self.t("counted"), "A", "B", self.t("difference"))
            out.append(Table(header, self.figure_rows(here, with_place=False)))
        return out + self.part_text(part)

    def part_text(self, part: Part) -> list[Block]:
        c, v = self.c, part.view
        if v.unchanged and (v.a.text or v.b.text):
            return [Para((Run(self.t("identical")),))]
        out: list[Block] = []
        if v.mode == "diff" and v.ops and part.fresh:
            out.append(Legend("diff"))
            segs = [(op.text, {"equal": "", "delete": "delete", "insert": "insert"}[op.op]) for op in v.ops]
            segs = [(self.quote(t, c.b if k == "insert" else c.a), k) for t, k in segs]
            return out + [quote_block(segs)]
        if v.mode == "shared":
            out.append(Legend("shared"))
        elif v.mode == "diff":
            out.append(Legend("diff"))
        for key, side, chunks, report in (("a", v.a, part.a, c.a), ("b", v.b, part.b, c.b)):
            if not side.section:
                continue
            if v.both:
                out.append(Para((Run(self.t(f"text_{key}")),)))
            if not side.text:
                out.append(Para((Run(self.t("no_text")),)))
                continue
            out += self.side_text(side, chunks, report)
        return out

    def side_text(self, side: Side, chunks: Sequence[Chunk], report: Report) -> list[Block]:
        out: list[Block] = []
        for ch in chunks:
            if ch.seen_in is not None:
                link = self.link(ch.seen_in) or (Run(self.t("part_link", n=ch.seen_in)),)
                text = self.t("seen", link="\x00")
                before, after = text.split("\x00")
                out.append(Para((Run(before),) + link + (Run(after),)))
                continue
            segs = marked_segments(side.text, side.marks, ch.start, ch.end)
            out.append(quote_block([(self.quote(t, report), k) for t, k in segs]))
        return out


