"""The comparison as a Markdown document a user can paste into a write-up.

The document is the one ``compare.export_doc`` builds (memo first, then details and the
parts), written as CommonMark plus GFM tables. Which form for which destination:

* default: word-level differences as ``<del>``/``<ins>`` (Git hosts, pandoc, editors with a
  preview render them as struck-through and underlined text);
* ``plain=True``: no HTML at all, CriticMarkup ``{--…--}``/``{++…++}``/``{==…==}`` — for
  plain-text destinations and editors that read CriticMarkup;
* the memo alone (``text=False``) has no HTML in either form: tables, lists and links only;
* for Word or WPS, the Word export (``compare.export_docx``) carries the same content with
  real formatting.

Report text is untrusted. It reaches the output only through the escaping functions below, one
per context (``md_inline`` for running text, ``md_block_line`` for a line that starts a block,
``md_cell`` for a table cell, ``md_heading`` for a heading): every character Markdown could
read as syntax is backslash-escaped, and control characters never pass (``clean_text``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from .export_blocks import Block, Bullets, DocOptions, Heading, Legend, Para, Quote, Run, Script, Table
from .export_doc import build_document, build_pair
from .export_labels import Lang, label
from .model import Comparison, SectionPair
from .pipeline import DiffSource
from . import sanitize


@dataclass(frozen=True)
class MarkdownOptions(DocOptions):
    """What the document contains and how it labels things, and how Markdown marks changes."""

    plain: bool = False  # no HTML: CriticMarkup {--deleted--}{++inserted++}, {==shared==}

    def doc(self) -> DocOptions:
        """The options every format shares (the Markdown-only ones left out)."""
        return DocOptions(**{f.name: getattr(self, f.name) for f in fields(DocOptions)})


# --------------------------------------------------------------------------- escaping

# anything Markdown (CommonMark, GFM, Git-host extensions such as $math$) may read as syntax
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$#!{}])")
# block markers a line could start with: quote, list items, setext underline, ordered list
_LINE_START = re.compile(r"^(?:([-+=>])|(\d{1,9})([.)]))")


def clean_text(text: str) -> str:
    """Report text safe for any output: one kind of line break, no control characters."""
    return sanitize.clean(sanitize.clean_lines(text), tab=" ")


# Every character one of the steps of md_inline may change: the line breaks, tabs and
# controls clean_text rewrites (sanitize's unsafe set), the inline specials, and what
# defuse_markdown looks for (":" of a scheme, "www.", "@", the braces of CriticMarkup). Text
# without any of them, most report text, comes out unchanged; tests/test_export_markdown.py
# checks the shortcut against the full path.
_INLINE_TOUCHED = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    r"\\`*_\[\]<>|~&$#!{}:@]|(?i:www\.)"
)


def md_inline(text: str) -> str:
    """Text for the middle of a line: every Markdown-significant character escaped, and
    nothing a renderer would make a link or a CriticMarkup mark of."""
    if _INLINE_TOUCHED.search(text) is None:
        return text
    return _md_inline(text)


def _md_inline(text: str) -> str:
    text = clean_text(text).replace("\n", " ")
    return sanitize.defuse_markdown(_INLINE_SPECIAL.sub(r"\\\1", text))


def md_block_line(text: str) -> str:
    """One line that starts a block (paragraph, quote line): also no list/quote/heading start."""
    text = md_inline(text).lstrip(" ")  # four leading spaces would make a code block
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)


def md_cell(text: str) -> str:
    """Text for a GFM table cell (one line, pipes escaped)."""
    return md_inline(text).strip()


def md_heading(text: str) -> str:
    """Text for an ATX heading (one line)."""
    return md_inline(text).strip()


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PSZ" or ch.isspace()


# --------------------------------------------------------------------------- writing


class _Writer:
    def __init__(self, opts: MarkdownOptions):
        self.o = opts

    def runs(self, runs: Sequence[Run], *, block_start: bool = False, cell: bool = False) -> str:
        out = []
        first = True
        for r in runs:
            if not r.text:
                continue
            text = r.text.replace("\n", " ")
            if r.kind == "link" and r.target:
                out.append(f"[{md_inline(text)}](#{r.target})")
            elif r.kind in ("delete", "insert", "shared"):
                out.append(self.mark(text, r.kind))
            elif first and block_start:
                out.append(md_block_line(text))
            else:
                out.append(md_inline(text))
            first = False
        s = "".join(out)
        return s.strip() if cell else s

    def mark(self, text: str, kind: str) -> str:
        plain = self.o.plain
        if kind == "delete":
            return f"{{--{md_inline(text)}--}}" if plain else f"<del>{md_inline(text)}</del>"
        if kind == "insert":
            return f"{{++{md_inline(text)}++}}" if plain else f"<ins>{md_inline(text)}</ins>"
        if plain:
            return f"{{=={md_inline(text)}==}}"
        # CommonMark opens ** before punctuation only after space or punctuation: keep edge
        # punctuation outside the asterisks
        a, b = 0, len(text)
        while a < b and _is_punct(text[a]):
            a += 1
        while b > a and _is_punct(text[b - 1]):
            b -= 1
        if a == b:
            return md_inline(text)
        return md_inline(text[:a]) + f"**{md_inline(text[a:b])}**" + md_inline(text[b:])

    def block(self, b: Block) -> list[str]:
        if isinstance(b, Heading):
            return ["#" * b.level + " " + md_heading(b.text), ""]
        if isinstance(b, Para):
            return [self.runs(b.runs, block_start=True), ""]
        if isinstance(b, Legend):
            suffix = "_plain" if self.o.plain else ""
            text = label(self.o.lang, f"legend_{b.kind}{suffix}")
            if b.kind == "shared" and not self.o.plain:
                text = text.replace("加粗", "**加粗**").replace("bold", "**bold**")
            return [text, ""]  # the document's own words: its marks are meant literally
        if isinstance(b, Bullets):
            return ["- " + self.runs(item, block_start=True) for item in b.items] + [""]
        if isinstance(b, Table):
            out = ["| " + " | ".join(md_cell(h) for h in b.header) + " |", "|" + "|".join("---" for _ in b.header) + "|"]
            for row in b.rows:
                assert len(row) == len(b.header)
                out.append("| " + " | ".join(self.runs(c, cell=True) or " " for c in row) + " |")
            return out + [""]
        if isinstance(b, Quote):
            out: list[str] = []
            for line in b.lines:
                text = self.quote_line(line)
                if not text:
                    continue
                if out:
                    out.append(">")
                out.append("> " + text)
            return out + [""] if out else []
        raise TypeError(type(b).__name__)

    def quote_line(self, runs: Sequence[Run]) -> str:
        runs = [r for r in runs if r.text]
        while runs and not runs[0].text.strip(" "):
            runs.pop(0)
        while runs and not runs[-1].text.strip(" "):
            runs.pop()
        if not runs:
            return ""
        runs[0] = Run(runs[0].text.lstrip(" "), runs[0].kind, runs[0].target)
        runs[-1] = Run(runs[-1].text.rstrip(" "), runs[-1].kind, runs[-1].target)
        return self.runs(runs, block_start=True)


def render_markdown(blocks: Iterable[Block], opts: MarkdownOptions) -> str:
    """Document blocks as Markdown text."""
    w = _Writer(opts)
    lines: list[str] = []
    for b in blocks:
        lines += w.block(b)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def to_markdown(
    comparison: Comparison,
    options: MarkdownOptions | None = None,
    *,
    lang: Lang = "zh",
    script: Script = "original",
    text: bool = True,
    only_changes: bool = False,
    plain: bool = False,
    pair_diffs: DiffSource | None = None,
) -> str:
    """The comparison as a Markdown document (``options`` overrides the keyword arguments;
    ``pair_diffs`` as for ``build_document``)."""
    opts = options or MarkdownOptions(lang=lang, script=script, text=text, only_changes=only_changes, plain=plain)
    return render_markdown(build_document(comparison, opts.doc(), pair_diffs), opts)


def pair_markdown(
    comparison: Comparison, pair: SectionPair, options: MarkdownOptions | None = None, pair_diffs: DiffSource | None = None
) -> str:
    """One pair as a Markdown snippet (the clipboard's): the same part the document shows,
    with both texts quoted in full (``pair_diffs`` as for ``build_document``)."""
    opts = options or MarkdownOptions()
    return render_markdown(build_pair(comparison, pair, opts.doc(), pair_diffs), opts)
