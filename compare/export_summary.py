"""The document's first two parts: the memo (one screen of what changed, every line linking
to its part) and the details (metadata, counts, topic coverage, alignment, initiatives)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .sanitize import show_path
from .export_blocks import Block, Bullets, Heading, Para, Run, Runs, Table, Words, content_length, pct
from .export_labels import PART_LABELS, TOPIC_LABELS
from .figures import Figure
from .model import Report
from .present import section_ref


class Memo(Words):
    def memo(self) -> list[Block]:
        c, p = self.c, self.p
        out: list[Block] = [Heading(1, self.t("title", a=self.report_name(c.a, "A"), b=self.report_name(c.b, "B")))]
        if self.o.text:
            out.append(Heading(2, self.t("memo")))
        items: list[Runs] = []
        for side, r, fallback in (("A", c.a, "A"), ("B", c.b, "B")):
            name = self.quote(r.meta.title, r) or self.report_name(r, fallback)
            items.append((Run(self.t("reports_line", side=side, name=name, n=content_length(r), s=len(r.sections))),))
        band = self.t(f"band_{p.similarity_band}")
        items.append((Run(self.t("similarity", v=pct(p.similarity), band=band)),))
        for side in ("a", "b"):
            gaps = [g for g in p.topic_gaps if g.side == side]
            if not gaps:
                continue
            runs: list[Run] = [Run(self.t(f"gap_{side}"))]
            for k, g in enumerate(gaps):
                if k:
                    runs.append(Run(self.t("sep")))
                runs.append(Run(self.topic(g.code)))
                runs += self.paren_link(next((n for n in g.parts if n is not None), None))
            items.append(tuple(runs))
        if not p.topic_gaps:
            items.append((Run(self.t("no_gaps")),))
        items += self.memo_initiatives()
        out.append(Bullets(tuple(items)))
        out.append(Heading(2 if not self.o.text else 3, self.t("top_changes")))
        if not p.top_changes:
            out.append(Para((Run(self.t("no_changes")),)))
        else:
            out.append(self.change_table(p.top_changes))
        return out

    def change_table(self, figures: Sequence[Figure]) -> Table:
        c = self.c
        with_reason = any(f.reasons for f in figures)
        header = [self.t("label_a"), self.t("label_b"), self.t("old_new"), self.t("change")]
        if with_reason:
            header.append(self.t("reason_col"))
        if self.o.text:
            header.append(self.t("see"))
        rows = []
        for f in figures:
            row = [
                (Run(self.quote(f.label_a, c.a) or "—"),),
                (Run(self.quote(f.label_b, c.b) or "—"),),
                (Run(f"{self.quote(f.old, c.a) or '—'} → {self.quote(f.new, c.b) or '—'}"),),
                (Run(f.change or "—"),),
            ]
            if with_reason:
                row.append((Run(self.t("list_sep").join(self.t(f"why_{r}") for r in f.reasons) or "—"),))
            if self.o.text:
                row.append(self.link(f.pair) or (Run("—"),))
            rows.append(tuple(row))
        return Table(tuple(header), tuple(rows))

    def memo_initiatives(self) -> list[Runs]:
        c, p = self.c, self.p
        groups = (
            ("ini_shared", [(s.a, c.a, n) for s, n in p.shared_initiatives]),
            ("ini_new_b", [(i, c.b, n) for i, n in p.only_b_initiatives]),
            ("ini_only_a", [(i, c.a, n) for i, n in p.only_a_initiatives]),
        )
        out = []
        for key, items in groups:
            if not items:
                continue
            runs: list[Run] = [Run(self.t(key, n=len(items)))]
            # the most often mentioned first: what a report stresses
            ranked = sorted(items, key=lambda x: -x[0].count)[:8]
            for k, (ini, report, n) in enumerate(ranked):
                if k:
                    runs.append(Run(self.t("sep")))
                runs.append(Run(self.quote(ini.name, report)))
                runs += self.paren_link(n)
            if len(items) > len(ranked):
                runs.append(Run(" " + self.t("more", n=len(items) - len(ranked))))
            out.append(tuple(runs))
        return out

    # --- the details


class Details(Words):
    def details(self) -> list[Block]:
        c = self.c
        out: list[Block] = [Heading(2, self.t("details"))]

        def row(key: str, fn: Callable[[Report], str]) -> tuple[Runs, ...]:
            return ((Run(self.t(key)),), (Run(fn(c.a)),), (Run(fn(c.b)),))

        def year(r: Report) -> str:
            if r.meta.year is None:
                return "—"
            return f"{r.meta.year}" + (f"（{self.quote(r.meta.period, r)}）" if r.meta.period else "")

        def script(r: Report) -> str:
            return self.t(r.script) if r.script in ("simplified", "traditional") else r.script

        rows = (
            row("meta_title", lambda r: self.quote(r.meta.title, r) or "—"),
            row("meta_org", lambda r: self.quote(r.meta.organization, r) or "—"),
            row("meta_year", year),
            row("meta_published", lambda r: r.meta.published or "—"),
            row("meta_file", lambda r: show_path(Path(r.path).name) if r.path else "—"),
            row("meta_script", script),
            row("meta_length", lambda r: self.t("chars", n=content_length(r))),
            row("meta_sections", lambda r: str(len(r.sections))),
        )
        out.append(Table((self.t("field"), "A", "B"), rows))
        out += self.summary() + self.coverage() + self.alignment_table() + self.initiative_tables()
        return out + self.loose_figures()

    def summary(self) -> list[Block]:
        c = self.c
        al = c.alignment
        sim = pct(al.similarity)
        if al.parts:
            parts = self.t("sep").join(
                f"{(PART_LABELS.get(name) or (name, name))[1 if self.lang == 'en' else 0]} {pct(v)}"
                for name, v in al.parts
            )
            line = self.t("similarity_parts", v=sim, parts=parts)
        else:
            line = self.t("similarity", v=sim, band=self.t(f"band_{self.p.similarity_band}"))
        ini = c.initiatives
        status = [m.status for m in c.metrics]
        lines = [
            line,
            self.t(
                "sections_line",
                n=sum(1 for p in al.pairs if p.a and p.b),
                a=sum(1 for p in al.pairs if p.a and not p.b),
                b=sum(1 for p in al.pairs if p.b and not p.a),
            ),
            self.t("initiatives_line", n=len(ini.shared), a=len(ini.only_a), b=len(ini.only_b)),
            self.t(
                "metrics_line",
                n=status.count("changed"),
                s=status.count("same"),
                a=status.count("only_a"),
                b=status.count("only_b"),
            ),
        ]
        return [Heading(3, self.t("summary")), Bullets(tuple((Run(x),) for x in lines))]

    def coverage(self) -> list[Block]:
        c = self.c
        by_topic: dict[str, tuple[list[str], list[str]]] = {}
        for side, (report, topics) in enumerate(((c.a, c.alignment.topics_a), (c.b, c.alignment.topics_b))):
            order = {s.id: i for i, s in enumerate(report.sections)}
            for sid in sorted(topics, key=lambda s: order.get(s, len(order))):
                for code in topics[sid]:
                    by_topic.setdefault(code, ([], []))[side].append(sid)
        out: list[Block] = [Heading(3, self.t("coverage"))]
        if not by_topic:
            return out + [Para((Run(self.t("none")),))]
        codes = [k for k in TOPIC_LABELS if k in by_topic] + sorted(k for k in by_topic if k not in TOPIC_LABELS)

        def cell(report: Report, sids: list[str]) -> Runs:
            if not sids:
                return (Run("—"),)
            refs = [self.quote(section_ref(report, s), report) for s in sids[:6]]
            items = " ".join(refs) + (" " + self.t("and_more") if len(sids) > 6 else "")
            key = "one_section" if len(sids) == 1 else "n_sections"
            return (Run(self.t(key, n=len(sids), items=items)),)

        rows = tuple(((Run(self.topic(k)),), cell(c.a, by_topic[k][0]), cell(c.b, by_topic[k][1])) for k in codes)
        return out + [Table((self.t("topic"), "A", "B"), rows)]

    def alignment_table(self) -> list[Block]:
        c = self.c
        out: list[Block] = [Heading(3, self.t("alignment"))]
        if not c.alignment.pairs:
            return out + [Para((Run(self.t("none")),))]
        rows = []
        for n, p in enumerate(c.alignment.pairs, 1):
            rows.append(
                (
                    self.link(n) or (Run(str(n)),),
                    (Run(self.section_label(c.a, p.a) or "—"),),
                    (Run(self.section_label(c.b, p.b) or "—"),),
                    (Run(self.pair_score(p) if p.a and p.b else "—"),),
                    (Run(self.topic(p.topic) if p.topic else "—"),),
                )
            )
        header = (self.t("part_col"), "A", "B", self.t("score_col"), self.t("topic"))
        return out + [Table(header, tuple(rows))]

    def initiative_tables(self) -> list[Block]:
        c = self.c
        ini = c.initiatives
        out: list[Block] = [Heading(3, self.t("initiatives")), Heading(4, self.t("shared", n=len(ini.shared)))]
        if ini.shared:
            rows = []
            for s in ini.shared:
                note = ""
                if s.generic:
                    note = self.t("generic_note", g=self.quote(s.a.generic or s.b.generic or s.key, c.a))
                rows.append(
                    (
                        (Run(self.quote(s.a.name, c.a)),),
                        (Run(self.quote(s.b.name, c.b)),),
                        self.kind(s.a.kind),
                        self.where(c.a, s.a.sections),
                        self.where(c.b, s.b.sections),
                        (Run(note or "—"),),
                    )
                )
            header = tuple(self.t(k) for k in ("name_a", "name_b", "kind", "where_a", "where_b", "note"))
            out.append(Table(header, tuple(rows)))
        else:
            out.append(Para((Run(self.t("none")),)))
        for key, items, report in (("only_a", ini.only_a, c.a), ("only_b", ini.only_b, c.b)):
            out.append(Heading(4, self.t(key, n=len(items))))
            if not items:
                out.append(Para((Run(self.t("none")),)))
                continue
            rows = tuple(
                ((Run(self.quote(i.name, report)),), self.kind(i.kind), self.where(report, i.sections), (Run(str(i.count)),))
                for i in items
            )
            out.append(Table(tuple(self.t(k) for k in ("name", "kind", "where", "mentions")), rows))
        return out

    def loose_figures(self) -> list[Block]:
        """Figures that no shown part lists (their section is in no pair, or its part is left out)."""
        loose = self.visible(f for f in self.p.figures if f.pair is None)
        if not loose:
            return []
        header = tuple(self.t(k) for k in ("section_or_topic", "counted")) + ("A", "B", self.t("difference"))
        return [Heading(3, self.t("metrics")), Table(header, self.figure_rows(loose, with_place=True))]

    # --- the parts
