"""The checked kit kept on disk (upward.load.kit_cache): reused only for the very same files,
never hiding a problem, and the same kit, lines included, as reading it afresh."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from upward.load import kit as kit_module
from upward.load import kit_cache
from upward.load.kit import load_kit, read_kit
from upward.model.kinds import KINDS, items
from upward.problems import ProblemsFound


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of our own for the system's, so the cache folder is the test's."""
    system_temp = tmp_path / "tmp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    monkeypatch.delenv("UPWARD_CACHE", raising=False)
    return system_temp / f"_jinja2-cache-{os.getuid()}"


def _kept(cache: Path) -> list[Path]:
    return sorted(cache.glob("upward-kit-*.pickle")) if cache.is_dir() else []


def _not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> None:
        raise AssertionError("the kit was read again")

    monkeypatch.setattr(kit_module, "read_kit", fail)


def _where_everything_came_from(loaded) -> list[tuple[str, int]]:
    """Each item's file and first line, in the kit's order."""
    found = []
    for kind in KINDS:
        for item in items(loaded.kit, kind):
            if id(item) in loaded.origins:
                found.append((loaded.origin(item).shown, loaded.origin(item).problem((), "x").line))
    return found


def test_the_same_files_give_the_same_kit_with_its_lines_without_reading(
    kit_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = load_kit(kit_copy)
    assert len(_kept(cache)) == 1
    _not_read_again(monkeypatch)
    again = load_kit(kit_copy)
    assert again.kit == fresh.kit
    assert again.kit.counts() == fresh.kit.counts()
    assert len(again.origins) == len(fresh.origins)
    assert _where_everything_came_from(again) == _where_everything_came_from(fresh)
    purpose = again.kit.purposes[0]  # a later check can still point at a line in its file
    problem = again.origin(purpose).problem(("title",), "checked")
    assert problem.file.endswith(".yaml") and problem.line > 1


def test_an_edited_file_is_read_again_and_its_problem_reported(kit_copy: Path, cache: Path) -> None:
    load_kit(kit_copy)
    faq = kit_copy / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nnot_a_field: true\n", "utf-8")
    with pytest.raises(ProblemsFound) as found:
        load_kit(kit_copy)
    assert any("not_a_field" in str(problem) for problem in found.value.problems)


def test_a_file_added_later_is_reported(kit_copy: Path, cache: Path) -> None:
    load_kit(kit_copy)
    (kit_copy / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        load_kit(kit_copy)
    assert "is not part of the kit" in str(found.value)


def test_a_kit_with_problems_is_never_kept(kit_copy: Path, cache: Path) -> None:
    (kit_copy / "notes.txt").write_text("mine\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ProblemsFound):
            load_kit(kit_copy)
    assert _kept(cache) == []


def test_paths_follow_the_working_folder(
    kit_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(kit_copy)
    inside = load_kit(kit_copy)
    monkeypatch.chdir(kit_copy.parent)
    outside = load_kit(kit_copy)
    assert not inside.origin(inside.kit.purposes[0]).shown.startswith("kit/")
    assert outside.origin(outside.kit.purposes[0]).shown.startswith("kit/")
    assert len(_kept(cache)) == 2  # one per kit and working folder


def test_a_damaged_copy_is_read_afresh_and_replaced(kit_copy: Path, cache: Path) -> None:
    fresh = load_kit(kit_copy)
    [kept] = _kept(cache)
    kept.write_bytes(kept.read_bytes()[:-1000])
    assert load_kit(kit_copy).kit == fresh.kit
    assert load_kit(kit_copy).kit == fresh.kit  # the copy written again reads back


def test_memory_only_keeps_nothing_on_disk(
    kit_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UPWARD_CACHE", "memory")
    assert load_kit(kit_copy).kit == read_kit(kit_copy).kit
    assert _kept(cache) == []


def test_only_the_kits_used_last_are_kept(
    kit_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kit_cache, "KEPT_KITS", 2)
    for name in ("a", "b", "c"):
        folder = kit_copy.parent / name
        folder.mkdir()
        monkeypatch.chdir(folder)  # another working folder: another copy
        load_kit(kit_copy)
    assert len(_kept(cache)) == 2


def test_a_folder_that_loops_or_a_huge_file_is_no_trouble(kit_copy: Path, cache: Path) -> None:
    """Only the two levels loading reads are looked at; a file too large to load is never
    read for the key (loading says what is wrong with it)."""
    (kit_copy / "guides" / "deeper").mkdir()
    (kit_copy / "guides" / "deeper" / "loop").symlink_to(kit_copy)
    with pytest.raises(ProblemsFound):  # 'deeper' is no guide: loading says so
        load_kit(kit_copy)
    (kit_copy / "guides" / "deeper" / "loop").unlink()
    (kit_copy / "guides" / "deeper").rmdir()
    huge = kit_copy / "faq.yaml"
    huge.write_bytes(b"# " + b"x" * 2_000_000 + b"\n")
    with pytest.raises(ProblemsFound) as found:
        load_kit(kit_copy)
    assert "too large" in str(found.value)
    assert _kept(cache) == []
