"""A kit an HR lead and a data-protection officer can sign off (issue 12): the data-protection
notice on every form in every format with the profile's values, identity models that no page
contradicts, the independent contact in the agreement and the concern form, no blank the profile
could have filled, and a tailored kit that is the organisation's own. Read back from a real
tailored kit: pypdf, python-docx, the built pages, the zip."""

from __future__ import annotations

import io
import re
import zipfile
from email import message_from_bytes, policy
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from upward import paths
from upward.load.kit import load_kit
from upward.load.org_profile import load_profile
from upward.model import Form, Profile
from upward.plan.tailored import tailor_kit
from upward.render.forms.document import form_document
from upward.render.forms.pdf import form_pdf
from upward.words import english

from conftest import EXAMPLE_PROFILE, KIT, flat, profile_text, write

KIT_DATA = load_kit(KIT).kit
PROFILE = load_profile(EXAMPLE_PROFILE, lambda: [p.id for p in KIT_DATA.purposes])
BLANK = re.compile(r"\[[^\[\]\n]{1,120}\]")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def article_text(path: Path) -> str:
    page = soup(path)
    return flat((page.select_one("article") or page).get_text(" "))


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return flat(" ".join([*(p.text for p in document.paragraphs), *cells]))


def expected_notice(form: Form) -> list[str]:
    """What every copy of `form` must say, with Northwind's values."""
    identity = {
        "named": "This form carries your name.",
        "pair-coded": "This form carries your pair code, but not your name.",
        "anonymous": "This form does not ask for your name.",
        "stays-with-pair": "This form stays with you and your partner.",
        "name-optional": "This form carries your name only if you give it.",
    }[form.identity]
    if form.filled_by == ["lead"]:
        identity = "This form carries the names of the people it is about."
    if form.identity == "stays-with-pair":
        return [identity, "Northwind Trading Ltd does not collect this form"]
    says = [
        identity,
        "Northwind Trading Ltd is the controller of the personal data on this form",
        "legitimate interests",
        "Article 6(1)(f)",
        "Data Protection Officer (dpo@northwind.example)",
    ]
    if form.kept in ("record", "retention", "concern"):
        says.append("24 months")
    return says


def expected_return(form: Form) -> str:
    timeline = tailor_kit(KIT_DATA, PROFILE)
    return (
        {
            "applications-close": f"Send it back to Zoë Øberg-Núñez (zoe.oberg@northwind.example) by "
            f"{timeline.org.applications_close}.",
            "mid-point-check-in": f"by {timeline.org.mid_point_check_in}.",
            "evaluation": f"by {timeline.org.evaluation_due}.",
            "after-first-session": "by Monday 18 January 2027.",  # a week after Monday 11 January
            "after-last-session": "by Monday 21 June 2027.",
            "each-session": "on the day of each session.",
            "any-time": "Send it to Priya Raman (speak-up@northwind.example) whenever you need to.",
        }[form.returns.by]
        if form.returns.to in ("lead", "independent-contact")
        else {
            "nobody": "Keep it: this form is not sent to anyone.",
            "lead-keeps": "The programme lead keeps it with the programme's records",
        }[form.returns.to]
    )


# --- the notice on every form, in every format -------------------------------------------------


@pytest.mark.parametrize("form", KIT_DATA.forms, ids=lambda f: f.id)
def test_every_form_carries_the_notice_and_return_line_in_all_three_formats(
    northwind: Path, form: Form
) -> None:
    copies = {
        "pdf": pdf_text(northwind / "forms" / f"{form.id}.pdf"),
        "docx": docx_text(northwind / "forms" / f"{form.id}.docx"),
        "web": article_text(northwind / "site" / paths.built(paths.form_page(form.id))),
    }
    for name, text in copies.items():
        for expected in [*expected_notice(form), expected_return(form)]:
            assert flat(expected) in text, (form.id, name, expected)


def test_the_dates_on_the_forms_are_the_schedule_s(northwind: Path) -> None:
    """The agreement's mid-point review and the applications' closing date come from the
    programme's dates, prefilled in the PDF's fields."""
    tailored = tailor_kit(KIT_DATA, PROFILE)
    agreement = PdfReader(northwind / "forms" / "mentoring-agreement.pdf").get_fields()
    review = tailored.schedule[tailored.mid_point - 1].date
    # as the text writes dates (issue 13)
    assert agreement["mid-point-review"]["/V"] == english().date(review) == "Monday 12 April 2027"
    assert agreement["meeting-place"]["/V"] == "Microsoft Teams"
    assert agreement["chat-tool"]["/V"] == "Teams chat"
    assert tailored.org.applications_close == "Monday 7 December 2026"


# --- identity models, and no page that contradicts them ----------------------------------------

CONTRADICTS = {
    "named": ("does not ask for your name", "is anonymous", "not your name", "carries no name"),
    "pair-coded": ("does not ask for your name", "carries your name", "carries no name"),
    "anonymous": ("carries your name", "pair code", "carry your name", "with your name"),
    "stays-with-pair": ("carries your name", "pair code", "is anonymous", "the lead reads it"),
    "name-optional": ("pair code", "stays with you"),
}


def contradictions(blocks: list[str], forms: list[Form]) -> list[str]:
    """Clauses that name a form and say something its identity model rules out."""
    found = []
    for block in blocks:
        for clause in re.split(r"(?<=[.;:!?])\s+", block):
            lowered = clause.lower()
            for form in forms:
                names = {form.title.lower(), form.title.lower().rstrip("s") + "s"}
                if not any(name in lowered for name in names):
                    continue
                named = [f for f in forms if f.title.lower() in lowered]
                if len(named) > 1:  # a clause comparing forms is not about one of them
                    continue
                found += [
                    f"{form.id} ({form.identity}): '{phrase}' in: {clause}"
                    for phrase in CONTRADICTS[form.identity]
                    if phrase in lowered
                ]
    return found


def site_blocks(site: Path) -> list[str]:
    blocks = []
    for page in sorted(site.rglob("*.html")):
        article = soup(page).select_one("article")
        if article is not None:
            blocks += [flat(b.get_text(" ")) for b in article.find_all(["p", "li", "td"])]
    return blocks


def test_the_checker_finds_a_contradiction_when_there_is_one() -> None:
    forms = {f.id: f for f in KIT_DATA.forms}
    wrong = [
        "The after-session pulse carries your name, so the lead knows who wrote it.",
        "Your mid-point check-in is anonymous.",
    ]
    assert (
        len(contradictions(wrong, [forms["after-session-pulse"], forms["mid-point-check-in"]])) == 2
    )


def test_no_page_contradicts_a_form_s_identity_model(northwind: Path) -> None:
    assert not contradictions(site_blocks(northwind / "site"), KIT_DATA.forms)


def test_each_form_s_note_opens_with_its_identity_and_the_tables_agree(northwind: Path) -> None:
    privacy = soup(northwind / "site" / paths.built(paths.PRIVACY))
    rows = {
        flat(row.find("td").get_text()): flat(row.find_all("td")[1].get_text())
        for row in privacy.select("article table tr")
        if row.find("td")
    }
    carries = {
        "named": "Your name",
        "pair-coded": "Your pair code, not your name",
        "anonymous": "No name",
        "stays-with-pair": "Stays with the pair",
        "name-optional": "Your name only if you give it",
    }
    for form in KIT_DATA.forms:
        page = soup(northwind / "site" / paths.built(paths.form_page(form.id)))
        note = flat(page.select_one("article .admonition").get_text(" "))
        assert expected_notice(form)[0] in note, form.id
        wanted = (
            "The names of the people it is about"
            if form.filled_by == ["lead"]
            else carries[form.identity]
        )
        assert rows[form.title] == wanted, form.id
    faq = article_text(northwind / "site" / paths.built(paths.FAQ))
    assert "After-session pulse Your pair code, not your name" in faq  # the same table


# --- the privacy notice page -------------------------------------------------------------------


def test_the_privacy_notice_says_what_why_basis_who_how_long_and_how_to_withdraw(
    northwind: Path,
) -> None:
    text = article_text(northwind / "site" / paths.built(paths.PRIVACY))
    for expected in (
        "Northwind Trading Ltd is the controller",
        "Data Protection Officer (dpo@northwind.example)",
        "What we collect",
        "Why",
        "We rely on its legitimate interests",
        "Article 6(1)(f) of the UK GDPR and the EU GDPR",
        "Who sees what",
        "each kept for 24 months",
        "You can leave at any time",
        "Priya Raman (speak-up@northwind.example)",
        "Information Commissioner's Office",
    ):
        assert expected in text, expected
    # a digital-fluency programme asks no special-category question, so the page lists none
    assert "Article 9(2)(a)" not in text


@pytest.mark.parametrize(("basis", "article"), [("public-task", "6(1)(e)"), ("consent", "6(1)(a)")])
def test_the_lawful_basis_is_the_profile_s(basis: str, article: str) -> None:
    privacy = PROFILE.privacy.model_copy(update={"lawful_basis": basis})
    profile = PROFILE.model_copy(update={"privacy": privacy})
    form = next(f for f in KIT_DATA.forms if f.id == "mid-point-check-in")
    notice = form_document(KIT_DATA, form, tailor_kit(KIT_DATA, profile)).notice
    assert f"Article {article}" in notice


# --- special-category questions ----------------------------------------------------------------


def _mentor_application(purpose: str):
    profile = Profile.model_validate({**PROFILE.model_dump(), "purpose": purpose})
    form = next(f for f in KIT_DATA.forms if f.id == "mentor-application")
    return form_document(KIT_DATA, form, tailor_kit(KIT_DATA, profile))


def test_a_special_category_question_is_asked_only_where_the_purpose_needs_it() -> None:
    digital = _mentor_application("digital-fluency")
    assert not {"identity-topics", "identity-consent"} & {f.id for f in digital.fields}
    assert "identity-topics" not in PdfReader(io.BytesIO(form_pdf(digital))).get_fields()
    assert "Article 9(2)(a)" not in digital.notice
    inclusion = _mentor_application("inclusion")
    fields = {f.id: f for f in inclusion.fields}
    assert not fields["identity-topics"].required  # optional
    assert fields["identity-consent"].type == "checkbox"  # with explicit consent
    assert "explicit consent" in inclusion.notice and "Article 9(2)(a)" in inclusion.notice
    reader = PdfReader(io.BytesIO(form_pdf(inclusion))).get_fields()
    assert "identity-topics" in reader and "identity-consent" in reader


def test_every_special_category_field_in_the_kit_is_optional_targeted_and_consented() -> None:
    purposes = {p.id for p in KIT_DATA.purposes}
    special = [(form, f) for form in KIT_DATA.forms for f in form.fields if f.special_category]
    assert special  # the kit has one, and it is checked
    for form, field in special:
        assert not field.required and set(field.purposes) <= purposes and field.purposes
        assert any(f.consent_for == field.id for f in form.fields), (form.id, field.id)


# --- the independent contact -------------------------------------------------------------------


def test_the_independent_contact_is_in_the_agreement_and_the_concern_form(northwind: Path) -> None:
    site = northwind / "site"
    agreement = article_text(site / paths.built(paths.agreement_page("mentoring-agreement")))
    assert "the programme's independent contact, Priya Raman (speak-up@northwind.example)" in (
        agreement
    )
    fields = PdfReader(northwind / "forms" / "mentoring-agreement.pdf").get_fields()
    assert fields["independent-contact"]["/V"] == "Priya Raman"
    assert fields["independent-contact-email"]["/V"] == "speak-up@northwind.example"
    word = docx_text(northwind / "forms" / "mentoring-agreement.docx")
    assert "Priya Raman" in word and "speak-up@northwind.example" in word
    concern = pdf_text(northwind / "forms" / "raise-a-concern.pdf")
    assert "Send it to Priya Raman (speak-up@northwind.example) whenever you need to." in concern
    for page in ("when-it-gets-hard", "looking-after-yourself", "your-role-as-mentor"):
        assert "Priya Raman" in article_text(site / paths.built(paths.guide_page(page))), page


def test_tailoring_warns_when_the_contact_is_missing_or_is_the_lead(
    tmp_path: Path, run_cli
) -> None:
    lonely = write(tmp_path / "lonely.yaml", profile_text())
    result = run_cli("tailor", lonely, "-o", tmp_path / "a")
    assert result.code == 0 and (tmp_path / "a" / "START-HERE.html").is_file()
    assert "warning: " in result.err and "escalation: no independent contact is named" in result.err
    same = write(
        tmp_path / "same.yaml",
        profile_text() + "escalation:\n  name: Sam Lee\n  email: other@example.org\n",
    )
    result = run_cli("tailor", same, "-o", tmp_path / "b")
    assert result.code == 0
    assert re.search(
        r"same\.yaml:\d+:\d+: escalation: the independent contact is the programme lead", result.err
    )


def test_the_tailor_summary_reports_the_rule_and_every_move(tmp_path: Path, run_cli) -> None:
    profile = write(
        tmp_path / "gb.yaml",
        profile_text(start="2026-01-05", sessions="12") + "country: GB\nsubdivision: ENG\n",
    )
    result = run_cli("tailor", profile, "-o", tmp_path / "kit")
    assert result.code == 0, result.err
    assert "Monthly sessions keep the first Monday of the month." in result.out
    assert (
        "Session 4 moved from Monday 6 April 2026 (Easter Monday) to Tuesday 7 April." in result.out
    )


# --- a kit of their own -------------------------------------------------------------------------


def test_no_bracketed_blank_where_the_profile_fills_every_optional_key(northwind: Path) -> None:
    left = []
    for page in sorted((northwind / "site").rglob("*.html")):
        left += [f"{page.name}: {m}" for m in BLANK.findall(article_text(page))]
    for form in KIT_DATA.forms:
        for text in (
            pdf_text(northwind / "forms" / f"{form.id}.pdf"),
            docx_text(northwind / "forms" / f"{form.id}.docx"),
        ):
            left += [f"{form.id}: {m}" for m in BLANK.findall(text)]
    calendar = (northwind / "schedule.ics").read_text(encoding="utf-8")
    left += [f"schedule.ics: {m}" for m in BLANK.findall(calendar.replace("\r\n ", ""))]
    for draft in sorted((northwind / "messages").glob("*.eml")):  # the drafts, as mail opens them
        message = message_from_bytes(draft.read_bytes(), policy=policy.default)
        text = flat(message["Subject"] + " " + message.get_content())
        left += [f"{draft.name}: {m}" for m in BLANK.findall(text)]
    start = article_text(northwind / "START-HERE.html")
    left += [f"START-HERE.html: {m}" for m in BLANK.findall(start)]
    assert not left, left[:20]
    # what stays is per person or pair, marked as a mail-merge field, not a bracket
    messages = article_text(northwind / "site" / paths.built(paths.MESSAGES))
    assert "«Mentor name»" in messages and "Microsoft Teams" in messages


def test_the_kit_carries_the_programme_s_name_and_purpose_first(northwind: Path) -> None:
    site = northwind / "site"
    home = soup(site / "index.html")
    assert home.title.get_text().endswith("Northwind Upward · Northwind Trading")
    assert "Upward reverse mentoring kit" not in home.title.get_text()
    assert (
        flat(home.select_one(".md-header__topic").get_text())
        == "Northwind Upward · Northwind Trading"
    )
    index = soup(site / paths.built(paths.PURPOSES))
    first = index.select_one("article table tbody tr td").get_text()
    assert first.startswith("Digital fluency")  # theirs, though Culture comes first alphabetically
    mentor = article_text(site / paths.built(paths.start_page("mentor")))
    assert "In Northwind Upward at Northwind Trading you mentor a senior leader" in mentor


def test_no_authoring_page_in_a_tailored_kit(northwind: Path) -> None:
    site = northwind / "site"
    assert not (site / paths.built(paths.EDITING)).exists()
    assert "editing.html" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_zip_opens_on_a_start_page_at_its_top_level(northwind: Path) -> None:
    [bundle] = northwind.glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        top = {name.split("/")[1] for name in names}
        assert "START-HERE.html" in top
        [start] = [n for n in names if n.endswith("/START-HERE.html")]
        page = BeautifulSoup(archive.read(start), "lxml")
    prefix = start.removesuffix("START-HERE.html")
    links = [a["href"] for a in page.find_all("a")]
    assert "site/index.html" in links and f"{prefix}site/index.html" in names
    assert "Northwind Upward · Northwind Trading" in page.title.get_text()
