"""The matching benchmark runs end to end and reports every figure. Its numbers are not judged
here: they depend on the machine (see scripts/bench_matching.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SIZE_FIGURES = [
    "per_side",
    "pairs_scored",
    "score_s",
    "solve_with_reasons_s",
    "workbook_s",
    "all_outputs_s",
    "command_s",
    "matched",
    "max_matchable",
]
OUTPUTS = ["pairs.csv", "unmatched.csv", "pairs.xlsx", "matching-report.html", "tracker.xlsx"]


def test_the_quick_matching_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench-matching.json"
    result = subprocess.run(
        [sys.executable, "scripts/bench_matching.py", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [s["per_side"] for s in report["sizes"]] == [50, 200]
    for size in report["sizes"]:
        assert [k for k in SIZE_FIGURES if k not in size] == []
        assert size["solve_with_reasons_s"] > 0 and size["matched"] == size["max_matchable"] > 0
        assert size["files"] == 5 + 2 * size["matched"]  # CSVs, workbooks, report; .eml and .ics
        assert size["command_pair_files"] == 2 * size["matched"]  # the command wrote them all
        assert set(OUTPUTS) <= set(size["command_top_files"])
    assert report["growth"]["pairs_ratio"] == 16.0
    assert report["pdfs"]["applications"] == report["pdfs"]["pdfs"] == 50
    assert "reading 50 filled PDFs" in result.stdout
