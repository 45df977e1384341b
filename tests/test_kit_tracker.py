"""The empty tracker is a public output of every tailored kit: in the kit's folder, in its zip
and on its site (linked from the programme lead's pages, beside the forms), the same bytes as
`tracker_workbook(tailored)`, opened with openpyxl and computed by LibreOffice. Private outputs
never reach a kit: the report and the nudge drafts are refused inside one, and the kit and its
zip hold no personal data."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from trackers import northwind, recalculated

from upward import paths
from upward.build.manifest import MANIFEST, foreign_files, read_manifest
from upward.build.orchestration import tailor
from upward.build.project import Project
from upward.render.tracker import BLANK_PAIRS, tracker_workbook
from upward.render.tracker_summary import AS_OF_COLUMN, AS_OF_ROW, TOTALS_ROW

from conftest import EXAMPLE_PROFILE, KIT, ROOT

PRIVATE_NAMES = frozenset(
    {"summary.json", "report.pdf", "PERSONAL-DATA.txt", "pairs.csv", "pairs.xlsx", "unmatched.csv"}
)


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tailored") / "kit"
    return tailor(Project.at(ROOT), EXAMPLE_PROFILE, folder, force=False).folder


def test_the_kit_its_zip_and_its_site_carry_the_empty_tracker(kit: Path) -> None:
    expected = tracker_workbook(northwind())
    assert (kit / paths.KIT_TRACKER).read_bytes() == expected
    assert (kit / "site" / paths.TRACKER).read_bytes() == expected
    (archive,) = kit.glob("*.zip")
    with zipfile.ZipFile(archive) as z:
        assert z.read(f"northwind-trading/{paths.KIT_TRACKER}") == expected
        assert z.read(f"northwind-trading/site/{paths.TRACKER}") == expected
    assert paths.KIT_TRACKER in read_manifest(kit).files


def test_the_lead_pages_link_to_it_beside_the_forms(kit: Path) -> None:
    for page in ("programme.html", "forms/index.html"):
        soup = BeautifulSoup((kit / "site" / page).read_bytes(), "lxml")
        (link,) = [a for a in soup.find_all("a", href=True) if a["href"].endswith("tracker.xlsx")]
        assert (kit / "site" / page).parent.joinpath(link["href"]).resolve() == (
            kit / "site" / paths.TRACKER
        ).resolve()
        assert "personal data" in " ".join(link.find_parent("p").get_text().split())


def test_it_opens_empty_with_spare_codes_and_the_programme_s_details(kit: Path) -> None:
    book = load_workbook(kit / paths.KIT_TRACKER)
    assert book.sheetnames[:3] == ["Read me", "Summary", "Pairs"]
    assert "holds no personal data yet" in book["Read me"]["A2"].value
    pairs = book["Pairs"]
    codes = [pairs.cell(r, 1).value for r in range(2, 2 + BLANK_PAIRS)]
    assert codes == [f"P{n:02d}" for n in range(1, BLANK_PAIRS + 1)]
    assert all(pairs.cell(r, c).value is None for r in range(2, 2 + BLANK_PAIRS) for c in (2, 3))
    programme = {row[0]: row[1] for row in book["Programme"].iter_rows(values_only=True)}
    assert programme["Organisation"] == "Northwind Trading"
    assert programme["First session"] == dt.datetime(2027, 1, 11)
    assert book["Sessions"].data_validations.dataValidation  # drop-downs came along


def test_libreoffice_computes_the_kit_s_tracker(kit: Path, tmp_path: Path) -> None:
    book = load_workbook(recalculated(kit / paths.KIT_TRACKER, tmp_path), data_only=True)
    summary = book["Summary"]
    assert summary.cell(AS_OF_ROW, AS_OF_COLUMN).value.date() == dt.date.today()
    values = [c.value for row in summary.iter_rows(min_row=TOTALS_ROW) for c in row]
    assert not [v for v in values if isinstance(v, str) and v.startswith(("#", "Err:"))]
    assert summary.cell(TOTALS_ROW, 5).value == BLANK_PAIRS * 6  # sessions planned
    assert [book["Programme"].cell(r, 2).value for r in (7, 8)] == [30, 45]


def test_no_private_output_is_in_the_kit_or_its_zip(kit: Path) -> None:
    (archive,) = kit.glob("*.zip")
    with zipfile.ZipFile(archive) as z:
        zipped = [n.split("/", 1)[1] for n in z.namelist()]
    on_disk = [p.relative_to(kit).as_posix() for p in kit.rglob("*") if p.is_file()]
    for names in (on_disk, zipped):
        assert [n for n in names if private(n)] == []
    assert sum(n.endswith("tracker.xlsx") for n in zipped) == 2  # the kit's and the site's


def private(name: str) -> bool:
    """A file of a private output: the report, nudge drafts, matching's results, a notice."""
    base = name.rsplit("/", 1)[-1]
    return (
        base in PRIVATE_NAMES
        or re.fullmatch(r"P\d+-[a-z-]+\.eml", base) is not None
        or any(part.endswith("-nudges") or part == "introductions" for part in name.split("/"))
    )


def test_the_report_and_the_drafts_are_refused_inside_the_kit(run_cli, kit: Path) -> None:
    before = read_manifest(kit)
    result = run_cli("report", KIT / "examples" / "returns", "-o", kit / "report")
    assert result.code == 1 and "wrote to be shared" in result.err
    result = run_cli("status", kit / paths.KIT_TRACKER)  # drafts beside it: inside the kit
    assert result.code == 1 and "wrote to be shared" in result.err
    assert "nothing was written" in result.err
    assert not (kit / "report").exists() and not (kit / "tracker-nudges").exists()
    assert read_manifest(kit) == before and foreign_files(kit, before) == []
    assert (kit / MANIFEST).is_file()
