"""Same inputs, same bytes: the general site and a tailored kit (site, PDF, DOCX, ICS, zip) built
twice, in two processes with different hash seeds, one of them on another day as far as
MkDocs can tell, are identical file for file; and forms made on another core are the same
bytes as forms made inline."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from upward.build.manifest import MANIFEST
from upward.build.outputs import ZIP_DATE, form_file_names, form_files
from upward.build.parallel import FormsJob
from upward.build.reproducible import deterministic_gzip, pin_build_stamps
from upward.load.kit import load_kit
from upward.load.org_profile import load_profile
from upward.plan.tailored import tailor_kit

from conftest import EXAMPLE_PROFILE, KIT, ROOT

# Runs `upward ARGS` with MkDocs' clock moved to another day (the only clock MkDocs reads).
ANOTHER_DAY = """
import datetime as dt, sys
import mkdocs.structure.pages, mkdocs.utils
day = dt.datetime(2031, 7, 4, 12, tzinfo=dt.timezone.utc)
mkdocs.utils.get_build_datetime = lambda: day
mkdocs.structure.pages.get_build_date = lambda: day.strftime("%Y-%m-%d")
sys.argv = ["upward", *sys.argv[1:]]
from upward.cli import main
main()
"""


def _env(seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)  # reportlab and MkDocs would honour it
    return env


def _build_twice(args_of: dict[str, list[str]]) -> None:
    """Run the first build normally and the second 'on another day', at the same time."""
    first, second = args_of["today"], args_of["another_day"]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "upward", *first],
            cwd=ROOT,
            env=_env("1"),
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [sys.executable, "-c", ANOTHER_DAY, *second],
            cwd=ROOT,
            env=_env("2"),
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        ),
    ]
    for process in processes:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()


@pytest.fixture(scope="module")
def general_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("general-twice")
    a, b = root / "a" / "site", root / "b" / "site"
    _build_twice(
        {
            "today": ["build", "--kit", str(KIT), "-o", str(a)],
            "another_day": ["build", "--kit", str(KIT), "-o", str(b)],
        }
    )
    return a, b


@pytest.fixture(scope="module")
def tailored_kits(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("tailored-twice")
    a, b = root / "a" / "kit", root / "b" / "kit"
    _build_twice(
        {
            "today": ["tailor", str(EXAMPLE_PROFILE), "--kit", str(KIT), "-o", str(a)],
            "another_day": ["tailor", str(EXAMPLE_PROFILE), "--kit", str(KIT), "-o", str(b)],
        }
    )
    return a, b


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def _differences(a: Path, b: Path) -> list[str]:
    first, second = _files(a), _files(b)
    only = sorted(set(first) ^ set(second))
    changed = [
        n
        for n in sorted(set(first) & set(second))
        if first[n].read_bytes() != second[n].read_bytes()
    ]
    return [f"only in one build: {n}" for n in only] + [f"bytes differ: {n}" for n in changed]


def test_the_general_site_is_byte_identical_when_built_again_on_another_day(general_sites) -> None:
    a, b = general_sites
    assert _differences(a, b) == []
    names = _files(a)
    assert any(n.endswith(".html") for n in names)
    assert any(n.endswith(".pdf") for n in names) and any(n.endswith(".docx") for n in names)
    assert "sitemap.xml.gz" in names and "search/search_index.json" in names


def test_a_tailored_kit_is_byte_identical_in_every_format(tailored_kits) -> None:
    a, b = tailored_kits
    assert _differences(a, b) == []
    suffixes = {Path(n).suffix for n in _files(a)}
    assert {".html", ".pdf", ".docx", ".ics", ".xlsx", ".zip"} <= suffixes


def test_the_sitemap_carries_no_build_date(general_sites) -> None:
    site, _ = general_sites
    assert "<lastmod>" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert header[4:8] == b"\0\0\0\0"  # gzip MTIME: none
    assert (
        gzip.decompress((site / "sitemap.xml.gz").read_bytes())
        == (site / "sitemap.xml").read_bytes()
    )


def test_the_zip_lists_files_in_order_with_fixed_dates(tailored_kits) -> None:
    folder, _ = tailored_kits
    (archive,) = folder.glob("*.zip")
    with zipfile.ZipFile(archive) as z:
        infos = z.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {ZIP_DATE}
    kept_out = {archive, folder / MANIFEST}  # the folder's mark is not part of the kit
    assert len(names) == sum(1 for p in folder.rglob("*") if p.is_file() and p not in kept_out)


def test_pinning_drops_lastmod_and_the_gzip_timestamp(tmp_path: Path) -> None:
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset>\n    <url>\n'
        "         <loc>https://example.org/</loc>\n         <lastmod>2031-07-04</lastmod>\n"
        "    </url>\n</urlset>\n"
    )
    (tmp_path / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    with gzip.open(tmp_path / "sitemap.xml.gz", "wb") as handle:  # stamped with today
        handle.write(sitemap.encode())
    pin_build_stamps(tmp_path)
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "lastmod" not in text and "<loc>https://example.org/</loc>" in text
    assert (tmp_path / "sitemap.xml.gz").read_bytes() == deterministic_gzip(
        text.encode(), "sitemap.xml"
    )
    pin_build_stamps(tmp_path / "missing")  # a site without a sitemap: nothing to do


@pytest.mark.parametrize("tailoring", [False, True], ids=["blank", "tailored"])
def test_forms_made_on_another_core_are_the_same_bytes_as_inline(tailoring: bool) -> None:
    kit = load_kit(KIT).kit
    tailored = None
    if tailoring:
        profile = load_profile(EXAMPLE_PROFILE, lambda: [p.id for p in kit.purposes])
        tailored = tailor_kit(kit, profile)
    inline = form_files(kit, tailored)
    with FormsJob(kit, tailored, background=True) as job:
        assert set(job.stand_ins()) == set(inline) and not any(job.stand_ins().values())
        background = job.result()
    assert list(inline) == form_file_names(kit) == list(background)
    assert background == inline


def test_a_forms_job_left_early_stops_its_worker() -> None:
    kit = load_kit(KIT).kit
    job = FormsJob(kit, None, background=True)
    process = job._process
    assert process is not None and process.is_alive()
    job.close()
    assert not process.is_alive()


def test_pages_rendered_with_compiled_templates_from_the_cache_are_the_same() -> None:
    from upward.render.jinja_cache import PAGE_TEMPLATES
    from upward.render.pages import render_site

    kit = load_kit(KIT).kit
    PAGE_TEMPLATES.clear()
    first = render_site(ROOT / "templates", kit, None)
    assert PAGE_TEMPLATES._code, "the first site should have filled the cache"
    second = render_site(ROOT / "templates", kit, None)  # compiled code from the cache
    assert second.pages == first.pages and second.nav == first.nav
