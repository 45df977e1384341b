"""Screenshots for a person to look at (not compared pixel by pixel): the home page, a session,
the question builder and a form of the tailored kit, at desktop and phone width, plus dark mode
and the printed builder sheet and form as PDF. Saved to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from upward import paths

from .conftest import Sites, file_url, screenshots_dir

WIDTHS = {"desktop": 1280, "phone": 375}


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
    for label, width in WIDTHS.items():
        if scheme == "dark" and label == "phone":
            continue
        page, guard = open_page(
            viewport={"width": width, "height": 900},
            color_scheme=scheme,
            device_scale_factor=1,
        )
        for name, (relative, prepare) in shots.items():
            page.goto(file_url(sites.kit_site / relative))
            if prepare:
                prepare(page)
                page.evaluate("window.scrollTo(0, 0)")
                page.evaluate("document.activeElement && document.activeElement.blur()")
                page.wait_for_timeout(400)  # let the header settle after scrolling back
            path = folder / f"{name}-{label}{'-dark' if scheme == 'dark' else ''}.png"
            # The builder lists the whole bank: its first screens are what matter.
            page.screenshot(path=path, full_page=name != "builder")
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
