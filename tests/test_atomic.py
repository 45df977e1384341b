"""A tailor run that is killed (SIGKILL, at several moments) or that fails leaves the previous
kit exactly as it was, and the next run leaves no temporary folder behind."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from upward.build.staging import staged_folder

from conftest import KIT, ROOT, profile_text, write

TEMPORARY = (".upward-tmp-", ".upward-old-")


def tree_hash(folder: Path) -> str:
    """One hash over every path and every byte under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(TEMPORARY))


def staging_folders(parent: Path) -> list[Path]:
    return [p for p in parent.glob(".upward-tmp-*") if p.is_dir()]


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("profiles")
    first = write(folder / "first.yaml", profile_text(organisation='"Before Ltd"'))
    second = write(
        folder / "second.yaml", profile_text(organisation='"After Ltd"', cadence="weekly")
    )
    return first, second


@pytest.fixture(scope="module")
def previous_kit(tmp_path_factory: pytest.TempPathFactory, profiles) -> tuple[Path, str]:
    """A finished kit, built once: each test works on a copy of it."""
    from upward.build.orchestration import tailor
    from upward.build.project import Project

    folder = tmp_path_factory.mktemp("previous") / "kit"
    tailor(Project.at(ROOT).with_kit(KIT), profiles[0], folder, force=False)
    return folder, tree_hash(folder)


@pytest.fixture
def kit_folder(tmp_path: Path, previous_kit) -> Path:
    source, _ = previous_kit
    target = tmp_path / "out" / "kit"
    shutil.copytree(source, target)
    return target


def start_tailor(profile: Path, target: Path, kit: Path = KIT) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "upward", "tailor", profile, "--kit", kit, "-o", target, "--force"],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_when(process: subprocess.Popen[bytes], moment: Callable[[], bool]) -> bool:
    """SIGKILL `process` as soon as `moment()` is true (polled every 2 ms); False if the run
    finished first (on a very busy machine the poller can be late for the last step)."""
    deadline = time.monotonic() + 120
    while not moment():
        if process.poll() is not None:
            return False
        assert time.monotonic() < deadline, "the moment to kill the run never came"
        time.sleep(0.002)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return process.returncode == -signal.SIGKILL


def processes_writing(target: Path) -> list[int]:
    """Processes whose command line names `target` (the run and its forms worker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(target).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def no_process_left(target: Path, within: float = 2.0) -> bool:
    deadline = time.monotonic() + within
    while processes_writing(target):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _after(seconds: float) -> Callable[[], bool]:
    start = time.monotonic()
    return lambda: time.monotonic() - start >= seconds


def _building(parent: Path) -> Callable[[], bool]:
    """MkDocs is writing the site into the staging folder."""
    return lambda: any(next((s / "site").rglob("*.html"), None) for s in staging_folders(parent))


def _zipping(parent: Path) -> Callable[[], bool]:
    """The last step before the swap: the zip is being written."""
    return lambda: any(next(s.glob("*.zip"), None) for s in staging_folders(parent))


MOMENTS = {
    "early": lambda parent: _after(0.3),
    "mid-build": _building,
    "just-before-the-swap": _zipping,
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_killed_run_leaves_the_previous_kit_untouched(
    moment: str, kit_folder: Path, previous_kit, profiles, run_cli
) -> None:
    source, before = previous_kit
    parent = kit_folder.parent
    for _attempt in range(3):
        if kill_when(start_tailor(profiles[1], kit_folder), MOMENTS[moment](parent)):
            break
        shutil.rmtree(kit_folder)  # it finished first: put the previous kit back, try again
        shutil.copytree(source, kit_folder)
    else:
        pytest.fail("the run always finished before the moment to kill it came")

    assert tree_hash(kit_folder) == before
    if Path("/proc/self/cmdline").exists():  # the forms worker does not outlive the run
        assert no_process_left(kit_folder)
    if moment != "early":
        assert staging_folders(parent), "the run was killed before it staged anything"

    result = run_cli("tailor", profiles[1], "--kit", KIT, "-o", kit_folder, "--force")
    assert result.code == 0, result.err
    assert leftovers(parent) == []
    assert "After Ltd" in (kit_folder / "site" / "index.html").read_text(encoding="utf-8")


def test_a_run_killed_between_the_two_renames_is_put_back(tmp_path: Path) -> None:
    """The swap renames the old kit aside, then the new one in: a kill between the two leaves
    no kit under its name, and the next run puts the old one back before it starts."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    target = tmp_path / "kit"
    aside = tmp_path / f".upward-old-{dead.pid}-kit"
    write(aside / "site" / "index.html", "the previous kit")
    half_built = tmp_path / f".upward-tmp-{dead.pid}-kit-abc123"
    write(half_built / "site" / "index.html", "half")
    with pytest.raises(RuntimeError), staged_folder(target, command="tailor"):
        assert (target / "site" / "index.html").read_text() == "the previous kit"
        raise RuntimeError("this run fails too")
    assert (target / "site" / "index.html").read_text() == "the previous kit"
    assert leftovers(tmp_path) == []


def test_a_run_killed_after_the_swap_but_before_the_tidy_up_keeps_the_new_kit(
    tmp_path: Path,
) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    target = tmp_path / "kit"
    write(target / "new.txt", "new")
    write(tmp_path / f".upward-old-{dead.pid}-kit" / "old.txt", "old")
    with staged_folder(tmp_path / "other", command="tailor") as staging:
        write(staging / "x.txt", "x")
    assert (target / "new.txt").read_text() == "new"
    assert leftovers(tmp_path) == []


def test_a_failed_build_leaves_the_previous_kit_and_nothing_else(
    tmp_path: Path, kit_folder: Path, previous_kit, profiles, run_cli
) -> None:
    """A kit that validates but whose site fails in MkDocs (a broken link, strict mode): the
    run fails after it has staged the site, and must clean up after itself."""
    _, before = previous_kit
    bad_kit = tmp_path / "bad-kit"
    shutil.copytree(KIT, bad_kit)
    write(
        bad_kit / "guides" / "zz-broken-link.md",
        """\
        ---
        id: zz-broken-link
        title: A guide with a broken link
        audience: [lead]
        summary: Points at a page that does not exist.
        ---

        See [the missing page](no-such-page.md).
        """,
    )
    result = run_cli("tailor", profiles[1], "--kit", bad_kit, "-o", kit_folder, "--force")
    assert result.code == 1
    assert "error:" in result.err and "Traceback" not in result.err
    assert tree_hash(kit_folder) == before
    assert leftovers(kit_folder.parent) == []


def test_a_failed_run_into_a_new_folder_creates_nothing(tmp_path: Path, profiles, run_cli) -> None:
    bad_kit = tmp_path / "bad-kit"
    shutil.copytree(KIT, bad_kit)
    (next((bad_kit / "questions").glob("*.yaml"))).write_text("id: [unclosed\n", encoding="utf-8")
    target = tmp_path / "new" / "deeper" / "kit"
    result = run_cli("tailor", profiles[1], "--kit", bad_kit, "-o", target)
    assert result.code == 1
    assert "not valid YAML" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "new").exists()
