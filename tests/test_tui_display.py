"""The app's text layout: safe text, folding by terminal cells, level side-by-side rows."""

from rich.cells import cell_len
from rich.text import Text

from reportdiff.tui.display import (
    Span,
    change_starts,
    clean,
    find_all,
    fold,
    legend,
    match_paragraphs,
    pad,
    side_by_side,
    stacked,
)

CJK = "全面推进依法行政，加快建设法治政府。行政执法公示制度、执法全过程记录制度全面落实。"


def rows_of(paragraphs):
    return [r for p in paragraphs for r in p.rows]


def test_clean_neutralises_escapes_and_controls_one_for_one():
    evil = "a\x1b]0;title\x07b\x9b31m\u202ec\td\x7f"
    out = clean(evil)
    assert len(out) == len(evil)  # highlight offsets stay valid
    assert not any(ord(ch) < 0x20 and ch != "\n" for ch in out)
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\x7f" not in out
    assert out == "a\ufffd]0;title\ufffdb\ufffd31m\ufffdc d\ufffd"
    assert clean("第一行\n第二行") == "第一行\n第二行"


def test_fold_never_exceeds_the_width_and_never_splits_a_wide_character():
    for width in (2, 3, 7, 10, 11, 40):
        rows = rows_of(fold(CJK + "abc def", (), width))
        assert all(cell_len(r.text.plain) <= width for r in rows)
        assert "".join(r.text.plain for r in rows) == CJK + "abc def"
    # an odd width leaves one cell free rather than cutting a character in half
    rows = rows_of(fold("法治政府", (), 3))
    assert [r.text.plain for r in rows] == ["法", "治", "政", "府"]


def test_fold_keeps_offsets_and_highlight_kinds_per_row():
    text = "第一段落文字\n第二段" + "落" * 10
    spans = [Span(2, 4, "delete"), Span(8, 10, "insert")]
    paragraphs = fold(text, spans, 8)
    assert [p.text for p in paragraphs] == ["第一段落文字", "第二段" + "落" * 10]
    rows = rows_of(paragraphs)
    assert rows[0].start == 0 and rows[0].end == 4 and rows[0].kinds == {"delete"}
    assert rows[0].gutter == "-"
    second = [r for r in rows if r.start >= 7]
    assert second[0].start == 7 and second[0].kinds == {"insert"} and second[0].gutter == "+"
    assert all(not r.kinds for r in second[1:])
    # the style travels with the characters
    assert any(s.style.strike for s in rows[0].text.spans)


def test_markup_like_text_stays_literal():
    text = "[bold]粗体[/] [通知公告] [@click=app.quit]退出[/] [link=http://x]链接"
    rows = rows_of(fold(text, (), 200))
    assert rows[0].text.plain == text
    assert not rows[0].text.spans


def test_side_by_side_keeps_matching_paragraphs_level():
    a = ["一、加强组织领导", "全年召开常务会议学法12次。", "只在A中的段落。"]
    b = ["新的开头段落。", "一、加强组织领导", "全年召开常务会议学法15次。"]
    assert match_paragraphs(a, b) == [(None, 0), (0, 1), (1, 2), (2, None)]
    pa = fold("\n".join(a), (), 6)
    pb = fold("\n".join(b), (), 6)
    rows = side_by_side(pa, pb)
    # every row has both sides or a filler; both sides' rows all appear, in order
    assert [r.a.text.plain for r in rows if r.a] == [r.text.plain for r in rows_of(pa)]
    assert [r.b.text.plain for r in rows if r.b] == [r.text.plain for r in rows_of(pb)]
    level = [r for r in rows if r.a and r.b and r.a.text.plain.startswith("一、")]
    assert level and level[0].b.text.plain.startswith("一、")


def test_unrelated_paragraphs_are_shown_in_order_next_to_each_other():
    assert match_paragraphs(["甲甲甲", "乙乙乙"], ["丙丙丙"]) == [(0, 0), (1, None)]


def test_stacked_puts_a_above_b_under_labels():
    rows = stacked(Text("A"), fold("甲\n乙", (), 10), Text("B"), fold("丙", (), 10))
    assert [r.label.plain if r.label is not None else (r.a or r.b).text.plain for r in rows] == ["A", "甲", "乙", "", "B", "丙"]


def test_change_starts_groups_consecutive_rows():
    paragraphs = fold("一二三四五六七八", [Span(0, 3, "delete"), Span(6, 7, "insert")], 2)
    rows = side_by_side(paragraphs, [])
    assert change_starts(rows, frozenset({"delete", "insert"})) == [0, 6]


def test_find_all_is_case_insensitive_and_bounded():
    assert find_all("Abc abc ABC", "abc") == [(0, 3), (4, 7), (8, 11)]
    assert find_all("法治法治", "法治", limit=1) == [(0, 2)]
    assert find_all("abc", "") == []


def test_pad_uses_cells():
    assert pad(Text("法治"), 6).plain == "法治  "
    assert cell_len(pad(Text("法治政府"), 5).plain) == 5
    assert pad(Text("法治政府建设"), 7, ellipsis=True).plain.endswith("…")


def test_legend_explains_highlights_with_markers_and_words():
    t = legend()
    assert "- only in A" in t.plain and "+ only in B" in t.plain and "# changed number" in t.plain
    assert any(s.style.strike for s in t.spans) and any(s.style.underline for s in t.spans)


def test_display_path_is_relative_inside_the_working_folder(tmp_path, monkeypatch):
    from pathlib import Path

    from reportdiff.tui.display import display_path

    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    assert display_path(tmp_path / "seeds") == "seeds"
    assert display_path(tmp_path) == "."
    monkeypatch.setenv("HOME", str(tmp_path.parent))
    monkeypatch.chdir("/")
    assert display_path(tmp_path / "seeds") == str(Path("~", tmp_path.name, "seeds"))
    monkeypatch.chdir(tmp_path)
    assert display_path(Path("/usr/\x1b]0;x\x07")) == "/usr/\\x1b]0;x\\x07"  # names shown escaped
