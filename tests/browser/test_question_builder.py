"""The question builder in a real browser: filters and search narrow the bank; picks can be
added, reordered with the keyboard, removed and written by hand; they survive a reload, print
as a one-page sheet, download as text and Markdown, and "Clear" leaves nothing behind. Without
local storage the page still works and says so; without JavaScript the bank is still there."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from upward import paths

from .conftest import Sites

BUILDER = paths.built(paths.QUESTIONS)
BANK = ".upward-builder__bank li[data-id]"
PICKS = ".upward-picks__list > li"
NO_STORAGE = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


@pytest.fixture
def builder(server: str, open_page):
    page, guard = open_page()
    page.goto(server + BUILDER)
    page.locator(".upward-builder__tools").wait_for()
    yield page
    assert not guard.errors, guard.errors
    assert not guard.external, guard.external


def ui(page):
    """The builder itself (Material's search box has a "Clear" button too)."""
    return page.locator("[data-upward-builder]")


def visible_values(page, attribute: str) -> list[str]:
    return page.locator(f"{BANK}:visible").evaluate_all(
        f"items => items.map(li => li.getAttribute('{attribute}'))"
    )


def pick_texts(page) -> list[str]:
    return page.locator(f"{PICKS} .upward-pick__text").all_inner_texts()


def add_visible(page, count: int) -> list[str]:
    """Click "Add" on the first `count` visible questions; return their texts."""
    texts = []
    for index in range(count):
        item = page.locator(f"{BANK}:visible").nth(index)
        texts.append(item.locator(".upward-q__text").inner_text())
        item.get_by_role("button", name="Add").click()
    return texts


def stored(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('upward:')))"
    )


def test_filters_and_search_narrow_the_bank(builder) -> None:
    page = builder
    total = page.locator(BANK).count()
    assert total > 50
    ui(page).get_by_label("Topic", exact=True).select_option(index=1)
    topic = ui(page).get_by_label("Topic", exact=True).input_value()
    assert set(visible_values(page, "data-topic")) == {topic}
    ui(page).get_by_label("Who asks").select_option("mentee")
    assert set(visible_values(page, "data-asker")) == {"mentee"}
    ui(page).get_by_label("Stage").select_option("first")
    assert set(visible_values(page, "data-stage")) <= {"first", "any"}
    shown = page.locator(f"{BANK}:visible").count()
    assert 0 < shown < total
    ui(page).get_by_role("button", name="Show all questions").click()
    assert page.locator(f"{BANK}:visible").count() == total
    expect_text(page, ".upward-builder__count", f"Showing all {total} questions.")

    purpose = ui(page).get_by_label("Purpose", exact=True)
    purpose.select_option(index=1)
    chosen = purpose.input_value()
    for purposes in visible_values(page, "data-purposes"):
        assert not purposes or chosen in purposes.split()
    purpose.select_option("")

    # Search: every word must appear, accents and case do not matter.
    text = page.locator(f"{BANK} .upward-q__text").nth(5).inner_text()
    words = [w.strip("?,.;:!'\"") for w in text.split() if len(w) > 4][:2]
    ui(page).get_by_label("Search the questions").fill(" ".join(words).upper())
    found = page.locator(f"{BANK}:visible .upward-q__text").all_inner_texts()
    assert text in found
    assert all(all(w.lower() in f.lower() for w in words) for f in found)
    # Topics left with no match are hidden with their heading.
    for section in page.locator(".upward-topic").all():
        assert section.is_visible() == (section.locator("li:visible").count() > 0)
    ui(page).get_by_label("Search the questions").fill("zzqx-nothing-matches")
    expect_text(page, ".upward-builder__count", "No question matches")


def expect_text(page, selector: str, text: str) -> None:
    page.locator(selector).filter(has_text=text).wait_for(timeout=3000)


def test_picks_are_added_reordered_removed_and_kept_after_a_reload(builder) -> None:
    page = builder
    first, second, third = add_visible(page, 3)
    assert pick_texts(page) == [first, second, third]
    # The bank shows what is picked; its button now removes.
    assert page.locator(f"{BANK}.upward-picked").count() == 3

    ui(page).get_by_label("Add your own question").fill("  What would you   change first?  ")
    ui(page).get_by_label("Add your own question").press("Enter")
    assert pick_texts(page) == [first, second, third, "What would you change first?"]
    assert ui(page).get_by_label("Add your own question").input_value() == ""

    # Keyboard only: move the third pick up twice; focus follows the moved item.
    page.locator(PICKS).nth(2).get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert pick_texts(page)[:3] == [third, first, second]
    focused = page.evaluate("document.activeElement.closest('li').textContent")
    assert third in focused
    expect_text(page, ".upward-picks .upward-status", "Moved to number 1 of 4.")
    # At the top, "Move up" is disabled and focus moved to a button that still works.
    assert page.locator(PICKS).nth(0).get_by_role("button", name="Move up").is_disabled()

    page.locator(PICKS).nth(3).get_by_role("button", name="Move up").click()
    assert pick_texts(page) == [third, first, "What would you change first?", second]
    page.locator(PICKS).nth(1).get_by_role("button", name="Remove").click()
    assert pick_texts(page) == [third, "What would you change first?", second]
    assert page.locator(f"{BANK}.upward-picked").count() == 2

    page.reload()
    assert pick_texts(page) == [third, "What would you change first?", second]
    assert page.locator(f"{BANK}.upward-picked").count() == 2
    # Removing from the bank side works too.
    page.locator(f"{BANK}.upward-picked").first.get_by_role("button", name="Remove").click()
    assert len(pick_texts(page)) == 2


def test_the_print_view_is_a_one_page_sheet_of_the_picks(builder) -> None:
    from pypdf import PdfReader

    page = builder
    picked = add_visible(page, 8)
    page.emulate_media(media="print")
    assert page.locator(".upward-picks").is_visible()
    for hidden in (
        ".upward-builder__bank",
        ".upward-builder__tools",
        ".upward-picks__actions",
        ".upward-picks__own",
        ".upward-pick__tools",
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        "article > h1",
    ):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".upward-print-only").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "My questions for the next session" in text
    assert picked[0][:30] in " ".join(text.split())


def test_picks_download_as_text_and_markdown(builder) -> None:
    page = builder
    picked = add_visible(page, 2)
    files = {}
    for label in ("Download .txt", "Download .md"):
        with page.expect_download() as info:
            ui(page).get_by_role("button", name=label).click()
        download = info.value
        files[download.suggested_filename.rsplit(".", 1)[1]] = (
            Path(download.path()).read_text(encoding="utf-8"),
            download.suggested_filename,
        )
    text, name = files["txt"]
    assert name.startswith("my-questions-")
    assert text.startswith("My questions for the next session\n")
    assert f"1. {picked[0]}\n" in text and f"2. {picked[1]}\n" in text
    markdown, _ = files["md"]
    assert markdown.startswith("# My questions for the next session\n")
    assert f"\n1. {picked[0]}\n2. {picked[1]}\n" in markdown


def test_clear_really_clears_the_list_and_the_storage(builder) -> None:
    page = builder
    add_visible(page, 2)
    assert stored(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    ui(page).get_by_role("button", name="Clear").click()
    assert len(pick_texts(page)) == 2  # cancelled: nothing lost
    page.once("dialog", lambda dialog: dialog.accept())
    ui(page).get_by_role("button", name="Clear").click()
    assert pick_texts(page) == []
    assert stored(page) == {}
    assert page.locator(".upward-picks__empty").is_visible()
    page.reload()
    assert pick_texts(page) == []


def test_stored_picks_are_kept_as_plain_json(builder) -> None:
    page = builder
    picked = add_visible(page, 1)
    [(key, value)] = stored(page).items()
    assert key.endswith(":question-builder")
    data = json.loads(value)
    assert data["version"] == 1 and data["picks"][0]["text"] == picked[0]
    # A damaged entry is ignored, not fatal.
    page.evaluate(f"localStorage.setItem({json.dumps(key)}, '{{broken')")
    page.reload()
    assert pick_texts(page) == []


def test_without_local_storage_the_builder_works_and_says_picks_will_not_be_kept(
    server: str, open_page
) -> None:
    page, guard = open_page(init_script=NO_STORAGE)
    page.goto(server + BUILDER)
    note = page.locator(".upward-picks [data-role=storage-note]")
    assert note.is_visible()
    assert "will not be kept" in note.inner_text()
    picked = add_visible(page, 2)
    assert pick_texts(page) == picked
    with page.expect_download() as info:
        ui(page).get_by_role("button", name="Download .txt").click()
    assert picked[0] in Path(info.value.path()).read_text(encoding="utf-8")
    assert not guard.errors, guard.errors


def test_without_javascript_every_question_is_readable(
    sites: Sites, server: str, open_page
) -> None:
    page, _ = open_page(java_script_enabled=False)
    page.goto(server + BUILDER)
    assert page.locator(BANK).count() == page.locator(f"{BANK}:visible").count() > 50
    assert page.locator(".upward-builder__tools").is_hidden()
    assert page.locator(".upward-picks").is_hidden()
    assert page.locator(".upward-add").count() == 0


# --- on a phone -----------------------------------------------------------------------------

PHONE = {"width": 375, "height": 667}
BUTTONS = "[data-upward-builder] .md-button:visible"


def button_sizes(page) -> set[tuple[int, str]]:
    """(height, font size) of every visible button of the builder."""
    return {
        (round(h), f)
        for h, f in page.locator(BUTTONS).evaluate_all(
            "bs => bs.map(b => [b.getBoundingClientRect().height, getComputedStyle(b).fontSize])"
        )
    }


def test_on_a_phone_a_bar_at_the_foot_leads_to_my_list_and_to_the_topics(
    server: str, open_page
) -> None:
    page, guard = open_page(viewport=PHONE)
    page.goto(server + BUILDER)
    bar = page.locator("[data-role=bar]")
    my_list = bar.get_by_role("link", name="My list (0)")
    assert bar.is_visible() and my_list.is_visible()

    # The topics come first, folded, before the first question; no table of topics at the end.
    topics = page.locator(".upward-builder__topics")
    assert topics.bounding_box()["y"] < page.locator(BANK).first.bounding_box()["y"]
    assert page.locator("article table").count() == 0

    # Far down the bank the bar is still at the foot of the screen, and counts what is added.
    deep = page.locator(BANK).nth(120)
    deep.scroll_into_view_if_needed()
    deep.get_by_role("button", name="Add").click()
    page.locator(BANK).nth(121).get_by_role("button", name="Add").click()
    box = bar.bounding_box()
    assert PHONE["height"] - 80 < box["y"] and box["y"] + box["height"] <= PHONE["height"] + 1
    assert bar.get_by_role("link", name="My list (2)").is_visible()

    bar.get_by_role("link", name="My list (2)").click()
    page.wait_for_function(
        "() => document.querySelector('#upward-picks-title').getBoundingClientRect().top < 300"
    )
    assert len(pick_texts(page)) == 2
    assert page.locator(f"{PICKS} .upward-pick__text").first.is_visible()

    # "Topics" opens the list of topics; a topic leads to its questions.
    bar.get_by_role("link", name="Topics").click()
    assert topics.evaluate("d => d.open")
    link = topics.locator("a").nth(6)
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function(
        f"() => Math.abs(document.querySelector('{target}').getBoundingClientRect().top) < 120"
    )
    assert not guard.errors and not guard.external, (guard.errors, guard.external)


@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "desktop"]
)
def test_every_button_of_the_builder_is_one_size(viewport: dict, server: str, open_page) -> None:
    page, guard = open_page(viewport=viewport)
    page.goto(server + BUILDER)
    add_visible(page, 1)
    sizes = button_sizes(page)
    assert page.locator(BUTTONS).count() >= 8
    assert len({f for _, f in sizes}) == 1, sizes
    heights = {h for h, _ in sizes}
    assert max(heights) - min(heights) <= 1 and min(heights) >= 44, sizes
    bar = page.locator("[data-role=bar]")
    assert bar.is_visible() == (viewport["width"] < 960)  # the list is beside the bank on a desktop
    assert not guard.errors, guard.errors
