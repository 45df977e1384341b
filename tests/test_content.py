"""The knowledge base holds what a programme needs: inventory, completeness, sources, originality."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from upward import paths
from upward.load.kit import load_kit

from conftest import KIT, ROOT

SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def kit():
    return load_kit(KIT).kit


def test_the_inventory_meets_the_knowledge_base_thresholds(kit) -> None:
    counts = kit.counts()
    assert {p.id for p in kit.purposes} == {
        "digital-fluency",
        "inclusion",
        "generations",
        "retention",
        "innovation",
        "culture",
    }
    assert counts["questions"] >= 150 and counts["topics"] >= 8
    assert counts["session_plans"] >= 4 and counts["sessions"] >= 20
    assert counts["feedback_modules"] >= 5
    assert counts["case_studies"] >= 6
    assert counts["guides"] >= 12
    assert counts["glossary_terms"] >= 20
    assert kit.faq is not None and len(kit.faq.questions) >= 10


def test_every_purpose_is_a_complete_briefing(kit) -> None:
    for purpose in kit.purposes:
        assert len(purpose.goals) >= 4, purpose.id
        assert len(purpose.metrics) >= 3, purpose.id
        assert len(purpose.risks) >= 2 and all(r.mitigation for r in purpose.risks), purpose.id
        assert purpose.why and all(fact.sources for fact in purpose.why), purpose.id
        assert purpose.topics and purpose.cases, purpose.id


def test_questions_say_who_asks_when_and_many_carry_a_follow_up(kit) -> None:
    questions = kit.questions
    assert {q.asked_by for q in questions} == {"mentor", "mentee"}
    assert {q.stage for q in questions} >= {"first", "middle", "closing"}
    assert sum(1 for q in questions if q.follow_up) >= len(questions) // 2


def test_every_plan_opens_with_the_agreement_and_closes_with_re_rating(kit) -> None:
    for plan in kit.session_plans:
        first, last = plan.sessions[0], plan.sessions[-1]
        assert first.form in {"mentoring-agreement", "goals-worksheet"}, plan.id
        assert last.form in {
            "goals-worksheet",
            "end-of-programme-evaluation",
            "organisational-action-log",
        }, plan.id
        for session in plan.sessions:
            assert session.objectives and session.prep_mentor and session.prep_mentee, session.id
            assert session.questions and session.after and session.form, session.id
            assert session.minutes == plan.minutes, session.id


def test_feedback_modules_have_practice_material(kit) -> None:
    for module in kit.feedback_modules:
        assert len(module.scenarios) >= 3, module.id
        assert module.exercises and module.self_check, module.id


def test_the_agreement_protects_the_junior_mentor(kit) -> None:
    text = " ".join(c.text.lower() for a in kit.agreements for c in a.clauses)
    for promise in ("retaliat", "outside", "no-fault", "confidential"):
        assert promise in text, promise


def test_case_studies_name_their_sources(kit) -> None:
    for case in kit.case_studies:
        assert case.sources and case.design and case.lessons, case.id


def test_glossary_tells_reverse_from_reciprocal(kit) -> None:
    terms = {t.term.lower() for t in kit.glossary.terms}
    assert any("reverse" in t for t in terms) and any("reciprocal" in t for t in terms)


def _strings(value: object) -> list[str]:
    """Every string inside a model, as authors wrote it (placeholders unrendered)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    if hasattr(value, "model_dump"):
        return _strings(value.model_dump())
    return []


def test_every_page_gives_the_same_goal_rule_as_the_worksheet(kit) -> None:
    worksheet = next(f for f in kit.forms if f.id == "goals-worksheet")
    required_goals = [
        f.id for f in worksheet.fields if re.fullmatch(r"goal-\d", f.id) and f.required
    ]
    assert required_goals == ["goal-1", "goal-2", "goal-3"]
    other_rule = re.compile(
        r"\b(one|two|four|[124])\s*(or|to|-)\s*(two|three|four|five|[2-5])\s+"
        r"(draft\s+|small\s+)?(learning\s+)?goals\b",
        re.IGNORECASE,
    )
    stray = [text[:80] for text in _strings(kit) if other_rule.search(text)]
    assert not stray, stray


def test_no_sentence_starts_with_a_placeholder(kit) -> None:
    """The general edition renders {{ org.name }} as "your organisation", so it cannot open a sentence."""
    opener = re.compile(r"(^|[.!?]\s+)\{\{\s*org\.(name|programme)\b")
    found = [text[:80] for text in _strings(kit) if opener.search(text)]
    assert not found, found


def test_the_eeoc_figure_appears_only_with_its_source(kit) -> None:
    cited = [
        (item.meta.sources if hasattr(item, "meta") else item.sources, _strings(item))
        for item in [*kit.guides, *kit.feedback_modules, *kit.faq.questions]
    ]
    cited += [(fact.sources, [fact.text]) for p in kit.purposes for fact in p.why]
    cited += [(f.sources, [f.text]) for c in kit.case_studies for f in [*c.design, *c.outcomes]]
    for sources, texts in cited:
        if any("55.8" in text for text in texts):
            assert "eeoc-fy2020" in sources, texts[0][:80]
    unsourced = [*kit.messages, *kit.forms, *kit.agreements, *kit.session_plans]
    assert not [t for t in _strings(unsourced) if "55.8" in t]


def test_concerns_have_a_route_outside_every_line(kit) -> None:
    clauses = {c.id: c.text for a in kit.agreements for c in a.clauses}
    assert "independent contact" in clauses["raising-concerns"]
    assert "everyone in the programme" in " ".join(clauses["raising-concerns"].split())
    agreement_form = next(f for f in kit.forms if f.id == "mentoring-agreement")
    fields = {f.id: f for f in agreement_form.fields}
    assert fields["independent-contact"].required
    assert fields["independent-contact-email"].type == "email"
    concern_form = next(f for f in kit.forms if f.id == "raise-a-concern")
    assert "independent contact" in concern_form.who_sees
    assert not any(f.required for f in concern_form.fields if f.id in {"name", "contact-email"})


def test_forms_carry_what_their_privacy_notes_promise(kit) -> None:
    forms = {f.id: f for f in kit.forms}
    pulse = {f.id: f for f in forms["after-session-pulse"].fields}
    # the pulse claims to spot stalling pairs, so it must say which pair and when
    assert pulse["pair-code"].required and pulse["session-date"].required
    assert "stalled" in forms["after-session-pulse"].summary and "name" not in pulse
    check_in = {f.id: f for f in forms["mid-point-check-in"].fields}
    assert check_in["name"].required and forms["mid-point-check-in"].identity == "named"
    evaluation = {f.id: f for f in forms["end-of-programme-evaluation"].fields}
    assert not evaluation["name"].required
    assert forms["end-of-programme-evaluation"].identity == "anonymous"
    assert forms["after-session-pulse"].identity == "pair-coded"
    faq = " ".join(" ".join(a.answer.split()) for a in kit.faq.questions)
    assert "sees only session dates" not in faq
    for application in ("mentor-application", "mentee-application"):
        assert "only until the programme closes" not in forms[application].who_sees
        assert "{{ org.retention }}" in forms[application].who_sees


def test_special_category_questions_are_optional_with_consent(kit) -> None:
    mentor = {f.id: f for f in next(f for f in kit.forms if f.id == "mentor-application").fields}
    identity = mentor["identity-topics"]
    assert not identity.required and identity.label.startswith("Optional")
    assert "only where its purpose needs it" in " ".join((identity.help or "").split())
    consent = mentor["identity-consent"]
    assert consent.type == "checkbox" and not consent.required
    assert "explicitly consent" in consent.label


def test_session_texts_do_not_assume_the_plan_length(kit) -> None:
    """Tailoring stretches or shrinks a plan, so a session never counts the sessions around it."""
    counted = re.compile(
        r"\bsessions? \d\b|\b(six|seven|twelve|two|five) (more |monthly )?dates\b"
        r"|\bthe year\b|\bthis (month|fortnight)\b|\bnext month\b",
        re.IGNORECASE,
    )
    found = [
        f"{session.id}: {text[:60]}"
        for plan in kit.session_plans
        for session in plan.sessions
        for text in _strings(session)
        if counted.search(text)
    ]
    assert not found, found


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def _ngrams(words: list[str], n: int = 12) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed articles live in ../shared beside the repo"
)
def test_no_run_of_twelve_words_is_copied_from_a_seed() -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        seed_runs |= _ngrams(_words(seed.read_text(encoding="utf-8")))
    copied = []
    for path in sorted(KIT.rglob("*")):
        if path.suffix in {".yaml", ".md"} and path.is_file():
            overlap = _ngrams(_words(path.read_text(encoding="utf-8"))) & seed_runs
            copied.extend(
                f"{path.relative_to(ROOT)}: {' '.join(run)}" for run in sorted(overlap)[:2]
            )
    assert not copied, "\n".join(copied)


def test_every_figure_on_a_page_has_a_source_on_that_page(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    from upward.build.orchestration import build_general_site
    from upward.build.project import Project

    site = tmp_path / "site"
    build_general_site(Project.at(ROOT), site)
    unsourced = []
    for page in sorted(site.rglob("*.html")):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article")
        if article is None:
            continue
        text = article.get_text(" ")
        if re.search(r"\d\s?%", text) and "Source" not in text and "source" not in text:
            unsourced.append(str(page.relative_to(site)))
    assert not unsourced, unsourced

    # every page is at most two clicks from the home page
    def links(page: Path) -> set[Path]:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        found = set()
        for a in html.find_all("a", href=True):
            href = a["href"].split("#")[0]
            if href and not re.match(r"^[a-z]+:", href):
                target = (page.parent / href).resolve()
                if target.suffix == ".html" and target.exists():
                    found.add(target)
        return found

    home = (site / paths.built(paths.HOME)).resolve()
    one_click = links(home)
    two_clicks = set().union(*(links(p) for p in one_click)) | one_click | {home}
    every = {p.resolve() for p in site.rglob("*.html") if p.name != "404.html"}
    assert not every - two_clicks, sorted(
        str(p.relative_to(site.resolve())) for p in every - two_clicks
    )[:10]
