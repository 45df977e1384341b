"""Upward as a user installs it: the sdist and the wheel built from the checkout's files, the
wheel installed into a fresh virtual environment, and every command run from an empty folder
outside the checkout (issue 14).

Offline by design: the build uses this environment's setuptools (`--no-isolation`), the wheel
is installed without its dependencies, and the fresh environment finds those through a .pth
line naming this environment's site-packages. A .pth file in a folder named that way is not run,
so this checkout's editable install stays out of sight: `upward` there is the wheel's alone,
which the first test proves before any other trusts it.
"""

from __future__ import annotations

import email
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "kit" / "examples"
PIP = (sys.executable, "-m", "pip")
SHIPPED = ("kit", "templates", "docs", "mkdocs.yml")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it, of the checkout's files (tracked or new, not
    ignored): a copy, so the build writes nothing into the checkout."""
    source = tmp_path_factory.mktemp("source")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment holding the wheel; its dependencies come from this one."""
    folder = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    (wheel,) = dist.glob("upward-*.whl")
    subprocess.run(
        [
            *PIP,
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "_upward_test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )
    return folder


def run(venv: Path, *args: str, cwd: Path, check: bool = True, **env: str):
    """`upward ARGS` from the fresh environment, in `cwd`, with nothing pointing back here."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "UPWARD"))
    }
    environment.update(PATH=f"{venv / 'bin'}:/usr/bin:/bin", HOME=str(cwd), **env)
    done = subprocess.run(
        [str(venv / "bin" / "upward"), *args],
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if check:
        assert done.returncode == 0, f"upward {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done


def test_the_sdist_holds_the_shipped_folders_and_the_wheel_holds_them_as_package_data(
    dist: Path,
) -> None:
    (sdist,) = dist.glob("upward-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"setup.py", "mkdocs.yml", "kit/faq.yaml", "templates/overrides/main.html"} <= names
    assert "docs/assets/css/upward.css" in names
    (wheel,) = dist.glob("upward-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    kit_files = {
        f"upward/_data/{path.relative_to(ROOT).as_posix()}"
        for name in SHIPPED
        for path in ([ROOT / name] if (ROOT / name).is_file() else (ROOT / name).rglob("*"))
        if path.is_file() and "examples" not in path.relative_to(ROOT).parts
    }
    assert kit_files <= names, sorted(kit_files - names)[:5]
    assert not any("/examples/" in name for name in names)  # the sample cohort stays behind
    assert "upward/starter/pages/our-programme.md" in names


def test_the_installed_command_is_the_wheels_and_reads_the_kit_it_carries(
    venv: Path, tmp_path: Path
) -> None:
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import upward; print(upward.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    version = run(venv, "--version", cwd=tmp_path)
    assert version.stdout.strip() == "upward, version 0.1.0"
    as_module = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "upward", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert as_module.stdout == version.stdout
    valid = run(venv, "validate", "--json", cwd=tmp_path)
    assert json.loads(valid.stdout)["counts"]["forms"] >= 12
    valid = run(venv, "validate", cwd=tmp_path)
    assert str(venv) in valid.stdout and "_data/kit" in valid.stdout


def test_init_then_tailor_in_an_empty_folder_gives_a_complete_kit_with_the_org_page(
    venv: Path, tmp_path: Path
) -> None:
    made = run(
        venv, "init", "our-programme", "--organisation", "Fernhill & Co", "--start", "2027-03-01",
        cwd=tmp_path,
    )  # fmt: skip
    assert "cd our-programme && upward tailor" in made.stdout
    workspace = tmp_path / "our-programme"
    assert {p.name for p in workspace.iterdir()} == {
        "profile.yaml",
        "pages",
        "overrides",
        "README.md",
    }
    assert str(venv) in (workspace / "README.md").read_text()  # where to copy kit files from
    run(venv, "tailor", cwd=workspace)
    (kit,) = (workspace / "build" / "kits").iterdir()
    assert kit.name == "fernhill-co"

    form_ids = sorted(
        path.stem for path in (_data(venv) / "kit" / "forms").glob("*.yaml")
    )  # the kit the wheel carries: every form, in both formats, opened by its readers
    assert len(form_ids) >= 12
    for form_id in form_ids:
        assert PdfReader(kit / "forms" / f"{form_id}.pdf").pages
        assert Document(str(kit / "forms" / f"{form_id}.docx")).paragraphs
    sessions = Calendar.from_ical((kit / "schedule.ics").read_bytes()).walk("VEVENT")
    summaries = " ".join(str(event["SUMMARY"]) for event in sessions)
    assert all(f"session {n} " in summaries for n in range(1, 7))  # all six, and the lead's dates
    assert load_workbook(kit / "tracker.xlsx").sheetnames
    drafts = sorted((kit / "messages").glob("*.eml"))
    assert drafts
    assert email.message_from_bytes(drafts[0].read_bytes())["Subject"]

    own = (kit / "site" / "our" / "our-programme.html").read_text()
    assert "Our programme at Fernhill &#38; Co" in own  # the org's value, escaped as text
    assert "the first session is on" in " ".join(own.split())
    home = (kit / "site" / "index.html").read_text()
    assert "our/our-programme.html" in home  # in the navigation
    (archive,) = kit.glob("*.zip")
    with zipfile.ZipFile(archive) as zipped:
        assert "fernhill-co/site/our/our-programme.html" in zipped.namelist()


def test_the_other_commands_work_from_any_folder(venv: Path, tmp_path: Path) -> None:
    run(venv, "build", cwd=tmp_path)
    assert "Reverse mentoring" in (tmp_path / "site" / "index.html").read_text()
    profile = tmp_path / "northwind.yaml"
    shutil.copy(EXAMPLES / "northwind.yaml", profile)
    run(venv, "tailor", "northwind.yaml", cwd=tmp_path)
    assert (tmp_path / "build" / "kits" / "northwind-trading" / "site" / "index.html").is_file()
    cohort = EXAMPLES / "cohort"
    run(
        venv,
        "match",
        str(cohort / "mentors.csv"),
        str(cohort / "mentees.csv"),
        str(cohort / "pdfs"),
        "--profile",
        str(profile),
        "-o",
        "private/matching",
        cwd=tmp_path,
    )
    assert any((tmp_path / "private" / "matching").iterdir())
    returns = EXAMPLES / "returns"
    shutil.copy(returns / "tracker.xlsx", tmp_path / "tracker.xlsx")
    run(venv, "status", "tracker.xlsx", "--today", "2027-05-20", "-o", "nudges", cwd=tmp_path)
    run(venv, "new", "other.yaml", "--defaults", cwd=tmp_path)
    assert "organisation:" in (tmp_path / "other.yaml").read_text()


def test_report_works_from_any_folder(venv: Path, tmp_path: Path) -> None:
    returns = EXAMPLES / "returns"
    run(venv, "report", str(returns), "-o", "report", "--today", "2027-07-12", cwd=tmp_path)
    assert (tmp_path / "report" / "report.pdf").is_file()


def test_no_output_goes_into_the_installed_package(venv: Path, tmp_path: Path) -> None:
    inside = _data(venv) / "site"
    refused = run(venv, "build", "-o", str(inside), cwd=tmp_path, check=False)
    assert refused.returncode == 1
    assert "the installed package" in refused.stderr or "docs folder" in refused.stderr
    assert not inside.exists()
    refused = run(venv, "init", str(_data(venv).parent / "mine"), cwd=tmp_path, check=False)
    assert refused.returncode == 1 and "installed package" in refused.stderr


def test_shell_completion_comes_from_click(venv: Path, tmp_path: Path) -> None:
    script = run(venv, cwd=tmp_path, _UPWARD_COMPLETE="bash_source")
    assert "_upward_completion" in script.stdout
    words = run(
        venv, cwd=tmp_path, _UPWARD_COMPLETE="bash_complete", COMP_WORDS="upward ta", COMP_CWORD="1"
    )
    assert "plain,tailor" in words.stdout.split()


def _data(venv: Path) -> Path:
    (package,) = venv.glob("lib/python*/site-packages/upward")
    return package / "_data"
