#!/usr/bin/env python3
"""Measure the sponsor report over 1,000 returned PDFs (and the tracker beside them).

    .venv/bin/python scripts/bench_report.py           # 1,000 PDFs (about a minute to make them)
    .venv/bin/python scripts/bench_report.py --quick   # a smoke run: every figure, 50 PDFs

The PDFs are the kit's own blank forms (the example organisation's), filled with pypdf as a
PDF reader fills them: seven in ten after-session pulses, the rest end-of-programme
evaluations, from a seeded generator (the same on every run). Timed in one process after the
imports, each step once (the steps are long enough not to need medians):
  read      every file into typed answers (`read_report_inputs`), with a progress callback
  numbers   `evaluate`: every number and its small-group protection
  render    `sponsor_report_files`: index.html with its SVG charts, report.pdf, summary.json
and the whole, with the time per PDF. The progress callback is called once per file, so a
command can show a progress bar when the work takes over a second.

`scripts/bench.py` runs this too and adds its figures to its table and JSON.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import make_example_returns as example  # beside this script: fills the kit's real forms
from bench_cli import bench_main  # beside this script: the shared command line

ROOT = Path(__file__).resolve().parents[1]
PULSE_SHARE = 0.7


def make_pdfs(count: int, folder: Path, tailored: Any) -> Path:
    """`count` filled PDFs of the kit's own forms, seeded."""
    rng = random.Random(1000)
    blanks = example.blank_forms(tailored)
    roles = example.options_of(tailored, "after-session-pulse", "role")
    fields = {
        name: example.options_of(tailored, "end-of-programme-evaluation", name)
        for name in ("role", "completed", "recommend")
    }
    folder.mkdir(parents=True, exist_ok=True)
    start = tailored.schedule[0].date
    for index in range(count):
        if rng.random() < PULSE_SHARE:
            role = rng.choice(roles)
            values = {
                "pair-code": f"P{rng.randint(1, 400):03d}",
                "role": example.radio(role, roles),
                "session-date": (start + dt.timedelta(days=rng.randint(0, 150))).isoformat(),
                "useful": f"/{rng.randint(2, 5)}",
                "open": f"/{rng.randint(1, 5)}",
            }
            data = example.fill_pdf(blanks["after-session-pulse"], values)
        else:
            values = {
                "role": example.radio(rng.choice(fields["role"]), fields["role"]),
                "completed": example.radio("Yes", fields["completed"]),
                "recommend": example.radio(rng.choice(fields["recommend"]), fields["recommend"]),
                "value-business": f"/{rng.randint(2, 5)}",
                "value-you": f"/{rng.randint(2, 5)}",
                "what-changed": "Something changed.",
            }
            data = example.fill_pdf(blanks["end-of-programme-evaluation"], values)
        (folder / f"return-{index:04d}.pdf").write_bytes(data)
    return folder


def run(quick: bool) -> dict[str, Any]:
    from upward.load.returns import read_report_inputs
    from upward.plan.evaluation import evaluate
    from upward.render.sponsor_report import sponsor_report_files

    count = 50 if quick else 1000
    tailored, _ = example.context()
    forms = tailored.kit.forms
    with tempfile.TemporaryDirectory(prefix="upward-bench-report-") as temp:
        folder = Path(temp)
        print(f"  .. making {count} filled PDFs", file=sys.stderr, flush=True)
        started = time.perf_counter()
        pdfs = make_pdfs(count, folder / "returns", tailored)
        made_s = time.perf_counter() - started
        tracker = example.OUT / "tracker.xlsx"
        calls: list[int] = []
        started_cpu = time.process_time()  # what a busy shared machine cannot inflate
        started = time.perf_counter()
        inputs = read_report_inputs(
            [tracker, pdfs], forms, progress=lambda done, total: calls.append(done)
        )
        read_s = time.perf_counter() - started
        started = time.perf_counter()
        evaluation = evaluate(inputs, forms, today=dt.date(2027, 7, 12))
        numbers_s = time.perf_counter() - started
        started = time.perf_counter()
        files = sponsor_report_files(evaluation)
        render_s = time.perf_counter() - started
        cpu_s = time.process_time() - started_cpu
    total = read_s + numbers_s + render_s
    return {
        "pdfs": count,
        "answers": len(inputs.returns.answers),
        "skipped": len(inputs.returns.problems),
        "make_pdfs_s": round(made_s, 2),
        "read_s": round(read_s, 3),
        "numbers_s": round(numbers_s, 3),
        "render_s": round(render_s, 3),
        "report_s": round(total, 3),
        "report_cpu_s": round(cpu_s, 3),
        "per_pdf_ms": round(1000 * read_s / count, 2),
        "progress_calls": len(calls),
        "html_kb": round(len(files["index.html"]) / 1024, 1),
        "pdf_kb": round(len(files["report.pdf"]) / 1024, 1),
    }


def print_table(report: dict[str, Any]) -> None:
    r = report
    print(
        f"\nSponsor report over {r['pdfs']:,} returned PDFs and the tracker: {r['report_s']:.2f} s"
        f" (CPU {r['report_cpu_s']:.2f} s)"
        f" (read {r['read_s']:.2f} s, {r['per_pdf_ms']:.1f} ms a PDF; numbers {r['numbers_s']:.2f} s;"
        f" HTML, PDF and JSON {r['render_s']:.2f} s); {r['answers']:,} answers,"
        f" {r['skipped']} left out, {r['progress_calls']:,} progress calls"
    )


def main(argv: list[str] | None = None) -> int:
    return bench_main(__doc__, run, print_table, argv)


if __name__ == "__main__":
    sys.exit(main())
