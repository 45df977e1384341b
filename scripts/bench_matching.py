#!/usr/bin/env python3
"""Measure matching: 50, 500 and 2,000 applicants per side, and reading 1,000 filled PDFs.

    .venv/bin/python scripts/bench_matching.py           # the full run (a minute or two)
    .venv/bin/python scripts/bench_matching.py --quick   # a smoke run: every figure, smaller

For each size, in one process after the imports (medians of a few runs):
  score    every pair's score and the hard rules (vectorised)
  solve    `match()`: scoring, both objectives' assignments, reasons for every pair and for
           everyone without one; target for 2,000 x 2,000: under 2 s
  workbook pairs.xlsx
  outputs  every file: CSVs, review workbook, report with its chart, the filled tracker
           (a row per planned session per pair), an .eml and an .ics per pair
and, as a person would run it, the whole `upward match MENTORS MENTEES --profile P -o DIR` in a
fresh process (interpreter start, imports, loading the kit and tailoring the example profile,
reading the two CSV files, matching, every output written through the guard and the staging
folder; wall and CPU time, the second what a busy shared machine cannot inflate, and the load
average while it ran): target under 10 s for 2,000. The
growth from 500 to 2,000 per side is the ratio of the solve times beside the ratio of pairs
scored (16x). Cohorts are synthetic and seeded (the same on every run): teams of about ten,
two to four free half-days, one to three topics, a third of mentors with a mentee as their
line manager, a few prefer-nots and preferences.

`scripts/bench.py` runs this too and adds its figures to its table and JSON.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_cli import bench_main  # beside this script: the shared command line

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TOPICS = (
    "ai-and-emerging-tech",
    "careers-and-retention",
    "communication-styles",
    "culture-and-values",
    "digital-tools",
    "generations-at-work",
    "inclusion-and-belonging",
    "innovation",
    "leadership-feedback",
    "social-media",
    "the-relationship",
    "younger-customers",
)
SLOTS = [f"{d}-{h}" for d in ("mon", "tue", "wed", "thu", "fri") for h in ("am", "pm")]
MENTOR_HEADER = [
    "role", "full-name", "email", "team", "line-manager-email", "senior-line", "availability",
    "channel", "format", "topics-offered", "capacity", "prefer-not",
]  # fmt: skip
MENTEE_HEADER = [
    "role", "full-name", "email", "team", "line-manager-email", "availability", "channel",
    "format", "topics-wanted", "preferences", "prefer-not",
]  # fmt: skip


def cohort_rows(size: int, seed: int = 7) -> tuple[list[list[str]], list[list[str]]]:
    """Synthetic, seeded rows for `size` mentors and `size` mentees (see the docstring)."""
    rng = random.Random(seed)
    teams = [f"Team {i}" for i in range(max(2, size // 10))]
    mentors_e = [f"mentor{i}@bench.example" for i in range(size)]
    mentees_e = [f"mentee{j}@bench.example" for j in range(size)]

    def some(items, low, high):
        return "; ".join(rng.sample(items, rng.randint(low, high)))

    mentors = []
    for i, email in enumerate(mentors_e):
        manager = rng.choice(mentees_e) if rng.random() < 0.33 else f"boss{i % 50}@bench.example"
        senior = "; ".join(rng.sample(mentees_e, rng.randint(0, 2)))
        mentors.append(
            [
                "mentor", f"Mentor {i}", email, rng.choice(teams), manager, senior,
                some(SLOTS, 2, 4), some(["in-person", "video", "phone"], 1, 2),
                rng.choice(["one-to-one", "either"]), some(list(TOPICS), 1, 3),
                str(rng.choices([1, 2, 3], weights=[6, 3, 1])[0]),
                rng.choice(mentees_e) if rng.random() < 0.05 else "",
            ]
        )  # fmt: skip
    mentees = []
    for j, email in enumerate(mentees_e):
        mentees.append(
            [
                "mentee", f"Mentee {j}", email, rng.choice(teams), f"exec{j % 20}@bench.example",
                some(SLOTS, 2, 4), some(["in-person", "video", "phone"], 1, 2),
                rng.choice(["one-to-one", "either"]), some(list(TOPICS), 1, 3),
                "; ".join(rng.sample(mentors_e, rng.randint(0, 3))),
                rng.choice(mentors_e) if rng.random() < 0.05 else "",
            ]
        )  # fmt: skip
    return mentors, mentees


def write_csvs(size: int, folder: Path) -> tuple[Path, Path]:
    import csv

    mentors, mentees = cohort_rows(size)
    paths = []
    for name, header, rows in (
        ("mentors", MENTOR_HEADER, mentors),
        ("mentees", MENTEE_HEADER, mentees),
    ):
        path = folder / f"{name}-{size}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        paths.append(path)
    return paths[0], paths[1]


CPU: dict[str, float] = {}  # the median CPU time of the last `_median` call, by its label


def _median(function: Any, rounds: int, label: str = "") -> tuple[float, Any]:
    """The median wall time of `rounds` calls and the last result; the median CPU time goes to
    CPU[label] (what a busy shared machine cannot inflate)."""
    times, cpu, result = [], [], None
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    if label:
        CPU[label] = round(statistics.median(cpu), 3)
    return statistics.median(times), result


def _context() -> tuple[dict[str, str], Any]:
    from upward.load.kit import load_kit
    from upward.load.org_profile import load_profile
    from upward.plan.tailored import tailor_kit

    kit = load_kit(ROOT / "kit").kit
    titles = {b.id: b.title for b in kit.question_banks}
    profile = load_profile(
        ROOT / "kit" / "examples" / "northwind.yaml", lambda: [p.id for p in kit.purposes]
    )
    return titles, tailor_kit(kit, profile)


def in_process(
    size: int, folder: Path, rounds: int, titles: dict[str, str], tailored: Any
) -> dict[str, Any]:
    from upward.load.applications import read_applications
    from upward.model.applications import MatchRules, Weights
    from upward.plan.matching import match, score_cohort
    from upward.render.matching_files import matching_files
    from upward.render.workbook import pairs_workbook

    mentors, mentees = write_csvs(size, folder)
    read_s, read = _median(lambda: read_applications([mentors, mentees], topics=titles), 1)
    assert not read.problems, read.problems[:3]
    rules = MatchRules(mode="hybrid")
    purpose = tailored.purpose.topics
    score_s, _ = _median(
        lambda: score_cohort(read.applications, rules, Weights(), purpose), rounds, "score"
    )
    solve_s, result = _median(
        lambda: match(read.applications, rules=rules, purpose_topics=purpose, topic_titles=titles),
        rounds,
        "solve",
    )
    workbook_s, _ = _median(lambda: pairs_workbook(result), rounds, "workbook")
    outputs_s, files = _median(lambda: matching_files(result, tailored=tailored), 1)
    return {
        "per_side": size,
        "pairs_scored": size * size,
        "read_csv_s": round(read_s, 3),
        "score_s": round(score_s, 3),
        "solve_with_reasons_s": round(solve_s, 3),
        "score_cpu_s": CPU["score"],
        "solve_with_reasons_cpu_s": CPU["solve"],
        "workbook_cpu_s": CPU["workbook"],
        "workbook_s": round(workbook_s, 3),
        "all_outputs_s": round(outputs_s, 3),
        "files": len(files),
        "matched": result.outcome.matched,
        "max_matchable": result.outcome.max_matchable,
        "mentors_used": result.outcome.mentors_used,
        "mean_score": result.outcome.mean_score,
        "quality_first_mean_score": result.alternative.mean_score,
    }


def whole_command(size: int, folder: Path) -> dict[str, Any]:
    """`upward match` as a person runs it, timed from outside in a fresh process."""
    mentors, mentees = write_csvs(size, folder)
    out = folder / f"out-{size}"
    command = [PYTHON, "-m", "upward", "match", str(mentors), str(mentees), "-o", str(out)]
    command += ["--profile", str(ROOT / "kit" / "examples" / "northwind.yaml"), "--force"]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: the matching command failed for {size} per side")
    return {
        "per_side": size,
        "command_s": round(seconds, 3),
        "command_cpu_s": round(usage.ru_utime + usage.ru_stime, 3),  # what load cannot inflate
        "load_average": round((load + os.getloadavg()[0]) / 2, 1),
        "command_files": sum(1 for p in out.rglob("*") if p.is_file()),
        "command_pair_files": sum(1 for p in out.glob("*/*") if p.suffix in (".eml", ".ics")),
        "command_top_files": sorted(p.name for p in out.iterdir() if p.is_file()),
    }


def filled_pdfs(count: int, folder: Path) -> Path:
    """`count` real application forms (the example profile's), filled in with pypdf as a person
    would fill them (scripts/make_example_applications.py), each a different applicant."""
    import make_example_applications as example

    from upward.render.forms.document import form_document
    from upward.render.forms.pdf import form_pdf

    _, tailored = _context()
    kit = tailored.kit
    blanks = {
        role: form_pdf(
            form_document(
                kit, next(f for f in kit.forms if f.id == f"{role}-application"), tailored
            )
        )
        for role in ("mentor", "mentee")
    }
    folder.mkdir(parents=True, exist_ok=True)
    mentors, mentees = cohort_rows(max(1, count // 2), seed=11)
    rows = [(MENTOR_HEADER, r) for r in mentors] + [(MENTEE_HEADER, r) for r in mentees]
    for index, (header, row) in enumerate(rows[:count]):
        answers: dict[str, Any] = {}
        for name, value in zip(header, row, strict=True):
            if name in example.TICKS or name in ("senior-line", "preferences", "prefer-not"):
                answers[name] = [v for v in value.split("; ") if v]
            elif value:
                answers[name] = value
        pdf = example.fill(blanks[answers["role"]], answers)
        (folder / f"application-{index:04d}.pdf").write_bytes(pdf)
    return folder


def read_pdfs(count: int, folder: Path, titles: dict[str, str]) -> dict[str, Any]:
    from upward.load.applications import read_applications

    pdfs = filled_pdfs(count, folder / "pdfs")
    started = time.perf_counter()
    result = read_applications([pdfs], topics=titles)
    seconds = time.perf_counter() - started
    assert not result.problems, result.problems[:3]
    return {
        "pdfs": count,
        "read_s": round(seconds, 3),
        "per_pdf_ms": round(1000 * seconds / count, 2),
        "applications": len(result.applications),
    }


def run(quick: bool) -> dict[str, Any]:
    sizes = (50, 200) if quick else (50, 500, 2000)
    rounds = 1 if quick else 3
    pdf_count = 50 if quick else 1000
    titles, tailored = _context()
    report: dict[str, Any] = {"sizes": []}
    with tempfile.TemporaryDirectory(prefix="upward-bench-matching-") as temp:
        tmp = Path(temp)
        for size in sizes:
            print(f"  .. matching {size} per side", file=sys.stderr, flush=True)
            figures = in_process(size, tmp, rounds, titles, tailored)
            figures |= whole_command(size, tmp)
            report["sizes"].append(figures)
        small, large = report["sizes"][-2], report["sizes"][-1]
        report["growth"] = {
            "from": small["per_side"],
            "to": large["per_side"],
            "pairs_ratio": round(large["pairs_scored"] / small["pairs_scored"], 1),
            "solve_ratio": round(large["solve_with_reasons_s"] / small["solve_with_reasons_s"], 2),
            "command_ratio": round(large["command_s"] / small["command_s"], 2),
        }
        report["targets"] = {"solve_2000_s": 2.0, "command_2000_s": 10.0}
        print(f"  .. reading {pdf_count} filled PDFs", file=sys.stderr, flush=True)
        report["pdfs"] = read_pdfs(pdf_count, tmp, titles)
    return report


def print_table(report: dict[str, Any]) -> None:
    print(
        "\nMatching (per side: score / solve with reasons / workbook / all outputs; whole command)"
    )
    for s in report["sizes"]:
        print(
            f"  {s['per_side']:>5}  score {s['score_s']:6.3f} s  solve {s['solve_with_reasons_s']:6.3f} s"
            f" (CPU {s['solve_with_reasons_cpu_s']:.3f} s)"
            f"  workbook {s['workbook_s']:6.3f} s  outputs {s['all_outputs_s']:6.3f} s ({s['files']} files)"
            f"  command {s['command_s']:6.3f} s (CPU {s['command_cpu_s']:.2f} s, load {s['load_average']})"
            f"  matched {s['matched']}/{s['max_matchable']}"
        )
    g = report["growth"]
    print(
        f"  growth {g['from']} -> {g['to']} per side: pairs x{g['pairs_ratio']}, solve x{g['solve_ratio']},"
        f" command x{g['command_ratio']}  (targets: solve < 2 s and command < 10 s at 2,000)"
    )
    p = report["pdfs"]
    print(f"  reading {p['pdfs']} filled PDFs: {p['read_s']:.2f} s ({p['per_pdf_ms']:.1f} ms each)")


def main(argv: list[str] | None = None) -> int:
    return bench_main(__doc__, run, print_table, argv)


if __name__ == "__main__":
    sys.exit(main())
