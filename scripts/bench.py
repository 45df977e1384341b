#!/usr/bin/env python3
"""Measure Upward's build speed against plain MkDocs, side by side in one run.

    .venv/bin/python scripts/bench.py           # the full run (a few minutes)
    .venv/bin/python scripts/bench.py --quick   # a smoke run: every figure, fewer repetitions
    .venv/bin/python scripts/bench.py --site    # figure (a) alone, side by side (a minute or two)

Every timed command runs as its own process, as a person would run it (interpreter start and
imports included), and the commands of a round run one after the other, in a rotating order,
round after round: so a noisy neighbour slows all of them alike, and each figure is a median
(with the fastest run's ratio beside it: on a busy shared machine, the least disturbed run).
Figures are given as ratios, which mean more than seconds on a shared machine:

  (a) `upward build` (general site) / `mkdocs build` of the same rendered pages, with no
      hooks (the pages, downloads and docs/ dumped into a temporary docs folder; same theme,
      plugins, Markdown extensions and navigation)                         target <= 1.15
      and the same with nothing kept on disk (UPWARD_CACHE=memory: a first run, before
      upward.cache_folder holds the compiled templates, the parsed words and the checked kit)
  (b) `upward tailor` (site, every form in every format, calendar, zip) / `upward build`
                                                                            target <= 1.5
      and 20 kits tailored in one process: the median of the first five against the last five
  (c) scaling: the kit with its question banks and session plans copied x1, x3, x10 (fresh
      ids, references adjusted): time against content
  (d) the forms alone (every PDF, every DOCX) and the peak memory of each command
  (e) page weight: the largest and the median page of the general site, the search index
  (f) matching: 50, 500 and 2,000 applicants per side, and reading 1,000 filled PDFs
      (scripts/bench_matching.py, which also runs on its own)
  (g) the sponsor report over 1,000 returned PDFs and the tracker: reading, the numbers, and
      HTML, PDF and JSON (scripts/bench_report.py, which also runs on its own)
and a profile of one tailor run (the functions where the time goes).

Prints a table and writes JSON (default build/bench.json). Not a pass/fail test: the numbers
depend on the machine; tests/test_bench_smoke.py only checks that every figure is there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bench_matching  # beside this script: the matching figures (section f)
import bench_report  # and the sponsor report's (section g)

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SOURCE_DATE_EPOCH", None)


# --- running and timing commands -------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float  # of the process and every child it waited for (the forms worker)
    cpu_s: float  # user + system time of the same, less sensitive than wall time to load


@dataclass
class Measure:
    name: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        return max(r.peak_rss_mb for r in self.runs)

    @property
    def fastest(self) -> float:
        """The run least disturbed by anything else on the machine."""
        return min(r.seconds for r in self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(r.cpu_s for r in self.runs)

    def summary(self) -> dict[str, Any]:
        return {
            "median_s": round(self.median, 3),
            "fastest_s": round(self.fastest, 3),
            "cpu_median_s": round(self.cpu_median, 3),
            "samples_s": [round(r.seconds, 3) for r in self.runs],
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }


def run_timed(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Wall-clock time and peak memory of one command, which must succeed."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**ENV, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # wait4 gives this child's own resource use, its waited-for children included
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(
            f"bench: {' '.join(command)} failed ({process.returncode}):\n"
            + stderr.decode(errors="replace")[-3000:]
        )
    return Run(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def interleaved(measures: list[Measure], rounds: int, label: str) -> None:
    """Each round runs every measure once, starting one further along each time."""
    for index in range(rounds):
        order = measures[index % len(measures) :] + measures[: index % len(measures)]
        for measure in order:
            measure.runs.append(run_timed(measure.command, measure.env))
        progress(f"{label}: round {index + 1}/{rounds}")


def progress(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


def upward(*args: str | Path) -> list[str]:
    return [PYTHON, "-m", "upward", *map(str, args)]


# --- the plain MkDocs site of the same pages -----------------------------------------------


def plain_mkdocs_project(kit_dir: Path, folder: Path) -> Path:
    """A docs folder with the general site's rendered pages and downloads and a copy of docs/,
    and a mkdocs.yml that inherits ours but drops the hooks (the pages that opt in to macros
    are rendered here, as the hook would)."""
    import yaml
    from mkdocs.utils.yaml import yaml_load

    from upward.build.mkdocs_site import SiteInputs, site_inputs
    from upward.build.outputs import form_files
    from upward.build.project import Project
    from upward.load.kit import load_kit

    project = Project.at(ROOT).with_kit(kit_dir)
    kit = load_kit(project.kit_dir).kit
    inputs = site_inputs(project, kit, None, form_files(kit, None))
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for path, markdown in inputs.rendered.pages.items():
        _write(docs / path, markdown.encode("utf-8"))
    for path, data in inputs.downloads.items():
        _write(docs / path, data)
    for page in docs.rglob("*.md"):  # hand-written pages that use macros: render them here
        _render_macros_page(page, inputs)

    with open(ROOT / "mkdocs.yml", "rb") as handle:
        ours = yaml_load(handle)
    config: dict[str, Any] = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs),
        "hooks": [],
        "plugins": ours.get("plugins", []),
        "nav": inputs.rendered.nav,
    }
    if isinstance(ours.get("theme"), dict) and ours["theme"].get("custom_dir"):
        config["theme"] = {"custom_dir": str(ROOT / ours["theme"]["custom_dir"])}
    assert isinstance(inputs, SiteInputs)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _render_macros_page(page: Path, inputs: Any) -> None:
    """What the hook makes of a hand-written page that opts in (upward.build.macros), so the
    plain build needs no hook."""
    from upward.build.macros import page_values, render_page

    text = page.read_text(encoding="utf-8")
    if not text.startswith("---") or "render_macros: true" not in text.split("---", 2)[1]:
        return
    _, front, body = text.split("---", 2)
    page.write_text(
        f"---{front}---{render_page(body, page_values(inputs.counts))}", encoding="utf-8"
    )


# --- synthetic larger kits -----------------------------------------------------------------


def scaled_kit(source: Path, target: Path, factor: int) -> dict[str, int]:
    """A copy of the kit with `factor` copies of every question bank and session plan.

    Copy k renames every id it defines (bank, questions, plan, sessions) with a `-c<k>` suffix
    and points its sessions at its own copies of the questions, so references stay valid.
    """
    import yaml

    shutil.copytree(source, target)
    for k in range(2, factor + 1):
        suffix = f"-c{k}"
        for path in sorted((source / "questions").glob("*.yaml")):
            bank = yaml.safe_load(path.read_text(encoding="utf-8"))
            bank["id"] += suffix
            bank["title"] = f"{bank['title']} (copy {k})"
            for question in bank["questions"]:
                question["id"] += suffix
            _dump(target / "questions" / f"{bank['id']}.yaml", bank)
        for path in sorted((source / "sessions").glob("*.yaml")):
            plan = yaml.safe_load(path.read_text(encoding="utf-8"))
            plan["id"] += suffix
            plan["title"] = f"{plan['title']} (copy {k})"
            for session in plan["sessions"]:
                session["id"] += suffix
                session["questions"] = [q + suffix for q in session.get("questions", [])]
            _dump(target / "sessions" / f"{plan['id']}.yaml", plan)
    return kit_size(target)


def _dump(path: Path, data: Any) -> None:
    import yaml

    # no allow_unicode: it would turn U+0085 into a line break; escapes read back exactly
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")


def kit_size(kit_dir: Path) -> dict[str, int]:
    from upward.load.kit import load_kit

    kit = load_kit(kit_dir).kit
    counts = kit.counts()
    return {
        "questions": counts["questions"],
        "sessions": counts["sessions"],
        "items": sum(counts.values()),
        "yaml_bytes": sum(p.stat().st_size for p in kit_dir.rglob("*") if p.is_file()),
    }


# --- workers: run in a process of their own --------------------------------------------------


def worker_batch(kit_dir: Path, profiles: list[Path], out: Path) -> dict[str, Any]:
    """Tailor every profile in this one process: does a kit cost more the more came before?"""
    from upward.build.orchestration import tailor
    from upward.build.project import Project

    project = Project.at(ROOT).with_kit(kit_dir)
    seconds, rss = [], []
    for index, profile in enumerate(profiles):
        started = time.perf_counter()
        tailor(project, profile, out / f"kit-{index}", force=True)
        seconds.append(time.perf_counter() - started)
        rss.append(_current_rss_mb())
        shutil.rmtree(out / f"kit-{index}")
    return {"seconds": seconds, "rss_mb": rss}


def worker_phases(kit_dir: Path, profile: Path, out: Path, rounds: int) -> dict[str, Any]:
    """Where a build's time goes, one step at a time, in this process (medians of `rounds`)."""
    from upward.build.mkdocs_site import build_mkdocs, site_inputs
    from upward.build.project import Project
    from upward.load.kit import load_kit
    from upward.load.org_profile import load_profile
    from upward.plan.tailored import tailor_kit
    from upward.render.forms.document import form_document
    from upward.render.forms.docx import form_docx
    from upward.render.forms.pdf import form_pdf
    from upward.render.pages import render_site

    project = Project.at(ROOT).with_kit(kit_dir)
    times: dict[str, list[float]] = {}

    def timed(name: str, function: Any, *args: Any) -> Any:
        started = time.perf_counter()
        result = function(*args)
        times.setdefault(name, []).append(time.perf_counter() - started)
        return result

    for index in range(rounds):
        kit = timed("load_kit", load_kit, project.kit_dir).kit
        tailored = tailor_kit(
            kit, load_profile(profile, lambda kit=kit: [p.id for p in kit.purposes])
        )
        timed("render_pages", render_site, project.templates_dir, kit, None)
        documents = [form_document(kit, form, tailored) for form in kit.forms]
        pdfs = timed("forms_pdf", lambda docs=documents: {d.form_id: form_pdf(d) for d in docs})
        docx = timed("forms_docx", lambda docs=documents: {d.form_id: form_docx(d) for d in docs})
        files = {f"{k}.pdf": v for k, v in pdfs.items()} | {f"{k}.docx": v for k, v in docx.items()}
        inputs = site_inputs(project, kit, None, files)
        timed("mkdocs_with_hooks", build_mkdocs, project, inputs, out / f"site-{index}")
    return {
        "medians_s": {name: round(statistics.median(v), 3) for name, v in times.items()},
        "forms": len(documents),
    }


def _current_rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):  # pragma: no cover - not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_worker(name: str, *args: str | Path) -> dict[str, Any]:
    """Run a worker of this script in a fresh process and return what it prints (JSON)."""
    command = [PYTHON, str(Path(__file__).resolve()), "--worker", name, *map(str, args)]
    result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: worker {name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- profiles ------------------------------------------------------------------------------


def batch_profiles(kit_dir: Path, folder: Path, count: int) -> list[Path]:
    """`count` different organisations: every purpose, cadence, format and length in turn."""
    from upward.load.kit import load_kit

    purposes = [p.id for p in load_kit(kit_dir).kit.purposes]
    cadences = ["weekly", "fortnightly", "monthly", "quarterly"]
    paths = []
    for index in range(count):
        path = folder / f"org-{index}.yaml"
        path.write_text(
            "\n".join(
                [
                    f'organisation: "Organisation {index} Ltd"',
                    f"purpose: {purposes[index % len(purposes)]}",
                    f"format: {'group' if index % 5 == 4 else 'one-to-one'}",
                    f"sessions: {3 + index % 10}",
                    f"cadence: {cadences[index % 4]}",
                    f"session_minutes: {45 + 15 * (index % 4)}",
                    f"start: 2027-0{1 + index % 9}-{10 + index % 18}",
                    "contact:",
                    f"  name: Lead {index}",
                    f"  email: lead{index}@example.org",
                    "",
                ]
            ),
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def example_profile(kit_dir: Path) -> Path:
    examples = sorted((kit_dir / "examples").glob("*.yaml")) or sorted(
        (ROOT / "kit" / "examples").glob("*.yaml")
    )
    named = [p for p in examples if p.stem == "northwind"]
    return (named or examples)[0]


# --- site weight and profile ---------------------------------------------------------------


def page_weight(site: Path) -> dict[str, Any]:
    pages = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "largest_kb": round(pages[-1][0] / 1024, 1),
        "largest_page": pages[-1][1],
        "median_kb": round(statistics.median(size for size, _ in pages) / 1024, 1),
        "search_index_kb": round(index.stat().st_size / 1024, 1) if index.exists() else 0.0,
        "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20, 2),
    }


def profile_tailor(kit_dir: Path, profile: Path, out: Path, top: int) -> list[dict[str, Any]]:
    """cProfile of one tailor run (this process's share: the forms worker is not in it)."""
    import pstats

    stats_file = out / "tailor.prof"
    run_timed(
        [
            PYTHON,
            "-m",
            "cProfile",
            "-o",
            str(stats_file),
            "-m",
            "upward",
            "tailor",
            str(profile),
            "--kit",
            str(kit_dir),
            "-o",
            str(out / "profiled"),
            "--force",
        ],
        {"UPWARD_JOBS": "1"},  # forms in this process, so the profile sees them too
    )
    stats = pstats.Stats(str(stats_file))
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": f"{_short(filename)}:{line}({name})",
                "calls": calls,
                "own_s": round(own, 3),
                "cumulative_s": round(cumulative, 3),
            }
        )
    by_own = sorted(rows, key=lambda r: r["own_s"], reverse=True)[:top]
    return by_own


def _short(filename: str) -> str:
    for marker in ("site-packages/", "src/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return Path(filename).name if filename.startswith("/") else filename


# --- the run -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: every figure, small")
    parser.add_argument("--site", action="store_true", help="only (a): the site vs plain MkDocs")
    parser.add_argument("--rounds", type=int, help="repetitions of each timed command")
    parser.add_argument("--kits", type=int, help="kits in the batch (default 20; quick 4)")
    parser.add_argument("--kit", type=Path, default=ROOT / "kit", help="the kit folder")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("worker_args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args.worker, args.worker_args)

    quick = args.quick
    rounds = args.rounds or (1 if quick else 5)
    kits = args.kits or (4 if quick else 20)
    factors = (1, 2) if quick else (1, 3, 10)
    kit_dir = args.kit.resolve()
    profile = example_profile(kit_dir)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
        },
        "settings": {"quick": quick, "rounds": rounds, "kits": kits, "factors": list(factors)},
    }
    with tempfile.TemporaryDirectory(prefix="upward-bench-") as temp:
        tmp = Path(temp)
        progress("rendering the pages for the plain MkDocs build")
        plain_yml = plain_mkdocs_project(kit_dir, tmp / "plain")
        measures = {
            "plain_mkdocs": Measure(
                "plain mkdocs build",
                [
                    PYTHON,
                    "-m",
                    "mkdocs",
                    "build",
                    "-q",
                    "-f",
                    str(plain_yml),
                    "-d",
                    str(tmp / "out-plain"),
                ],
            ),
            "general": Measure(
                "upward build", upward("build", "--kit", kit_dir, "-o", tmp / "out-general")
            ),
            "general_no_disk_cache": Measure(
                "upward build, nothing kept on disk (a first run)",
                upward("build", "--kit", kit_dir, "-o", tmp / "out-no-disk-cache"),
                {"UPWARD_CACHE": "memory"},
            ),
            "general_forms_inline": Measure(
                "upward build, forms not in background",
                upward("build", "--kit", kit_dir, "-o", tmp / "out-inline"),
                {"UPWARD_JOBS": "1"},
            ),
        }
        if not args.site:
            measures["tailor"] = Measure(
                "upward tailor",
                upward("tailor", profile, "--kit", kit_dir, "-o", tmp / "out-tailor", "--force"),
            )
        interleaved(list(measures.values()), rounds, "site, tailor, plain MkDocs")
        general, plain = measures["general"], measures["plain_mkdocs"]
        no_disk_cache = measures["general_no_disk_cache"]
        report["commands"] = {key: m.summary() for key, m in measures.items()}
        report["site_vs_plain_mkdocs"] = {
            "ratio": round(general.median / plain.median, 3),
            "target": 1.15,
            "general_s": round(general.median, 3),
            "plain_mkdocs_s": round(plain.median, 3),
            # all the work done, the forms worker's included: what a fully loaded machine sees
            "cpu_ratio": round(general.cpu_median / plain.cpu_median, 3),
            "ratio_of_fastest": round(general.fastest / plain.fastest, 3),
            "ratio_without_disk_cache": round(no_disk_cache.median / plain.median, 3),
        }
        inline = measures["general_forms_inline"]
        report["forms_in_background"] = {
            "general_s": round(general.median, 3),
            "general_forms_inline_s": round(inline.median, 3),
            "saved_s": round(inline.median - general.median, 3),
            "ratio_to_plain_if_inline": round(inline.median / plain.median, 3),
        }
        if args.site:
            report["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
            print_site(report)
            print(f"\nJSON: {args.json}")
            return 0
        tailor = measures["tailor"]
        report["tailor_vs_general"] = {
            "ratio": round(tailor.median / general.median, 3),
            "ratio_of_fastest": round(tailor.fastest / general.fastest, 3),
            "target": 1.5,
            "tailor_s": round(tailor.median, 3),
            "general_s": round(general.median, 3),
        }
        report["page_weight"] = page_weight(tmp / "out-general")

        progress(f"tailoring {kits} kits in one process")
        profiles_dir = tmp / "profiles"
        profiles_dir.mkdir()
        batch = in_worker(
            "batch", kit_dir, tmp / "batch", *batch_profiles(kit_dir, profiles_dir, kits)
        )
        edge = max(1, min(5, kits // 2))
        first, last = batch["seconds"][:edge], batch["seconds"][-edge:]
        report["batch"] = {
            "kits": kits,
            "compared": edge,
            "first_median_s": round(statistics.median(first), 3),
            "last_median_s": round(statistics.median(last), 3),
            "growth": round(statistics.median(last) / statistics.median(first), 3),
            "per_kit_s": [round(s, 3) for s in batch["seconds"]],
            "rss_mb_after_first": round(batch["rss_mb"][0], 1),
            "rss_mb_after_last": round(batch["rss_mb"][-1], 1),
        }

        progress("making scaled kits: " + ", ".join(f"x{f}" for f in factors))
        sizes, scaled = {}, []
        for factor in factors:
            sizes[factor] = scaled_kit(kit_dir, tmp / f"kit-x{factor}", factor)
            scaled.append(
                Measure(
                    f"x{factor}",
                    upward("build", "--kit", tmp / f"kit-x{factor}", "-o", tmp / f"out-x{factor}"),
                )
            )
        interleaved(scaled, max(1, min(rounds, 3)), "scaling")
        base = scaled[0].median
        report["scaling"] = [
            {
                "factor": factor,
                **sizes[factor],
                "pages": sum(1 for _ in (tmp / f"out-x{factor}").rglob("*.html")),
                "build_s": round(measure.median, 3),
                "time_ratio": round(measure.median / base, 3),
                "content_ratio": round(sizes[factor]["items"] / sizes[factors[0]]["items"], 3),
            }
            for factor, measure in zip(factors, scaled, strict=True)
        ]

        progress("timing each step in one process")
        report["phases"] = in_worker(
            "phases", kit_dir, profile, tmp / "phases", max(1, min(rounds, 3))
        )
        medians = report["phases"]["medians_s"]
        report["forms"] = {
            "count": report["phases"]["forms"],
            "pdf_s": medians["forms_pdf"],
            "docx_s": medians["forms_docx"],
            "all_s": round(medians["forms_pdf"] + medians["forms_docx"], 3),
        }
        report["memory"] = {
            "tailor_peak_rss_mb": round(tailor.peak_rss_mb, 1),
            "general_peak_rss_mb": round(general.peak_rss_mb, 1),
            "plain_mkdocs_peak_rss_mb": round(plain.peak_rss_mb, 1),
        }
        progress("profiling one tailor run")
        report["profile_top"] = profile_tailor(kit_dir, profile, tmp, 15)
        progress("matching: 50, 500 and 2,000 per side, and reading filled PDFs")
        report["matching"] = bench_matching.run(quick)
        progress("the sponsor report over returned PDFs")
        report["report"] = bench_report.run(quick)
    report["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    report["bench_s"] = round(time.perf_counter() - started, 1)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    print(f"\nJSON: {args.json}")
    return 0


def _worker(name: str, args: list[str]) -> int:
    if name == "batch":
        kit_dir, out, *profiles = map(Path, args)
        result = worker_batch(kit_dir, profiles, out)
    elif name == "phases":
        kit_dir, profile, out, rounds = Path(args[0]), Path(args[1]), Path(args[2]), int(args[3])
        result = worker_phases(kit_dir, profile, out, rounds)
    else:
        raise SystemExit(f"unknown worker {name}")
    print(json.dumps(result))
    return 0


def print_site(r: dict[str, Any]) -> None:
    """Figure (a) alone, as `--site` measures it."""
    a, bg, runs = r["site_vs_plain_mkdocs"], r["forms_in_background"], r["commands"]
    print(f"(a) upward build / plain mkdocs build: {a['ratio']:.3f} (target <= {a['target']})")
    print(f"    medians {a['general_s']:.2f} s / {a['plain_mkdocs_s']:.2f} s")
    print(f"    fastest runs {a['ratio_of_fastest']:.3f}; CPU time {a['cpu_ratio']:.3f}")
    print(f"    nothing kept on disk (a first run): {a['ratio_without_disk_cache']:.3f}")
    print(f"    forms not in background: {bg['ratio_to_plain_if_inline']:.3f}")
    for key, s in runs.items():
        print(f"    {key}: median {s['median_s']} s, CPU {s['cpu_median_s']} s, {s['samples_s']}")
    load = r["machine"]
    print(
        f"    load average before {load['load_average_before']}, after {load['load_average_after']}"
    )


def print_table(r: dict[str, Any]) -> None:
    a, b, batch = r["site_vs_plain_mkdocs"], r["tailor_vs_general"], r["batch"]
    bg, w, mem, forms = r["forms_in_background"], r["page_weight"], r["memory"], r["forms"]
    rows = [
        (
            "(a) upward build / plain mkdocs build",
            f"{a['ratio']:.2f}",
            f"<= {a['target']}",
            f"{a['general_s']:.2f} s / {a['plain_mkdocs_s']:.2f} s",
        ),
        (
            "    same, fastest runs (least disturbed)",
            f"{a['ratio_of_fastest']:.2f}",
            "",
            "min / min",
        ),
        (
            "    same in CPU time (forms worker included)",
            f"{a['cpu_ratio']:.2f}",
            "",
            "the work done, whatever the load",
        ),
        (
            "    same, forms made inline (UPWARD_JOBS=1)",
            f"{bg['ratio_to_plain_if_inline']:.2f}",
            "",
            f"{bg['general_forms_inline_s']:.2f} s",
        ),
        (
            "(b) upward tailor / upward build",
            f"{b['ratio']:.2f}",
            f"<= {b['target']}",
            f"{b['tailor_s']:.2f} s / {b['general_s']:.2f} s",
        ),
        (
            "    same, fastest runs (least disturbed)",
            f"{b['ratio_of_fastest']:.2f}",
            "",
            "min / min",
        ),
        (
            f"    {batch['kits']} kits in one process: last/first {batch['compared']}",
            f"{batch['growth']:.2f}",
            "~ 1",
            f"{batch['last_median_s']:.2f} s / {batch['first_median_s']:.2f} s",
        ),
    ]
    for s in r["scaling"]:
        rows.append(
            (
                f"(c) kit x{s['factor']}: time / content",
                f"{s['time_ratio']:.2f} / {s['content_ratio']:.2f}",
                "time <= content",
                f"{s['build_s']:.2f} s, {s['pages']} pages, {s['items']} items",
            )
        )
    rows += [
        (
            f"(d) forms alone: {forms['count']} PDF + {forms['count']} DOCX",
            f"{forms['all_s']:.2f} s",
            "",
            f"PDF {forms['pdf_s']:.2f} s, DOCX {forms['docx_s']:.2f} s",
        ),
        (
            "    peak memory: tailor / build / plain",
            f"{mem['tailor_peak_rss_mb']:.0f} MB",
            "",
            f"{mem['general_peak_rss_mb']:.0f} MB / {mem['plain_mkdocs_peak_rss_mb']:.0f} MB",
        ),
        (
            "(e) page weight: largest / median",
            f"{w['largest_kb']:.0f} KB",
            "",
            f"{w['median_kb']:.0f} KB median, {w['largest_page']}",
        ),
        (
            "    search index",
            f"{w['search_index_kb']:.0f} KB",
            "",
            f"{w['pages']} pages, site {w['site_mb']} MB",
        ),
    ]
    width = max(len(row[0]) for row in rows)
    print(f"\n{'figure':<{width}}  {'value':>13}  {'target':<15}  detail")
    for name, value, target, detail in rows:
        print(f"{name:<{width}}  {value:>13}  {target:<15}  {detail}")
    print(
        "\nSteps in one process (medians, s): "
        + ", ".join(f"{k} {v:.2f}" for k, v in r["phases"]["medians_s"].items())
    )
    print("Where a tailor run spends its own time (cProfile, top 8):")
    for row in r["profile_top"][:8]:
        print(f"  {row['own_s']:7.3f} s own  {row['cumulative_s']:7.3f} s cum  {row['function']}")
    if "matching" in r:
        bench_matching.print_table(r["matching"])
    if "report" in r:
        bench_report.print_table(r["report"])
    print(
        f"Load average before/after: {r['machine']['load_average_before']} / "
        f"{r['machine']['load_average_after']}  ({r['bench_s']} s in all)"
    )


if __name__ == "__main__":
    sys.exit(main())
