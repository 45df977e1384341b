"""Public and private outputs apart: a kit, its zip and its site hold exactly the files listed
as public, so personal data cannot travel with them; private outputs go to a folder the user
names, marked, readable by its owner only, with a notice, and never inside a shared one."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import stat
import zipfile
from pathlib import Path

import pytest
from trackers import RECORDED, ROSTER, northwind

import upward.build.orchestration as orchestration
from upward import paths
from upward.build.manifest import MANIFEST, read_manifest, write_manifest
from upward.build.outputs import NotPublic, PublicOutputs, UnlistedOutput
from upward.build.private import COMMANDS, private_notice, write_private_outputs
from upward.build.project import Project
from upward.problems import ProblemsFound
from upward.render.tracker import tracker_workbook
from upward.words import english

from conftest import EXAMPLE_PROFILE, KIT, ROOT
from scratch_project import leftovers, snapshot

PERSONAL = b"full_name,email,team\nAda Lovelace,ada.lovelace@example.org,Analytics\n"
SECRET = b"ada.lovelace@example.org"
PROJECT = Project.at(ROOT)


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("public") / "kit"
    orchestration.tailor(PROJECT, EXAMPLE_PROFILE, folder, force=False)
    return folder


def test_a_kit_and_its_zip_hold_exactly_the_public_files(kit: Path) -> None:
    zip_name = next(p.name for p in kit.glob("*.zip"))
    with zipfile.ZipFile(kit / zip_name) as archive:
        zipped = {name.partition("/")[2] for name in archive.namelist()}
    assert _files(kit) - zipped == {zip_name, MANIFEST}  # the mark and the zip itself, only
    assert zipped == _files(kit) - {zip_name, MANIFEST}
    assert {paths.KIT_SCHEDULE, paths.kit_form("goals-worksheet.pdf")} <= zipped
    assert f"{paths.KIT_SITE}/{paths.form_download('goals-worksheet', 'pdf')}" in zipped


def _planting(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Plant personal data in the staging folder, as a careless private writer might, at
    `where` inside it, while the output is being put together."""
    real = orchestration.staged_folder

    @contextlib.contextmanager
    def staged_then_planted(target: Path, **options):
        with real(target, **options) as staging:
            (staging / where).parent.mkdir(parents=True, exist_ok=True)
            (staging / where).write_bytes(PERSONAL)
            yield staging

    monkeypatch.setattr(orchestration, "staged_folder", staged_then_planted)


@pytest.mark.parametrize(
    "where", ["pairs.csv", "site/pairs.csv", "site/downloads/forms/filled-tracker.xlsx"]
)
def test_a_private_file_planted_in_the_staging_folder_reaches_neither_zip_nor_site(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _planting(monkeypatch, where)
    target = tmp_path / "kit"
    with pytest.raises(UnlistedOutput, match=re.escape(where.rpartition("/")[2])):
        orchestration.tailor(PROJECT, EXAMPLE_PROFILE, target, force=False)
    assert not target.exists()  # no kit, so no zip and no site that could hold it
    assert leftovers(tmp_path) == []


def test_a_private_file_planted_in_the_general_sites_staging_folder_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    orchestration.build_general_site(PROJECT, site)
    before = snapshot(site)
    _planting(monkeypatch, "downloads/pairs.csv")
    with pytest.raises(UnlistedOutput, match=r"pairs\.csv"):
        orchestration.build_general_site(PROJECT, site)
    assert snapshot(site) == before  # the previous site, untouched
    assert SECRET not in (site / "search" / "search_index.json").read_bytes()


def test_a_file_beside_the_site_in_the_work_folder_is_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What MkDocs builds is taken file by file from its work folder: anything else there is
    dropped with the work folder, never moved into the kit."""
    real = orchestration.build_mkdocs

    def build_then_planted(project: Project, inputs, site_dir: Path) -> None:
        real(project, inputs, site_dir)
        (site_dir.parent / "pairs.csv").write_bytes(PERSONAL)

    monkeypatch.setattr(orchestration, "build_mkdocs", build_then_planted)
    result = orchestration.tailor(PROJECT, EXAMPLE_PROFILE, tmp_path / "kit", force=False)
    assert not any(p.name == "pairs.csv" for p in result.folder.rglob("*"))
    with zipfile.ZipFile(result.zip_path) as archive:
        assert not any(SECRET in archive.read(name) for name in archive.namelist())
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["", "/etc/passwd", "../x", "a/../../x", "a\\b", MANIFEST])
def test_a_public_file_is_a_plain_path_inside_its_folder(name: str) -> None:
    with pytest.raises(NotPublic):
        PublicOutputs().add(name, b"")


# --- private outputs ------------------------------------------------------------------------

FILES = {
    "pairs.csv": PERSONAL,
    "introductions/01-ada-lovelace-and-sam-lee.eml": b"To: ada.lovelace@example.org\r\n\r\nHello",
}


def test_private_outputs_go_to_the_named_folder_marked_private_with_a_notice(
    tmp_path: Path,
) -> None:
    folder = write_private_outputs(PROJECT, tmp_path / "cohort", FILES, command="match")
    assert folder == (tmp_path / "cohort").resolve()
    assert (folder / "pairs.csv").read_bytes() == PERSONAL
    assert _files(folder) == {*FILES, "PERSONAL-DATA.txt", MANIFEST}
    notice = (folder / "PERSONAL-DATA.txt").read_text(encoding="utf-8")
    assert notice.startswith("Personal data: `upward match` wrote this folder")
    assert notice.endswith(
        "The files:\n- introductions/01-ada-lovelace-and-sam-lee.eml\n- pairs.csv\n"
    )
    mark = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert mark["private"] is True and mark["command"] == "match"
    assert set(mark["files"]) == {*FILES, "PERSONAL-DATA.txt"}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # its owner's only

    again = write_private_outputs(PROJECT, folder, {"pairs.csv": b"x"}, command="match")
    assert _files(again) == {"pairs.csv", "PERSONAL-DATA.txt", MANIFEST}  # replaced whole
    assert leftovers(tmp_path) == []


def test_private_outputs_never_go_inside_a_shared_output(tmp_path: Path, run_cli) -> None:
    forms = tmp_path / "forms"
    assert run_cli("forms", "-o", forms, "--kit", ROOT / "kit").code == 0
    before = snapshot(tmp_path)
    for folder in (forms / "private", forms / "a" / "b", forms):
        with pytest.raises(ProblemsFound) as found:
            write_private_outputs(PROJECT, folder, FILES, command="match")
        assert "personal data must stay out of it" in str(found.value)
    assert snapshot(tmp_path) == before


def test_private_outputs_never_go_into_the_projects_inputs() -> None:
    with pytest.raises(ProblemsFound, match="inside the docs folder"):
        write_private_outputs(PROJECT, ROOT / "docs" / "private", FILES, command="match")


def test_a_public_command_never_replaces_a_folder_of_personal_data(tmp_path: Path, run_cli) -> None:
    folder = write_private_outputs(PROJECT, tmp_path / "cohort", FILES, command="match")
    before = snapshot(tmp_path)
    forms = run_cli("forms", "-o", folder)
    assert forms.code == 1 and "holds personal data written by `upward match`" in forms.err
    tailor = run_cli("tailor", EXAMPLE_PROFILE, "-o", folder, "--force")
    assert tailor.code == 1 and "never replaces" in tailor.err
    with pytest.raises(ProblemsFound, match="which `upward report` does not replace"):
        write_private_outputs(PROJECT, folder, FILES, command="report")  # another command's
    assert snapshot(tmp_path) == before


def test_a_folder_an_earlier_version_wrote_for_match_is_still_private(tmp_path: Path) -> None:
    """Before marks said `private`, `upward match` wrote its folder with a plain mark (and a
    README.txt): the next run replaces it, and a public command still never does."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "README.txt").write_bytes(b"personal data")
    write_manifest(folder, "match")
    assert "private" not in json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    with pytest.raises(ProblemsFound, match="holds personal data written by `upward match`"):
        orchestration.build_blank_forms(PROJECT, folder)
    write_private_outputs(PROJECT, folder, FILES, command="match")
    assert _files(folder) == {*FILES, "PERSONAL-DATA.txt", MANIFEST}


@pytest.mark.parametrize("name", ["../pairs.csv", "/tmp/pairs.csv", "PERSONAL-DATA.txt", MANIFEST])
def test_a_private_file_name_stays_inside_its_folder(name: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not the name of a file inside"):
        write_private_outputs(PROJECT, tmp_path / "cohort", {name: b""}, command="match")
    assert not (tmp_path / "cohort").exists()


# --- every command that writes personal data, end to end ------------------------------------

COHORT = KIT / "examples" / "cohort"
TODAY = "2027-04-01"


def _run_private(command: str, run_cli, tmp_path: Path, out: Path):
    """`upward COMMAND ... -o out` on the examples, as a lead runs it."""
    if command == "match":
        return run_cli("match", COHORT / "mentors.csv", COHORT / "mentees.csv", "-o", out)
    if command == "status":
        tracker = tmp_path / "programme" / "tracker.xlsx"
        if not tracker.exists():
            tracker.parent.mkdir(parents=True)
            tracker.write_bytes(tracker_workbook(northwind(), ROSTER, recorded=RECORDED))
        return run_cli("status", tracker, "--today", TODAY, "-o", out)
    return run_cli("report", KIT / "examples" / "returns", "--today", TODAY, "-o", out)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_private_command_writes_one_way_and_never_where_it_is_shared(
    command: str, run_cli, tmp_path: Path, kit: Path
) -> None:
    """match, status and report write through write_private_outputs: marked private, readable
    by the owner only, one notice listing exactly the files; never inside a kit or its site,
    and never replaced by a public command."""
    folder = tmp_path / "private"
    done = _run_private(command, run_cli, tmp_path, folder)
    assert done.code == 0, done.err
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    mark = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert mark["private"] is True and mark["command"] == command
    written = sorted(_files(folder) - {MANIFEST, "PERSONAL-DATA.txt"})
    assert written and set(mark["files"]) == {*written, "PERSONAL-DATA.txt"}
    notice = (folder / "PERSONAL-DATA.txt").read_text(encoding="utf-8")
    words = english()
    assert notice == private_notice(words, command, written)  # one notice, this folder's files
    assert notice.startswith(f"Personal data: `upward {command}` wrote this folder")
    assert words(f"private_folder.holds.{command}") in notice

    before = snapshot(tmp_path)
    for public in (("build", "-o", folder), ("forms", "-o", folder)):
        refused = run_cli(*public)
        assert refused.code == 1 and f"personal data written by `upward {command}`" in refused.err
    for inside in (kit / "private", kit / paths.KIT_SITE / "private", kit / paths.KIT_SITE):
        refused = _run_private(command, run_cli, tmp_path, inside)
        assert refused.code == 1 and "wrote to be shared" in refused.err, refused.err
        assert "leave -o out" not in refused.err
    assert snapshot(tmp_path) == before
    assert not (kit / "private").exists() and read_manifest(kit).private is False


def test_no_private_file_reaches_a_kit_its_zip_or_its_site(run_cli, tmp_path: Path) -> None:
    """With the three commands' private folders beside it, a kit tailored into the same
    folder carries none of their files or the personal data in them (the e-mail addresses of
    the applicants and of the tracker's pairs), in the kit, in its site or in its zip; and the kit cannot be written over the folder that holds them."""
    private = {}
    for command in COMMANDS:
        private[command] = tmp_path / "private" / command
        assert _run_private(command, run_cli, tmp_path, private[command]).code == 0
    before = snapshot(tmp_path / "private")
    refused = run_cli("tailor", EXAMPLE_PROFILE, "-o", tmp_path / "private", "--force")
    assert refused.code == 1 and snapshot(tmp_path / "private") == before
    result = orchestration.tailor(PROJECT, EXAMPLE_PROFILE, tmp_path / "kit", force=False)

    emails = {
        row["email"].encode()
        for side in ("mentors", "mentees")
        for row in csv.DictReader(io.StringIO((COHORT / f"{side}.csv").read_text("utf-8")))
    }
    secrets = {SECRET, *emails, *(a.encode() for a in _tracker_emails())}
    contents = {
        p.read_bytes()
        for folder in private.values()
        for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    kit_files = {p: p.read_bytes() for p in result.folder.rglob("*") if p.is_file()}
    with zipfile.ZipFile(result.zip_path) as archive:
        zipped = {name: archive.read(name) for name in archive.namelist()}
    for where, data in [*((p.as_posix(), d) for p, d in kit_files.items()), *zipped.items()]:
        assert where.rpartition("/")[2] != "PERSONAL-DATA.txt" and data not in contents, where
        assert not any(secret in data for secret in secrets), where
    assert any(p.parts[-2:] == ("search", "search_index.json") for p in kit_files)  # the site


def _tracker_emails() -> set[str]:
    return {email for pair in ROSTER for email in (pair.mentor_email, pair.mentee_email)}
