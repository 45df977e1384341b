"""The sponsor report over a fictional cohort with known answers: the tracker of
tests/trackers.py and returned forms of every kind (the kit's PDFs filled with pypdf, saved
web-form files, CSV and XLSX exports), with bad files among them. Every number is checked
against a hand count, including what the small-group rule hides; the report is read back as a
sponsor would open it (HTML with BeautifulSoup, the PDF with pypdf, summary.json)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from openpyxl import Workbook
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas
from returned import evaluation_answers, filled_pdf, saved_answers
from trackers import RECORDED, ROSTER, TODAY, northwind

from upward.load.returns import read_report_inputs
from upward.plan.disclosure import GroupTooSmall
from upward.plan.evaluation import evaluate, summary_json
from upward.render.sponsor_report import sponsor_report_files
from upward.render.tracker import tracker_workbook

MENTORS = [  # recommend, value-business, value-you
    ("Yes", 4, 5),
    ("Yes", 5, 5),
    ("Yes", 3, 4),
    ("Yes", 4, 4),
    ("Not sure", 4, 5),
]
MENTEES = [
    ("Yes", 5, 4),
    ("Yes", 4, 4),
    ("Yes", 4, 3),
    ("Yes", 3, 4),
    ("Yes", 5, 5),
    ("Yes", 4, 4),
    ("Yes", 4, 4),
]
PULSES = [  # pair, role, date, useful, open
    ("P01", "Mentor", "2027-02-11", 4, 3),
    ("P01", "Mentee", "2027-02-11", 5, 4),
    ("P02", "Mentor", "2027-01-12", 3, 2),
    ("P04", "Mentor", "2027-02-11", 4, 4),
    ("P04", "Mentee", "2027-02-11", 4, 5),
    ("P06", "Mentee", "2027-03-01", 5, 5),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("returns")
    (root / "tracker.xlsx").write_bytes(tracker_workbook(northwind(), ROSTER, recorded=RECORDED))
    for pair, role, date, useful, open_ in PULSES:
        filled_pdf(
            root / f"pulse-{pair}-{role.lower()}.pdf",
            "after-session-pulse",
            {
                "pair-code": pair,
                "role": role,
                "session-date": date,
                "useful": useful,
                "open": open_,
            },
        )
    filled_pdf(  # the same pair, role and date again: left out
        root / "pulse-z-again.pdf",
        "after-session-pulse",
        {
            "pair-code": "P04",
            "role": "Mentor",
            "session-date": "2027-02-11",
            "useful": 1,
            "open": 1,
        },
    )
    (root / "pulse-export.csv").write_text(
        "Pair code,I am the,Date of the session,useful,open\n"
        "P06,mentor,02/03/2027,7,4\n"  # a rating of 7: that answer left out, the rest kept
        "P03,Mentee,2027-13-01,2,2\n",  # no such date: left out, the ratings kept
        encoding="utf-8",
    )
    mentors = [evaluation_answers("Mentor", *answers) for answers in MENTORS]
    mentees = [evaluation_answers("Mentee", *answers) for answers in MENTEES]
    for index, answers in enumerate(mentors[:2] + mentees[:1], start=1):
        filled_pdf(root / f"evaluation-{index}.pdf", "end-of-programme-evaluation", answers)
    for index, answers in enumerate([mentors[2], *mentees[1:3]], start=1):
        saved_answers(root / f"evaluation-{index}.json", "end-of-programme-evaluation", answers)
    with open(root / "evaluation-export.csv", "w", encoding="utf-8") as out:
        out.write("form,role,completed,recommend,value-business,value-you\n")
        for a in mentors[3:]:
            out.write(
                f"end-of-programme-evaluation,{a['role']},{a['completed']},{a['recommend']},"
                f"{a['value-business']},{a['value-you']}\n"
            )
    book = Workbook()
    sheet = book.active
    sheet.append(["Survey export: end of programme"])
    sheet.append(
        [
            "Submitted",
            "I was the",
            "Would you recommend the programme to a colleague in your position?",
            "How valuable was the programme for the business?",
            "How valuable was it for you personally?",
        ]
    )
    for a in mentees[3:]:
        sheet.append(
            ["2027-06-20 10:00", a["role"], a["recommend"], a["value-business"], a["value-you"]]
        )
    book.save(root / "evaluation-export.xlsx")
    check_ins = [
        ("Amara Okafor", "Mentor", 4),
        ("Li Wei", "Mentor", 3),
        ("Henrik Lindqvist", "Mentee", 3),
        ("Mariam Haddad", "Mentee", 3),
        ("Kenji Watanabe", "Mentee", 4),
        ("Adaeze Nwosu", "Mentee", 2),
        ("Rafael Mendes Costa", "Mentee", 4),
        ("Priya Raghunathan", "Mentee", 3),
    ]
    for name, role, progress in check_ins:
        saved_answers(
            root / f"mid-point-{name.split()[0].lower()}.json",
            "mid-point-check-in",
            {"name": name, "role": role, "sessions-held": "3", "progress": progress},
        )
    filled_pdf(
        root / "goals-henrik.pdf",
        "goals-worksheet",
        {
            "mentee-name": "Henrik Lindqvist",
            "mentor-name": "Amara Okafor",
            "baseline-date": "2027-01-11",
            "goal-1-baseline": 2,
            "goal-1-final": 5,
            "goal-2-baseline": 1,
            "goal-2-final": 3,
        },
    )
    filled_pdf(
        root / "action-log-mariam.pdf",
        "organisational-action-log",
        {
            "mentee-name": "Mariam Haddad",
            "mentor-name": "Li Wei",
            "personal-change": "I book my own video calls",
            "organisation-change": "Expense claims moved online",
            "told-mentor": "2027-03-29",  # before the report's day (one after it is not counted)
            "report-permission": "Yes, without names",
            "mentor-credit": "Yes",
        },
    )
    # bad and foreign files
    canvas = Canvas(str(root / "foreign.pdf"))
    canvas.acroForm.textfield(name="invoice-number", value="123", x=50, y=700)
    canvas.acroForm.textfield(name="amount", value="9.99", x=50, y=650)
    canvas.showPage()
    canvas.save()
    scan = Canvas(str(root / "scan.pdf"))
    scan.drawString(50, 700, "A printed form, scanned")
    scan.showPage()
    scan.save()
    filled_pdf(root / "application.pdf", "mentor-application", {"full-name": "Ana Ruiz"})
    (root / "README.md").write_text(
        "In a folder, files of no form's kind are passed over", encoding="utf-8"
    )
    saved_answers(root / "app.json", "mentee-application", {"full-name": "Sam"})
    saved_answers(root / "old.json", "after-session-pulse", {"useful": "3"}, version=2)
    return root


@pytest.fixture(scope="module")
def inputs(folder: Path):
    notes = folder.parent / "notes.txt"  # named on its own, a file of another kind is reported
    notes.write_text("not a form", encoding="utf-8")
    return read_report_inputs([folder, notes], northwind().kit.forms)


@pytest.fixture(scope="module")
def evaluation(inputs):
    goals = {g.id: g.text for g in northwind().purpose.goals}
    return evaluate(inputs, northwind().kit.forms, today=TODAY, goals=goals)


@pytest.fixture(scope="module")
def summary(evaluation) -> dict:
    return summary_json(evaluation)


S = {"suppressed": True}


def test_every_kind_of_file_is_read_and_every_bad_one_is_named(inputs, folder: Path) -> None:
    assert inputs.tracker is not None and inputs.tracker.problems == ()
    returns = inputs.returns
    forms = [a.form for a in returns.answers]
    assert forms.count("after-session-pulse") == 8  # 6 PDFs and 2 exported rows
    assert forms.count("end-of-programme-evaluation") == 12
    assert forms.count("mid-point-check-in") == 8
    assert forms.count("goals-worksheet") == forms.count("organisational-action-log") == 1
    shown = sorted(
        str(p).replace(str(folder) + "/", "").replace(str(folder.parent) + "/", "")
        for p in returns.problems
    )
    assert len(shown) == 9, shown
    expected = [
        "app.json: is the Mentee application, which the report does not read",
        "application.pdf: is the Mentor application, which the report does not read",
        "foreign.pdf: is a PDF form, but not one of this kit's forms",
        "notes.txt: is not a returned form",
        "old.json: was saved by another version of the web form (version 2; expected 1)",
        "pulse-export.csv:2:4: useful: 7 is out of range: ratings go from 1 to 5",
        "pulse-export.csv:3:3: session-date: '2027-13-01' is not a date that exists",
        "pulse-z-again.pdf: the same return as",
        "scan.pdf: has no form fields",
    ]
    for line, start in zip(shown, expected, strict=True):
        assert line.startswith(start), (line, start)
    exported = [a for a in returns.answers if a.file.endswith("pulse-export.csv")]
    assert exported[0].values == {
        "pair-code": "P06",
        "role": "Mentor",
        "session-date": __import__("datetime").date(2027, 3, 2),
        "open": 4,
    }
    assert exported[1].values["useful"] == 2 and "session-date" not in exported[1].values


def test_participation_and_sessions_against_hand_counts(summary) -> None:
    assert summary["participation"] == {
        "applied": {"n": 38, "by_role": {"mentor": {"n": 18}, "mentee": {"n": 20}}},
        "matched": {"n": 6},
        "started": {"n": 5},  # P03 never met
        "completed": S,  # one pair
        "ended": {"n": 0},
    }
    sessions = summary["sessions"]
    assert sessions["planned"] == {"n": 36} and sessions["due"] == {"n": 18}
    assert sessions["held"] == {"n": 11}
    assert sessions["cancelled"] == S  # six, but from three pairs
    assert sessions["moved"] == S
    assert sessions["by_month"] == [
        {"month": "2027-01", "due": {"n": 6}, "held": {"n": 5}},
        {"month": "2027-02", "due": {"n": 6}, "held": S},  # three pairs
        {"month": "2027-03", "due": {"n": 6}, "held": S},  # three pairs
    ]


def test_pulse_from_forms_and_tracker_counted_once(summary, evaluation) -> None:
    useful = summary["questions"]["after-session-pulse.useful"]
    # forms 4 5 3 4 4 5, the export's 2, the tracker's first session (4); the tracker's copy of
    # P01's mentee on 11 February is the same answer as the form, so it counts once
    assert useful == {"n": 8, "mean": 3.88, "by_role": {"mentor": S, "mentee": S}}
    open_ = summary["questions"]["after-session-pulse.open"]
    assert open_["n"] == 9 and open_["mean"] == 3.78  # 34 / 9
    assert summary["pulse"]["from_forms"] == 8 and summary["pulse"]["from_tracker"] == 1
    assert [m["month"] for m in summary["pulse"]["by_month"]] == ["2027-01", "2027-02", "2027-03"]
    assert all(m["useful"] == S for m in summary["pulse"]["by_month"])  # 2, 4 and 1 people


def test_ratings_by_role_with_their_means(summary) -> None:
    business = summary["questions"]["end-of-programme-evaluation.value-business"]
    assert business == {
        "n": 12,
        "mean": 4.08,  # 49 / 12
        "by_role": {"mentor": {"n": 5, "mean": 4.0}, "mentee": {"n": 7, "mean": 4.14}},
    }
    you = summary["questions"]["end-of-programme-evaluation.value-you"]
    assert you["mean"] == 4.25 and you["by_role"]["mentor"] == {"n": 5, "mean": 4.6}


def test_a_hidden_role_hides_the_other_where_the_total_would_tell(summary) -> None:
    """Two mentors and six mentees rated progress at the mid-point: the mentors' number is
    from too few, and the total would give it away through the mentees', so both go."""
    progress = summary["questions"]["mid-point-check-in.progress"]
    assert progress == {"n": 8, "mean": 3.25, "by_role": {"mentor": S, "mentee": S}}


def test_choices_hide_small_counts_and_the_counts_that_would_give_them_away(summary) -> None:
    recommend = summary["questions"]["end-of-programme-evaluation.recommend"]
    assert recommend == {
        "n": 12,
        # 'Not sure' is one person; with 'No' known to be nobody, 'Yes' would give it away
        "counts": {"Yes": S, "Not sure": S, "No": 0},
        "by_role": {
            "mentor": {"n": 5, "counts": {"Yes": S, "Not sure": S, "No": 0}},
            "mentee": {"n": 7, "counts": {"Yes": 7, "Not sure": 0, "No": 0}},
        },
    }
    assert summary["questions"]["end-of-programme-evaluation.role"] == {
        "n": 12,
        "counts": {"Mentor": 5, "Mentee": 7},
    }
    assert summary["questions"]["goals-worksheet.goal-1-baseline"] == S  # one worksheet


def test_goals_merge_the_worksheet_with_the_tracker_and_hide_two_pairs(evaluation) -> None:
    """Henrik's worksheet (pair P01) replaces P01's rows in the tracker, under the goal ids
    the tracker gives them; P04's tracker row stays. Three goals from two pairs: hidden."""
    cell = evaluation.cells[("goals",)]
    assert cell.primary and cell.people == 2
    assert cell.value == {"n": 3, "before": 2.0, "after": 3.67, "change": 1.67}
    assert evaluation.goal_ids == ("everyday-tools", "ai-judgement", "lead-by-example")
    assert evaluation.cells[("goal", "everyday-tools")].value["after"] == 5.0
    assert summary_json(evaluation)["goals"]["all"] == S


def test_actions_by_level_and_examples_only_with_permission(evaluation, summary) -> None:
    assert evaluation.cells[("actions",)].value == {"n": 4}  # P01 team, P04 symbolic, P02 x2
    assert summary["actions"] == {
        "all": S,
        "by_level": {"personal": S, "team": S, "organisation": S, "symbolic": S},
    }
    examples = [(e.level, e.change, e.mentee, e.mentor) for e in evaluation.examples]
    assert examples == [
        ("personal", "I book my own video calls", "", "Li Wei"),
        ("team", "Weekly notes now go in the shared channel", "", "Amara Okafor"),
        ("organisation", "Expense claims moved online", "", "Li Wei"),
        ("symbolic", "Spoke about the programme at the town hall", "Adaeze Nwosu", ""),
    ]


def test_a_lower_threshold_shows_more_but_never_below_three(inputs) -> None:
    forms = northwind().kit.forms
    three = summary_json(evaluate(inputs, forms, today=TODAY, min_group=3))
    assert three["sessions"]["by_month"][1]["held"] == {"n": 3}
    assert three["min_group"] == 3
    with pytest.raises(GroupTooSmall):
        evaluate(inputs, forms, today=TODAY, min_group=2)


def test_skipped_lists_file_and_why(summary) -> None:
    skipped = summary["skipped"]
    assert len(skipped) == 9 and set(skipped[0]) == {"file", "why"}
    row = next(s for s in skipped if "pulse-export.csv:2" in s["file"])
    assert row["why"] == "useful: 7 is out of range: ratings go from 1 to 5"


@pytest.fixture(scope="module")
def files(evaluation) -> dict[str, bytes]:
    return sponsor_report_files(evaluation)


def test_the_report_folder_is_three_files_and_the_same_bytes_each_time(files, evaluation) -> None:
    assert sorted(files) == ["index.html", "report.pdf", "summary.json"]
    assert files == sponsor_report_files(evaluation)
    assert json.loads(files["summary.json"]) == summary_json(evaluation)


def test_the_page_works_offline_and_every_chart_has_a_sentence_and_a_table(files) -> None:
    soup = BeautifulSoup(files["index.html"], "lxml")
    assert soup.html["lang"] == "en-GB"
    assert (
        "default-src 'none'"
        in soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    )
    assert not soup.find_all(["script", "link", "img", "iframe"])
    for tag in soup.find_all(href=True):
        assert tag["href"] in ("report.pdf", "summary.json") or tag["href"].startswith("#")
    assert "@font-face" not in files["index.html"].decode()
    figures = soup.find_all("figure")
    # every other chart would draw only hidden numbers: it is left out, its table says why
    assert [f.h3["id"] for f in figures] == ["sessions-chart-title", "value-chart-title"]
    for figure in figures:
        svg = figure.find("svg")
        assert svg["role"] == "img"
        title_id, sentence_id = svg["aria-labelledby"].split()
        assert figure.find(id=title_id) and figure.find("figcaption", id=sentence_id).get_text(
            strip=True
        )
        table = figure.find_next_sibling("div", class_="table-wrap").table
        assert table is not None and table.find("thead")
    headings = [h.get_text() for h in soup.find_all("h2")]
    assert any(h.startswith("Level 1, reaction") for h in headings)
    assert any(h.startswith("Level 2, learning") for h in headings)
    assert any(h.startswith("Level 3, behaviour") for h in headings)
    assert any(h.startswith("Level 4, results") for h in headings)
    text = soup.get_text(" ")
    assert "fewer than five answers" in text and "hidden to protect a small group" in text
    assert "What the junior mentors gained (kept apart)" in text
    assert "What it would take to measure results properly" in text
    left_out = soup.find(id="left-out")
    assert len(left_out.find_all("li")) == 9


def test_the_held_sessions_sentence_and_table_match_the_numbers(files) -> None:
    soup = BeautifulSoup(files["index.html"], "lxml")
    sentence = soup.find(id="sessions-chart-sentence").get_text()
    assert sentence.startswith("Of 18 sessions due by Thursday 1 April 2027, 11 were held (61%).")
    rows = [
        [c.get_text() for c in tr.find_all(["th", "td"])]
        for tr in soup.find(id="sessions-chart-table").tbody.find_all("tr")
    ]
    assert rows[0] == ["Jan 2027", "6", "5"]
    assert rows[1] == ["Feb 2027", "6", "fewer than five answers"]
    assert rows[-1] == ["In all", "18", "11"]


def test_the_pdf_carries_the_same_report_with_its_charts(files) -> None:
    reader = PdfReader(io.BytesIO(files["report.pdf"]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Programme report: Northwind Upward" in text
    assert "Level 1, reaction" in text and "fewer than five answers" in text
    images = sum(len(page.images) for page in reader.pages)
    soup = BeautifulSoup(files["index.html"], "lxml")
    assert images == len(soup.find_all("figure"))
    assert reader.metadata.title == "Programme report: Northwind Upward"


def test_names_from_a_profile_are_text_in_the_page_and_the_pdf(evaluation) -> None:
    from dataclasses import replace

    from conftest import HOSTILE_NAME

    hostile = replace(evaluation, programme=HOSTILE_NAME, organisation="<b>Acme & Sons</b>")
    files = sponsor_report_files(hostile)
    soup = BeautifulSoup(files["index.html"], "lxml")
    assert soup.find("img") is None and soup.find("b") is None
    assert soup.h1.get_text() == f"Programme report: {HOSTILE_NAME}"
    assert "<b>Acme & Sons</b>" in soup.find(class_="subtitle").get_text()
    text = PdfReader(io.BytesIO(files["report.pdf"])).pages[0].extract_text()
    text = " ".join(text.split())  # the title may wrap anywhere in the PDF
    assert "<b>Acme & Sons</b>" in text and "{{ 7*7 }}" in text
