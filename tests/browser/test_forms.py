"""A fill-in form in a real browser: answers are saved as you type and come back after a
reload; "Save a copy" gives a JSON file of them; Clear (after a confirm) empties the form and
the storage; "Open a saved copy" restores one; a corrupt or foreign file changes nothing and says
why; required answers left empty are listed before printing or saving, never blocking either;
the print view is the form alone, without placeholders, and the goals worksheet prints on two
sheets at most. Without local storage the form still works and says so."""

from __future__ import annotations

import functools
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Sites, file_url

KINDS = [
    "textarea",
    "select",
    "input[type=radio]",
    "input[type=checkbox]:not([data-upward-multi])",
    "input[type=date]",
    "input[data-upward-multi]",
]
NO_STORAGE = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


@functools.cache
def richest_form(site: Path) -> str:
    """The form page whose form has the most kinds of field (so every kind is exercised)."""
    best, best_score = "", -1
    for page in sorted((site / "forms").glob("*.html")):
        form = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            "form.upward-form"
        )
        if form is None:
            continue
        score = sum(1 for kind in KINDS if form.select_one(kind))
        if score > best_score:
            best, best_score = page.name, score
    assert best, "no form page found"
    return best


class FormPage:
    """The form on a page, with the answers a test types into it."""

    def __init__(self, page) -> None:
        self.page = page
        self.form = page.locator("form.upward-form")
        self.id = self.form.get_attribute("data-upward-form")
        self.status = self.form.locator("[data-role=status]")

    def fill(self) -> dict[str, object]:
        form, answers = self.form, {}
        text = form.locator("input[type=text]").first
        text.fill("Ada Lovelace")
        answers[text.get_attribute("name")] = "Ada Lovelace"
        area = form.locator("textarea").first
        area.fill("Line one\nLine two, with “quotes” & <angle> brackets")
        answers[area.get_attribute("name")] = area.input_value()
        for kind in KINDS[1:]:
            field = form.locator(kind).first
            if not field.count():
                continue
            name = field.get_attribute("name")
            if kind == "select":
                option = field.locator("option").nth(2)
                value = option.get_attribute("value") or option.inner_text()
                field.select_option(value)
                answers[name] = value
            elif kind == "input[type=radio]":
                form.locator(f"input[name='{name}'][value='4']").check()
                answers[name] = "4"
            elif kind == "input[data-upward-multi]":  # a multiple choice: tick two boxes
                boxes = form.locator(f"input[name='{name}']")
                boxes.nth(0).check()
                boxes.nth(2).check()
                answers[name] = [
                    boxes.nth(0).get_attribute("value"),
                    boxes.nth(2).get_attribute("value"),
                ]
            elif kind.startswith("input[type=checkbox]"):
                field.check()
                answers[name] = True
            else:
                field.fill("2027-03-04")
                answers[name] = "2027-03-04"
        return answers

    def values(self) -> dict[str, object]:
        return self.page.evaluate(
            """form => {
                const out = {};
                for (const el of form.elements) {
                    if (!el.name || el.type === 'file') continue;
                    if (el.type === 'radio') { if (el.checked) out[el.name] = el.value; else if (!(el.name in out)) out[el.name] = ''; }
                    else if (el.hasAttribute('data-upward-multi')) { out[el.name] = out[el.name] || []; if (el.checked) out[el.name].push(el.value); }
                    else if (el.type === 'checkbox') out[el.name] = el.checked;
                    else out[el.name] = el.value;
                }
                return out;
            }""",
            self.form.element_handle(),
        )

    def button(self, name: str):
        return self.form.get_by_role("button", name=name, exact=True)

    def stored(self) -> dict[str, str]:
        return self.page.evaluate(
            "() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('upward:')))"
        )

    def save_copy(self):
        """Click "Save a copy", and "Save anyway" if required answers are empty; the download."""
        with self.page.expect_download() as info:
            self.button("Save a copy").click()
            warning = self.form.locator("[data-role=warning]")
            if warning.is_visible():
                warning.get_by_role("button", name="Save anyway").click()
        return info.value

    def import_file(self, name: str, data: bytes) -> None:
        self.form.locator("[data-role=import-file]").set_input_files(
            files=[{"name": name, "mimeType": "application/json", "buffer": data}]
        )


@pytest.fixture
def form_page(sites: Sites, server: str, open_page):
    page, guard = open_page()
    page.goto(server + "forms/" + richest_form(sites.general))
    page.locator(".upward-form__actions").wait_for()
    yield FormPage(page)
    assert not guard.errors, guard.errors
    assert not guard.external, guard.external


def test_answers_are_kept_after_a_reload(form_page: FormPage) -> None:
    answers = form_page.fill()
    form_page.page.reload()
    values = form_page.values()
    assert {k: values[k] for k in answers} == answers
    assert "are back" in form_page.status.inner_text()
    [key] = form_page.stored()
    assert key.endswith(f":form:{form_page.id}")


def test_export_clear_and_import_round_trip(form_page: FormPage, tmp_path: Path) -> None:
    page = form_page.page
    blank = form_page.values()  # empty, or the form's own default (an application's role)
    answers = form_page.fill()
    before = form_page.values()
    download = form_page.save_copy()
    assert download.suggested_filename.startswith(f"{form_page.id}-answers-")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["form"] == form_page.id and data["version"] == 1
    datetime.fromisoformat(data["saved"].replace("Z", "+00:00"))
    assert data["answers"] == before
    assert {k: data["answers"][k] for k in answers} == answers

    page.once("dialog", lambda dialog: dialog.dismiss())
    form_page.button("Clear").click()
    assert form_page.values() == before  # cancelled

    page.once("dialog", lambda dialog: dialog.accept())
    form_page.button("Clear").click()
    cleared = form_page.values()
    assert all(cleared[k] == blank[k] for k in answers), cleared
    assert form_page.stored() == {}
    assert "Cleared" in form_page.status.inner_text()
    page.reload()
    assert form_page.values() == cleared

    exported = tmp_path / "answers.json"
    exported.write_bytes(Path(download.path()).read_bytes())
    with page.expect_file_chooser() as chooser:
        form_page.button("Open a saved copy").click()
    chooser.value.set_files(exported)
    form_page.status.filter(has_text="Opened").wait_for()
    assert form_page.values() == before
    page.reload()
    assert form_page.values() == before  # imported answers are saved too


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.json", b'{"form": "x", "answers": {', "not a valid JSON file"),
        ("empty.json", b"", "not a valid JSON file"),
        ("list.json", b"[1, 2, 3]", "not a copy of answers"),
        ("other.json", None, "another form"),
        ("unknown.json", None, "does not ask"),
        ("badscale.json", None, "not one of the choices"),
        ("future.json", None, "another version"),
    ],
)
def test_a_bad_import_says_why_and_changes_nothing(
    form_page: FormPage, name: str, content: bytes | None, reason: str
) -> None:
    form_page.fill()
    before, stored_before = form_page.values(), form_page.stored()
    if content is None:
        data = {"form": form_page.id, "version": 1, "saved": "2027-01-01T00:00:00Z", "answers": {}}
        if name == "other.json":
            data["form"] = "some-other-form"
        elif name == "unknown.json":
            data["answers"] = {"no-such-field": "x"}
        elif name == "future.json":
            data["version"] = 2
        else:
            radio = form_page.form.locator("input[type=radio]").first.get_attribute("name")
            data["answers"] = {radio: "9"}
        content = json.dumps(data).encode()
    form_page.import_file(name, content)
    form_page.status.filter(has_text="Nothing was opened").wait_for()
    message = form_page.status.inner_text()
    assert name in message and reason in message and "unchanged" in message
    assert "upward-status--error" in form_page.status.get_attribute("class")
    assert form_page.values() == before
    assert form_page.stored() == stored_before


def test_the_print_view_is_the_form_without_site_chrome_or_buttons(form_page: FormPage) -> None:
    page = form_page.page
    form_page.fill()
    page.emulate_media(media="print")
    assert form_page.form.is_visible()
    assert form_page.form.locator("textarea").first.is_visible()
    for hidden in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".upward-form__actions",
        ".upward-status",
        "article a.md-button",
    ):
        locator = page.locator(hidden)
        assert all(locator.nth(i).is_hidden() for i in range(locator.count())), hidden
    assert page.locator(".admonition").first.is_visible()  # who sees the answers stays on paper
    assert len(page.pdf(format="A4")) > 1000


def test_without_local_storage_the_form_works_and_says_answers_will_not_be_kept(
    sites: Sites, server: str, open_page
) -> None:
    page, guard = open_page(init_script=NO_STORAGE)
    page.goto(server + "forms/" + richest_form(sites.general))
    form_page = FormPage(page)
    note = form_page.form.locator("[data-role=storage-note]")
    assert note.is_visible() and "lost" in note.inner_text()
    answers = form_page.fill()
    data = json.loads(Path(form_page.save_copy().path()).read_text(encoding="utf-8"))
    assert {k: data["answers"][k] for k in answers} == answers
    assert not guard.errors, guard.errors


def test_a_tailored_form_opened_from_disk_is_prefilled_and_clear_keeps_the_prefill(
    sites: Sites, open_page
) -> None:
    page, guard = open_page()
    prefilled = None
    for path in sorted((sites.kit_site / "forms").glob("*.html")):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        field = html.select_one("form.upward-form input[type=text][value]:not([value=''])")
        if field is not None:
            prefilled = (path, field["name"], field["value"])
            break
    assert prefilled, "no tailored form has a prefilled field"
    path, name, value = prefilled
    page.goto(file_url(path))
    field = page.locator(f"form.upward-form [name='{name}']")
    assert field.input_value() == value
    field.fill("Changed")
    page.reload()
    assert field.input_value() == "Changed"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form.upward-form").get_by_role("button", name="Clear", exact=True).click()
    assert field.input_value() == value
    assert not guard.errors and not guard.external, (guard.errors, guard.external)


def test_saved_answers_for_fields_the_form_no_longer_has_do_not_lose_the_rest(
    form_page: FormPage,
) -> None:
    answers = form_page.fill()
    [(key, value)] = form_page.stored().items()
    data = json.loads(value)
    data["answers"]["a-field-removed-since"] = "old answer"
    form_page.page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(data)])
    form_page.page.reload()
    values = form_page.values()
    assert {k: values[k] for k in answers} == answers


def test_an_application_saved_from_the_web_form_is_read_by_upward_match(
    sites: Sites, server: str, open_page, tmp_path: Path
) -> None:
    """The real writer of the saved file: fill the mentor application in Chromium, export it,
    and read the export with the application reader."""
    from upward.load.applications import read_applications
    from upward.load.kit import load_kit

    page, guard = open_page()
    page.goto(server + "forms/mentor-application.html")
    form = page.locator("form.upward-form")
    form.locator(".upward-form__actions").wait_for()
    form.locator("[name='full-name']").fill("Zoë Okafor")
    form.locator("[name='email']").fill("zoe.okafor@example.org")
    form.locator("[name='team']").fill("Marketing")
    form.locator("[name='line-manager-email']").fill("boss@example.org")
    form.locator("[name='senior-line']").fill("head@example.org\ndirector@example.org")
    for name, value in (
        ("topics-offered", "social-media"),
        ("availability", "tue-am"),
        ("availability", "thu-pm"),
        ("channel", "video"),
    ):
        form.locator(f"input[name='{name}'][value='{value}']").check()
    form.locator("select[name='format']").select_option("either")
    form.locator("select[name='capacity']").select_option("2")
    download = FormPage(page).save_copy()
    saved = tmp_path / "zoe.json"
    saved.write_bytes(Path(download.path()).read_bytes())
    assert json.loads(saved.read_text())["answers"]["availability"] == ["tue-am", "thu-pm"]
    kit = load_kit(Path(__file__).resolve().parents[2] / "kit").kit
    read = read_applications([saved], topics={b.id: b.title for b in kit.question_banks})
    assert read.problems == ()
    (person,) = read.applications
    assert (person.role, person.full_name, person.email) == (
        "mentor",
        "Zoë Okafor",
        "zoe.okafor@example.org",
    )
    assert person.availability == ("tue-am", "thu-pm") and person.channel == ("video",)
    assert person.topics_offered == ("social-media",) and person.capacity == 2
    assert person.senior_line == ("head@example.org", "director@example.org")
    assert not guard.errors, guard.errors


# --- required answers, and the printout ----------------------------------------------------

COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


def fill_required(form_page: FormPage) -> None:
    """An answer in every required field left empty, whatever its kind."""
    form = form_page.form
    # Taken once: the list of empty fields shrinks as they are filled.
    missing = form.locator(".upward-field--missing").evaluate_all(
        "fs => fs.map(f => f.querySelector('input, textarea, select').id)"
    )
    for control_id in missing:
        control = form.locator(f"[id='{control_id}']")
        kind = control.evaluate("c => c.tagName === 'INPUT' ? c.type : c.tagName.toLowerCase()")
        if kind in ("radio", "checkbox"):
            control.check()
        elif kind == "select":
            control.select_option(index=1)
        elif kind == "date":
            control.fill("2027-03-04")
        else:
            control.fill("An answer")


def test_required_answers_left_empty_are_listed_before_printing_or_saving(
    sites: Sites, server: str, open_page
) -> None:
    page, guard = open_page(init_script=COUNT_PRINTS)
    page.goto(server + "forms/" + richest_form(sites.general))
    form_page = FormPage(page)
    warning = form_page.form.locator("[data-role=warning]")
    required = form_page.form.locator(".upward-field[data-required]")
    labels = required.evaluate_all("fs => fs.map(f => f.dataset.label)")
    assert len(labels) >= 2

    # Untouched, the form prints at once: a blank paper form to fill in by hand.
    form_page.button("Print").click()
    assert page.evaluate("window.__prints") == 1 and warning.is_hidden()

    # Begun, it says first which required answers are empty, and prints only if asked again.
    form_page.form.locator("textarea").first.fill("Half done")
    form_page.button("Print").click()
    assert page.evaluate("window.__prints") == 1
    assert warning.is_visible()
    assert page.evaluate("document.activeElement.dataset.role") == "warning"
    listed = warning.locator("li").all_inner_texts()
    assert listed and set(listed) <= set(labels)
    assert f"{len(listed)} required answers are empty" in warning.inner_text() or (
        len(listed) == 1 and "One required answer is empty" in warning.inner_text()
    )
    empty = form_page.form.locator(".upward-field--missing")
    assert empty.count() == len(listed)
    assert empty.first.locator("[aria-invalid=true]").count() >= 1
    # Each name leads to its field.
    warning.locator("li a").first.click()
    assert (
        page.evaluate("document.activeElement.closest('.upward-field').dataset.label") == listed[0]
    )
    warning.get_by_role("button", name="Print anyway").click()
    assert page.evaluate("window.__prints") == 2 and warning.is_hidden()

    # Saving warns the same way; the list shrinks as answers come, and goes when none is left.
    form_page.button("Save a copy").click()
    assert warning.is_visible() and warning.get_by_role("button", name="Save anyway").is_visible()
    fill_required(form_page)
    assert warning.is_hidden() and form_page.form.locator(".upward-field--missing").count() == 0
    with page.expect_download() as info:
        form_page.button("Save a copy").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["answers"][form_page.form.locator("textarea").first.get_attribute("name")] == (
        "Half done"
    )
    assert not guard.errors and not guard.external, (guard.errors, guard.external)


def printed_text(page) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_a_printout_has_no_placeholders_and_the_goals_worksheet_fits_two_sheets(
    sites: Sites, open_page
) -> None:
    """Checked on the printed PDF's text (what a reader sees on paper, and what a copy-paste
    of it gives): no "Fill it in here", no date format, no "Choose…", no signing prompt; a
    choice left empty shows its options to tick instead."""
    page, guard = open_page()
    counts = {}
    for path in sorted((sites.kit_site / "forms").glob("*.html")):
        if path.name == "index.html":
            continue
        page.goto(file_url(path))
        pages, text = printed_text(page)
        counts[path.stem] = pages
        for placeholder in (
            "Fill it in here",
            "dd/",
            "mm/",
            "yyyy",
            "Choose",
            "Type your full name",
        ):
            assert placeholder not in text, (path.name, placeholder)
        selects = page.locator(
            "form.upward-form select.upward-empty"
        )  # a chosen one prints its choice
        if selects.count():
            options = selects.first.locator("option").all_inner_texts()[1:]
            assert all(" ".join(o.split()) in text for o in options), (path.name, options)
    print("printed pages per form:", counts)
    assert counts["goals-worksheet"] <= 2, counts
    assert not guard.errors and not guard.external, (guard.errors, guard.external)
