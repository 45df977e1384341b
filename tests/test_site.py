"""The built sites, read back as HTML: every form has a page, the organisation's name is
escaped everywhere, nothing points outside the site, and every local link resolves."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from upward import paths
from upward.build.manifest import MANIFEST
from upward.build.orchestration import build_general_site, tailor
from upward.build.project import Project
from upward.load.kit import load_kit

from conftest import HOSTILE_NAME, KIT, ROOT, profile_text, write


@pytest.fixture(scope="session")
def kit():
    return load_kit(KIT).kit


@pytest.fixture(scope="session")
def general_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("general") / "site"
    build_general_site(Project.at(ROOT), site)
    return site


@pytest.fixture(scope="session")
def hostile_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    name = HOSTILE_NAME.replace('"', '\\"')
    profile = write(folder / "profile.yaml", profile_text(organisation=f'"{name}"'))
    result = tailor(Project.at(ROOT), profile, folder / "kit", force=False)
    return result.folder


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_every_form_has_a_page_with_its_fields_privacy_note_and_downloads(
    general_site: Path, kit
) -> None:
    for form in kit.forms:
        page = general_site / paths.built(paths.form_page(form.id))
        html = soup(page)
        main = html.select_one("article")
        assert "Who will see your answers" in main.get_text()
        assert " ".join(form.who_sees.split())[:60] in " ".join(main.get_text().split())
        names = {el.get("name") for el in html.select("form.upward-form [name]")}
        assert {f.id for f in form.fields} <= names
        for suffix in ("pdf", "docx"):
            download = paths.form_download(form.id, suffix)
            href = posixpath.relpath(download, posixpath.dirname(paths.form_page(form.id)))
            assert main.find("a", href=href) is not None, (form.id, suffix)
            assert (general_site / download).stat().st_size > 1000


def test_no_page_shows_an_unrendered_placeholder(general_site: Path) -> None:
    for page in pages(general_site):
        article = soup(page).select_one("article")
        if article is None:
            continue
        for code in article.find_all(["code", "pre"]):  # the editing guide shows the syntax itself
            code.decompose()
        text = article.get_text()
        assert "{{" not in text and "{%" not in text, page


def test_the_site_refers_to_no_other_host(general_site: Path) -> None:
    for page in pages(general_site):
        html = soup(page)
        for element in html.find_all(True):
            for attribute in ("src", "href", "srcset", "action", "data", "poster"):
                value = element.get(attribute)
                if value and re.match(r"^(https?:)?//", value.strip()):
                    pytest.fail(
                        f"{page.relative_to(general_site)}: <{element.name} {attribute}={value}>"
                    )
    for sheet in general_site.rglob("*.css"):
        assert not re.search(
            r"url\(\s*['\"]?(https?:)?//|@import\s+['\"]?(https?:)?//", sheet.read_text()
        ), sheet


def test_every_local_link_and_anchor_resolves(general_site: Path) -> None:
    """Links in raw HTML and generated pages too, which `mkdocs build --strict` does not see."""
    files = {str(p.relative_to(general_site)) for p in general_site.rglob("*") if p.is_file()}
    ids: dict[str, set[str]] = {}
    broken: list[str] = []
    links_to_check: list[tuple[str, str, str, str]] = []
    for page in pages(general_site):
        if page.name == "404.html":  # served by a web server at any depth, so its links are rooted
            continue
        here = str(page.relative_to(general_site))
        html = soup(page)
        ids[here] = {el["id"] for el in html.find_all(id=True)}
        for element in html.find_all(["a", "link", "script", "img"]):
            href = element.get("href") or element.get("src")
            if not href or re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            parts = urlsplit(href)
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(parts.path)))
                if parts.path
                else here
            )
            if target not in files:
                broken.append(f"{here} -> {href}")
            elif parts.fragment and target.endswith(".html"):
                links_to_check.append((here, href, target, unquote(parts.fragment)))
    for here, href, target, fragment in links_to_check:
        if target not in ids:
            ids[target] = {el["id"] for el in soup(general_site / target).find_all(id=True)}
        if fragment not in ids[target]:
            broken.append(f"{here} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


def test_a_tailored_kit_holds_site_forms_calendar_and_zip(hostile_kit: Path, kit) -> None:
    """Read what the zip holds: the same calendar and prefilled forms as the folder, a site
    whose downloads are the kit's own files, and the offline search index."""
    import io

    from icalendar import Calendar
    from pypdf import PdfReader

    [bundle] = hostile_kit.glob("*-reverse-mentoring-kit.zip")
    prefix = bundle.name.removesuffix("-reverse-mentoring-kit.zip")
    with zipfile.ZipFile(bundle) as archive:
        assert archive.testzip() is None
        packed = {
            name.removeprefix(f"{prefix}/"): archive.read(name) for name in archive.namelist()
        }
    on_disk = {
        str(p.relative_to(hostile_kit)): p.read_bytes()
        for p in hostile_kit.rglob("*")
        if p.is_file() and p not in (bundle, hostile_kit / MANIFEST)  # the mark stays on disk
    }
    assert packed == on_disk
    assert "site/search/search_index.js" in packed  # offline search works from file://
    events = Calendar.from_ical(packed["schedule.ics"]).walk("VEVENT")
    assert len([e for e in events if "-session-" in str(e["UID"])]) == 6  # and 8 milestones
    assert packed[f"site/{paths.SCHEDULE}"] == packed["schedule.ics"]
    for form in kit.forms:
        for suffix in ("pdf", "docx"):
            download, name = paths.form_download(form.id, suffix), paths.form_file(form.id, suffix)
            assert packed[f"site/{download}"] == packed[f"forms/{name}"], name
    fields = PdfReader(io.BytesIO(packed["forms/mentoring-agreement.pdf"])).get_fields()
    assert fields["organisation"].get("/V") == HOSTILE_NAME


def test_a_hostile_organisation_name_is_shown_literally_and_never_run(hostile_kit: Path) -> None:
    site = hostile_kit / "site"
    home = soup(site / paths.built(paths.HOME))
    assert HOSTILE_NAME in home.select_one("article").get_text()
    for page in pages(site):
        html = soup(page)
        assert not html.find("img", attrs={"onerror": True}), page
        assert "onerror=alert(1)>" not in page.read_text(encoding="utf-8").replace("&gt;", ""), page
        article = html.select_one("article")
        if article and "7*7" in article.get_text():
            assert "49" not in article.get_text().split("7*7")[1][:10]
    assert "<img" not in (site / "search" / "search_index.json").read_text().replace("&lt;img", "")


def test_the_tailored_home_page_shows_the_programme_at_a_glance(tmp_path: Path, run_cli) -> None:
    result = run_cli("tailor", ROOT / "kit" / "examples" / "northwind.yaml", "-o", tmp_path / "kit")
    assert result.code == 0, result.err
    site = tmp_path / "kit" / "site"
    home = soup(site / paths.built(paths.HOME)).select_one("article").get_text()
    for expected in (
        "Northwind Trading",
        "Monday 11 January 2027",
        "Zoë Øberg-Núñez",
        "zoe.oberg@northwind.example",
    ):
        assert expected in home
    programme = soup(site / paths.built(paths.PROGRAMME)).select_one("article")
    assert len(programme.select("table tbody tr")) == 6


# --- page structure ------------------------------------------------------------------------


def test_every_page_starts_with_its_title_and_its_tags_follow_it(general_site: Path) -> None:
    """An empty front matter block once showed as a stray rule and `---` heading above the
    title (FAQ, sources, about, glossary); tags above the title pushed it down on every
    tagged page."""
    for page in pages(general_site):
        article = soup(page).select_one("article")
        if article is None:
            continue
        first = next(el for el in article.find_all(True, recursive=False) if el.name != "a")
        assert first.name == "h1", (page.name, str(first)[:80])
        assert not article.find("hr", recursive=False) or page.name == "editing.html", page
        tags = article.select_one(".md-tags")
        if tags is not None:
            assert tags.find_previous_sibling("h1") is first, page


def test_the_glossary_is_one_flat_list_of_terms_with_working_see_also_links(
    general_site: Path, kit
) -> None:
    """Each definition was nested inside the one before it, 40 levels deep."""
    article = soup(general_site / paths.built(paths.GLOSSARY)).select_one("article")
    assert not article.find("dl")
    terms = article.select("h3[id]")
    assert [t.get_text(strip=True).rstrip("¶") for t in terms] == sorted(
        (t.term for t in kit.glossary.terms), key=str.lower
    )
    letters = article.select(".upward-letters a")
    assert letters and all(article.find(id=a["href"][1:], name="h2") for a in letters)
    links = [a for term in terms for a in term.find_next("p").find_next_sibling("p").select("a")]
    ids = {t["id"] for t in terms}
    assert any(a["href"].lstrip("#") in ids for a in links)  # see-also links land on terms


def test_a_session_names_each_topic_once_above_its_questions(general_site: Path, kit) -> None:
    for plan in kit.session_plans:
        for session in plan.sessions:
            if not session.questions:
                continue
            page = general_site / paths.built(paths.session_page(plan.id, session.id))
            article = soup(page).select_one("article")
            lines = article.select(".upward-topic-line")
            topics = {q.id: b.id for b in kit.question_banks for q in b.questions}
            assert len(lines) == len({topics[q] for q in session.questions}), page
            questions = sum(len(line.find_next_sibling("ul").select("li")) for line in lines)
            assert questions == len(session.questions), page


# --- search ----------------------------------------------------------------------------------


def test_search_results_are_not_tables_or_controls_run_together(general_site: Path) -> None:
    """A result once showed 17 table rows flattened into one line, and the question builder's
    topic, stage and purpose menus. Tables the templates make (their rows are pages of their
    own, or timetables) and the builder's controls are left out of the index; every other entry
    is a section of readable size."""
    import json

    from upward.words import english

    words = english()
    index = json.loads((general_site / "search" / "search_index.json").read_text())["docs"]
    texts = [(doc["location"], " ".join(doc["text"].split())) for doc in index]
    headers = [
        " ".join(words.list(key))
        for key in (
            "forms_index.columns",
            "sessions_index.columns",
            "purposes_index.columns",
            "cases_index.columns",
            "feedback_index.columns",
            "session.agenda_columns",
            "standards.columns",
            "about.edition.columns",
            "messages.columns",
        )
    ]
    # Hand-written pages (guides, docs/editing.md) keep their tables searchable: their rows are
    # content found nowhere else.
    made = [(loc, t) for loc, t in texts if not loc.startswith(("guides/", "editing.html"))]
    for location, text in made:
        for header in headers:
            assert header not in text, (location, header)
    for location, text in texts:
        assert words("builder.all_topics") not in text, location
        assert words("builder.about_topic") not in text, location
    longest = max((len(t), loc) for loc, t in texts if not loc.startswith("tags.html"))
    assert longest[0] < 3500, longest
    # The questions themselves are still found, each topic a result of its own.
    assert (
        sum(loc.startswith(paths.built(paths.QUESTIONS) + "#upward-topic-") for loc, _ in texts) > 5
    )
