"""The app's one doorway into the comparison core (no Textual here).

Screens call these functions instead of reaching into ``compare`` themselves, so the app uses
exactly the core's public calls, and the few places that bridge a missing core function sit
together. Heavy modules (the pipeline pulls in rapidfuzz, opencc, the segmenter on first use) are
imported inside the functions: the first screen paints before any of them loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from reportdiff.compare.export_markdown import MarkdownOptions
    from reportdiff.compare.pipeline import PairDiffs
    from reportdiff.compare.present import PairIndex, PairView
    from reportdiff.compare.search import SearchHit
    from reportdiff.compare.model import (
        Comparison,
        Initiative,
        InitiativeDiff,
        MetricMatch,
        Report,
        Section,
        SectionDiff,
        SectionPair,
    )

ExportFormat = Literal["md", "json", "docx"]
Highlight = tuple[int, int, str]  # start, end, kind ("delete", "insert", "shared", "metric", "initiative")

MAX_FOLDER_FILES = 500  # a folder with more candidate files shows the first ones only


class AppError(Exception):
    """Something the user asked for cannot be done; the message is one line."""


def describe(exc: BaseException) -> str:
    """An unexpected error as one line for a notification (a system error's reason in the
    interface language)."""
    if isinstance(exc, OSError):
        from reportdiff.compare.i18n import os_reason
        from reportdiff.compare.sanitize import show_path

        where = f"{show_path(Path(exc.filename))}: " if isinstance(exc.filename, str) else ""
        return where + os_reason(exc)
    return f"{type(exc).__name__}: {exc}".replace("\n", " ")


@dataclass(frozen=True)
class ReportEntry:
    """One file of a folder as the picker shows it: a loaded report or why it is not."""

    path: Path
    size: int
    report: Report | None = None
    error: str | None = None


# --------------------------------------------------------------------------- loading


def seeds_dir() -> Path:
    from reportdiff.compare.seeds import seeds_dir as _seeds_dir

    return _seeds_dir()


def report_files(folder: Path) -> list[Path]:
    """Candidate report files of a folder, sorted by name (hidden files and this tool's own
    Markdown exports left out)."""
    from reportdiff.compare.load import report_candidates
    from reportdiff.compare.model import ReportError

    try:
        entries = report_candidates(folder)
    except ReportError as exc:
        raise AppError(str(exc)) from None
    # FIFOs, devices and broken links are listed too: the picker marks them unreadable
    files = [p for p in entries if not _is_dir(p) and not is_export(p)]
    return files[:MAX_FOLDER_FILES]


def export_files(folder: Path) -> list[Path]:
    """The Markdown exports of this tool in a folder (not offered as reports)."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".md" and _is_file(p) and is_export(p))
    except OSError:
        return []


def _is_file(p: Path) -> bool:
    try:
        return p.is_file()
    except OSError:
        return False


def _is_dir(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:
        return False


def is_export(path: Path) -> bool:
    """Whether ``path`` is a Markdown file this tool wrote (its first line is an export's title)."""
    if path.suffix.lower() != ".md":
        return False
    try:
        with path.open("rb") as f:
            head = f.read(512).decode("utf-8", errors="ignore")
    except OSError:
        return False
    from reportdiff.compare.export_labels import is_export_title

    return is_export_title(head.lstrip("\ufeff").split("\n", 1)[0])


def load_entry(path: Path) -> ReportEntry:
    """Load and parse one report for the picker; an unreadable file becomes an error entry."""
    from reportdiff.compare.model import ReportError
    from reportdiff.compare.pipeline import open_report

    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    try:
        return ReportEntry(path, size, report=open_report(path))
    except ReportError as exc:
        return ReportEntry(path, size, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bad file must never take the app down
        from reportdiff.compare.i18n import _
        from reportdiff.compare.sanitize import show_path

        return ReportEntry(
            path, size, error=_("{path}: cannot be read ({error})").format(path=show_path(path), error=type(exc).__name__)
        )


def open_report(path: str | Path) -> Report:
    """Load and parse one report; AppError with the core's one-line message if it cannot."""
    from reportdiff.compare.model import ReportError
    from reportdiff.compare.pipeline import open_report as _open

    try:
        return _open(path)
    except ReportError as exc:
        raise AppError(str(exc)) from None


def compare(a: Report, b: Report) -> Comparison:
    """Compare two parsed reports."""
    from reportdiff.compare.pipeline import compare_reports

    return compare_reports(a, b)


def swap(comparison: Comparison) -> Comparison:
    """The comparison with A and B exchanged."""
    from reportdiff.compare.pipeline import swap as _swap

    return _swap(comparison)


# --------------------------------------------------------------------------- one pair


def pair_diff(comparison: Comparison, pair: SectionPair) -> SectionDiff:
    """The text difference of one pair (computed once, kept with the comparison's views)."""
    return _views(comparison).diffs(pair)


@dataclass
class _Derived:
    """What the app derives from one comparison and keeps while it shows it: the section
    index, the pairs' text differences and the pair views built so far."""

    comparison: Comparison
    index: PairIndex
    diffs: PairDiffs
    views: dict[int, PairView]


def _views(comparison: Comparison, diffs: PairDiffs | None = None) -> _Derived:
    """The comparison's derived values (the last few comparisons are kept, the most recently
    used last: the screen and its diff-warming worker share them)."""
    from reportdiff.compare.pipeline import PairDiffs
    from reportdiff.compare.present import PairIndex

    key = id(comparison)
    entry = _VIEWS.pop(key, None)
    if entry is None or entry.comparison is not comparison or diffs is not None:
        while len(_VIEWS) >= 4:
            _VIEWS.pop(next(iter(_VIEWS)))
        entry = _Derived(comparison, PairIndex(comparison), diffs or PairDiffs(comparison), {})
    _VIEWS[key] = entry
    return entry


_VIEWS: dict[int, _Derived] = {}


def use_diffs(comparison: Comparison, diffs: PairDiffs) -> None:
    """Show ``comparison`` with these text differences (e.g. ones made by hand, whose marks
    are known) instead of computing them; views built before are dropped."""
    _views(comparison, diffs)


def pair_view(comparison: Comparison, index: int) -> PairView:
    """Pair ``index`` as the core presents it (texts, marks from exact offsets), built once."""
    from reportdiff.compare.present import present_pair

    derived = _views(comparison)
    view = derived.views.get(index)
    if view is None:
        pair = comparison.alignment.pairs[index]
        view = present_pair(comparison, pair, index + 1, derived.diffs(pair), derived.index)
        derived.views[index] = view
    return view


def pair_metrics(comparison: Comparison, pair: SectionPair) -> list[MetricMatch]:
    """Metrics stated in either section of the pair (their sub-sections included)."""
    from reportdiff.compare.present import pair_figures

    return list(pair_figures(comparison, pair, _views(comparison).index))


def pair_initiatives(comparison: Comparison, pair: SectionPair) -> InitiativeDiff:
    """Initiatives mentioned in either section of the pair (the core's one rule)."""
    from reportdiff.compare.present import pair_initiatives as _pair_initiatives

    return _pair_initiatives(comparison, pair, _views(comparison).index)


@dataclass(frozen=True)
class PairShown:
    """What the text tab shows of a pair: both texts and their highlights."""

    a_text: str
    b_text: str
    a_spans: tuple[Highlight, ...]
    b_spans: tuple[Highlight, ...]


def pair_marks(comparison: Comparison, index: int) -> PairShown:
    """Pair ``index``'s texts with the core's marks: the diff's, the changed figures' (from
    their exact offsets) and the shared initiatives'."""
    from reportdiff.compare.present import shown_span

    view = pair_view(comparison, index)
    changed = [m for m in pair_metrics(comparison, view.pair) if m.status == "changed"]
    shared = view.initiatives.shared
    out = []
    for side, key in ((view.a, "a"), (view.b, "b")):
        figures = [f for f in (getattr(m, key) for m in changed) if f is not None]
        spans = [s for s in (shown_span(side, f.start, f.end) for f in figures) if s is not None]
        names = {n for s in shared for i in (getattr(s, key),) for n in (i.name, *i.names) if n}
        marks: list[Highlight] = []
        for m in side.marks:
            if m.kind == "metric" and not any(a < m.end and m.start < b for a, b in spans):
                continue  # a figure that did not change
            if m.kind == "initiative" and not any(n in side.text[m.start : m.end] for n in names):
                continue  # an initiative only this side names
            marks.append((m.start, m.end, m.kind))
        out.append(tuple(marks))
    return PairShown(view.a.text, view.b.text, out[0], out[1])


# --------------------------------------------------------------------------- search


def find_hits(comparison: Comparison, text: str) -> tuple[SearchHit, ...]:
    """Every occurrence of ``text`` in the pairs, each counted once (``compare.search``)."""
    from reportdiff.compare.search import find_hits as _find_hits

    return _find_hits(comparison, text)


def hit_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``query`` occurs in one shown text, either script."""
    from reportdiff.compare.search import hit_spans as _hit_spans

    return _hit_spans(text, query)


# --------------------------------------------------------------------------- re-pairing


def ranked_partners(comparison: Comparison, a_id: str) -> list[tuple[Section, float | None]]:
    """B's sections as partners for A's section ``a_id``: scored candidates first, best first,
    then every other B section in report order (score ``None``)."""
    from reportdiff.compare.align import rank_partners

    ranked = rank_partners(comparison.alignment, a_id)
    by_id = {s.id: s for s in comparison.b.sections}
    out: list[tuple[Section, float | None]] = [(by_id[i], sc) for i, sc in ranked if i in by_id]
    seen = {s.id for s, _ in out}
    out += [(s, None) for s in comparison.b.sections if s.id not in seen]
    return out


def re_pair(comparison: Comparison, a_id: str, b_id: str | None) -> Comparison:
    """The comparison with A's section ``a_id`` paired by hand to ``b_id`` (None: no partner)."""
    from reportdiff.compare.align import re_pair as re_pair_alignment
    from reportdiff.compare.pipeline import with_alignment

    alignment = re_pair_alignment(comparison.alignment, comparison.a, comparison.b, a_id, b_id)
    return with_alignment(comparison, alignment)


# --------------------------------------------------------------------------- display script


def to_simplified(text: str, script: str | None = None) -> str:
    """``text`` in simplified script, same length (so highlight offsets stay valid)."""
    from reportdiff.compare.normalize import to_simplified as t2s

    return t2s(text, script)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- export


def _safe_name_part(s: str | None) -> str:
    from reportdiff.compare.sanitize import safe_file_name

    return safe_file_name(s, 24)


def report_label(report: Report) -> str:
    """A short name for a report: organisation and year, else title, else file name."""
    from reportdiff.compare.sanitize import clean, show_path

    m = report.meta
    name = m.organization or m.title or (show_path(Path(report.path).stem) if report.path else "report")
    name = clean(name, tab=" ").replace("\n", " ")  # shown in titles and labels: one safe line
    return f"{name} {m.year}" if m.year else name


def suggested_name(comparison: Comparison, fmt: ExportFormat) -> str:
    """A file name for an export, e.g. ``同江市人民政府2018-vs-沅江市人民政府2023.md``."""

    def part(r: Report) -> str:
        m = r.meta
        name = _safe_name_part(m.organization or m.title) or _safe_name_part(Path(r.path or "report").stem)
        return f"{name}{m.year or ''}" or "report"

    return f"{part(comparison.a)}-vs-{part(comparison.b)}.{fmt}"


def export_text(comparison: Comparison, fmt: ExportFormat, options: MarkdownOptions | None = None) -> str | bytes:
    """The whole comparison as Markdown (with ``options``), JSON text or a Word document (bytes)."""
    if fmt == "json":
        from reportdiff.compare.export_json import dumps_json

        return dumps_json(comparison, pair_diffs=_views(comparison).diffs)
    if fmt == "docx":
        from reportdiff.compare.export_docx import to_docx
        from reportdiff.compare.export_markdown import MarkdownOptions

        return to_docx(comparison, (options or MarkdownOptions()).doc(), _views(comparison).diffs)
    from reportdiff.compare.export_markdown import to_markdown

    return to_markdown(comparison, options, pair_diffs=_views(comparison).diffs)


class ExportExists(AppError):
    """The target exists; ask before writing over it."""


def input_paths(comparison: Comparison) -> tuple[str, ...]:
    return tuple(r.path for r in (comparison.a, comparison.b) if r.path)


def write_export(path: str | Path, text: str, *, force: bool = False, inputs: Iterable[str] = ()) -> Path:
    """Write an export atomically; ExportExists if the file exists and ``force`` is off."""
    from reportdiff.compare.files import ExportError
    from reportdiff.compare.files import ExportExists as _Exists
    from reportdiff.compare.files import write_export as _write

    try:
        return _write(path, text, force=force, inputs=inputs)
    except _Exists as exc:
        raise ExportExists(str(exc)) from None
    except ExportError as exc:
        raise AppError(str(exc)) from None


def pair_markdown(comparison: Comparison, index: int, options: MarkdownOptions | None = None) -> str:
    """Pair ``index`` as the Markdown export writes it (its figures included), for the clipboard."""
    from reportdiff.compare.export_markdown import pair_markdown as export_pair_markdown

    return export_pair_markdown(comparison, comparison.alignment.pairs[index], options, _views(comparison).diffs)
