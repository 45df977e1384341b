"""The benchmark runs end to end and reports every figure. Its numbers are not judged here:
they depend on the machine (see scripts/bench.py and the README's Performance section)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

FIGURES = {
    "site_vs_plain_mkdocs": [
        "ratio",
        "target",
        "general_s",
        "plain_mkdocs_s",
        "cpu_ratio",
        "ratio_of_fastest",
    ],
    "forms_in_background": ["general_s", "general_forms_inline_s", "saved_s"],
    "tailor_vs_general": ["ratio", "target", "tailor_s", "general_s"],
    "batch": ["kits", "first_median_s", "last_median_s", "growth", "per_kit_s"],
    "forms": ["count", "pdf_s", "docx_s", "all_s"],
    "memory": ["tailor_peak_rss_mb", "general_peak_rss_mb", "plain_mkdocs_peak_rss_mb"],
    "page_weight": ["pages", "largest_kb", "largest_page", "median_kb", "search_index_kb"],
    "phases": ["medians_s"],
}


def test_the_quick_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "scripts/bench.py", "--quick", "--kits", "2", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    for section, keys in FIGURES.items():
        missing = [key for key in keys if key not in report.get(section, {})]
        assert not missing, (section, missing)
    for section in ("site_vs_plain_mkdocs", "tailor_vs_general"):
        assert report[section]["ratio"] > 0
    assert len(report["batch"]["per_kit_s"]) == 2
    assert [s["factor"] for s in report["scaling"]] == [1, 2]
    for step in report["scaling"]:
        assert step["build_s"] > 0 and step["content_ratio"] >= 1 and step["pages"] > 0
    assert report["scaling"][1]["questions"] == 2 * report["scaling"][0]["questions"]
    assert report["page_weight"]["pages"] > 10
    assert report["profile_top"] and "function" in report["profile_top"][0]
    assert "(a) upward build / plain mkdocs build" in result.stdout
