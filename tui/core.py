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
    from compare.model import (
        Comparison,
        Initiative,
        InitiativeDiff,
        MetricMatch,
        Report,
        Section,
        SectionDiff,
        SectionPair,
    )

ExportFormat = Literal["md", "json"]

# files the loader can read; anything else in a folder is not offered
REPORT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml", ".docx", ".pdf"})
MAX_FOLDER_FILES = 500  # a folder with more candidate files shows the first ones only


class AppError(Exception):
    """Something the user asked for cannot be done; the message is one line."""


@dataclass(frozen=True)
class ReportEntry:
    """One file of a folder as the picker shows it: a loaded report or why it is not."""

    path: Path
    size: int
    report: Report | None = None
    error: str | None = None


# --------------------------------------------------------------------------- loading


def seeds_dir() -> Path:
    from compare.seeds import seeds_dir as _seeds_dir

    return _seeds_dir()


def report_files(folder: Path) -> list[Path]:
    """Candidate report files of a folder, sorted by name (hidden files left out)."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        from compare.sanitize import show_path

        raise AppError(f"{show_path(folder)}: cannot list the folder ({exc.strerror or exc})") from None
    # FIFOs, devices and broken links are listed too: the picker marks them unreadable
    files = [
        p
        for p in entries
        if not p.name.startswith(".") and p.suffix.lower() in REPORT_SUFFIXES and not p.is_dir()
    ]
    return files[:MAX_FOLDER_FILES]


def load_entry(path: Path) -> ReportEntry:
    """Load and parse one report for the picker; an unreadable file becomes an error entry."""
    from compare.model import ReportError
    from compare.pipeline import open_report

    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    try:
        return ReportEntry(path, size, report=open_report(path))
    except ReportError as exc:
        return ReportEntry(path, size, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bad file must never take the app down
        from compare.sanitize import show_path

        return ReportEntry(path, size, error=f"{show_path(path)}: cannot be read ({type(exc).__name__})")


def open_report(path: str | Path) -> Report:
    """Load and parse one report; AppError with the core's one-line message if it cannot."""
    from compare.model import ReportError
    from compare.pipeline import open_report as _open

    try:
        return _open(path)
    except ReportError as exc:
        raise AppError(str(exc)) from None


def compare(a: Report, b: Report) -> Comparison:
    """Compare two parsed reports."""
    from compare.pipeline import compare_reports

    return compare_reports(a, b)


def swap(comparison: Comparison) -> Comparison:
    """The comparison with A and B exchanged."""
    from compare.pipeline import swap as _swap

    return _swap(comparison)


def warm_up() -> None:
    """Build the word segmenter (its dictionary) now rather than in the first comparison."""
    from compare.terms import tokenizer

    tokenizer()


# --------------------------------------------------------------------------- one pair


def pair_diff(comparison: Comparison, pair: SectionPair) -> SectionDiff:
    """The text difference of one pair (computed once, cached on the comparison)."""
    from compare.pipeline import section_diff

    return section_diff(comparison, pair)


def subtree(report: Report, section_id: str | None) -> frozenset[str]:
    """A section's id and the ids of everything nested under it (its shown text covers them)."""
    from compare.present import section_ids

    return section_ids(report, section_id)


def pair_metrics(comparison: Comparison, pair: SectionPair) -> list[MetricMatch]:
    """Metrics stated in either section of the pair (their sub-sections included)."""
    from compare.present import pair_figures

    return list(pair_figures(comparison, pair))


def pair_initiatives(comparison: Comparison, pair: SectionPair) -> InitiativeDiff:
    """Initiatives mentioned in either section of the pair (the core's one rule)."""
    from compare.present import pair_initiatives as _pair_initiatives

    return _pair_initiatives(comparison, pair)


# --------------------------------------------------------------------------- re-pairing


def ranked_partners(comparison: Comparison, a_id: str) -> list[tuple[Section, float | None]]:
    """B's sections as partners for A's section ``a_id``: scored candidates first, best first,
    then every other B section in report order (score ``None``)."""
    from compare.align import rank_partners

    ranked = rank_partners(comparison.alignment, a_id)
    by_id = {s.id: s for s in comparison.b.sections}
    out: list[tuple[Section, float | None]] = [(by_id[i], sc) for i, sc in ranked if i in by_id]
    seen = {s.id for s, _ in out}
    out += [(s, None) for s in comparison.b.sections if s.id not in seen]
    return out


def repair(comparison: Comparison, a_id: str, b_id: str | None) -> Comparison:
    """The comparison with A's section ``a_id`` paired by hand to ``b_id`` (None: no partner)."""
    from compare.align import re_pair as repair_alignment
    from compare.pipeline import with_alignment

    alignment = repair_alignment(comparison.alignment, comparison.a, comparison.b, a_id, b_id)
    return with_alignment(comparison, alignment)


# --------------------------------------------------------------------------- display script


def to_simplified(text: str, script: str | None = None) -> str:
    """``text`` in simplified script, same length (so highlight offsets stay valid)."""
    from compare.normalize import to_simplified as t2s

    return t2s(text, script)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- export


def _safe_name_part(s: str | None) -> str:
    from compare.sanitize import safe_file_name

    return safe_file_name(s, 24)


def report_label(report: Report) -> str:
    """A short name for a report: organisation and year, else title, else file name."""
    from compare.sanitize import clean, show_path

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


def export_text(comparison: Comparison, fmt: ExportFormat) -> str:
    """The whole comparison as Markdown or JSON text."""
    if fmt == "json":
        from compare.export_json import dumps_json

        return dumps_json(comparison)
    from compare.export_markdown import to_markdown

    return to_markdown(comparison)


class ExportExists(AppError):
    """The target exists; ask before writing over it."""


def input_paths(comparison: Comparison) -> tuple[str, ...]:
    return tuple(r.path for r in (comparison.a, comparison.b) if r.path)


def write_export(path: str | Path, text: str, *, force: bool = False, inputs: Iterable[str] = ()) -> Path:
    """Write an export atomically; ExportExists if the file exists and ``force`` is off."""
    from compare.files import ExportError
    from compare.files import ExportExists as _Exists
    from compare.files import write_export as _write

    try:
        return _write(path, text, force=force, inputs=inputs)
    except _Exists as exc:
        raise ExportExists(str(exc)) from None
    except ExportError as exc:
        raise AppError(str(exc)) from None


def pair_markdown(comparison: Comparison, pair: SectionPair, diff: SectionDiff) -> str:
    """One pair as a Markdown snippet for the clipboard (report text escaped, never syntax)."""
    from compare.export_markdown import md_block_line, md_inline
    from compare.match_confidence import match_band, score_percent

    def heading(report: Report, sid: str | None) -> str:
        if sid is None:
            return "—"
        s = report.section(sid)
        return md_inline(f"{s.number}{s.heading}".strip() or s.kind)

    out = [
        f"### {heading(comparison.a, pair.a)} ↔ {heading(comparison.b, pair.b)}",
        "",
        f"A: {md_inline(report_label(comparison.a))} · B: {md_inline(report_label(comparison.b))} · "
        f"match {score_percent(pair.score)}% ({match_band(pair.score)})" + (" (paired by hand)" if pair.manual else ""),
        "",
    ]
    if diff.mode == "diff" and diff.ops:
        lines: list[str] = [""]
        for op in diff.ops:
            tag = {"delete": "del", "insert": "ins"}.get(op.op)
            for k, piece in enumerate(op.text.split("\n")):
                if k:
                    lines.append("")
                if piece:
                    t = md_inline(piece)
                    lines[-1] += f"<{tag}>{t}</{tag}>" if tag else t
        out += [f"> {ln}" for ln in lines if ln.strip()] + [""]
        return "\n".join(out)
    for label, text in (("A", diff.a_text), ("B", diff.b_text)):
        out.append(f"**{label}**")
        out.append("")
        lines = [md_block_line(ln) for ln in text.split("\n") if ln.strip()] or ["—"]
        out += [f"> {ln}" for ln in lines]
        out.append("")
    if diff.shared:
        out.append("Shared phrases: " + "、".join(md_inline(s) for s in diff.shared))
        out.append("")
    return "\n".join(out)

