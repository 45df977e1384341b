"""Every page of the general site (served) and of a tailored kit (opened from disk) loads in
Chromium with no console error and no request to another host; one page of each kind has no
serious or critical axe-core violation (WCAG 2 A and AA), in light and dark mode; search works
from a server and from file://."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from upward import paths

from .conftest import Sites, describe, file_url, run_axe

# The first page (in sorted order) of each kind is checked with axe.
SINGLE_PAGES = {
    paths.built(page): kind
    for page, kind in {
        paths.HOME: "home",
        paths.PROGRAMME: "programme",
        paths.PURPOSES: "purposes index",
        paths.SESSIONS: "session plans index",
        paths.QUESTIONS: "question builder",
        paths.FEEDBACK: "feedback index",
        paths.FORMS: "forms index",
        paths.CASES: "cases index",
    }.items()
}
HOME, BUILDER = paths.built(paths.HOME), paths.built(paths.QUESTIONS)
FOLDERS = {
    "start": "start page",
    "guides": "guide",
    "purposes": "purpose",
    "questions": "topic",
    "feedback": "feedback module",
    "forms": "form",
    "agreements": "agreement",
    "cases": "case",
}
DARK_KINDS = {"home", "question builder", "form", "session", "guide", "agreement"}
AXE_ALL = os.environ.get("UPWARD_AXE_ALL") == "1"  # every page, not one of each kind (slower)


def kind_of(relative: str) -> str:
    if relative in SINGLE_PAGES:
        return SINGLE_PAGES[relative]
    parts = relative.split("/")
    if parts[0] == "sessions":
        return "plan" if parts[-1] == "index.html" else "session"
    if len(parts) > 1:
        return FOLDERS.get(parts[0], parts[0])
    return relative.removesuffix(".html")  # messages, glossary, faq, standards, ...


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def representatives(pages: list[str]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for relative in pages:
        chosen.setdefault(kind_of(relative), relative)
    return chosen


def open_search(page, query: str) -> None:
    """Press "/" as a reader would, type, and wait for the first result."""
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)  # typed, not filled: Material searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)


def check_every_page(page, guard, urls: dict[str, str], axe_source: str) -> list[str]:
    problems: list[str] = []
    axe_on = set(representatives(list(urls)).values())
    for relative, url in urls.items():
        guard.reset()
        page.goto(url, wait_until="load")
        assert page.locator("article").count() == 1, f"{relative}: no article"
        if relative == HOME:
            open_search(page, "mentor")  # loads the search worker and index, which must stay local
        if AXE_ALL or relative in axe_on:
            violations = run_axe(page, axe_source)
            if violations:
                problems.append(f"{relative} ({kind_of(relative)}): axe\n{describe(violations)}")
        problems.extend(f"{relative}: external request {u}" for u in guard.external)
        problems.extend(guard.errors)
    return problems


def check_dark_mode(open_page, urls: dict[str, str], axe_source: str) -> list[str]:
    """One page of some kinds again in Material's slate scheme (our colours must hold there)."""
    # A fresh context: Material keeps the reader's palette choice in localStorage.
    page, guard = open_page(color_scheme="dark")
    problems = []
    for kind, relative in representatives(list(urls)).items():
        if kind not in DARK_KINDS:
            continue
        page.goto(urls[relative], wait_until="load")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        violations = run_axe(page, axe_source)
        if violations:
            problems.append(f"{relative} ({kind}, dark): axe\n{describe(violations)}")
    return problems + guard.errors + guard.external


def test_every_page_of_the_general_site_is_clean(
    sites: Sites, server: str, open_page, axe_source: str
) -> None:
    pages = site_pages(sites.general)
    assert len(pages) > 50
    page, guard = open_page()
    started = time.monotonic()
    urls = {p: server + p for p in pages}
    problems = check_every_page(page, guard, urls, axe_source)
    problems += check_dark_mode(open_page, urls, axe_source)
    print(f"{len(pages)} pages checked in {time.monotonic() - started:.1f} s")
    assert not problems, "\n".join(problems[:30])


def test_every_page_of_a_tailored_kit_is_clean_from_disk(
    sites: Sites, open_page, axe_source: str
) -> None:
    # 404.html links its assets from the server root, which means nothing on disk.
    pages = [p for p in site_pages(sites.kit_site) if p != "404.html"]
    page, guard = open_page()
    urls = {p: file_url(sites.kit_site / p) for p in pages}
    problems = check_every_page(page, guard, urls, axe_source)
    problems += check_dark_mode(open_page, urls, axe_source)
    assert not problems, "\n".join(problems[:30])


def test_every_kind_of_page_is_checked(sites: Sites) -> None:
    kinds = set(representatives(site_pages(sites.general)))
    expected = {
        "home", "start page", "guide", "purpose", "plan", "session", "question builder",
        "topic", "feedback module", "form", "agreement", "case", "messages", "glossary",
        "faq", "standards", "sources", "tags", "about",
    }  # fmt: skip
    assert expected <= kinds, expected - kinds


@pytest.mark.parametrize("where", ["server", "file"])
def test_search_finds_a_question_by_a_word_in_it(
    where: str, sites: Sites, server: str, open_page
) -> None:
    site = sites.general if where == "server" else sites.kit_site
    page, guard = open_page()
    builder = (site / BUILDER).read_text(encoding="utf-8")
    # A distinctive word from a question in the bank, so the hit must come from the builder
    # or a topic page.
    page.goto(server + BUILDER if where == "server" else file_url(site / BUILDER))
    text = page.locator(".upward-q__text").nth(3).inner_text()
    word = max(text.strip("?.!").split(), key=len).strip(",;:'\"")
    assert word in builder
    page.goto(server if where == "server" else file_url(site / HOME))
    open_search(page, word)
    results = page.locator(".md-search-result__item")
    assert word.lower() in results.first.inner_text().lower()
    hrefs = page.locator(".md-search-result__link").evaluate_all("a => a.map(x => x.href)")
    assert any("/questions/" in h for h in hrefs), hrefs
    assert not guard.external and not guard.errors, (guard.external, guard.errors)


def test_print_shows_every_tab_and_closed_details_without_site_chrome(
    sites: Sites, server: str, open_page
) -> None:
    with_details = next(p for p in site_pages(sites.general) if "<details" in read(sites, p))
    with_tabs = next(p for p in site_pages(sites.general) if 'class="tabbed-set' in read(sites, p))
    page, guard = open_page()
    for relative in (with_details, with_tabs):
        page.goto(server + relative)
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-top"):
            assert page.locator(chrome).first.is_hidden(), (relative, chrome)
        if relative == with_details:
            closed = page.locator("details:not([open]) > :not(summary)")
            assert closed.count() > 0
            assert all(closed.nth(i).is_visible() for i in range(closed.count())), relative
        else:
            blocks = page.locator(".tabbed-set .tabbed-block")
            assert blocks.count() > 1
            assert all(blocks.nth(i).is_visible() for i in range(blocks.count())), relative
            assert page.locator(".tabbed-labels").first.is_hidden()
            names = blocks.evaluate_all(
                "bs => bs.map(b => getComputedStyle(b, '::before').content)"
            )
            assert all(n not in ("none", "normal", '""') for n in names), names
        page.emulate_media(media="screen")
    assert not guard.errors and not guard.external, (guard.errors, guard.external)


def read(sites: Sites, relative: str) -> str:
    return (sites.general / relative).read_text(encoding="utf-8")
