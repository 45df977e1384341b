"""Every real form as it prints: the Word copies laid out by LibreOffice, the PDFs read with
pypdf, and the first page of each drawn by poppler into test-artifacts/screenshots/forms/ for a
person to look at. Nothing is split that belongs together: a section (or, when a section is
longer than a page, each run of fields that belong together), an agreement's clause, a tick
box and the signature under it, a goal and its ratings.

LibreOffice (Debian's libreoffice-writer-nogui) and poppler-utils are installed by
`make browser`; without them these tests fail with that hint, unless UPWARD_SKIP_LIBREOFFICE=1
says to skip them on purpose (as for the tracker's LibreOffice checks). All Word copies are converted in one LibreOffice run, with a profile
of its own, so the module stays quick and never touches a user's LibreOffice settings.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from upward.load.kit import load_kit
from upward.load.org_profile import read_profile
from upward.plan.tailored import tailor_kit
from upward.render.forms import design
from upward.render.forms.document import FormDocument, form_document
from upward.render.forms.docx import form_docx
from upward.render.forms.pdf import form_pdf

from conftest import EXAMPLE_PROFILE, KIT, ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots" / "forms"
# Pages each form may take, so that a change that adds pages is a decision, not an accident.
# (Word copy, PDF.) The Word copy can be longer: its answer rows leave room to write by hand.
# Counts after every form gained its data-protection notice and return line (issue 12).
PAGE_BUDGET = {
    "after-session-pulse": (1, 1),
    "end-of-programme-evaluation": (3, 3),
    "goals-worksheet": (4, 4),
    "matching-worksheet": (3, 4),
    "mentee-application": (5, 5),
    "mentor-application": (5, 6),
    "mentoring-agreement": (6, 6),
    "mid-point-check-in": (3, 2),
    "organisational-action-log": (4, 4),
    "raise-a-concern": (3, 3),
    "session-log": (3, 3),
    "session-preparation": (3, 3),
}


def _tools() -> tuple[str, str]:
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        if os.environ.get("UPWARD_SKIP_LIBREOFFICE") == "1":
            pytest.skip("UPWARD_SKIP_LIBREOFFICE=1: LibreOffice checks skipped on purpose")
        pytest.fail(
            "LibreOffice or poppler is missing: run `make browser` (installs Debian's "
            "libreoffice-writer-nogui and poppler-utils), or set UPWARD_SKIP_LIBREOFFICE=1 to skip "
            "these tests on purpose.",
            pytrace=False,
        )
    return soffice, pdftoppm


@dataclass
class Printed:
    document: FormDocument
    pdf: bytes  # our fillable PDF
    word_pdf: bytes  # the Word copy as LibreOffice lays it out

    def pages(self, which: str) -> list[str]:
        """Each page's text, a line a line, spaces squashed."""
        reader = PdfReader(io.BytesIO(self.pdf if which == "pdf" else self.word_pdf))
        return [
            "\n".join(" ".join(line.split()) for line in page.extract_text().splitlines())
            for page in reader.pages
        ]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    """Every form of the example organisation's kit: PDF, and Word copy converted by
    LibreOffice (one run for all); first pages saved as PNG for a person to look at."""
    soffice, pdftoppm = _tools()
    kit = load_kit(KIT).kit
    profile = read_profile(EXAMPLE_PROFILE, lambda: [p.id for p in kit.purposes]).profile
    tailored = tailor_kit(kit, profile)
    folder = tmp_path_factory.mktemp("print")
    documents = {form.id: form_document(kit, form, tailored) for form in kit.forms}
    for form_id, document in documents.items():
        (folder / f"{form_id}.docx").write_bytes(form_docx(document))
    out = folder / "word"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *sorted(str(p) for p in folder.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    result = {}
    for form_id, document in documents.items():
        pdf = form_pdf(document)
        (folder / f"{form_id}.pdf").write_bytes(pdf)
        for name, source in (
            (f"{form_id}-pdf", folder / f"{form_id}.pdf"),
            (f"{form_id}-word", out / f"{form_id}.pdf"),
        ):
            target = SCREENSHOTS / name
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    "80",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(source),
                    str(target),
                ],
                check=True,
                timeout=60,
            )
        result[form_id] = Printed(document, pdf, (out / f"{form_id}.pdf").read_bytes())
    return result


def line(text: str) -> re.Pattern[str]:
    """A heading: a line of its own."""
    return re.compile(rf"^{re.escape(text)}$", re.M)


def starts(label: str) -> re.Pattern[str]:
    """A label: a line that starts with its first words (a narrow column may break them over
    two lines), after the tick box of a statement to tick."""
    first = r"\s+".join(re.escape(word) for word in label.split()[:4])
    return re.compile(rf"^(?:\u2610 )?{first}", re.M)


def words_of(text: str) -> re.Pattern[str]:
    """Words in order, wherever the lines break."""
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))


def locate(pages: list[str], needles: list[re.Pattern[str]]) -> list[int]:
    """The page each needle is on, found in order, each after the one before (so a label that
    recurs is found where it belongs)."""
    found, page, offset = [], 0, 0
    for needle in needles:
        while page < len(pages):
            match = needle.search(pages[page], offset)
            if match:
                found.append(page)
                offset = match.end()
                break
            page, offset = page + 1, 0
        else:
            raise AssertionError(f"{needle.pattern!r} not found in order")
    return found


def blocks(document: FormDocument) -> list[tuple[str, list[re.Pattern[str]]]]:
    """What must share a page, as needles in reading order: each clause (its title and its
    last words), and each section (its heading and every field) or, when it may break, each
    run of fields that belong together (the heading with the first)."""
    found: list[tuple[str, list[re.Pattern[str]]]] = []
    for number, (title, text) in enumerate(document.clauses, start=1):
        last = " ".join(text.split()[-3:])
        found.append((f"clause {number}", [line(f"{number}. {title}"), words_of(last)]))
    for section in document.sections:
        labels = [starts(f.label) for f in section.fields]
        if design.keeps_whole(section):
            found.append((section.title, [line(section.title), *labels]))
            continue
        position = 0
        for index, run in enumerate(design.keep_runs(section.fields)):
            needles = labels[position : position + len(run)]
            if index == 0:
                needles.insert(0, line(section.title))
            found.append((f"{section.title}: {run[0].label}", needles))
            position += len(run)
    return found


@pytest.mark.parametrize("form_id", sorted(PAGE_BUDGET))
def test_each_form_prints_within_its_page_budget(printed: dict[str, Printed], form_id: str):
    word, pdf = (len(printed[form_id].pages(which)) for which in ("word", "pdf"))
    budget_word, budget_pdf = PAGE_BUDGET[form_id]
    assert word <= budget_word and pdf <= budget_pdf, (word, pdf)


@pytest.mark.parametrize("which", ["word", "pdf"])
def test_no_block_is_split_across_pages(printed: dict[str, Printed], which: str) -> None:
    split = []
    for form_id, copy in printed.items():
        pages = copy.pages(which)
        for name, needles in blocks(copy.document):
            on = locate(pages, needles)
            if len(set(on)) > 1:
                split.append(f"{form_id}: {name} on pages {sorted(set(on))}")
            pages = [p if i >= on[-1] else "" for i, p in enumerate(pages)]  # search on from here
    assert not split


def test_every_page_says_page_n_of_m(printed: dict[str, Printed]) -> None:
    for form_id, copy in printed.items():
        for which in ("word", "pdf"):
            pages = copy.pages(which)
            for number, text in enumerate(pages, start=1):
                assert f"Page {number} of {len(pages)}" in text, (form_id, which)


def field_pages(pdf: bytes) -> dict[str, set[int]]:
    pages: dict[str, set[int]] = {}
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        for widget in page.get("/Annots", []):
            widget = widget.get_object()
            name = widget.get("/T") or widget["/Parent"].get_object()["/T"]
            pages.setdefault(str(name), set()).add(number)
    return pages


def test_the_agreement_s_tick_boxes_and_signatures_share_a_page(printed: dict[str, Printed]):
    pages = field_pages(printed["mentoring-agreement"].pdf)
    for side in ("mentor", "mentee"):
        assert pages[f"{side}-confirms"] == pages[f"{side}-signature"] == pages[f"{side}-signed-on"]


def test_each_goal_shares_a_page_with_its_ratings(printed: dict[str, Printed]) -> None:
    pages = field_pages(printed["goals-worksheet"].pdf)
    for goal in range(1, 6):
        ids = [f"goal-{goal}", f"goal-{goal}-baseline", f"goal-{goal}-final"]
        assert len({frozenset(pages[i]) for i in ids}) == 1, goal
        assert len(pages[f"goal-{goal}"]) == 1


def test_the_word_copies_show_their_controls_as_they_print(printed: dict[str, Printed]):
    agreement = printed["mentoring-agreement"]
    text = " ".join(agreement.pages("word"))
    start = agreement.document.fields[[f.id for f in agreement.document.fields].index("start-date")]
    assert design.shown_value(start, agreement.document.words) in text  # "Monday 11 January…"
    assert "\u2610 Mentor: I have read the clauses" in text  # a tick box, drawn
    assert "For example, 11 January 2027" in text  # an empty date's hint
    assert "In person / Video call / A mix of in person and video" in text  # to circle


def test_first_pages_are_saved_for_a_person_to_look_at(printed: dict[str, Printed]) -> None:
    for form_id in printed:
        for which in ("pdf", "word"):
            image = SCREENSHOTS / f"{form_id}-{which}.png"
            assert image.stat().st_size > 10_000, image  # a drawn page, not an empty one
