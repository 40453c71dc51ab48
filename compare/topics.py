"""Which national topics a section covers.

Rule-of-law government reports follow the chapters of the national outline
(法治政府建设实施纲要 2015–2020 and 2021–2025): government functions, the rule-making
system, administrative decisions, enforcement, emergencies, disputes, oversight,
openness, legal education, legal services, and the leadership that drives it all; most
reports end with problems and next steps. Each topic has a keyword profile written from
the outline's own vocabulary (not from any particular report); a section's topics are
the ones whose keywords dominate its heading, or failing that its text.

The codes are the ones used throughout the app (and in the evaluation labels).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

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

# keyword -> weight; longer, unambiguous phrases weigh more than short shared words.
PROFILES: dict[str, dict[str, float]] = {
    "LEAD": {
        "组织领导": 3, "党的领导": 2, "领导小组": 2, "第一责任人": 3, "主要负责人": 1.5,
        "述法": 3, "学法": 2.5, "学法用法": 3, "考核": 1.5, "督察": 2, "督查": 1, "督导": 1.5,
        "法治建设责任": 2, "责任制": 0.5, "依法治市": 1.5, "依法治区": 1.5, "依法治县": 1.5,
        "法制机构": 1.5, "法治工作队伍": 2, "法治队伍": 1.5, "法治能力": 1, "法治思维": 1,
        "领导干部": 1, "高位推进": 2, "工作要点": 1, "实施方案": 0.5,
        "示范市": 0.5, "政治站位": 2, "领导机制": 2,
    },
    "FUNC": {
        "政府职能": 3, "职能转变": 3, "机构职能": 3, "放管服": 3, "简政放权": 3,
        "行政审批": 2.5, "审批": 1.5, "权责清单": 2.5, "权力清单": 2.5, "责任清单": 1.5,
        "负面清单": 2, "清单": 0.8, "政务服务": 2.5, "一网通办": 3, "最多跑一次": 3,
        "一件事": 2, "营商环境": 3, "市场主体": 1.5, "证明事项": 2, "告知承诺": 2,
        "事中事后监管": 2.5, "互联网+监管": 2, "便民": 1, "优化服务": 1.5, "跑一次": 2,
        "办事": 1, "流程再造": 2, "行政许可": 2, "商事制度": 2, "企业开办": 2,
    },
    "RULES": {
        "立法": 3, "地方性法规": 3, "政府规章": 3, "规章": 2, "规范性文件": 3,
        "备案审查": 2.5, "备案": 1, "文件清理": 3, "清理": 1, "制度体系": 1,
        "依法行政制度": 2.5, "制定程序": 1.5, "文件管理": 2, "发文": 1,
    },
    "DECIS": {
        "重大行政决策": 3, "行政决策": 3, "决策程序": 3, "决策": 1.5, "合法性审查": 2.5,
        "合法性审核": 1.5, "法律顾问": 3, "公职律师": 3, "公众参与": 2, "专家论证": 2.5,
        "风险评估": 1.5, "集体讨论": 2.5, "听证": 1.5, "民主决策": 3, "科学决策": 3,
        "决策事项目录": 3, "后评估": 1.5,
    },
    "ENFORCE": {
        "行政执法": 3, "执法": 1.5, "三项制度": 3, "执法公示": 3, "全过程记录": 3,
        "法制审核": 2.5, "双随机": 2, "综合执法": 3, "执法人员": 2.5, "执法证": 2.5,
        "执法监督": 2.5, "包容审慎": 2, "柔性执法": 3, "裁量基准": 3, "裁量权": 2,
        "行政处罚": 2, "行政检查": 2, "行政强制": 2, "执法体制": 3, "执法案卷": 3,
        "文明执法": 3, "首违不罚": 3, "轻微违法": 2,
    },
    "EMERG": {
        "突发事件": 3, "应急": 2, "应急管理": 3, "应急预案": 3, "疫情": 2.5,
        "疫情防控": 3, "防汛": 2, "抢险": 2, "公共卫生": 2.5, "应急处置": 3,
        "安全生产": 1.5, "防控": 1, "救援": 1.5, "新冠": 2, "复工复产": 1.5,
    },
    "DISPUTE": {
        "行政复议": 3, "复议": 2, "行政应诉": 3, "应诉": 2.5, "出庭应诉": 3, "信访": 3,
        "调解": 2.5, "人民调解": 3, "矛盾纠纷": 3, "纠纷": 2, "化解": 1, "仲裁": 2,
        "诉源治理": 3, "多元化解": 3, "行政裁决": 3, "败诉": 2, "枫桥": 2.5, "维稳": 1.5,
        "社会矛盾": 3, "访源": 1,
    },
    "OVERSIGHT": {
        "制约监督": 3, "权力制约": 3, "制约和监督": 3, "监督": 1, "人大监督": 2.5,
        "民主监督": 2.5, "人大代表建议": 3, "代表建议": 3, "政协提案": 3, "建议提案": 3,
        "提案": 1.5, "审计": 2, "廉政": 2.5, "党风廉政": 3, "问责": 1.5, "两法衔接": 3,
        "刑事司法衔接": 3, "司法监督": 2.5, "社会监督": 2, "舆论监督": 2, "统计监督": 2,
        "行政监督": 2, "监察": 1.5, "廉洁": 1.5, "司法建议": 2, "检察建议": 2,
    },
    "OPEN": {
        "政务公开": 3, "信息公开": 3, "政府信息": 2.5, "依申请公开": 3, "主动公开": 3,
        "公开": 1, "政务诚信": 3, "诚信": 1.5, "信用": 1.5, "阳光": 1.5, "透明": 1,
        "新闻发布": 1.5, "政策解读": 2,
    },
    "EDU": {
        "普法": 3, "法治宣传": 3, "宣传教育": 2, "七五普法": 3, "八五普法": 3,
        "谁执法谁普法": 3, "法治文化": 3, "民法典": 1.5, "宪法宣传": 2.5, "宪法": 1,
        "示范创建": 2.5, "民主法治示范": 3, "法治示范": 2, "法治氛围": 2.5, "法治意识": 1.5,
        "法治素养": 1.5, "尊法学法守法用法": 2, "送法": 2, "法治讲座": 2, "宣传": 0.8,
        "依法治理": 1.5, "法律明白人": 2.5, "以案释法": 2.5, "法治阵地": 2,
    },
    "LEGALSVC": {
        "公共法律服务": 3, "法律服务": 2.5, "法律援助": 3, "公证": 2.5, "司法鉴定": 3,
        "律师": 1.5, "法律咨询": 2, "基层法律服务": 3, "一村一法律顾问": 3, "法援": 2.5,
    },
    "PROBLEMS": {
        "问题与不足": 4, "存在的问题": 4, "存在问题": 4, "不足": 2, "差距": 2,
        "短板": 1.5, "薄弱": 1.5, "有待": 1, "不够": 1, "不强": 0.8, "困难": 1,
    },
    "NEXT": {
        "下一步": 4, "工作打算": 4, "工作安排": 3, "工作思路": 3, "工作计划": 2.5,
        "今后": 1.5, "明年": 2, "工作重点": 2, "努力方向": 3,
    },
}

# Codes that describe where a section stands in the report rather than its subject.
POSITION_TOPICS = ("PROBLEMS", "NEXT")
SUBJECT_TOPICS = tuple(t for t in PROFILES if t not in POSITION_TOPICS)

HEADING_WEIGHT = 4.0  # a keyword in the heading counts as much as four in the body
CONTEXT_WEIGHT = 1.0  # a keyword in an enclosing section's heading
KEEP_RATIO = 0.5  # topics within this share of the best topic's score are kept too
MIN_SCORE = 5.0  # below this nothing is said about the section's topic


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    # longest first, so 行政执法 is counted once, not also as 执法
    out = {}
    for code, words in PROFILES.items():
        alts = sorted(words, key=len, reverse=True)
        out[code] = re.compile("|".join(re.escape(w) for w in alts))
    return out


def keyword_score(text: str) -> dict[str, float]:
    """Summed keyword weights of each topic in a normalised text."""
    scores = {}
    for code, pat in _patterns().items():
        weights = PROFILES[code]
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
            if head.get(code, 0) >= 4:
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
