"""The report benchmark runs end to end and reports every figure. Its numbers are not judged
here: they depend on the machine (see scripts/bench_report.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

FIGURES = ["pdfs", "answers", "read_s", "numbers_s", "render_s", "report_s", "per_pdf_ms"]


def test_the_quick_report_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench-report.json"
    result = subprocess.run(
        [sys.executable, "scripts/bench_report.py", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [k for k in FIGURES if k not in report] == []
    assert report["pdfs"] == report["answers"] == report["progress_calls"] - 1 == 50
    assert report["skipped"] == 0 and report["report_s"] > 0
    assert "Sponsor report over 50 returned PDFs" in result.stdout
