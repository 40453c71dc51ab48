"""The two segmentation engines give jieba's words on real reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportdiff.compare.load import load_report
from reportdiff.compare.seeds import seed_paths
from reportdiff.compare.segment import _split_ascii_runs, segmenter
from reportdiff.compare.terms import DOMAIN_WORDS, tokenizer

pytest.importorskip("rjieba")

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def _reports():
    return [load_report(p) for p in seed_paths()]


def test_default_engine_is_rjieba():
    assert tokenizer().engine == "rjieba"


def test_rjieba_segments_every_seed_as_jieba_does():
    fast = segmenter(DOMAIN_WORDS, "rjieba")
    slow = segmenter(DOMAIN_WORDS, "jieba")
    for report in _reports():
        text = report.norm.text
        assert fast.tokenize(text) == slow.tokenize(text), report.path


@pytest.mark.parametrize("full_after", [10**9, 20_000, -1])
def test_words_on_demand_equal_jieba_rs_holding_the_whole_dictionary(full_after):
    """The on-demand dictionary against rjieba's own tokenizer of all 349,046 words (built by
    ``import rjieba``), each report whole and line by line, words and tags: never switching
    to the full dictionary, switching part way through, and full from the start (what a
    platform without the trie's files falls back to)."""
    import rjieba

    from reportdiff.compare.segment import _STRONG, _DictionaryOnDemand, _jieba_rs_class

    full = rjieba.Jieba()
    for w in DOMAIN_WORDS:
        full.add_word(w, _STRONG, "n")
    ours = _DictionaryOnDemand(_jieba_rs_class(), DOMAIN_WORDS, full_after=full_after)
    reports = _reports() + [load_report(p) for p in sorted(SAMPLES.glob("*.txt"))[:4]]
    for report in reports:
        text = report.norm.text
        for piece in [*text.split("\n"), text]:
            assert ours.tokenize(piece) == full.tokenize(piece, "default", True), report.path
            assert ours.tag(piece) == full.tag(piece, False), report.path
    assert ours._full == (full_after < 10**9)


def test_rjieba_tags_words_as_jieba_does():
    fast = segmenter(DOMAIN_WORDS, "rjieba")
    slow = segmenter(DOMAIN_WORDS, "jieba")
    for report in _reports()[:2]:
        text = report.norm.text
        # digits are "m" in jieba-rs and "eng" in jieba; nothing reads their tags
        words = [(w, f) for w, f in fast.tag(text) if not w.isdigit()]
        assert words == [(w, f) for w, f in slow.tag(text) if not w.isdigit()]


def test_field_compounds_stay_whole():
    words = [w for w, _, _ in tokenizer().tokenize("深化放管服改革，落实行政执法三项制度")]
    assert "放管服" in words and "行政执法" in words and "三项制度" in words


def test_ascii_runs_split_as_jieba_splits_them():
    spans = [("2016-2020", 0, 9), ("6.GEP", 9, 14), ("3.5%", 14, 18), ("年", 18, 19)]
    assert _split_ascii_runs(spans) == [
        ("2016", 0, 4), ("-", 4, 5), ("2020", 5, 9),
        ("6", 9, 10), (".", 10, 11), ("GEP", 11, 14),
        ("3.5%", 14, 18), ("年", 18, 19),
    ]


def test_the_comparison_is_the_same_with_either_engine(tmp_path):
    """The whole JSON export of a seed pair, once with rjieba and once with jieba alone."""
    import subprocess
    import sys

    a, b = (str(p) for p in seed_paths()[:2])
    script = (
        "import sys\n"
        "if sys.argv[1] == 'jieba': sys.modules['rjieba'] = None  # as if it were not installed\n"
        "from reportdiff.compare.cli import run_diff\n"
        "sys.exit(run_diff(sys.argv[2:]))\n"
    )
    outputs = []
    for engine in ("rjieba", "jieba"):
        run = subprocess.run(
            [sys.executable, "-c", script, engine, a, b, "--format", "json"],
            capture_output=True, text=True, check=True,
        )
        assert run.stderr == ""  # jieba's dictionary-load log is silenced
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]


def test_without_the_dictionary_files_the_full_dictionary_gives_the_same_words(tmp_path, monkeypatch):
    import reportdiff.compare.segment as segment_module

    monkeypatch.setattr(segment_module, "_DATA", tmp_path)  # no trie, no entries
    fallback = segment_module._rjieba_segmenter(DOMAIN_WORDS)
    text = _reports()[0].norm.text
    assert fallback.tokenize(text) == segmenter(DOMAIN_WORDS, "rjieba").tokenize(text)
