"""The three copies of a form agree: the fillable PDF (read with pypdf), the Word copy (read with
python-docx) and the form on the site (read from the built page with BeautifulSoup) carry the
same fields, options, help and prefilled values, on a kit whose form text has placeholders and
whose profile prefills a choice."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader
from word_forms import rows

from upward import paths
from upward.build.orchestration import tailor
from upward.build.project import Project
from upward.render.forms.pdf import export_names, option_box_name
from upward.words import english

from conftest import ROOT, profile_text, write

ORG = "Acme Ltd"
FORM_ID = "mentoring-agreement"
# Text with a placeholder in every place a form can hold text, and a choice the profile fills
# ("one-to-one" from the profile selects "One-to-one", ignoring case).
EXTRA_SECTION: dict[str, Any] = {
    "title": "Meeting at {{ org.name }}",
    "intro": "How pairs at {{ org.name }} meet.",
    "fields": [
        {
            "id": "meeting-format",
            "label": "How {{ org.name }} pairs meet",
            "type": "choice",
            "options": ["Group", "One-to-one", "Mixed, as {{ org.name }} allows"],
            "prefill": "format",
            "help": "As {{ org.name }} planned it; change it if you agreed otherwise.",
        },
        {
            "id": "meeting-days",
            "label": "Days {{ org.name }} pairs meet",
            "type": "multi_choice",
            "options": [
                {"value": "mon", "label": "Monday at {{ org.name }}"},
                {"value": "tue", "label": "Tuesday"},
                {"value": "wed", "label": "Wednesday"},
            ],
            "help": "Tick any number.",
        },
        {
            "id": "host",
            "label": "Host organisation",
            "type": "text",
            "prefill": "organisation",
            "help": "Prefilled from {{ org.name }}'s profile.",
        },
    ],
}


@pytest.fixture(scope="module")
def kit_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tailored kit built from a copy of the real kit whose agreement form has the extra
    section, read back from the files `upward tailor` wrote."""
    import shutil

    folder = tmp_path_factory.mktemp("agree")
    kit = folder / "kit"
    shutil.copytree(ROOT / "kit", kit)
    source = kit / "forms" / f"{FORM_ID}.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["sections"].insert(0, EXTRA_SECTION)
    source.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    profile = write(folder / "profile.yaml", profile_text(organisation=f'"{ORG}"'))
    return tailor(Project.at(ROOT).with_kit(kit), profile, folder / "out", force=False).folder


def squash(text: str) -> str:
    return " ".join(text.split())


def web_form(folder: Path) -> list[dict[str, Any]]:
    """Each field of the form on the built page, in order."""
    page = folder / "site" / paths.built(paths.form_page(FORM_ID))
    form = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("form.upward-form")
    fields = []
    for box in form.select(".upward-field"):
        control = box.select_one("[name]")
        label = box.select_one("legend") or box.select_one("label")
        for hidden in label.select(".upward-sr, .upward-required"):
            hidden.decompose()
        help_ = box.select_one(".upward-help")
        field = {
            "id": control["name"],
            "label": squash(label.get_text()),
            "help": squash(help_.get_text()) if help_ else "",
            "options": [],
            "value": "",
            "type": control.get("type", control.name),
        }
        if control.has_attr("data-upward-multi"):
            boxes = box.select("input[data-upward-multi]")
            field["options"] = [squash(b.find_next_sibling("span").get_text()) for b in boxes]
            field["values"] = [b["value"] for b in boxes]
        elif control.name == "select":
            options = control.select("option")[1:]  # the first is the empty "Choose…"
            field["options"] = [o.get_text() for o in options]
            field["value"] = next((o.get_text() for o in options if o.has_attr("selected")), "")
        elif control.name == "textarea":
            field["value"] = control.get_text()
        elif control.get("type") not in ("radio", "checkbox"):
            field["value"] = control.get("value", "")
        fields.append(field)
    intros = [squash(p.get_text()) for p in form.select(".upward-form__intro")]
    return [*fields, {"intros": intros}]


def word_copy(folder: Path) -> list[dict[str, Any]]:
    """Each field of the Word copy (a row of a section's table), in order; choices and dates
    read from their content controls."""
    data = (folder / "forms" / f"{FORM_ID}.docx").read_bytes()
    fields = []
    for row in rows(data):
        options: list[str] = []
        value = row.answer
        kinds = [control.kind for control in row.controls]
        if kinds == ["drop-down"]:
            options = row.controls[0].items
            value = "" if row.controls[0].placeholder else row.controls[0].shown
        elif kinds == ["date"]:
            value = row.controls[0].full_date[:10]  # the web form's ISO date
        elif kinds and not row.merged and not row.scale:  # a tick box per option
            options = [control.title for control in row.controls]
            value = next((c.title for c in row.controls if c.checked), "")
        elif row.merged or row.scale:
            value = ""
        tags = [control.tag for control in row.controls]
        fields.append(
            {
                "label": row.label,
                "help": squash(row.help),
                "options": options,
                "value": value,
                "tags": tags,
            }
        )
    document = docx.Document(io.BytesIO(data))
    return [*fields, {"paragraphs": [p.text for p in document.paragraphs]}]


def fillable_pdf(folder: Path) -> tuple[dict[str, Any], str]:
    """The PDF's fields by name, and its printed text (line breaks as spaces)."""
    reader = PdfReader(io.BytesIO((folder / "forms" / f"{FORM_ID}.pdf").read_bytes()))
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    return reader.get_fields(), text


def test_the_pdf_the_word_copy_and_the_web_form_carry_the_same_form(kit_folder: Path) -> None:
    *web, web_extra = web_form(kit_folder)
    *word, word_extra = word_copy(kit_folder)
    pdf_fields, pdf_text = fillable_pdf(kit_folder)

    # The same fields, in the same order, with the same labels; a multiple choice is a
    # tick box per option in the PDF, named `<field id>:<value>`.
    expected_names = []
    for f in web:
        expected_names += (
            [option_box_name(f["id"], v) for v in f["values"]] if "values" in f else [f["id"]]
        )
    assert expected_names == list(pdf_fields)
    assert [f["label"] for f in web] == [f["label"] for f in word]
    for web_field, word_field in zip(web, word, strict=True):
        # The same help and options, and the same prefilled value or choice.
        assert web_field["help"] == word_field["help"], web_field["id"]
        assert web_field["options"] == word_field["options"], web_field["id"]
        assert web_field["value"] == word_field["value"], web_field["id"]
        if web_field["help"]:
            assert web_field["help"] in pdf_text, web_field["id"]
        if "values" in web_field:  # one box per option, its label in the box's tooltip
            # and in Word a tick box per option, tagged as the PDF names its box
            boxes = [option_box_name(web_field["id"], v) for v in web_field["values"]]
            assert word_field["tags"] == boxes, web_field["id"]
            for option, value in zip(web_field["options"], web_field["values"], strict=True):
                box = pdf_fields[option_box_name(web_field["id"], value)]
                assert box.get("/TU") == f"{web_field['label']}: {option}"
                assert box.get("/V") in (None, "/Off") and option in pdf_text
            continue
        pdf_field = pdf_fields[web_field["id"]]
        assert web_field["label"] in pdf_field.get("/TU", ""), web_field["id"]
        if web_field["options"]:
            names = export_names(tuple(web_field["options"]))
            states = set(pdf_field["/_States_"]) - {"/Off"}
            assert states == {f"/{name}" for name in names}, web_field["id"]
            for option in web_field["options"]:
                assert option in pdf_text
            if web_field["value"]:
                chosen = names[web_field["options"].index(web_field["value"])]
                assert pdf_field.get("/V") == f"/{chosen}", web_field["id"]
            else:
                assert pdf_field.get("/V") in (None, "/Off"), web_field["id"]
        elif web_field["value"] and web_field["type"] == "date":  # as the text writes dates
            day = dt.date.fromisoformat(web_field["value"])
            assert pdf_field.get("/V") == english().date(day), web_field["id"]
        elif web_field["value"]:
            assert pdf_field.get("/V") == web_field["value"], web_field["id"]

    # The placeholders are filled in, the same way, in every copy; the choice is selected.
    meeting = next(f for f in web if f["id"] == "meeting-format")
    assert meeting["label"] == f"How {ORG} pairs meet"
    assert meeting["help"] == f"As {ORG} planned it; change it if you agreed otherwise."
    assert meeting["options"] == ["Group", "One-to-one", f"Mixed, as {ORG} allows"]
    assert meeting["value"] == "One-to-one"
    days = next(f for f in web if f["id"] == "meeting-days")
    assert days["options"] == [f"Monday at {ORG}", "Tuesday", "Wednesday"]
    assert days["values"] == ["mon", "tue", "wed"]
    assert pdf_fields["meeting-format"]["/V"] == "/One-to-one"
    assert next(f for f in web if f["id"] == "host")["value"] == ORG
    assert f"How pairs at {ORG} meet." in web_extra["intros"]
    assert f"How pairs at {ORG} meet." in word_extra["paragraphs"]
    assert f"How pairs at {ORG} meet." in pdf_text
    page = (kit_folder / "site" / paths.built(paths.form_page(FORM_ID))).read_text()
    assert not re.search(r"\{\{|\{%", BeautifulSoup(page, "lxml").select_one("form").get_text())
    assert "{{" not in pdf_text and all("{{" not in str(f) for f in word)
