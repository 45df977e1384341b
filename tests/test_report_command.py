"""`upward report FILES... -o DIR` end to end, as a lead runs it on the demo's fictional returns
(kit/examples/returns): index.html, report.pdf and summary.json in a private folder, read back
as a sponsor opens them (BeautifulSoup, pypdf, json); bad input named with file and field on the
screen and in the report, the rest still counted; nothing written when nothing can be read, when
the threshold is under three, or when the folder is inside an input or a shared kit."""

from __future__ import annotations

import io
import json
import shutil
import stat
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from returned import filled_pdf

from upward.build.manifest import MANIFEST, write_manifest
from upward.plan.evaluation import SUMMARY_KEYS

from conftest import KIT

RETURNS = KIT / "examples" / "returns"
AS_OF = "2027-07-12"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo's report, made once by the real command (in a subprocess: a fresh process, as
    a lead runs it)."""
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("report")
    returns = root / "returns"
    shutil.copytree(RETURNS, returns)
    result = subprocess.run(
        [sys.executable, "-m", "upward", "report", "returns", "-o", "out", "--today", AS_OF],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return root / "out", result.stdout


def test_the_report_folder_holds_the_page_the_pdf_and_the_numbers(report) -> None:
    folder, _ = report
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        [MANIFEST, "PERSONAL-DATA.txt", "index.html", "report.pdf", "summary.json"]
    )
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["command"] == "report"
    notice = (folder / "PERSONAL-DATA.txt").read_text(encoding="utf-8")
    assert "names the files and answers it left out" in " ".join(notice.split())


def test_the_screen_says_what_was_read_what_was_left_out_and_where_it_went(report) -> None:
    _, out = report
    lines = out.splitlines()
    assert lines[0].startswith("Read 45 files: the tracker (19 pairs); 171 returned forms (")
    assert lines[1].startswith("Left out 2 (also listed at the end of the report)")
    assert lines[2] == (
        "  returns/pulse-survey-export.csv:7:4: useful: 7 is out of range: ratings go from 1 to 5"
    )
    assert lines[3] == (
        "  returns/pulse-survey-export.csv:13:3: session-date: '31/02/2027' is not a date that "
        "exists"
    )
    assert "The report on Northwind Upward, figures as of Monday 12 July 2027, is in out/:" in lines
    assert any(line.startswith("No number in it comes from fewer than 5 people.") for line in lines)


def test_summary_json_has_the_documented_keys_and_lists_what_it_skipped(report) -> None:
    folder, _ = report
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert tuple(summary) == SUMMARY_KEYS
    assert summary["as_of"] == AS_OF and summary["min_group"] == 5
    assert summary["skipped"] == [
        {
            "file": "returns/pulse-survey-export.csv:7",
            "why": "useful: 7 is out of range: ratings go from 1 to 5",
        },
        {
            "file": "returns/pulse-survey-export.csv:13",
            "why": "session-date: '31/02/2027' is not a date that exists",
        },
    ]
    useful = summary["questions"]["after-session-pulse.useful"]
    assert set(useful) == {"n", "mean", "by_role"} and set(useful["by_role"]) == {
        "mentor",
        "mentee",
    }
    assert useful["n"] == useful["by_role"]["mentor"]["n"] + useful["by_role"]["mentee"]["n"]
    recommend = summary["questions"]["end-of-programme-evaluation.recommend"]
    assert "counts" in recommend and recommend["n"] == 32
    hidden = [
        value
        for question in summary["questions"].values()
        for value in question.get("counts", {}).values()
        if isinstance(value, dict)
    ]
    assert hidden and all(value == {"suppressed": True} for value in hidden)


def test_the_page_and_the_pdf_open_as_a_sponsor_would_open_them(report) -> None:
    folder, _ = report
    soup = BeautifulSoup((folder / "index.html").read_bytes(), "lxml")
    assert soup.title.get_text().startswith("Programme report: Northwind Upward")
    assert len(soup.find_all("figure")) == 6
    linked = [a["href"] for a in soup.find_all("a", href=True)]
    assert "report.pdf" in linked and "summary.json" in linked
    remote = [
        tag.get(attr)
        for tag in soup.find_all(True)
        for attr in ("src", "href")
        if str(tag.get(attr, "")).startswith(("http:", "https:", "//"))
    ]
    assert remote == []  # opens from disk, no network
    pdf = PdfReader(io.BytesIO((folder / "report.pdf").read_bytes()))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) >= 3
    assert "Programme report: Northwind Upward" in text and "What was left out" in text


def test_bad_files_are_named_with_their_field_and_the_rest_is_counted(
    run_cli, tmp_path: Path
) -> None:
    returns = tmp_path / "returns"
    returns.mkdir()
    for index, (useful, open_) in enumerate([(4, 3), (5, 4), (3, 2), (4, 4), (5, 5)], start=1):
        filled_pdf(
            returns / f"pulse-{index}.pdf",
            "after-session-pulse",
            {
                "pair-code": f"P0{index}",
                "role": "Mentor",
                "session-date": "2027-02-11",
                "useful": useful,
                "open": open_,
            },
        )
    (returns / "export.csv").write_text(
        "pair-code,role,session-date,useful,open\nP06,Mentor,2027-02-30,9,4\n", encoding="utf-8"
    )
    (returns / "damaged.pdf").write_bytes(b"%PDF-1.4 truncated")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a form", encoding="utf-8")
    out = tmp_path / "report"
    result = run_cli("report", returns, notes, "-o", out, "--today", "2027-03-01", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "Left out 4 (also listed at the end of the report)" in result.out
    for shown in (
        "returns/damaged.pdf: cannot be read as a PDF",
        "returns/export.csv:2:3: session-date: '2027-02-30' is not a date that exists",
        "returns/export.csv:2:4: useful: 9 is out of range",
        "notes.txt: is not a returned form",
    ):
        assert shown in result.out
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert {s["file"] for s in summary["skipped"]} == {
        "returns/damaged.pdf",
        "returns/export.csv:2",
        "notes.txt",
    }
    # the five PDFs, and the export's 'open' answer (its bad answers left out, not its row)
    assert summary["questions"]["after-session-pulse.useful"]["n"] == 5
    assert summary["questions"]["after-session-pulse.useful"]["mean"] == 4.2
    assert summary["questions"]["after-session-pulse.open"]["n"] == 6
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "damaged.pdf" in page and "notes.txt" in page


def test_nothing_readable_is_exit_1_and_nothing_written(run_cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a form", encoding="utf-8")
    (tmp_path / "damaged.pdf").write_bytes(b"%PDF-1.4 truncated")
    result = run_cli("report", notes, tmp_path / "damaged.pdf", "-o", tmp_path / "out")
    assert result.code == 1
    assert "nothing to report" in result.err and "nothing was written" in result.err
    assert "notes.txt: is not a returned form" in result.err
    assert not (tmp_path / "out").exists()


def test_a_threshold_under_three_is_refused_before_anything_is_read(
    run_cli, tmp_path: Path
) -> None:
    result = run_cli("report", RETURNS, "-o", tmp_path / "out", "--min-group", "2")
    assert result.code == 2 and "--min-group" in result.err
    assert not (tmp_path / "out").exists()


def test_the_report_never_goes_inside_what_it_reads_or_a_shared_kit(
    run_cli, tmp_path: Path
) -> None:
    returns = tmp_path / "returns"
    shutil.copytree(RETURNS / "web-forms", returns)
    before = sorted(p.name for p in returns.iterdir())
    result = run_cli("report", returns, "-o", returns / "report")
    assert result.code == 1 and "inside input 1 of the report" in result.err
    result = run_cli("report", returns / "evaluation-07.json", "-o", returns)
    assert result.code == 1 and "nothing was written" in result.err
    assert sorted(p.name for p in returns.iterdir()) == before
    kit = tmp_path / "kit"  # a folder `upward tailor` wrote to be shared
    (kit / "site").mkdir(parents=True)
    (kit / "site" / "index.html").write_text("<p>kit</p>", encoding="utf-8")
    write_manifest(kit, "tailor")
    result = run_cli("report", returns, "-o", kit / "private" / "report")
    assert result.code == 1 and "wrote to be shared" in result.err
    assert not (kit / "private").exists()
    assert "or leave -o out" not in result.err  # the report has no default folder to offer


def test_a_progress_bar_shows_on_a_terminal_once_reading_takes_over_a_second() -> None:
    from upward.cli._progress import LazyProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    now = [0.0]
    screen = Terminal()
    progress = LazyProgress("Reading", stream=screen, clock=lambda: now[0])
    progress(1, 40)
    assert screen.getvalue() == ""  # under a second: no bar
    now[0] = 1.5
    progress(2, 40)
    progress(40, 40)
    assert "Reading" in screen.getvalue() and "100%" in screen.getvalue()
    piped = io.StringIO()
    quiet = LazyProgress("Reading", stream=piped, clock=lambda: now[0] + 5)
    quiet(1, 40)
    quiet(40, 40)
    assert piped.getvalue() == ""  # not a terminal: never a bar


def test_reading_reports_progress_file_by_file() -> None:
    from upward.load.kit import load_kit
    from upward.load.returns import read_report_inputs

    seen: list[tuple[int, int]] = []
    read_report_inputs(
        [RETURNS / "web-forms"], load_kit(KIT).kit.forms, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(n, 26) for n in range(1, 27)]
