"""The in-section text diff: word diff for similar texts, shared phrases for dissimilar ones."""

from __future__ import annotations

from dataclasses import replace

import opencc

from reportdiff.compare.load import load_report, load_text
from reportdiff.compare.model import Report, Section
from reportdiff.compare.seeds import seed_paths
from reportdiff.compare.structure import parse_structure
from reportdiff.compare.textdiff import REGION_MAX_TOKENS, _token_script, diff_sections, section_text

OLD = (
    "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，"
    "全年办理行政复议案件56件，纠错率12%。\n"
    "开展法治宣传活动80场，建设法治文化阵地12个。"
)
NEW = (
    "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，"
    "全年办理行政复议案件73件，纠错率15%。\n"
    "开展法治宣传活动80场，新建法治文化公园3个，建设法治文化阵地12个。"
)


def one_section(body: str, heading: str = "一、规范执法") -> tuple[Report, Section]:
    """A loaded report whose only section is ``heading`` over ``body``."""
    text = f"{heading}\n{body}\n"
    r = load_text(text)
    s = Section("s1", None, 1, "一、", heading[2:], "heading", 0, len(text), len(heading) + 1)
    return replace(r, sections=(s,)), s


def squeeze(parts) -> str:
    return "".join("".join(parts).split())


def marked(text: str, marks, kind: str) -> list[str]:
    return [text[m.start : m.end] for m in marks if m.kind == kind]


def test_similar_texts_get_a_word_level_diff():
    a, sa = one_section(OLD)
    b, sb = one_section(NEW)
    d = diff_sections(a, sa, b, sb)
    assert d.mode == "diff" and d.similarity > 0.6
    assert d.a_text == OLD and d.b_text == NEW
    # the edit script rebuilds both texts
    assert "".join(op.text for op in d.ops if op.op != "insert") == OLD
    assert "".join(op.text for op in d.ops if op.op != "delete") == NEW
    deleted = marked(d.a_text, d.a_marks, "delete")
    inserted = marked(d.b_text, d.b_marks, "insert")
    assert "56" in "".join(deleted) and "73" in "".join(inserted)
    assert any("法治文化公园" in t for t in inserted)
    # whole words, not characters: the changed numbers come with nothing cut mid-word
    assert all(not t.startswith("化") for t in inserted)
    assert "三项制度" not in "".join(deleted + inserted)


def test_script_width_and_white_space_are_not_differences():
    trad = opencc.OpenCC("s2t").convert(OLD).replace("，", ",").replace("。", "。 ")
    trad = trad.replace("56", "５６")
    a, sa = one_section(OLD)
    b, sb = one_section(trad)
    assert b.script == "traditional"
    d = diff_sections(a, sa, b, sb)
    assert d.mode == "diff"
    assert not d.a_marks and not d.b_marks
    assert all(op.op == "equal" for op in d.ops)
    assert d.b_text == "\n".join(x.strip() for x in trad.split("\n"))  # own script and width


def test_dissimilar_texts_highlight_shared_phrases():
    a, sa = one_section(
        "我市全面推行行政执法三项制度，组织执法人员培训考试两次，"
        "开展案卷评查，评查案卷300余卷。"
    )
    b_body = opencc.OpenCC("s2t").convert(
        "区政府制定年度工作要点，推动行政执法三项制度落地见效，"
        "对全区行政执法主体资格进行清理确认。"
    )
    b, sb = one_section(b_body)
    d = diff_sections(a, sa, b, sb)
    assert d.mode == "shared" and d.similarity < 0.35
    assert not d.ops
    assert any("行政执法三项制度" in p for p in d.shared)
    a_shared = marked(d.a_text, d.a_marks, "shared")
    b_shared = marked(d.b_text, d.b_marks, "shared")
    assert any("行政执法三项制度" in t for t in a_shared)
    assert any("行政執法三項制度" in t for t in b_shared)  # marked in B's own script
    # stock words alone are not shared phrases
    assert not any(p in ("法治政府建设", "全面推进") for p in d.shared)


def test_one_sided_pair():
    a, sa = one_section(OLD)
    d = diff_sections(a, sa, a, None)
    assert d.mode == "one_sided" and d.a_text == OLD and d.b_text == "" and not d.ops


def test_shown_text_matches_body_text_on_seeds():
    for p in seed_paths():
        r = parse_structure(load_report(p))
        for s in r.sections:
            t = section_text(r, s)
            assert t.text == r.body_text(s, subtree=True)
            assert len(t.origin) == len(t.norm) + 1
            assert all(0 <= t.origin[i] < max(len(t.text), 1) for i in range(len(t.norm)))


def test_seed_sections_of_two_governments_share_phrases_not_an_edit_script():
    seeds = [parse_structure(load_report(p)) for p in seed_paths()]
    a, b = seeds[2], seeds[3]
    sa = next(s for s in a.sections if "决策" in s.heading and s.kind == "heading")
    sb = next(s for s in b.sections if "决策" in s.heading and s.kind == "heading")
    d = diff_sections(a, sa, b, sb)
    assert d.mode == "shared" and d.shared
    for m in d.a_marks:
        assert 0 <= m.start < m.end <= len(d.a_text)


def test_long_dissimilar_texts_are_compared_by_shared_phrases():
    seeds = [p.read_text(encoding="utf-8") for p in seed_paths()]
    a, sa = one_section("\n".join(seeds[:3]) * 6)
    b, sb = one_section("\n".join(seeds[3:]) * 8)
    d = diff_sections(a, sa, b, sb)
    assert d.mode == "shared"


def test_one_changed_sentence_in_a_long_text_is_the_only_edit():
    seed = seed_paths()[3].read_text(encoding="utf-8")
    body = seed * 4
    changed = body.replace("。", "。新增一句关于法律援助的内容。", 1)
    a, sa = one_section(body)
    b, sb = one_section(changed)
    d = diff_sections(a, sa, b, sb)
    assert d.mode == "diff"
    # the ops rebuild both texts (white space between words comes from one side)
    assert squeeze(op.text for op in d.ops if op.op != "insert") == squeeze([d.a_text])
    assert squeeze(op.text for op in d.ops if op.op != "delete") == squeeze([d.b_text])
    assert [op.op for op in d.ops].count("insert") == 1 and not d.a_marks
    assert marked(d.b_text, d.b_marks, "insert") == ["新增一句关于法律援助的内容。"]


def test_a_long_rewritten_stretch_is_one_deletion_and_one_insertion():
    same = ["开头", "一句", "。"]
    old = [f"旧{i}" for i in range(REGION_MAX_TOKENS)] + ["。"]
    new = [f"新{i}" for i in range(REGION_MAX_TOKENS)] + ["。"]
    script = _token_script(same + old + same, same + new + same)
    assert script == [(0, 3), (-1, len(old)), (1, len(new)), (0, 3)]


def test_a_short_changed_stretch_is_diffed_word_by_word():
    a = ["全年", "办理", "案件", "56", "件", "。", "开展", "活动", "。"]
    b = ["全年", "办理", "案件", "73", "件", "。", "开展", "活动", "。"]
    assert _token_script(a, b) == [(0, 3), (-1, 1), (1, 1), (0, 5)]
