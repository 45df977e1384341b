"""Reading applications: CSV, XLSX (a sheet per side or mixed), filled PDFs and saved web-form
files, one file per person or a folder of them; every bad-input class reported with its file,
row, column and a hint, while everyone else is still read."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from cohorts import TITLES
from openpyxl import Workbook
from reportlab.pdfgen.canvas import Canvas

from upward.load.applications import read_applications
from upward.load.sources import MAX_BYTES

from conftest import KIT

MENTOR_HEADER = "full-name,email,team,line-manager-email,availability,channel,format,topics-offered,capacity,senior-line,prefer-not"
MENTEE_HEADER = (
    "full-name,email,team,line-manager-email,availability,channel,format,topics-wanted,prefer-not"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def read(*paths: Path, roles=None):
    return read_applications(list(paths), topics=TITLES, roles=roles)


def messages(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_the_example_cohort_reads_without_a_problem() -> None:
    from upward.load.kit import load_kit

    titles = {b.id: b.title for b in load_kit(KIT).kit.question_banks}
    folder = KIT / "examples" / "cohort"
    result = read_applications([folder / "mentors.csv", folder / "mentees.csv"], topics=titles)
    assert result.problems == ()
    roles = [a.role for a in result.applications]
    assert roles.count("mentor") == 18 and roles.count("mentee") == 20
    amara = next(a for a in result.applications if a.email == "amara.okafor@northwind.example")
    assert amara.capacity == 2 and amara.availability == ("tue-am", "tue-pm", "thu-am")
    assert amara.senior_line[0] == "yasmin.el-amin@northwind.example"
    assert amara.source == "kit/examples/cohort/mentors.csv:2"


def test_a_sheet_per_side_takes_its_role_from_the_caller(tmp_path: Path) -> None:
    mentors = write(
        tmp_path / "mentors.csv",
        f"{MENTOR_HEADER}\nAna Ruiz,ana@example.org,Sales,boss@example.org,Mon AM; tue-pm,Video call,1:1,Social media and a leader's presence online,2,,\n",
    )
    result = read(mentors, roles={mentors: "mentor"})
    assert result.problems == ()
    (ana,) = result.applications
    assert ana.role == "mentor" and ana.availability == ("mon-am", "tue-pm")
    assert ana.channel == ("video",) and ana.format == "one-to-one"
    assert ana.topics_offered == ("social-media",)  # a topic's title is accepted for its id


def test_excel_csv_in_windows_encoding_with_semicolons(tmp_path: Path) -> None:
    header = MENTEE_HEADER.replace(",", ";")
    row = 'Zoë Núñez;zoe@example.org;Board;;"wed-am\nthu-pm";phone;either;social-media;'
    path = tmp_path / "mentees.csv"
    path.write_bytes(f"{header}\r\n{row}\r\n".encode("cp1252"))
    (zoe,) = read(path).applications
    assert zoe.full_name == "Zoë Núñez" and zoe.role == "mentee"
    assert zoe.availability == ("wed-am", "thu-pm")


def test_xlsx_with_a_sheet_per_side_and_a_note_above_the_header(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Mentors"
    sheet.append(["Applications for our programme: private"])
    sheet.append(
        [
            "Role",
            "Full name",
            "Email",
            "Team",
            "Line manager email",
            "Availability",
            "Channel",
            "Format",
            "Topics offered",
            "Capacity",
        ]
    )
    sheet.append(
        [
            "mentor",
            "Kofi Mensah",
            "kofi@example.org",
            "IT",
            "lead@example.org",
            "mon-am\ntue-am",
            "video",
            "either",
            "digital-tools",
            3.0,
        ]
    )
    mentees = book.create_sheet("Mentees")
    mentees.append(["role", "full_name", "email", "team", "availability", "topics_wanted"])
    mentees.append(
        [
            "mentee",
            "Ines Braga",
            "ines@example.org",
            "Board",
            "tue-am",
            "digital-tools; social-media",
        ]
    )
    book.create_sheet("Read me").append(["Nothing to read here"])
    book.save(tmp_path / "apps.xlsx")
    result = read(tmp_path / "apps.xlsx")
    assert result.problems == ()
    people = {a.email: a for a in result.applications}
    assert people["kofi@example.org"].capacity == 3
    assert people["kofi@example.org"].availability == ("mon-am", "tue-am")
    assert people["ines@example.org"].topics_wanted == ("digital-tools", "social-media")
    assert people["ines@example.org"].source.endswith("apps.xlsx[Mentees]:2")


def filled_pdf(path: Path, values: dict[str, str | bool]) -> Path:
    """A fillable PDF whose field names are field ids, filled in as a person would."""
    canvas = Canvas(str(path))
    form = canvas.acroForm
    y = 800
    for name, value in values.items():
        if isinstance(value, bool):
            form.checkbox(name=name, checked=value, x=50, y=y, size=12)
        else:
            form.textfield(name=name, value=value, x=50, y=y, width=400, height=16, maxlen=0)
        y -= 24
    canvas.showPage()
    canvas.save()
    return path


def test_filled_pdfs_one_per_person_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    filled_pdf(
        folder / "mentor.pdf",
        {
            "role": "mentor",
            "full-name": "Anh Nguyen",
            "email": "anh@example.org",
            "team": "Design",
            "line-manager-email": "lead@example.org",
            "availability.mon-am": True,
            "availability.wed-pm": True,
            "availability.fri-pm": False,
            "channel": "video",
            "format": "one-to-one",
            "topics-offered": "social-media; younger-customers",
            "capacity": "1",
            "senior-line": "",
            "prefer-not": "",
        },
    )
    filled_pdf(
        folder / "mentee.pdf",
        {
            "role": "mentee",
            "full-name": "Sam Olsen",
            "email": "Sam.Olsen@Example.org",
            "team": "Board",
            "availability": "wed-pm",
            "topics-wanted": "social-media",
        },
    )
    (folder / "notes.txt").write_text("not an application", encoding="utf-8")
    result = read(folder)
    assert result.problems == () and result.files == 2
    people = {a.email: a for a in result.applications}
    assert people["anh@example.org"].availability == ("mon-am", "wed-pm")
    assert people["sam.olsen@example.org"].role == "mentee"


def saved_answers(path: Path, form: str, answers: dict, version: int = 1) -> Path:
    data = {
        "form": form,
        "version": version,
        "saved": "2027-01-04T10:00:00.000Z",
        "answers": answers,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_saved_web_form_answers(tmp_path: Path) -> None:
    path = saved_answers(
        tmp_path / "mentee-application-answers-2027-01-04.json",
        "mentee-application",
        {
            "full-name": "Aiyana Redcloud",
            "email": "aiyana@example.org",
            "team": "Strategy",
            "availability": ["tue-am", "thu-am"],
            "channel-video": True,
            "channel-phone": False,
            "format": "either",
            "topics-wanted": "ai-and-emerging-tech",
            "can-commit": True,
            "learn": "How graduates find information",
        },
    )
    (aiyana,) = read(path).applications
    assert aiyana.role == "mentee" and aiyana.channel == ("video",)
    assert aiyana.availability == ("tue-am", "thu-am")


# --- every bad-input class, with its message -------------------------------------------------


def test_a_missing_column_names_the_file_header_row_and_a_close_heading(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mentors.csv",
        "full-name,e-mail,team,line-manager-email,availability,topics-offered\nAna,ana@example.org,Sales,b@example.org,mon-am,social-media\n",
    )
    result = read(path, roles={path: "mentor"})
    assert result.applications == ()
    assert messages(result) == [
        f"{path}:1:1: email: missing column 'email': add a column headed 'email', or rename the column 'e-mail' to it"
    ]


def test_an_unknown_choice_with_a_suggestion_and_the_others_still_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mentees.csv",
        f"{MENTEE_HEADER}\n"
        "Ann,ann@example.org,Board,,mon-am,vidoe,either,social-media,\n"
        "Bea,bea@example.org,Board,,tue-am,video,either,social-media,\n",
    )
    result = read(path, roles={path: "mentee"})
    assert [a.email for a in result.applications] == ["bea@example.org"]
    (problem,) = result.problems
    assert (problem.file, problem.line, problem.column, problem.field) == (
        str(path),
        2,
        6,
        "channel",
    )
    assert problem.message == (
        "'vidoe' is not a choice for 'channel' (did you mean 'video'?); choose from in-person, video, phone"
    )


def test_values_separated_by_commas_get_a_hint(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.csv",
        f'{MENTEE_HEADER}\nAnn,ann@example.org,Board,,"mon-am, tue-am",video,either,social-media,\n',
    )
    (problem,) = read(path, roles={path: "mentee"}).problems
    assert "(separate several values with ';')" in problem.message


def test_a_malformed_email_in_any_email_field(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.csv",
        f"{MENTOR_HEADER}\n"
        "Ann,ann@example,Sales,boss@example.org,mon-am,video,either,social-media,1,,\n"
        "Bo,bo@example.org,Sales,boss@example.org,mon-am,video,either,social-media,1,,not an email\n"
        'Cy,cy@example.org,Sales,"Big Boss <boss@example.org>",mon-am,video,either,social-media,1,,\n',
    )
    result = read(path, roles={path: "mentor"})
    assert [a.email for a in result.applications] == ["cy@example.org"]
    assert result.applications[0].line_manager_email == "boss@example.org"
    found = {(p.line, p.field): p.message for p in result.problems}
    assert found == {
        (
            2,
            "email",
        ): "'ann@example' is not an e-mail address (expected name@example.org, letters A-Z only)",
        (
            3,
            "prefer-not",
        ): "'not an email' is not an e-mail address (expected name@example.org, letters A-Z only)",
    }


def test_an_empty_row_between_rows_is_reported_but_not_trailing_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.csv",
        f"{MENTEE_HEADER}\nAnn,ann@example.org,Board,,mon-am,video,either,social-media,\n,,,,,,,,\n"
        "Bea,bea@example.org,Board,,mon-am,video,either,social-media,\n,,,,,,,,\n\n",
    )
    result = read(path, roles={path: "mentee"})
    assert len(result.applications) == 2
    assert messages(result) == [f"{path}:3:1: row is empty; delete it, or fill it in"]


def test_the_same_person_twice_across_files(tmp_path: Path) -> None:
    first = write(
        tmp_path / "a.csv",
        f"{MENTEE_HEADER}\nAnn,ann@example.org,Board,,mon-am,video,either,social-media,\n",
    )
    second = write(
        tmp_path / "b.csv",
        f"{MENTEE_HEADER}\nAnn Again,ANN@example.org,Board,,tue-am,video,either,social-media,\n",
    )
    result = read(first, second, roles={first: "mentee", second: "mentee"})
    assert [a.full_name for a in result.applications] == ["Ann"]
    assert messages(result) == [
        f"{second}:2:1: email: ann@example.org applied more than once (also {first}:2)"
    ]


def test_missing_answers_unknown_topics_bad_capacity_and_control_characters(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.csv",
        f"{MENTOR_HEADER}\n"
        ",ann@example.org,Sales,boss@example.org,mon-am,video,either,social-media,1,,\n"
        "Bo,bo@example.org,Sales,boss@example.org,mon-am,video,either,social-mdia,1,,\n"
        "Cy,cy@example.org,Sales,boss@example.org,mon-am,video,either,social-media,5,,\n"
        "D\x07n,dan@example.org,Sales,boss@example.org,mon-am,video,either,social-media,1,,\n"
        "Eve,eve@example.org,Sales,,,video,either,social-media,1,,\n",
    )
    result = read(path, roles={path: "mentor"})
    assert result.applications == ()
    found = {(p.line, p.field): p.message for p in result.problems}
    assert found[(2, "full-name")] == "no answer for 'full-name'"
    assert found[(3, "topics-offered")].startswith(
        "'social-mdia' is not a topic of this kit (did you mean 'social-media'?)"
    )
    assert found[(4, "capacity")] == "'5' is not a number of mentees from 1 to 3"
    assert found[(5, "full-name")] == "contains a control character (U+0007); remove it"
    assert found[(6, "line-manager-email")] == "no answer for 'line-manager-email'"
    assert found[(6, "availability")] == "no answer for 'availability'"


def test_a_row_without_a_role_and_a_role_that_contradicts_the_file(tmp_path: Path) -> None:
    mixed = write(
        tmp_path / "all.csv",
        "role,full-name,email,team,availability\n,Ann,ann@example.org,X,mon-am\nboss,Bo,bo@example.org,X,mon-am\n",
    )
    found = {(p.line, p.field): p.message for p in read(mixed).problems}
    assert "no role" in found[(2, "role")]
    assert found[(3, "role")].startswith("'boss' is not a choice for 'role'")
    mentors = write(  # one mentee among mentors: that row is at fault, not the file
        tmp_path / "mentors.csv",
        f"role,{MENTOR_HEADER},topics-wanted\n"
        "mentee,Ann,ann@example.org,Board,,mon-am,video,either,,,,,social-media\n"
        "mentor,Bo,bo@example.org,Data,lm@example.org,mon-am,video,either,social-media,1,,,\n",
    )
    (problem,) = read(mentors, roles={mentors: "mentor"}).problems
    assert (problem.line, problem.field) == (2, "role")
    assert problem.message.startswith("role 'mentee' does not match the file")


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES["csv"] + 1)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    wrong = write(tmp_path / "apps.txt", "hello")
    broken_xlsx = tmp_path / "broken.xlsx"
    broken_xlsx.write_bytes(b"PK not really")
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.4 garbage")
    old = saved_answers(tmp_path / "old.json", "mentee-application", {}, version=0)
    other = saved_answers(tmp_path / "other.json", "session-log", {})
    result = read(big, fifo, wrong, broken_xlsx, broken_pdf, old, tmp_path / "gone.csv", other)
    found = {Path(p.file).name: p.message for p in result.problems}
    assert (
        found["big.csv"]
        == f"is {MAX_BYTES['csv'] + 1:,} bytes; the limit for a CSV is {MAX_BYTES['csv']:,}"
    )
    assert found["pipe.csv"] == "is not a regular file"
    assert found["apps.txt"].startswith("is not an application file")
    assert found["broken.xlsx"].startswith("cannot be opened as an Excel workbook")
    assert found["broken.pdf"].startswith("cannot be read as a PDF")
    assert found["old.json"].startswith("was saved by another version of the form (version 0")
    assert found["gone.csv"] == "does not exist"
    assert (
        found["other.json"] == "holds answers for the form 'session-log', not an application form"
    )


def test_a_pdf_without_form_fields_and_one_missing_a_field(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    canvas = Canvas(str(scan))
    canvas.drawString(100, 700, "A printed and scanned form")
    canvas.save()
    partial = filled_pdf(
        tmp_path / "partial.pdf", {"role": "mentee", "full-name": "Ann", "email": "ann@example.org"}
    )
    found = {(Path(p.file).name, p.field): p.message for p in read(scan, partial).problems}
    assert found[("scan.pdf", "")].startswith("has no form fields")
    assert found[("partial.pdf", "availability")].startswith("the form has no field 'availability'")


def test_progress_is_reported_for_each_file(tmp_path: Path) -> None:
    paths = [
        write(
            tmp_path / f"m{i}.csv",
            f"{MENTEE_HEADER}\nP{i},p{i}@example.org,Board,,mon-am,video,either,social-media,\n",
        )
        for i in range(3)
    ]
    seen = []
    read_applications(
        paths,
        topics=TITLES,
        roles=dict.fromkeys(paths, "mentee"),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1", "@SUM(A1)"])
def test_formula_looking_names_are_kept_as_text(tmp_path: Path, cell: str) -> None:
    buffer = io.StringIO()
    buffer.write(
        f'{MENTEE_HEADER}\n"{cell.replace(chr(34), chr(34) * 2)}",ann@example.org,Board,,mon-am,video,either,social-media,\n'
    )
    path = write(tmp_path / "m.csv", buffer.getvalue())
    (ann,) = read(path, roles={path: "mentee"}).applications
    assert ann.full_name == cell
