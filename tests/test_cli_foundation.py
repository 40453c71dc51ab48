"""The headless CLI prints the stable JSON shape and fails cleanly on bad input."""

import json
import subprocess
import sys

from compare.seeds import seed_paths


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=120
    )


def test_bundled_seeds_are_the_five_reports():
    names = [p.name for p in seed_paths()]
    assert len(names) == 5
    assert names[0] == "000_e3797f5fab609ce7.txt"


def test_diff_json_has_the_stable_shape():
    a, b = seed_paths()[:2]
    proc = run_cli("diff", str(a), str(b), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "reportdiff/1"
    assert set(data) >= {"a", "b", "pairs", "metrics", "initiatives"}
    assert set(data["a"]) >= {"path", "title", "organization", "year", "published", "sections"}
    assert set(data["initiatives"]) == {"shared", "only_a", "only_b"}


def test_missing_file_is_one_line_error_exit_2(tmp_path):
    proc = run_cli("diff", str(tmp_path / "nope.txt"), str(seed_paths()[0]))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
