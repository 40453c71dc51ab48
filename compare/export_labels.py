"""The exports' own words, Chinese and English: topic names, captions, summary sentences.

Topic codes are the aligner's (compare/topics.py); similarity components are named by the
aligner too, and an unknown name is shown as it is.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]

# code -> (Chinese, English)
TOPIC_LABELS: dict[str, tuple[str, str]] = {
    "LEAD": ("组织领导", "Leadership and responsibility"),
    "FUNC": ("政府职能", "Government functions"),
    "RULES": ("立法与规范性文件", "Legislation and normative documents"),
    "DECIS": ("行政决策", "Administrative decisions"),
    "ENFORCE": ("行政执法", "Administrative enforcement"),
    "EMERG": ("突发事件应对", "Emergency response"),
    "DISPUTE": ("矛盾纠纷化解", "Dispute resolution"),
    "OVERSIGHT": ("权力制约监督", "Oversight of power"),
    "OPEN": ("政务公开", "Open government"),
    "EDU": ("普法", "Legal education"),
    "LEGALSVC": ("公共法律服务", "Public legal services"),
    "PROBLEMS": ("问题与不足", "Problems and shortcomings"),
    "NEXT": ("下一步工作", "Next steps"),
}

# similarity components the aligner may report
PART_LABELS: dict[str, tuple[str, str]] = {
    "topics": ("主题", "topics"),
    "headings": ("标题", "headings"),
    "text": ("正文", "text"),
    "terms": ("用语", "terms"),
    "coverage": ("覆盖", "coverage"),
    "structure": ("结构", "structure"),
    "initiatives": ("举措", "initiatives"),
    "metrics": ("数据", "metrics"),
    "content": ("内容", "content"),
    "topic_overlap": ("主题重合", "topic overlap"),
    "coverage_a": ("A 覆盖", "coverage of A"),
    "coverage_b": ("B 覆盖", "coverage of B"),
}

LABELS: dict[str, tuple[str, str]] = {
    "title": ("报告对比：{a} 与 {b}", "Report comparison: {a} and {b}"),
    "year_suffix": (" {y}年", " ({y})"),
    # the memo
    "memo": ("要点", "Key points"),
    "reports_line": ("{side}：{name}（{n} 字，{s} 节）", "{side}: {name} ({n} characters, {s} sections)"),
    "similarity": ("总体相似度：{v}，{band}", "Overall similarity: {v}, {band}"),
    "band_very_similar": ("高度相似", "very similar"),
    "band_similar": ("大体相似", "broadly similar"),
    "band_partly_similar": ("部分相似", "partly similar"),
    "band_different": ("差异较大", "largely different"),
    "gap_a": ("仅 A 涉及的主题：", "Topics only A covers: "),
    "gap_b": ("仅 B 涉及的主题：", "Topics only B covers: "),
    "no_gaps": ("两份报告涉及的主题相同。", "Both reports cover the same topics."),
    "top_changes": ("变化最大的可比数据", "Largest changes in comparable figures"),
    "no_changes": ("没有可比数据发生变化。", "No comparable figure changed."),
    "label_a": ("A 中统计项", "Counted in A"),
    "label_b": ("B 中统计项", "Counted in B"),
    "old_new": ("A → B", "A → B"),
    "change": ("变化", "Change"),
    "see": ("见", "See"),
    "reason_col": ("配对依据", "Why paired"),
    # MetricMatch.why codes (model.PAIRING_REASONS)
    "why_same_thing": ("统计项相同", "same counted thing"),
    "why_similar_thing": ("统计项相近", "similar counted thing"),
    "why_similar_sentence": ("语句相近", "similar sentence"),
    "why_aligned_sections": ("所在章节已配对", "in paired sections"),
    "why_unit_family": ("同类量词", "same kind of unit"),
    "why_same_action": ("动作相同", "same action"),
    "ini_shared": ("两份报告共同的举措与文件（{n}）：", "Initiatives and documents in both ({n}): "),
    "ini_new_b": ("B 新提出的（{n}）：", "New in B ({n}): "),
    "ini_only_a": ("仅见于 A 的（{n}）：", "Only in A ({n}): "),
    "more": ("等 {n} 项", "and {n} more"),
    "part_link": ("第 {n} 部分", "part {n}"),
    # the details
    "details": ("详细信息", "Details"),
    "field": ("项目", "Field"),
    "meta_title": ("标题", "Title"),
    "meta_org": ("发布机构", "Organisation"),
    "meta_year": ("报告年度", "Report year"),
    "meta_published": ("发布日期", "Published"),
    "meta_file": ("源文件", "Source file"),
    "meta_script": ("文字", "Script"),
    "meta_length": ("长度", "Length"),
    "meta_sections": ("章节数", "Sections"),
    "chars": ("{n} 字", "{n} characters"),
    "simplified": ("简体", "simplified"),
    "traditional": ("繁体", "traditional"),
    "summary": ("概要", "Summary"),
    "similarity_parts": ("总体相似度：{v}（{parts}）", "Overall similarity: {v} ({parts})"),
    "sections_line": (
        "章节：对齐 {n} 对，仅见于 A {a} 节，仅见于 B {b} 节",
        "Sections: {n} aligned pairs, {a} only in A, {b} only in B",
    ),
    "initiatives_line": (
        "共同举措与文件：{n} 项（仅见于 A {a} 项，仅见于 B {b} 项）",
        "Shared initiatives and documents: {n} ({a} only in A, {b} only in B)",
    ),
    "metrics_line": (
        "数据：{n} 项有变化（相同 {s} 项，仅见于 A {a} 项，仅见于 B {b} 项）",
        "Metrics: {n} changed ({s} the same, {a} only in A, {b} only in B)",
    ),
    "coverage": ("主题覆盖", "Topic coverage"),
    "alignment": ("章节对应", "Section alignment"),
    "score_col": ("匹配度", "Score"),
    "topic": ("主题", "Topic"),
    "part_col": ("部分", "Part"),
    "n_sections": ("{n} 节：{items}", "{n} sections: {items}"),
    "one_section": ("1 节：{items}", "1 section: {items}"),
    "and_more": ("等", "…"),
    "initiatives": ("举措与文件", "Initiatives and documents"),
    "shared": ("共同举措与文件（{n}）", "Shared initiatives and documents ({n})"),
    "only_a": ("仅见于 A（{n}）", "Only in A ({n})"),
    "only_b": ("仅见于 B（{n}）", "Only in B ({n})"),
    "name": ("名称", "Name"),
    "name_a": ("A 中名称", "Name in A"),
    "name_b": ("B 中名称", "Name in B"),
    "kind": ("类型", "Kind"),
    "where": ("出现位置", "Where"),
    "where_a": ("A 中位置", "Where in A"),
    "where_b": ("B 中位置", "Where in B"),
    "mentions": ("次数", "Mentions"),
    "note": ("说明", "Note"),
    "generic_note": ("仅通用标题相同：{g}", "matched by generic title only: {g}"),
    "kind_quoted": ("引号名称", "quoted name"),
    "kind_title": ("文件", "document"),
    "kind_mechanism": ("机制", "mechanism"),
    "metrics": ("其他数据", "Other figures"),
    "section_or_topic": ("章节", "Section"),
    "counted": ("统计项", "What is counted"),
    "difference": ("差值", "Difference"),
    "st_same": ("相同", "same"),
    "st_only_a": ("仅见于 A", "only in A"),
    "st_only_b": ("仅见于 B", "only in B"),
    # the parts
    "pairs": ("逐节对比", "Section by section"),
    "part": ("第 {n} 部分", "Part {n}"),
    "pair_only_a": ("（仅见于 A）", " (only in A)"),
    "pair_only_b": ("（仅见于 B）", " (only in B)"),
    "score": ("匹配度：{v}", "Match score: {v}"),
    # a pair's calibrated score and its band (compare.match_confidence)
    "band_strong": ("{v}（强）", "{v} strong"),
    "band_likely": ("{v}（较可能）", "{v} likely"),
    "band_weak": ("{v}（弱）", "{v} weak"),
    "reason": ("依据：{r}", "because of: {r}"),
    "manual": ("（手动配对）", " (paired by hand)"),
    "pair_topic": ("主题：{t}", "Topic: {t}"),
    "text_similarity": ("文本相似度：{v}", "Text similarity: {v}"),
    "shared_phrases": ("共同用语：{p}", "Shared phrases: {p}"),
    "figures_elsewhere": ("另有 {n} 项数据列于", "{n} more figures are listed in "),
    "text_a": ("A 原文：", "Text of A:"),
    "text_b": ("B 原文：", "Text of B:"),
    "seen": ("（这段文字已在{link}引用）", "(this text is quoted in {link})"),
    "no_text": ("（无正文）", "(no text)"),
    "identical": ("两节正文相同。", "The two texts are identical."),
    "none": ("（无）", "(none)"),
    "legend_diff": (
        "标记：<del>删除</del> 为仅见于 A 的文字，<ins>新增</ins> 为仅见于 B 的文字。",
        "Marks: <del>deleted</del> is text only in A, <ins>inserted</ins> is text only in B.",
    ),
    "legend_diff_plain": (
        "标记：{--…--} 为仅见于 A 的文字，{++…++} 为仅见于 B 的文字。",
        "Marks: {--…--} is text only in A, {++…++} is text only in B.",
    ),
    "legend_diff_docx": (
        "标记：删除线为仅见于 A 的文字，下划线为仅见于 B 的文字。",
        "Marks: struck-through text is only in A, underlined text only in B.",
    ),
    "legend_shared": ("标记：加粗为两节共同的用语。", "Marks: bold phrases appear in both texts."),
    "legend_shared_plain": ("标记：{==…==} 为两节共同的用语。", "Marks: {==…==} phrases appear in both texts."),
    "preamble": ("前言", "Preamble"),
    "problems": ("问题与不足", "Problems"),
    "next_steps": ("下一步", "Next steps"),
    "closing": ("结尾", "Closing"),
    "untitled": ("（无标题）", "(untitled)"),
    "sep": ("、", ", "),
    "list_sep": ("；", "; "),
    "colon": ("：", ": "),
    "paren": ("（{x}）", " ({x})"),
}


def label(lang: Lang, key: str, **kw: object) -> str:
    """The caption ``key`` in ``lang``, formatted with ``kw``."""
    s = LABELS[key][1 if lang == "en" else 0]
    return s.format(**kw) if kw else s


def topic_label(lang: Lang, code: str) -> str:
    """A topic code's name (an unknown code is shown as it is)."""
    found = TOPIC_LABELS.get(code)
    return found[1 if lang == "en" else 0] if found else code


def is_export_title(line: str) -> bool:
    """Whether ``line`` is the title heading a Markdown export begins with (either language)."""
    prefixes = ("# " + t.split("{", 1)[0] for t in LABELS["title"])
    return any(p != "# " and line.startswith(p) for p in prefixes)
