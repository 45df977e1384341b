"""Every page of the general site (served) and of a tailored kit (opened from disk) loads in
Chromium with no console error and no request to another host, and has no table wider than the
screen at 1280 and at 375 pixels; one page of each kind, the 404 page included, has no serious
or critical axe-core violation (WCAG 2 A and AA) in light mode, nor a colour one in dark mode;
the home page's three doors are in the first screen of a desktop and of a phone; a printed
training module has no near-empty sheet and keeps each scenario's "try" and "avoid" together;
search works from a server and from file://."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from upward import paths

from .conftest import COLOUR_RULES, Sites, describe, file_url, run_axe

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
AXE_ALL = os.environ.get("UPWARD_AXE_ALL") == "1"  # every page, not one of each kind (slower)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
# Tables wider than the window, or scrolling sideways inside their own box.
WIDE_TABLES = """() => [...document.querySelectorAll('article table')].flatMap((t, i) => {
    const box = t.getBoundingClientRect();
    const wide = box.left < -1 || box.right > innerWidth + 1 || t.scrollWidth > t.clientWidth + 1;
    return wide ? [`table ${i + 1}: ${Math.round(box.left)}..${Math.round(box.right)} px, ` +
        `content ${t.scrollWidth} px in ${t.clientWidth} px, window ${innerWidth} px`] : [];
})"""
NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(r))"  # after media-query events


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
        problems.extend(f"{relative}: {wide}" for wide in page.evaluate(WIDE_TABLES))
        if page.locator("article table").count():
            # The same page narrowed to a phone's width: no reload, the layout follows.
            page.set_viewport_size(PHONE)
            page.evaluate(NEXT_FRAME)
            problems.extend(f"{relative} at 375 px: {w}" for w in page.evaluate(WIDE_TABLES))
            page.set_viewport_size(DESKTOP)
        problems.extend(f"{relative}: external request {u}" for u in guard.external)
        problems.extend(guard.errors)
    return problems


def check_dark_mode(open_page, urls: dict[str, str], axe_source: str) -> list[str]:
    """One page of every kind again in Material's slate scheme, for what a scheme changes: our
    colours must hold there too."""
    # A fresh context: Material keeps the reader's palette choice in localStorage.
    page, guard = open_page(color_scheme="dark", viewport=DESKTOP)
    problems = []
    for kind, relative in representatives(list(urls)).items():
        page.goto(urls[relative], wait_until="load")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        violations = run_axe(page, axe_source, COLOUR_RULES)
        if violations:
            problems.append(f"{relative} ({kind}, dark): axe\n{describe(violations)}")
    return problems + guard.errors + guard.external


def print_axe_summary(site: str, urls: dict[str, str], problems: list[str]) -> None:
    kinds = sorted(representatives(list(urls)))
    failing = sorted({kind for kind in kinds if any(f"({kind}" in p for p in problems)})
    print(
        f"{site}: axe on {len(kinds)} kinds of page, light (WCAG 2 A/AA) and dark (colour): "
        f"{len(failing)} with a serious or critical violation {failing or ''}\n  {', '.join(kinds)}"
    )


def test_every_page_of_the_general_site_is_clean(
    sites: Sites, server: str, open_page, axe_source: str
) -> None:
    pages = site_pages(sites.general)
    assert len(pages) > 50
    page, guard = open_page(viewport=DESKTOP)
    started = time.monotonic()
    urls = {p: server + p for p in pages}
    problems = check_every_page(page, guard, urls, axe_source)
    problems += check_dark_mode(open_page, urls, axe_source)
    print(f"{len(pages)} pages checked in {time.monotonic() - started:.1f} s")
    print_axe_summary("general site", urls, problems)
    assert not problems, "\n".join(problems[:30])


def test_every_page_of_a_tailored_kit_is_clean_from_disk(
    sites: Sites, open_page, axe_source: str
) -> None:
    # 404.html links its assets from the server root, which means nothing on disk: it is
    # checked served, and unstyled from disk, below.
    pages = [p for p in site_pages(sites.kit_site) if p != "404.html"]
    page, guard = open_page(viewport=DESKTOP)
    urls = {p: file_url(sites.kit_site / p) for p in pages}
    problems = check_every_page(page, guard, urls, axe_source)
    problems += check_dark_mode(open_page, urls, axe_source)
    print_axe_summary("tailored kit", urls, problems)
    assert not problems, "\n".join(problems[:30])


def test_every_kind_of_page_is_checked(sites: Sites) -> None:
    kinds = set(representatives(site_pages(sites.general)))
    expected = {
        "home", "start page", "guide", "purpose", "plan", "session", "question builder",
        "topic", "feedback module", "form", "agreement", "case", "messages", "glossary",
        "faq", "standards", "sources", "tags", "about", "404", "programme", "forms index",
    }  # fmt: skip
    assert expected <= kinds, expected - kinds


def test_the_404_page_of_a_tailored_kit_is_clean_served_and_from_disk(
    sites: Sites, kit_server: str, open_page, axe_source: str
) -> None:
    """Served, it is styled like every page. Opened from disk (or served from a sub-folder) its
    style sheets do not load, and Material's bare search toggle then had no name: a critical
    violation. It must pass axe either way."""
    problems = []
    for scheme in ("light", "dark"):
        page, guard = open_page(color_scheme=scheme, viewport=DESKTOP)
        page.goto(kit_server + "404.html", wait_until="load")
        assert page.locator("article h1").count() == 1
        violations = run_axe(page, axe_source, None if scheme == "light" else COLOUR_RULES)
        problems += [f"served, {scheme}: {describe(violations)}"] if violations else []
        problems += guard.errors + guard.external
    page, guard = open_page(viewport=DESKTOP)
    page.goto(file_url(sites.kit_site / "404.html"), wait_until="load")
    violations = run_axe(page, axe_source)
    problems += [f"from disk: {describe(violations)}"] if violations else []
    problems += guard.external  # its style sheets fail to load there: console errors expected
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("which", ["general", "tailored"])
def test_the_three_doors_are_in_the_first_screen_of_a_desktop_and_a_phone(
    which: str, sites: Sites, open_page
) -> None:
    """Each door is a link to its reader's start page, drawn as a button, wholly inside the
    first screen; on a desktop "Everything in the kit" spreads across the width."""
    site = sites.general if which == "general" else sites.kit_site
    found = {}
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page, guard = open_page(viewport=viewport)
        page.goto(file_url(site / HOME))
        doors = page.locator("article a.upward-door")
        assert doors.count() == 3
        boxes = [doors.nth(i).bounding_box() for i in range(3)]
        bottoms = [round(b["y"] + b["height"]) for b in boxes]
        found[name] = bottoms
        assert all(b["y"] >= 0 for b in boxes) and max(bottoms) <= viewport["height"], (
            name,
            bottoms,
        )
        hrefs = doors.evaluate_all("ds => ds.map(d => d.getAttribute('href'))")
        assert hrefs == [paths.built(paths.start_page(a)) for a in ("mentor", "mentee", "lead")]
        for i in range(3):  # a button's look: a box with a border, the whole box the target
            style = doors.nth(i).evaluate(
                "d => [getComputedStyle(d).borderTopWidth, getComputedStyle(d).display]"
            )
            assert style[0] != "0px" and style[1] == "grid", style
            assert boxes[i]["height"] >= 44
        if name == "desktop":
            article = page.locator("article").bounding_box()
            parts = page.locator(".upward-parts li")
            assert parts.count() >= 6
            tops = [parts.nth(i).bounding_box()["y"] for i in range(3)]
            assert len(set(round(t) for t in tops)) == 1  # three or more side by side
            grid = page.locator(".upward-parts").bounding_box()
            assert grid["width"] >= 0.95 * article["width"] - 40
        assert not guard.errors and not guard.external, (guard.errors, guard.external)
    print(f"{which} home, bottom of the last door: {found}")


def fill_of_each_sheet(pdf: bytes) -> list[float]:
    """How far down each printed A4 sheet its text reaches, from 0 (empty) to 1 (full), inside
    the margins upward.css sets (14 mm top, 16 mm bottom)."""
    from pypdf import PdfReader

    fills = []
    for sheet in PdfReader(io.BytesIO(pdf)).pages:
        height = float(sheet.mediabox.height)
        top, bottom = 14 / 25.4 * 72, 16 / 25.4 * 72
        lowest = [height]

        def visit(text, cm, tm, font, size, lowest=lowest) -> None:
            if text.strip():
                lowest[0] = min(lowest[0], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        sheet.extract_text(visitor_text=visit)
        fills.append(round((height - top - lowest[0]) / (height - top - bottom), 2))
    return fills


def sheet_texts(pdf: bytes) -> list[str]:
    """Each sheet's text without white space (line breaks fall anywhere in a column)."""
    from pypdf import PdfReader

    return ["".join(s.extract_text().split()) for s in PdfReader(io.BytesIO(pdf)).pages]


def sheets_holding(texts: list[str], snippet: str) -> set[int]:
    wanted = "".join(snippet.split())
    return {number for number, text in enumerate(texts) if wanted in text}


def test_a_printed_training_module_has_no_near_empty_sheet_and_keeps_try_and_avoid_together(
    sites: Sites, open_page
) -> None:
    page, guard = open_page(viewport=DESKTOP)
    report = {}
    for path in sorted((sites.kit_site / "feedback").glob("*.html")):
        if path.name == "index.html":
            continue
        page.goto(file_url(path))
        pdf = page.pdf(format="A4")
        fills = fill_of_each_sheet(pdf)
        report[path.stem] = fills
        # No sheet nearly empty: each but the last at least half full, the last a fifth.
        assert min(fills[:-1], default=1) >= 0.5 and fills[-1] >= 0.2, (path.name, fills)
        scenarios = page.locator(".upward-scenario").evaluate_all(
            """ss => ss.map(s => [
                s.querySelector('h3').firstChild.textContent.trim(),
                s.querySelector('.admonition.success li').textContent.trim().slice(0, 40),
                [...s.querySelectorAll('.admonition.failure li')].pop().textContent.trim().slice(-40),
            ])"""
        )
        assert scenarios, path.name
        texts = sheet_texts(pdf)
        for parts in scenarios:  # its title, the first thing to try, the last to avoid
            where = set().union(*(sheets_holding(texts, part) for part in parts))
            assert len(where) == 1, (path.name, parts, where)
    print("printed sheets of each module, how full:", report)
    assert not guard.errors and not guard.external, (guard.errors, guard.external)


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
    with_details = next(
        p
        for p in site_pages(sites.general)
        if "<details" in read(sites, p) and "data-upward-builder" not in read(sites, p)
    )  # the builder's topic list is not printed at all: its sheet is the reader's questions
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
