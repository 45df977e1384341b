"""Lighthouse (desktop preset) on the pages readers use most, from a fresh build.

Builds the general site into a temporary folder (or takes --site), serves it on 127.0.0.1 and
runs Lighthouse 12 from tests/browser/node_modules (`make browser` installs it) with Debian's
Chromium, once or --runs times per page (the median is reported). Prints the four scores per
page as a table, then as JSON. Not a test: performance varies with the machine's load. With
--min N the exit code is 1 if any score is below N.

    .venv/bin/python scripts/lighthouse.py [--site DIR] [--runs 3] [--min 95] [--json FILE]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "tests" / "browser" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
CHROME_FLAGS = " ".join(
    [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
    ]
)


def chromium() -> str:
    for candidate in (
        os.environ.get("CHROME_PATH"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    sys.exit("Chromium is missing: run `make browser` (installs Debian's chromium).")


def pages(site: Path) -> dict[str, str]:
    """The home page, a session, the question builder and a form."""
    plan = sorted(p for p in (site / "sessions").iterdir() if p.is_dir())[0]
    session = sorted(p for p in plan.glob("*.html") if p.name != "index.html")[0]
    form = sorted(p for p in (site / "forms").glob("*.html") if p.name != "index.html")[0]
    return {
        "home": "index.html",
        "session": session.relative_to(site).as_posix(),
        "question builder": "questions/index.html",
        "form": form.relative_to(site).as_posix(),
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def audit(url: str, chrome: str) -> dict[str, object]:
    """One Lighthouse run: the four scores (0-100) and the audits that lost points."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--preset=desktop",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": chrome},
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    scores = {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}
    flagged = sorted(
        f"{key}: {audit_['id']} ({audit_['score']})"
        for key in CATEGORIES
        for ref in report["categories"][key]["auditRefs"]
        if ref["weight"] > 0
        and (audit_ := report["audits"][ref["id"]])["score"] is not None
        and audit_["score"] < 1
    )
    return {"scores": scores, "flagged": flagged}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is kept")
    parser.add_argument("--min", type=int, help="exit 1 if any score is below this")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `make browser`.")
    chrome = chromium()

    with tempfile.TemporaryDirectory(prefix="upward-lighthouse-") as temp:
        site = args.site
        if site is None:
            sys.path.insert(0, str(ROOT / "src"))
            from upward.build.orchestration import build_general_site
            from upward.build.project import Project

            site = Path(temp) / "site"
            print("Building the general site...", file=sys.stderr)
            build_general_site(Project.at(ROOT), site)
        httpd, base = serve(site.resolve())
        results: dict[str, dict[str, object]] = {}
        try:
            for name, path in pages(site).items():
                runs = []
                for run in range(args.runs):
                    print(f"Lighthouse: {name} ({path}), run {run + 1}...", file=sys.stderr)
                    runs.append(audit(base + path, chrome))
                scores = {
                    key: round(statistics.median(r["scores"][key] for r in runs))
                    for key in CATEGORIES
                }
                flagged = sorted({f for r in runs for f in r["flagged"]})
                results[name] = {"page": path, "scores": scores, "flagged": flagged}
        finally:
            httpd.shutdown()

    width = max(len(name) for name in results)
    header = f"{'page':<{width}}  " + "  ".join(f"{label:>14}" for label in CATEGORIES.values())
    print(header)
    print("-" * len(header))
    for name, result in results.items():
        row = "  ".join(f"{result['scores'][key]:>14}" for key in CATEGORIES)
        print(f"{name:<{width}}  {row}")
    for name, result in results.items():
        for line in result["flagged"]:
            print(f"  {name}: lost points on {line}")
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    lowest = min(s for r in results.values() for s in r["scores"].values())
    return 1 if args.min is not None and lowest < args.min else 0


if __name__ == "__main__":
    sys.exit(main())
