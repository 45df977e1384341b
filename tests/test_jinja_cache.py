"""The compiled-template cache (upward.render.jinja_cache) never changes what a template renders:
an environment made another way, an edited template or a damaged cache file is compiled afresh;
and what one run compiled, the next run reads back from disk instead of compiling again."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import jinja2
import pytest

from upward.render.jinja_cache import TemplateCache

SOURCE = "{% for x in items %}\n  {{ x | upper }}\n{% endfor %}\n"


def _render(folder: Path, cache: TemplateCache | None, **options) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache, **options
    )
    return environment.get_template("page.md").render(items=["a", "b"])


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.md").write_text(SOURCE, encoding="utf-8")
    return folder


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("upward-test-*.cache"))


def test_an_environment_made_another_way_never_gets_code_compiled_for_the_first(
    templates: Path, tmp_path: Path
) -> None:
    cache = TemplateCache("test", str(tmp_path))
    trimmed = _render(templates, cache, trim_blocks=True, lstrip_blocks=True)
    plain = _render(templates, cache)
    assert trimmed == _render(templates, None, trim_blocks=True, lstrip_blocks=True) == "  A\n  B\n"
    assert plain == _render(templates, None) != trimmed
    assert len(_cache_files(tmp_path)) == 2  # one compiled copy for each way


def test_an_edited_template_is_compiled_afresh(templates: Path, tmp_path: Path) -> None:
    cache = TemplateCache("test", str(tmp_path))
    assert _render(templates, cache, trim_blocks=True) == "  A\n  B\n"
    (templates / "page.md").write_text(SOURCE.replace("upper", "lower"), encoding="utf-8")
    assert _render(templates, cache, trim_blocks=True) == "  a\n  b\n"
    assert (
        _render(templates, TemplateCache("test", str(tmp_path)), trim_blocks=True) == "  a\n  b\n"
    )


def test_the_next_run_reads_the_compiled_code_back_and_a_damaged_file_costs_only_time(
    templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _render(templates, TemplateCache("test", str(tmp_path)))
    (cached,) = _cache_files(tmp_path)
    compiled: list[str] = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment,
        "compile",
        lambda self, source, *a, **k: compiled.append(source) or real(self, source, *a, **k),
    )
    assert _render(templates, TemplateCache("test", str(tmp_path))) == expected  # a new run
    assert compiled == []  # read from disk, not compiled
    cached.write_bytes(cached.read_bytes()[:40] + b"\x00garbage")
    assert _render(templates, TemplateCache("test", str(tmp_path))) == expected
    assert len(compiled) == 1


def test_the_folder_on_disk_is_its_owners_only_and_can_be_left_out(
    templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = tmp_path / f"_jinja2-cache-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o777)  # as someone careless (or hostile) might leave it
    expected = _render(templates, None)
    assert _render(templates, TemplateCache("test")) == expected
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # Jinja makes it so, or refuses it
    assert _cache_files(folder)
    monkeypatch.setenv("UPWARD_CACHE", "memory")
    assert _render(templates, TemplateCache("test", str(tmp_path))) == expected
    assert _cache_files(tmp_path) == []  # kept in memory only
