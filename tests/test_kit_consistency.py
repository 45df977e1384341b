"""Consistency across the kit (issue 12 §5), read on the real built output: the general site and
the example organisation's tailored kit, as their readers see them (BeautifulSoup on the built
HTML, the `email` package on the message drafts). Facts several pages state (the goal rule, the
mid-point's order, the sponsorship boundary) say the same everywhere; the figures the expert read
found misread are stated as their sources state them; the general edition never opens a sentence
with a placeholder; the promised stage messages exist; the example profiles carry the keys a
kit needs to be signed off, and tailor without a warning."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from upward import paths
from upward.build.orchestration import build_general_site
from upward.build.project import Project
from upward.load.kit import load_kit
from upward.load.org_profile import load_profile
from upward.model import profile_concerns

from conftest import EXAMPLE_PROFILE, KIT, ROOT, flat

KIT_DATA = load_kit(KIT).kit
EXAMPLES = sorted((KIT / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def general(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("general") / "site"
    build_general_site(Project.at(ROOT), site)
    return site


def article(path: Path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return flat((page.select_one("article") or page).get_text(" "))


def pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): article(p) for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def both(general: Path, northwind: Path) -> dict[str, dict[str, str]]:
    return {"general": pages(general), "northwind": pages(northwind / "site")}


def test_every_page_states_the_worksheet_s_goal_rule(both) -> None:
    """The goals worksheet asks for three goals; no page gives another count (1-2, 2-5, ...)."""
    worksheet = next(f for f in KIT_DATA.forms if f.id == "goals-worksheet")
    assert [f.id for f in worksheet.fields if re.fullmatch(r"goal-\d", f.id) and f.required] == [
        "goal-1",
        "goal-2",
        "goal-3",
    ]
    other = re.compile(
        r"\b(one|two|four|[124])\s*(or|to|-|\u2013)\s*(two|three|four|five|[2-5])\s+"
        r"(draft\s+|small\s+|learning\s+)*goals\b",
        re.IGNORECASE,
    )
    found = [
        f"{edition}/{name}: {m.group()}"
        for edition, site in both.items()
        for name, text in site.items()
        for m in other.finditer(text)
    ]
    assert not found, found
    form_page = both["northwind"][paths.built(paths.form_page("goals-worksheet"))]
    assert re.search(r"\bthree\b.{0,40}goals", form_page, re.IGNORECASE)


def test_the_mid_point_check_in_comes_after_the_review_on_every_page(both) -> None:
    """The plan, the form, the guides and the messages put the pair's review first and each
    person's private check-in after it, within a week; no page has it the other way round."""
    before = re.compile(
        r"check-in (first|before (the|your) (mid-point )?review)|"
        r"(fill|complete)s? in (the|your) (private )?mid-point check-in before",
        re.IGNORECASE,
    )
    site = both["northwind"]
    assert not [name for name, text in site.items() if before.search(text)]
    form = site[paths.built(paths.form_page("mid-point-check-in"))]
    assert "after the pair's mid-point review session (never before it" in form
    plan = next(p for p in KIT_DATA.session_plans if p.mid_point)
    review = site[paths.built(paths.session_page(plan.id, plan.mid_point.id))]
    assert "check-in comes after the review, not before" in review


def test_the_sponsorship_boundary_is_the_same_in_the_agreement_and_the_questions(both) -> None:
    """The agreement rules out favours and speaking up for the mentor while the programme runs,
    and allows introductions made openly; no mentee question offers more."""
    site = both["northwind"]
    agreement = site[paths.built(paths.agreement_page(KIT_DATA.agreements[0].id))]
    assert "does not speak up for the mentor in any decision about their pay" in agreement
    assert "introductions to colleagues or networks that help the mentor learn, made openly" in (
        agreement
    )
    offers = re.compile(
        r"(put in a (good )?word|recommend you|sponsor you|speak up for you|"
        r"a job|promotion for you)",
        re.IGNORECASE,
    )
    for bank in KIT_DATA.question_banks:
        assert not offers.search(site[paths.built(paths.topic_page(bank.id))]), bank.id
    careers = site[paths.built(paths.topic_page("careers-and-retention"))]
    assert "would an introduction help, made openly?" in careers
    assert not offers.search(careers)


def test_the_eeoc_figure_is_stated_as_its_source_states_it(both) -> None:
    """55.8% is the share of discrimination charges that include a retaliation claim: every page
    that gives it says so and names the EEOC; none calls it a share of all complaints."""
    seen = 0
    for site in both.values():
        for name, text in site.items():
            for match in re.finditer(r"55\.8\s?%", text):
                seen += 1
                around = text[max(0, match.start() - 300) : match.end() + 300]
                assert re.search(r"charges", around) and "retaliation" in around, (name, around)
                assert "EEOC" in text or "Equal Employment Opportunity" in text, name
                assert "of all complaints" not in around or "Qooper" in around, (name, around)
    assert seen, "the figure is on at least one page, with its reading"


def test_the_models_table_lists_only_what_its_source_lists(both) -> None:
    """The table credited to Mentoring Complete holds its five models; reciprocal mentoring is
    explained apart, as not on its list."""
    site = both["northwind"]
    text = site[paths.built(paths.guide_page("what-is-reverse-mentoring"))]
    table = text.split("Model (Mentoring Complete)", 1)[1].split("Mentoring Complete puts", 1)[0]
    assert "Reciprocal" not in table and "reciprocal" not in table
    assert "A sixth model is not on Mentoring Complete's list" in text


def test_pwc_s_location_is_not_stated_as_fact(both) -> None:
    for site in both.values():
        for name, text in site.items():
            for match in re.finditer(r"PwC(\u2019s|'s)? (UK|United Kingdom)", text):
                around = text[max(0, match.start() - 200) : match.end() + 400]
                assert "unconfirmed" in around or "research notes" in around, (name, around)
    case = both["general"][paths.built(paths.case_page("pwc-uk"))]
    assert "Treat the location as unconfirmed" in case


def test_no_page_refers_to_a_guide_that_does_not_exist(both) -> None:
    """The read found a "new-mentor guide" referred to that does not exist: a guide is named by
    its title, and every title so named is a guide's."""
    titles = {flat(g.meta.title).casefold() for g in KIT_DATA.guides}
    for site in both.values():
        for name, text in site.items():
            assert "new-mentor guide" not in text.casefold(), name
            for match in re.finditer(r"the guide [\"“]([^\"”]{3,80})[\"”]", text):
                assert match.group(1).casefold() in titles, (name, match.group())


def test_the_general_edition_never_opens_a_sentence_with_a_placeholder(both) -> None:
    """{{ org.name }} reads "your organisation" in the general edition: never a sentence's start."""
    opener = re.compile(r"(?:^|[.!?]\s+)(your organisation|your programme)\b")
    found = [
        f"{name}: {text[max(0, m.start() - 40) : m.end() + 40]}"
        for name, text in both["general"].items()
        for m in opener.finditer(text)
    ]
    assert not found, found[:10]


def test_the_promised_stage_messages_exist_in_the_kit_and_its_drafts(northwind: Path) -> None:
    messages = article(northwind / "site" / paths.built(paths.MESSAGES))
    for title in (
        "Sponsor update - pairs under way",
        "Sponsor update - half-way",
        "Sponsor update - the results",
        "To an applicant who was not matched",
        "Early check on a new match",
    ):
        assert title in messages, title
    subjects = {
        message_from_bytes(p.read_bytes(), policy=policy.default)["Subject"]
        for p in (northwind / "messages").glob("*.eml")
    }
    assert any("Northwind Upward" in s for s in subjects) and len(subjects) >= 17


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_example_profiles_carry_the_new_keys_and_tailor_without_a_warning(
    example: Path,
) -> None:
    profile = load_profile(example, lambda: [p.id for p in KIT_DATA.purposes])
    assert profile.country and profile.blackout and profile.escalation and profile.privacy
    assert profile_concerns(profile) == []
    if example == EXAMPLE_PROFILE:  # the example that fills every optional key
        unset = set(type(profile).model_fields) - profile.model_fields_set
        assert not unset - {"matching_rules"}, unset
