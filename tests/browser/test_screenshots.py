"""Screenshots for a person to look at (not compared pixel by pixel), saved to
test-artifacts/screenshots/: the main pages of the tailored kit at desktop (1280x800) and phone
(375x667) size, in light and dark; then one shot for each fix of issue 13: the home page's first
screen, tables as cards on a phone, the glossary, a session page, the question builder's bar and
topics on a phone, a form's warning about empty required answers, the printed goals worksheet
and training module, the 404 page opened from disk, and a search result."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from upward import paths

from .conftest import Sites, file_url, screenshots_dir

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 667}}


def session_page(sites: Sites) -> str:
    plans = sorted(p for p in (sites.kit_site / "sessions").iterdir() if p.is_dir())
    sessions = sorted(p for p in plans[0].glob("*.html") if p.name != "index.html")
    return sessions[0].relative_to(sites.kit_site).as_posix()


def form_page(sites: Sites) -> str:
    """The goals worksheet (a scale on every goal), else the first form."""
    worksheet = paths.built(paths.form_page("goals-worksheet"))
    if (sites.kit_site / worksheet).is_file():
        return worksheet
    folder = (sites.kit_site / worksheet).parent
    forms = sorted(p for p in folder.glob("*.html") if p.name != "index.html")
    return forms[0].relative_to(sites.kit_site).as_posix()


def prepare_builder(page) -> None:
    for index in range(3):
        page.locator(".upward-builder__bank li[data-id]").nth(index * 7).locator(
            ".upward-add"
        ).click()
    page.locator("#upward-q-own").fill("What is one thing you wish leaders here asked you?")
    page.locator("#upward-q-own").press("Enter")


def prepare_form(page) -> None:
    form = page.locator("form.upward-form")
    form.locator("input[type=text]").first.fill("Ada Lovelace")
    form.locator("textarea").first.fill("Two or three lines of an answer, to see how it looks.")
    radio = form.locator("input[type=radio]")
    if radio.count():
        name = radio.first.get_attribute("name")
        form.locator(f"input[name='{name}'][value='4']").check()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_main_pages(sites: Sites, open_page, scheme: str) -> None:
    folder = screenshots_dir()
    shots = {
        "home": (paths.built(paths.HOME), None),
        "session": (session_page(sites), None),
        "builder": (paths.built(paths.QUESTIONS), prepare_builder),
        "form": (form_page(sites), prepare_form),
    }
    written = []
    for label, viewport in VIEWPORTS.items():
        if scheme == "dark" and label == "phone":
            continue
        page, guard = open_page(viewport=viewport, color_scheme=scheme, device_scale_factor=1)
        for name, (relative, prepare) in shots.items():
            page.goto(file_url(sites.kit_site / relative))
            if prepare:
                prepare(page)
                page.evaluate("window.scrollTo(0, 0)")
                page.evaluate("document.activeElement && document.activeElement.blur()")
                page.wait_for_timeout(400)  # let the header settle after scrolling back
            path = folder / f"{name}-{label}{'-dark' if scheme == 'dark' else ''}.png"
            # The builder lists the whole bank, and the home page is about its first screen.
            page.screenshot(path=path, full_page=name not in ("builder", "home"))
            written.append(path)
            if name == "builder":
                page.locator(".upward-picks h2").evaluate("h => h.scrollIntoView()")
                page.wait_for_timeout(300)
                picks = path.with_name(path.stem + "-picks.png")
                page.screenshot(path=picks)
                written.append(picks)
            if scheme == "light" and label == "desktop" and prepare:
                page.pdf(path=folder / f"{name}-print.pdf", format="A4")
                page.emulate_media(media="print")
                page.screenshot(path=folder / f"{name}-print.png", full_page=True)
                page.emulate_media(media="screen")
        assert not guard.errors and not guard.external, (guard.errors, guard.external)
    assert all(path.stat().st_size > 10_000 for path in written)


def test_screenshots_of_each_fix(sites: Sites, server: str, open_page) -> None:
    folder = screenshots_dir()
    kit = sites.kit_site
    written = []

    def shot(page, name: str, full: bool = False) -> None:
        path = folder / f"fix-{name}.png"
        page.screenshot(path=path, full_page=full)
        written.append(path)

    def printed(page, name: str) -> None:
        """The printed PDF's sheets side by side (poppler), else the print view on screen."""
        pdf = folder / f"fix-{name}.pdf"
        page.pdf(path=pdf, format="A4")
        if shutil.which("pdftoppm"):
            written.extend(sheets_side_by_side(pdf, folder / f"fix-{name}.png"))
        else:
            page.emulate_media(media="print")
            shot(page, name, full=True)
            page.emulate_media(media="screen")

    phone, guard = open_page(viewport=VIEWPORTS["phone"], device_scale_factor=1)
    desktop, desktop_guard = open_page(viewport=VIEWPORTS["desktop"], device_scale_factor=1)

    # The home page's first screen: title, one line, three doors.
    for site, which in ((sites.general, "general"), (kit, "tailored")):
        for page, size in ((phone, "phone"), (desktop, "desktop")):
            page.goto(file_url(site / paths.built(paths.HOME)))
            shot(page, f"home-first-screen-{which}-{size}")
    desktop.goto(file_url(kit / paths.built(paths.HOME)))
    shot(desktop, "home-tailored-desktop-full", full=True)

    # Wide tables as cards on a phone.
    for relative, name in ((paths.FORMS, "forms-index"), (paths.PROGRAMME, "programme")):
        phone.goto(file_url(kit / paths.built(relative)))
        phone.locator("article table").first.scroll_into_view_if_needed()
        shot(phone, f"cards-{name}-phone")

    # The glossary, flat, with its letters; a session: tags under the title, topics once.
    desktop.goto(file_url(kit / paths.built(paths.GLOSSARY)))
    shot(desktop, "glossary-desktop")
    phone.goto(file_url(kit / paths.built(paths.GLOSSARY)))
    shot(phone, "glossary-phone")
    desktop.goto(file_url(kit / session_page(sites)))
    shot(desktop, "session-desktop", full=True)

    # The question builder on a phone: the bar at the foot, the topics at the top.
    phone.goto(file_url(kit / paths.built(paths.QUESTIONS)))
    shot(phone, "builder-phone-top")
    phone.locator(".upward-builder__topics summary").click()
    shot(phone, "builder-phone-topics")
    item = phone.locator(".upward-builder__bank li[data-id]").nth(60)
    item.scroll_into_view_if_needed()
    item.locator(".upward-add").click()
    phone.locator(".upward-builder__bank li[data-id]").nth(61).locator(".upward-add").click()
    phone.evaluate("document.activeElement.blur()")
    phone.wait_for_timeout(400)  # buttons ease into their new colours
    shot(phone, "builder-phone-bar")

    # A form: required answers left empty are named before printing; the printout.
    desktop.goto(file_url(kit / form_page(sites)))
    desktop.locator("form.upward-form textarea").first.fill("A first answer.")
    desktop.evaluate("window.print = () => {}")
    desktop.locator("form.upward-form").get_by_role("button", name="Print", exact=True).click()
    desktop.locator("[data-role=warning]").scroll_into_view_if_needed()
    shot(desktop, "form-warning")
    desktop.goto(file_url(kit / form_page(sites)))
    printed(desktop, "form-print")
    module = sorted(p for p in (kit / "feedback").glob("*.html") if p.name != "index.html")[0]
    desktop.goto(file_url(module))
    printed(desktop, "feedback-print")

    # The 404 page opened from disk (its style sheets cannot load there).
    desktop.goto(file_url(kit / "404.html"))
    shot(desktop, "404-from-disk")

    # A search result where a table used to be flattened into one line.
    desktop.goto(server)
    desktop.keyboard.press("/")
    desktop.keyboard.type("why it matters", delay=20)
    desktop.locator(".md-search-result__item").first.wait_for(timeout=15000)
    shot(desktop, "search")

    assert not guard.errors and not guard.external, (guard.errors, guard.external)
    assert not desktop_guard.external, desktop_guard.external
    assert all(path.stat().st_size > 5_000 for path in written)


def sheets_side_by_side(pdf: Path, target: Path) -> list[Path]:
    """Each sheet of `pdf` as an image (pdftoppm, 50 dpi), and all of them in one row."""
    from PIL import Image

    prefix = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "50", "-png", pdf, prefix], check=True, timeout=120)
    sheets = sorted(target.parent.glob(f"{prefix.name}-*.png"))
    images = [Image.open(sheet) for sheet in sheets]
    row = Image.new(
        "RGB", (sum(i.width + 12 for i in images), max(i.height for i in images)), "#777"
    )
    x = 0
    for image in images:
        row.paste(image, (x, 0))
        x += image.width + 12
    row.save(target)
    return [target, *sheets]
