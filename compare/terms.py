"""Words of a report: segmentation (``compare.segment``) and content-term weights.

Shared by the aligner (what a section is about) and the text diff (word-level edits).
All functions take *normalised* text (simplified script, half-width punctuation, see
``compare.normalize``), so a traditional-script report segments like a simplified one.

Weighting: a term's weight is an inverse document frequency computed over the sections
of the two reports being compared (a word every section uses says nothing about which
section is which), damped further for a built-in list of words that every rule-of-law or
work report uses whatever the topic (法治, 政府, 建设, 推进 ...).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .segment import Segmenter, segmenter

BACKGROUND_IDF_FILE = Path(__file__).with_name("data") / "background_idf.tsv"

# Compounds of the field that jieba's general dictionary splits; kept whole they are
# far more telling than their parts (行政/执法 is also 行政 of 行政复议).
DOMAIN_WORDS = (
    "行政执法", "执法监督", "综合执法", "行政应诉", "出庭应诉", "行政复议", "行政裁决",
    "政务公开", "信息公开", "政务诚信", "政务服务", "营商环境", "放管服", "简政放权",
    "权责清单", "权力清单", "责任清单", "负面清单", "一网通办", "最多跑一次",
    "双随机", "一公开", "三项制度", "规范性文件", "备案审查", "合法性审查", "合法性审核",
    "重大行政决策", "法律顾问", "公职律师", "公共法律服务", "法律援助", "矛盾纠纷",
    "多元化解", "诉源治理", "突发事件", "应急管理", "应急预案", "疫情防控", "法治宣传",
    "普法责任制", "谁执法谁普法", "法治文化", "法治督察", "第一责任人", "述法",
    "两法衔接", "党风廉政", "政协提案", "建议提案", "制约监督", "领导干部",
)

# Words any section of these reports may use, whatever its topic: they count little.
GENERIC_WORDS = frozenset(
    """
    法治 政府 建设 推进 工作 全面 加强 深入 进一步 开展 落实 完善 健全 提升 持续 不断
    强化 积极 有效 依法 制度 机制 严格 规范 坚持 创新 推动 取得 全市 全区 全县 全省 全国
    我市 我区 我县 本市 本区 各级 各类 部门 单位 相关 情况 有关 方面 重点 重要 工作机制
    体系 水平 能力 质量 成效 效能 提高 实现 确保 切实 认真 扎实 大力 着力 深化 加快 继续
    组织 实施 开展 进行 健全 建立 形成 做好 抓好 抓实 全力 有序 稳步 高效 规范化 制度化
    法治政府 依法行政 行政 法律 法规 管理 服务 社会 经济 发展 人民 群众 市民 企业 社区
    年度 全年 今年 去年 年来 五年 以来 目前 当前 同时 其中 主要 共计 累计 完成 共 达到
    一是 二是 三是 四是 五是 六是 七是 八是 九是 十是 第一 第二 第三 一批 一系列 等
    习近平 新时代 中国 特色 社会主义 思想 党 精神 指导 贯彻 要求 部署 决策部署 目标 任务
    """.split()
)
GENERIC_FACTOR = 0.15

# Verbs reports use with counts (办理…件, 开展…场): a metric's label is cut after the last of
# them, and a mechanism's name never starts with one.
REPORT_VERBS = (
    "收到", "受理", "办理", "审结", "审核", "审查", "梳理", "保留", "修改", "废止", "清理",
    "制定", "出台", "印发", "发布", "公布", "公示", "出具", "作出", "做出", "参与", "参加",
    "组织", "开展", "举办", "举行", "召开", "完成", "承办", "承接", "下放", "取消", "删除",
    "调整", "培训", "培养", "接待", "提供", "查处", "排查", "化解", "调解", "办结", "配置",
    "引进", "聘请", "聘任", "选聘", "建立", "设立", "新增", "减少", "压减", "精简", "缩减",
    "备案", "检查", "评查", "抽查", "立案", "下达", "发放", "处理", "处分", "问责", "移送",
    "纳入", "涉及", "覆盖", "签订", "录入", "上线", "集成", "归集", "配备", "招录", "报送",
    "报备", "开设", "拍摄", "编制", "评出", "下发", "收集", "征集", "征求", "答复", "办复",
    "采纳", "整改", "发现", "查实", "给予", "培育", "打造", "创建", "推出", "实施", "推行", "协调",
    "共有", "拥有", "现有", "持有", "聘用", "招聘", "表彰", "评选", "认定", "命名", "解决",
    "帮助", "挽回", "追回", "救助", "走访", "增设", "增配", "慰问", "选派", "派出", "抽调",
    "核发", "颁发", "换发", "注册", "登记", "新建", "改造", "建成", "投入", "落实", "确定", "选取",
    "确认", "明确", "形成", "汇编", "收回", "清退", "梳理出", "受到", "接到", "接收", "收集到",
)

# Function words and particles: never content.
STOP_WORDS = frozenset(
    """
    的 了 和 与 及 以及 或 等 在 对 为 以 将 把 被 由 从 向 于 中 上 下 内 外 后 前 是 有 也 都
    并 并且 而 其 之 这 该 此 个 各 每 所 所有 通过 按照 根据 围绕 结合 针对 关于 对于 进行
    已 已经 正在 还 更 更加 较 较为 不 没有 无 非 可 可以 能 能够 要 需要 应 应当 均 全部
    """.split()
)

_WORDLIKE = re.compile(r"[\u3400-\u9fffA-Za-z]")
_NUMERIC = re.compile(r"^[\d.%％,，:：\-—/]+$|^[\d]+[年月日号个项件次人]$")


def tokenizer() -> Segmenter:
    """The segmenter with the field's compounds added; built once per process."""
    return segmenter(DOMAIN_WORDS)


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Words of ``text`` with their half-open offsets; white space is left out."""
    return [(tok, a, b) for tok, a, b in tokenizer().tokenize(text) if not tok.isspace()]


def tokens(text: str) -> list[str]:
    """Words of ``text``, white space left out."""
    return [t for t, _, _ in token_spans(text)]


def is_content(token: str) -> bool:
    """A token that can say what a text is about: a word of two or more characters."""
    return (
        len(token) >= 2
        and token not in STOP_WORDS
        and _WORDLIKE.search(token) is not None
        and _NUMERIC.match(token) is None
    )


PROPER_NAME_FLAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt"})  # jieba: place, person, organisation


def is_proper_name(term: str) -> bool:
    """A word jieba's dictionary tags as a place, person or organisation name (平潭, 福州 ...)."""
    tags = tokenizer().tag(term)
    return any(flag in PROPER_NAME_FLAGS for _, flag in tags)


def content_terms(text: str) -> Counter[str]:
    """Counts of the content tokens of ``text``."""
    return Counter(t for t in tokens(text) if is_content(t))


@dataclass(frozen=True)
class TermWeights:
    """Inverse document frequencies over a set of texts, generic words damped."""

    idf: Mapping[str, float]
    default: float  # weight of a term none of the texts contains

    def weight(self, term: str) -> float:
        w = self.idf.get(term, self.default)
        return w * GENERIC_FACTOR if term in GENERIC_WORDS else w

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """Unit-length TF-IDF vector (sub-linear term frequency) of a term count."""
        vec = {t: (1.0 + math.log(c)) * self.weight(t) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm > 0 else {}


def term_weights(documents: Iterable[Iterable[str]]) -> TermWeights:
    """IDF weights, ``log((n + 1) / (df + 1)) + 1``, over documents given as term sets."""
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update(set(doc))
    idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
    return TermWeights(idf=idf, default=math.log(n + 1) + 1.0)


@dataclass(frozen=True)
class BackgroundIdf:
    """Inverse document frequencies of a general corpus (jieba's table, see the data file)."""

    idf: Mapping[str, float]
    default: float  # a word the table does not list (its median)

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """Unit-length TF-IDF vector of a term count under the background weights."""
        vec = {t: (1.0 + math.log(c)) * self.idf.get(t, self.default) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm > 0 else {}


@lru_cache(maxsize=1)
def background_idf() -> BackgroundIdf:
    """The shipped background IDF table (``compare/data/background_idf.tsv``), read once."""
    idf: dict[str, float] = {}
    default = 12.0
    for line in BACKGROUND_IDF_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#median"):
            default = float(line.split("\t")[1])
        elif line and not line.startswith("#"):
            word, _, value = line.partition("\t")
            idf[word] = float(value)
    return BackgroundIdf(idf, default)


def cosine(u: Mapping[str, float], v: Mapping[str, float]) -> float:
    """Cosine of two unit-length sparse vectors."""
    if len(u) > len(v):
        u, v = v, u
    return sum(x * v[t] for t, x in u.items() if t in v)


def top_shared(u: Mapping[str, float], v: Mapping[str, float], n: int = 5) -> tuple[str, ...]:
    """The ``n`` terms contributing most to the cosine of ``u`` and ``v``."""
    shared = [(u[t] * v[t], t) for t in u.keys() & v.keys()]
    shared.sort(key=lambda x: (-x[0], x[1]))
    return tuple(t for _, t in shared[:n])
