"""Which national topics a section covers.

Rule-of-law government reports follow the chapters of the national outline
(法治政府建设实施纲要 2015–2020 and 2021–2025): government functions, the rule-making
system, administrative decisions, enforcement, emergencies, disputes, oversight,
openness, legal education, legal services, and the leadership that drives it all; most
reports end with problems and next steps. Each topic has a keyword profile in the outline's
own wording (``compare/data/topic_vocabulary.json``: every term with the chapter it comes
from, not from any particular report); a section's topics are the ones whose keywords
dominate its heading, or failing that its text.

The codes are the ones used throughout the app (and in the evaluation labels).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TOPIC_NAMES: dict[str, str] = {
    "LEAD": "Leadership and responsibility (组织领导)",
    "FUNC": "Government functions, licensing, business environment (政府职能)",
    "RULES": "Legislation and normative documents (立法与规范性文件)",
    "DECIS": "Major administrative decisions, legal advisers (行政决策)",
    "ENFORCE": "Administrative enforcement (行政执法)",
    "EMERG": "Emergencies and public-health response (突发事件应对)",
    "DISPUTE": "Reconsideration, litigation, petitions, mediation (矛盾纠纷化解)",
    "OVERSIGHT": "Checks and oversight of power (权力制约监督)",
    "OPEN": "Open government and integrity (政务公开)",
    "EDU": "Legal education and publicity (普法)",
    "LEGALSVC": "Public legal services (公共法律服务)",
    "PROBLEMS": "Problems and shortcomings (问题与不足)",
    "NEXT": "Next steps (下一步工作)",
}

VOCABULARY_FILE = Path(__file__).with_name("data") / "topic_vocabulary.json"


@lru_cache(maxsize=1)
def profiles() -> dict[str, dict[str, float]]:
    """Topic code -> {term: weight}, from ``compare/data/topic_vocabulary.json`` (each term
    with the outline chapter it comes from)."""
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return {code: {t["term"]: float(t["weight"]) for t in v["terms"]} for code, v in data["topics"].items()}


# Codes that describe where a section stands in the report rather than its subject.
POSITION_TOPICS = ("PROBLEMS", "NEXT")
SUBJECT_TOPICS = tuple(t for t in TOPIC_NAMES if t not in POSITION_TOPICS)

POSITION_MIN = 3.0  # a heading is a problems / next-steps heading with one of its weight-3 terms
HEADING_WEIGHT = 4.0  # a keyword in the heading counts as much as four in the body
CONTEXT_WEIGHT = 1.0  # a keyword in an enclosing section's heading
KEEP_RATIO = 0.5  # topics within this share of the best topic's score are kept too
MIN_SCORE = 5.0  # below this nothing is said about the section's topic


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    # longest first, so 行政执法 is counted once, not also as 执法
    out = {}
    for code, words in profiles().items():
        alts = sorted(words, key=len, reverse=True)
        out[code] = re.compile("|".join(re.escape(w) for w in alts))
    return out


def keyword_score(text: str) -> dict[str, float]:
    """Summed keyword weights of each topic in a normalised text."""
    scores = {}
    for code, pat in _patterns().items():
        weights = profiles()[code]
        s = sum(weights[m.group(0)] for m in pat.finditer(text))
        if s:
            scores[code] = s
    return scores


@dataclass(frozen=True)
class TopicProfile:
    """A section's topic scores (heading and body combined) and its chosen topics."""

    scores: Mapping[str, float]
    topics: tuple[str, ...]

    def vector(self) -> dict[str, float]:
        """Scores as a unit-length vector over the subject topics ({} when none was chosen)."""
        if not any(t in SUBJECT_TOPICS for t in self.topics):
            return {}
        total = sum(v * v for k, v in self.scores.items() if k in SUBJECT_TOPICS) ** 0.5
        if total == 0:
            return {}
        return {k: v / total for k, v in self.scores.items() if k in SUBJECT_TOPICS}


def classify(heading: str, body: str, kind: str = "heading", context: str = "") -> TopicProfile:
    """Topics of a section from its normalised heading and body text.

    Problems and next-steps sections (by ``kind``) get that code only. Otherwise the heading
    decides when it names a topic clearly; the body's keyword density breaks ties and covers
    headings that are slogans (强化组织，高位推动); ``context`` (the headings of the sections
    above) counts a little, for sub-sections whose own heading and text are short. Position codes are never inferred from
    ordinary sections' text: a 不足 in a paragraph does not make it a problems section.
    """
    if kind == "problems":
        return TopicProfile({"PROBLEMS": 1.0}, ("PROBLEMS",))
    if kind == "next_steps":
        return TopicProfile({"NEXT": 1.0}, ("NEXT",))
    head = keyword_score(heading)
    if kind == "heading":
        for code in POSITION_TOPICS:
            if head.get(code, 0) >= POSITION_MIN:
                return TopicProfile({code: 1.0}, (code,))
    body_scores = keyword_score(body)
    context_scores = keyword_score(context) if context else {}
    # body counts per ~600 characters, so long sections do not drown their heading
    scale = min(1.0, 600.0 / max(len(body), 1)) if body else 0.0
    scores: dict[str, float] = {}
    for code in SUBJECT_TOPICS:
        s = (
            HEADING_WEIGHT * head.get(code, 0.0)
            + CONTEXT_WEIGHT * context_scores.get(code, 0.0)
            + scale * body_scores.get(code, 0.0)
        )
        if s > 0:
            scores[code] = s
    if not scores:
        return TopicProfile({}, ())
    best = max(scores.values())
    if best < MIN_SCORE:
        return TopicProfile(scores, ())
    chosen = sorted((c for c, s in scores.items() if s >= KEEP_RATIO * best), key=lambda c: -scores[c])
    return TopicProfile(scores, tuple(chosen[:3]))
