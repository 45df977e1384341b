"""The sponsor report as a sponsor opens it: from disk (file://) in Chromium, with no request
anywhere, no serious or critical axe-core violation (WCAG 2 A and AA) at desktop or phone width,
and printable. Screenshots go to test-artifacts/screenshots/ for a person to look at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .conftest import ROOT, describe, file_url, run_axe, screenshots_dir


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from upward.load.kit import load_kit
    from upward.load.returns import read_report_inputs
    from upward.plan.evaluation import evaluate
    from upward.render.sponsor_report import sponsor_report_files

    kit = load_kit(ROOT / "kit").kit
    inputs = read_report_inputs([ROOT / "kit" / "examples" / "returns"], kit.forms)
    goals = {g.id: g.text for p in kit.purposes for g in p.goals}
    evaluation = evaluate(inputs, kit.forms, today=dt.date(2027, 7, 12), goals=goals)
    folder = tmp_path_factory.mktemp("report")
    for name, data in sponsor_report_files(evaluation).items():
        (folder / name).write_bytes(data)
    return folder / "index.html"


@pytest.mark.parametrize("width", [1280, 375])
def test_the_report_opens_offline_and_passes_axe(
    report: Path, open_page, axe_source, width
) -> None:
    # the page's own Content-Security-Policy forbids scripts: bypassed for axe alone
    page, guard = open_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    page.goto(file_url(report))
    assert page.locator("figure svg[role=img]").count() == 6
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    assert guard.external == [] and guard.errors == []
    name = "desktop" if width > 600 else "phone"
    page.screenshot(path=str(screenshots_dir() / f"sponsor-report-{name}.png"), full_page=True)
    if width < 600:  # nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def test_the_report_prints(report: Path, open_page) -> None:
    page, _ = open_page()
    page.goto(file_url(report))
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    (screenshots_dir() / "sponsor-report-printed.pdf").write_bytes(pdf)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 4
    assert page.locator("nav").is_hidden()  # the contents are for the screen
