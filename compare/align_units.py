"""The units the aligner pairs: which sections of a report are compared, and their text.

* a section without children, or whose children are only list items (一是, 1., （1）, or
  unnumbered run-in headings), is one unit covering its whole text;
* a section whose children are sub-topics (（一）, 一、 ...) is represented by those children;
  it is a unit of its own as well only when it has substantial text before its first child.

So topics written as （一）…（八） under one 一、 meet another report's 一、…九、 at whatever depth
each report puts them. Units live in zones: the body, the preamble, problems, next steps and
closing; units only pair within their zone (problems with problems ...).

Each unit knows its heading path (``parent``: the nearest enclosing unit-bearing section), so
the pairing can prefer the children of paired parents.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .model import Report, Section
from .normalize import normalise
from .topics import TopicProfile, classify

OWN_TEXT_MIN = 150  # a parent with this much own text is a unit besides its children
SMALL_SUBTREE = 200  # a section this short is one unit whatever its children
UNIT_TEXT_MAX = 30_000  # a unit's terms are counted on its first 30,000 characters
HEADING_MAX = 200  # a "heading" longer than this is a parsing accident: only its start counts
ITEM_UNIT_MIN = 150  # list items this long on average that differ in topic are units of their own (0: never)

_ITEM_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十百]+是|第[一二三四五六七八九十]+|首先|其次|再次|最后"
    r"|[0-9０-９]+[.．、]|[(（][0-9０-９]+[)）]|[①-⑳]|)$"
)


@dataclass(frozen=True)
class Unit:
    """One aligned unit: a section and the text it stands for."""

    id: str
    zone: str  # "heading" (the body), "preamble", "problems", "next_steps", "closing"
    heading: str  # normalised
    text: str  # normalised: the subtree, or the own text for a parent with sub-topics
    subtree: bool
    profile: TopicProfile
    order: int
    parent: str | None = None  # id of the enclosing section that was split into units
    depth: int = 0  # how many split sections enclose it


def _is_item(section: Section) -> bool:
    return _ITEM_NUMBER.match(section.number.strip()) is not None


def alignment_units(report: Report) -> list[Unit]:
    """The units of a report the aligner pairs (see the module doc), in document order."""
    kids: dict[str | None, list[Section]] = defaultdict(list)
    for s in report.sections:
        kids[s.parent].append(s)
    units: list[Unit] = []

    def text(start: int, end: int) -> str:
        return norm_text(report, start, end, UNIT_TEXT_MAX)

    def has_other_zone(s: Section, zone: str) -> bool:
        return any(k.kind != "heading" and k.kind != zone or has_other_zone(k, zone) for k in kids[s.id])

    def items_differ(children: list[Section], zone: str) -> bool:
        # list items that each say enough and lead with different outline topics are what a
        # reader compares one by one (a bureau's 1. 2. 3. under one heading); items on one
        # topic, or short ones, stay the parent's text
        if not ITEM_UNIT_MIN or zone != "heading" or len(children) < 2:
            return False
        leads = set()
        size = 0
        for k in children:
            if kids[k.id]:
                return False
            body = text(k.body_start, k.end)
            size += len(body)
            topics = classify(heading_text(report, k), body).topics
            leads.add(topics[0] if topics else None)
        return size >= ITEM_UNIT_MIN * len(children) and len(leads - {None}) >= 2

    def visit(s: Section, zone: str, context: str, parent: str | None, depth: int) -> None:
        zone = s.kind if s.kind != "heading" else zone
        children = kids[s.id]
        head = heading_text(report, s)
        body = text(s.body_start, s.end)
        whole = not children or (
            not has_other_zone(s, zone)
            and (all(_is_item(k) for k in children) and not items_differ(children, zone) or len(body) < SMALL_SUBTREE)
        )
        if whole:
            units.append(_unit(s, zone, head, body, True, context, len(units), parent, depth))
            return
        own = text(s.body_start, children[0].start)
        if len(own) >= OWN_TEXT_MIN:
            units.append(_unit(s, zone, head, own, False, context, len(units), parent, depth))
        for k in children:
            visit(k, zone, (context + " " + head).strip(), s.id, depth + 1)

    for s in kids[None]:
        visit(s, "heading", "", None, 0)
    return units


def heading_text(report: Report, s: Section) -> str:
    """A section's heading, normalised (its first ``HEADING_MAX`` characters)."""
    return normalise(s.heading[:HEADING_MAX], report.script).text.strip() if s.heading else ""


def norm_text(report: Report, start: int, end: int, limit: int) -> str:
    """Normalised content text of an original span (as ``Report.span_text(normalised=True)``),
    cut after ``limit`` characters."""
    parts: list[str] = []
    size = 0
    for ln in report.lines_in(start, end):
        if size >= limit:
            break
        if ln.start >= start and ln.end <= end:
            part = ln.norm
        else:
            na = report.norm.to_normalised(max(ln.start, start))
            nb = report.norm.to_normalised(min(ln.end, end))
            part = report.norm.text[na:nb].strip()
        if part:
            parts.append(part)
            size += len(part) + 1
    return "\n".join(parts)[:limit]


def _unit(
    s: Section, zone: str, head: str, body: str, subtree: bool, context: str, order: int,
    parent: str | None, depth: int,
) -> Unit:
    if zone in ("preamble", "closing"):
        profile = TopicProfile({}, ())
    elif s.kind in ("problems", "next_steps"):  # the zone's own section: its code, nothing else
        profile = classify(head, body, s.kind)
    else:  # including the sub-topics of a next-steps chapter (a work report's second half)
        profile = classify(head, body, "heading", context=context)
    return Unit(s.id, zone, head, body, subtree, profile, order, parent, depth)
