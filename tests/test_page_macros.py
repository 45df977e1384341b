"""Hand-written pages in docs/ that opt in (`render_macros: true`) are templates over a few
values, rendered by the hook: the same under `upward build` and plain `mkdocs build`; escaped,
sandboxed and strict; and never applied to a generated page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from upward.build.macros import PageMacroError, page_values, render_page
from upward.load.kit import load_kit

from conftest import KIT, write
from scratch_project import make_scratch_project


def _editing_page(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "editing.html").read_text(encoding="utf-8"), "lxml")


def test_plain_mkdocs_build_renders_the_editing_page_through_the_hook(tmp_path: Path) -> None:
    """`mkdocs build` knows only mkdocs.yml: its hook makes the pages and renders the page
    that opts in, with the kit's inventory and the placeholders."""
    project = make_scratch_project(tmp_path / "project")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    page = _editing_page(tmp_path / "site")
    rows = {
        tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text()
        for tr in page.select("article table tr")
        if tr.find_all("td")
    }
    counts = load_kit(KIT).kit.counts()
    assert rows == {k.replace("_", " ").capitalize(): str(v) for k, v in counts.items()}
    assert "{{ org.name }}" in page.select_one("article").get_text()
    assert "{%" not in page.select_one("article").get_text().replace("{% raw %}", "").replace(
        "{% endraw %}", ""
    )


def test_values_are_escaped_and_unknown_names_are_errors() -> None:
    values = {**page_values({"a<b>": 1}), "name": "<script>alert(1)</script>"}
    assert render_page("{{ name }}", values) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "a&lt;b&gt;" in render_page("{% for k in kit_counts() %}{{ k }}{% endfor %}", values)
    with pytest.raises(PageMacroError, match="'nothing' is undefined"):
        render_page("{{ nothing }}", values)
    with pytest.raises(PageMacroError, match="line 2"):
        render_page("fine\n{% for %}", values)


def test_the_sandbox_keeps_a_page_from_reaching_python() -> None:
    with pytest.raises(PageMacroError):
        render_page("{{ kit_counts.__globals__ }}", page_values({}))


def test_a_broken_page_fails_the_build_and_names_itself(tmp_path: Path) -> None:
    project = make_scratch_project(tmp_path / "project")
    write(project / "docs" / "broken.md", "---\nrender_macros: true\n---\n# B\n\n{{ nothing }}\n")
    run = subprocess.run(
        [sys.executable, "-m", "upward", "build", "-o", str(tmp_path / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 1
    assert "broken.md" in run.stderr and "'nothing' is undefined" in run.stderr
    assert not (tmp_path / "site").exists()
