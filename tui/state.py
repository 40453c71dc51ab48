"""What the comparison screen shows, as one value its widgets are bound to (``data_bind``).

The screen owns the comparison, the current pair, the script and the search; each change makes
a new ``Shown`` and every bound widget draws itself from it, so no widget keeps its own copy of
which pair is current.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from reportdiff.compare.i18n import current
from reportdiff.compare.model import Comparison, Report, SectionPair

from . import core


@dataclass(frozen=True)
class Search:
    """A search of both texts: the text, its hits (``compare.search``) and the current one."""

    text: str = ""
    hits: tuple[core.SearchHit, ...] = ()
    hit: int = -1  # index into ``hits``; -1: none yet

    @classmethod
    def run(cls, comparison: Comparison | None, text: str) -> Search:
        """The search for ``text`` in ``comparison`` (no hits for an empty text)."""
        hits = core.find_hits(comparison, text) if text and comparison is not None else ()
        return cls(text, hits)

    def again(self, comparison: Comparison) -> Search:
        """The same text searched in another comparison (swapped, re-paired), no hit chosen."""
        return Search.run(comparison, self.text) if self.text else self

    def step(self, k: int) -> Search:
        """The search with the hit ``k`` places on (wrapping round) as the current one."""
        return replace(self, hit=(self.hit + k) % len(self.hits)) if self.hits else self

    @property
    def pairs_hit(self) -> int:
        return len({h.pair for h in self.hits})


# eq=False: two values are compared by identity, never field by field (a comparison is big)
@dataclass(frozen=True, eq=False)
class Shown:
    """Pair ``index`` of ``comparison`` in the chosen script, with the search marked."""

    comparison: Comparison | None = None
    index: int = 0
    simplified: bool = False
    search: Search = field(default_factory=Search)

    @property
    def pair(self) -> SectionPair | None:
        pairs = self.comparison.alignment.pairs if self.comparison else ()
        return pairs[self.index] if 0 <= self.index < len(pairs) else None

    def convert(self, text: str, report: Report) -> str:
        """``text`` of ``report`` in the script shown."""
        return core.to_simplified(text, report.script) if self.simplified else text

    def same_pair(self, other: Shown | None) -> bool:
        """Whether ``other`` shows the same pair of the same comparison (its scroll can stay)."""
        return other is not None and other.comparison is self.comparison and other.index == self.index


@dataclass(frozen=True)
class ExportSettings:
    """The choices of the export dialog, the same as ``reportdiff diff``'s options."""

    format: core.ExportFormat = "md"
    lang: Literal["zh", "en"] | None = None  # None: the interface language
    script: Literal["original", "simplified"] = "original"
    plain: bool = False
    text: bool = True
    only_changes: bool = False

    @property
    def language(self) -> Literal["zh", "en"]:
        return self.lang or current()

    def with_script(self, script: Literal["original", "simplified"]) -> ExportSettings:
        return replace(self, script=script)

    def markdown_options(self):
        from reportdiff.compare.export_markdown import MarkdownOptions

        return MarkdownOptions(
            lang=self.language, script=self.script, text=self.text, only_changes=self.only_changes, plain=self.plain
        )
