"""The application forms carry the matching contract, and what their writers write, the readers
read: the real fillable PDF filled with pypdf, answers saved in the web form's format (taken
from the form's own HTML), and the XLSX and CSV templates filled with openpyxl and csv. The
templates are derived from the form definitions: their columns are exactly the field ids."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter

from upward.build.outputs import form_file_names, form_files
from upward.load.applications import read_applications
from upward.load.kit import load_kit
from upward.load.org_profile import load_profile
from upward.load.sources import WEB_FORM_VERSION
from upward.model.applications import (
    CHANNELS,
    COMMON_FIELDS,
    FORMATS,
    MENTEE_FIELDS,
    MENTOR_FIELDS,
    ROLES,
    SLOTS,
    Application,
)
from upward.plan.tailored import tailor_kit
from upward.render.forms.document import form_document
from upward.render.forms.pdf import option_box_name
from upward.render.pages import render_site

from conftest import EXAMPLE_PROFILE, KIT, ROOT

MENTOR_ANSWERS: dict[str, Any] = {
    "full-name": "Zoë Ñandú-O'Brien",
    "email": "zoe.nandu@example.org",
    "team": "Marketing",
    "line-manager-email": "boss@example.org",
    "senior-line": ["head@example.org", "director@example.org"],
    "prefer-not": ["cousin@example.org"],
    "topics-offered": ["social-media", "ai-and-emerging-tech"],
    "availability": ["tue-am", "thu-pm"],
    "channel": ["video", "phone"],
    "format": "either",
    "capacity": "2",
}
MENTEE_ANSWERS: dict[str, Any] = {
    "full-name": "Kenji Watanabe",
    "email": "kenji@example.org",
    "team": "Sales",
    "line-manager-email": "ceo@example.org",
    "topics-wanted": ["social-media"],
    "preferences": ["zoe.nandu@example.org"],
    "availability": ["tue-am"],
    "channel": ["in-person"],
    "format": "one-to-one",
}
EXPECTED = {
    "mentor": Application(
        role="mentor",
        full_name="Zoë Ñandú-O'Brien",
        email="zoe.nandu@example.org",
        team="Marketing",
        line_manager_email="boss@example.org",
        senior_line=("head@example.org", "director@example.org"),
        prefer_not=("cousin@example.org",),
        topics_offered=("ai-and-emerging-tech", "social-media"),
        availability=("tue-am", "thu-pm"),
        channel=("video", "phone"),
        format="either",
        capacity=2,
    ),
    "mentee": Application(
        role="mentee",
        full_name="Kenji Watanabe",
        email="kenji@example.org",
        team="Sales",
        line_manager_email="ceo@example.org",
        topics_wanted=("social-media",),
        preferences=("zoe.nandu@example.org",),
        availability=("tue-am",),
        channel=("in-person",),
        format="one-to-one",
    ),
}
ANSWERS = {"mentor": MENTOR_ANSWERS, "mentee": MENTEE_ANSWERS}


@pytest.fixture(scope="module")
def kit():
    return load_kit(KIT).kit


@pytest.fixture(scope="module")
def tailored(kit):
    return tailor_kit(kit, load_profile(EXAMPLE_PROFILE, lambda: [p.id for p in kit.purposes]))


@pytest.fixture(scope="module")
def files(kit, tailored) -> dict[str, bytes]:
    return form_files(kit, tailored)


@pytest.fixture(scope="module")
def titles(kit) -> dict[str, str]:
    return {b.id: b.title for b in kit.question_banks}


def form_of(kit, role: str):
    return next(f for f in kit.forms if f.id == f"{role}-application")


def same(found: Application, role: str) -> None:
    assert found.model_dump(exclude={"source", "topics_offered"}) == EXPECTED[role].model_dump(
        exclude={"source", "topics_offered"}
    )
    assert set(found.topics_offered) == set(EXPECTED[role].topics_offered)


@pytest.mark.parametrize("role", ROLES)
def test_the_application_forms_ask_the_contract_fields_with_the_contract_values(
    kit, tailored, role: str
) -> None:
    document = form_document(kit, form_of(kit, role), tailored)
    fields = {f.id: f for f in document.fields}
    side = MENTOR_FIELDS if role == "mentor" else MENTEE_FIELDS
    assert set(COMMON_FIELDS) | set(side) <= set(fields)
    assert fields["role"].values == ROLES and fields["role"].value == role
    assert fields["availability"].values == SLOTS and fields["availability"].type == "multi_choice"
    assert fields["channel"].values == CHANNELS and fields["channel"].type == "multi_choice"
    assert fields["format"].values == FORMATS
    topics = "topics-offered" if role == "mentor" else "topics-wanted"
    assert fields[topics].values == tuple(b.id for b in kit.question_banks)
    assert fields[topics].options == tuple(b.title for b in kit.question_banks)
    if role == "mentor":
        assert fields["capacity"].values == ("1", "2", "3")
    else:  # the example profile matches in hybrid mode: mentees rank mentors
        assert "preferences" in fields


def test_preferences_are_asked_only_where_matching_uses_them(kit, tailored) -> None:
    admin = tailored.profile.model_copy(update={"matching": "admin"})
    admin_kit = tailor_kit(kit, admin)
    ids = [f.id for f in form_document(kit, form_of(kit, "mentee"), admin_kit).fields]
    assert "preferences" not in ids
    blank = [f.id for f in form_document(kit, form_of(kit, "mentee"), None).fields]
    assert "preferences" in blank  # the general form says when it applies


def fill_pdf(blank: bytes, answers: dict[str, Any]) -> bytes:
    """What a person does in a PDF reader: type into the fields, tick the boxes."""
    values: dict[str, str] = {}
    for name, value in answers.items():
        if name in ("format", "capacity", "role"):
            values[name] = f"/{value}"
        elif name in ("availability", "channel", "topics-offered", "topics-wanted"):
            values |= {option_box_name(name, v): "/Yes" for v in value}
        elif isinstance(value, list):
            values[name] = "\n".join(value)
        else:
            values[name] = value
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("role", ROLES)
def test_a_filled_pdf_form_reads_back(tmp_path: Path, files, titles, role: str) -> None:
    path = tmp_path / f"{role}.pdf"
    path.write_bytes(fill_pdf(files[f"{role}-application.pdf"], ANSWERS[role]))
    read = read_applications([path], topics=titles)
    assert read.problems == ()
    (found,) = read.applications
    same(found, role)


def web_answers(html: str, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers object the web form's script saves (docs/assets/js/upward.js `read()`),
    taken from the form's own controls: every named control, grouped by name; a radio group
    gives its checked value, a multiple choice the list of boxes ticked, a lone box
    true/false, anything else its text. `answers` are what the person chose."""
    form = BeautifulSoup(html, "html.parser").select_one("form.upward-form")
    groups: dict[str, list[Any]] = {}
    for control in form.select("input[name], select[name], textarea[name]"):
        if control.get("type") in ("file", "button"):
            continue
        groups.setdefault(control["name"], []).append(control)
    saved: dict[str, Any] = {}
    for name, controls in groups.items():
        first = controls[0]
        given = answers.get(name)
        if first.has_attr("data-upward-multi"):
            offered = [c["value"] for c in controls]
            assert given is None or set(given) <= set(offered), name
            saved[name] = [v for v in offered if given and v in given]
        elif first.get("type") == "radio":
            saved[name] = given or ""
        elif first.get("type") == "checkbox":
            saved[name] = bool(given)
        elif first.name == "select":
            offered = [o.get("value", o.get_text()) for o in first.select("option")]
            chosen = next((o.get("value", "") for o in first.select("option[selected]")), "")
            assert given is None or given in offered, name
            saved[name] = given or chosen
        else:
            text = "\n".join(given) if isinstance(given, list) else given
            saved[name] = text or first.get("value", "") or first.get_text()
    return saved


@pytest.mark.parametrize("role", ROLES)
def test_answers_saved_from_the_web_form_read_back(
    tmp_path: Path, kit, tailored, titles, role: str
) -> None:
    from upward import paths

    pages = render_site(ROOT / "templates", kit, tailored).pages
    html = pages[paths.form_page(f"{role}-application")]
    answers = web_answers(html, ANSWERS[role])
    assert answers["role"] == role  # chosen on the blank form
    assert isinstance(answers["availability"], list)
    saved = {
        "form": f"{role}-application",
        "version": WEB_FORM_VERSION,
        "saved": "2027-01-04T09:00:00.000Z",
        "answers": answers,
    }
    path = tmp_path / f"{role}-answers.json"
    path.write_text(json.dumps(saved, indent=2), encoding="utf-8")
    read = read_applications([path], topics=titles)
    assert read.problems == ()
    same(read.applications[0], role)


@pytest.mark.parametrize("role", ROLES)
def test_the_spreadsheet_templates_are_the_form_field_ids(kit, tailored, files, role: str) -> None:
    form = form_of(kit, role)
    prefilled = {f.id for f in form.fields if f.prefill}
    asked = [f.id for f in form_document(kit, form, tailored).fields]
    header = next(csv.reader(io.StringIO(files[f"{role}-application.csv"].decode("utf-8-sig"))))
    book = load_workbook(io.BytesIO(files[f"{role}-application.xlsx"]))
    # exactly the form's answer fields, in the form's order (the profile's facts left out)
    assert header == [c.value for c in book.worksheets[0][1]]
    assert header == [i for i in asked if i not in prefilled]
    assert set(COMMON_FIELDS) <= set(header)
    guide = {
        row[0].value.split(": ")[1]: row[2].value for row in book.worksheets[1].iter_rows(min_row=2)
    }
    assert "mon-am; mon-pm" in guide["availability"] and "separated by ;" in guide["availability"]


@pytest.mark.parametrize("role", ROLES)
def test_a_filled_xlsx_template_reads_back(tmp_path: Path, files, titles, role: str) -> None:
    book = load_workbook(io.BytesIO(files[f"{role}-application.xlsx"]))
    sheet = book.worksheets[0]
    columns = [c.value for c in sheet[1]]
    for name, value in ANSWERS[role].items():
        text = "; ".join(value) if isinstance(value, list) else value
        sheet.cell(2, columns.index(name) + 1, int(text) if name == "capacity" else text)
    path = tmp_path / f"{role}s.xlsx"
    book.save(path)
    read = read_applications([path], topics=titles)
    assert read.problems == ()
    same(read.applications[0], role)


def test_a_filled_csv_template_with_labels_people_type_reads_back(
    tmp_path: Path, files, titles
) -> None:
    """People write 'Tuesday morning' and a topic's title: both are understood."""
    header = next(csv.reader(io.StringIO(files["mentor-application.csv"].decode("utf-8-sig"))))
    row = dict.fromkeys(header, "")
    for name, value in MENTOR_ANSWERS.items():
        row[name] = "; ".join(value) if isinstance(value, list) else value
    row["availability"] = "Tuesday morning; Thursday afternoon"
    row["topics-offered"] = titles["social-media"] + "\n" + titles["ai-and-emerging-tech"]
    row["channel"] = "Video call; Phone call"
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerow(row)
    path = tmp_path / "mentors.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    read = read_applications([path], topics=titles)
    assert read.problems == ()
    same(read.applications[0], "mentor")


def test_templates_ship_with_every_kit_and_are_the_same_bytes_each_time(kit, tailored) -> None:
    names = form_file_names(kit)
    for role in ROLES:
        assert f"{role}-application.csv" in names and f"{role}-application.xlsx" in names
    again = form_files(kit, tailored)
    first = form_files(kit, tailored)
    for name in ("mentor-application.xlsx", "mentee-application.csv"):
        assert first[name] == again[name]


def test_a_folder_of_filled_pdfs_given_as_the_mentors_takes_that_role(
    tmp_path: Path, files, titles
) -> None:
    folder = tmp_path / "mentors"
    folder.mkdir()
    answers = dict(MENTOR_ANSWERS)
    (folder / "zoe.pdf").write_bytes(fill_pdf(files["mentor-application.pdf"], answers))
    read = read_applications([folder], topics=titles, roles={folder: "mentor"})
    assert read.problems == () and read.applications[0].role == "mentor"


def test_the_example_cohort_s_filled_pdfs_read_back_as_four_applicants(
    kit, tailored, files, titles
) -> None:
    """The shipped PDFs (scripts/make_example_applications.py) are the current forms, filled:
    the same fields, and every answer read, the role from the form's own button."""
    folder = KIT / "examples" / "cohort" / "pdfs"
    read = read_applications([folder], topics=titles)
    assert read.problems == () and read.files == 4
    by_email = {a.email: a for a in read.applications}
    nadia = by_email["nadia.haddou@northwind.example"]
    assert (nadia.role, nadia.team, nadia.capacity) == ("mentor", "Procurement", 1)
    assert nadia.availability == ("tue-pm", "thu-pm") and nadia.format == "either"
    assert nadia.senior_line == ("mariam.haddad@northwind.example",)
    helena = by_email["helena.novak@northwind.example"]
    assert helena.role == "mentee" and helena.preferences[0] == "jonas.becker@northwind.example"
    kofi = by_email["kofi.mensah@northwind.example"]
    assert kofi.prefer_not == ("noor.rahman@northwind.example",)
    for pdf in folder.glob("*.pdf"):
        role = by_email[next(a.email for a in read.applications if a.source.endswith(pdf.name))]
        blank = PdfReader(io.BytesIO(files[f"{role.role}-application.pdf"])).get_fields()
        assert set(PdfReader(pdf).get_fields()) == set(blank), f"{pdf.name}: run the script again"
