"""Findings of our own hostile review (issue 8, section 8), each written as a failing test
before it was fixed: kits that validate but cannot be built, ids that collide with index
pages, slugs of non-Latin names, profiles that `upward new` writes and `upward tailor`
refuses, messages that point at the wrong line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import profile_text, write
from small_kit import kit_files, write_kit


def _problems(result) -> list[dict]:
    return json.loads(result.out)["problems"]


# --- a kit that validates can be built ------------------------------------------------------------


def test_an_empty_kit_is_not_valid(tmp_path: Path, run_cli) -> None:
    (tmp_path / "kit").mkdir()
    result = run_cli("validate", "--kit", tmp_path / "kit", "--json")
    assert result.code == 1, result.out
    messages = " ".join(p["message"] for p in _problems(result))
    assert "no purposes" in messages and "no session plans" in messages


def test_a_kit_without_the_forms_the_pages_link_to_is_not_valid(tmp_path: Path, run_cli) -> None:
    """It validated, then `tailor` failed with 'Aborted with 6 warnings in strict mode!'."""
    files = kit_files()
    assert run_cli("validate", "--kit", write_kit(tmp_path / "whole", files)).code == 0
    kit = write_kit(tmp_path / "kit", {k: v for k, v in files.items() if "forms/" not in k})
    result = run_cli("validate", "--kit", kit, "--json")
    assert result.code == 1
    missing = {p["message"].split("'")[1] for p in _problems(result)}
    assert missing == {"goals-worksheet", "mentoring-agreement", "session-preparation"}
    assert all("the site's pages link to" in p["message"] for p in _problems(result))


@pytest.mark.parametrize(
    ("folder", "kind"),
    [("purposes", "purpose"), ("questions", "topic"), ("cases", "case study")],
)
def test_an_id_that_would_replace_an_index_page_is_refused(
    folder: str, kind: str, kit_copy: Path, run_cli
) -> None:
    """`index` as a purpose, topic, case, feedback module or form id wrote its page over the
    section's index page, silently."""
    source = sorted((kit_copy / folder).glob("*.yaml"))[0]
    text = source.read_text(encoding="utf-8").replace(f"id: {source.stem}\n", "id: index\n", 1)
    source.unlink()
    (kit_copy / folder / "index.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", "--kit", kit_copy, "--json")
    assert result.code == 1
    reserved = [p for p in _problems(result) if "reserved" in p["message"]]
    assert len(reserved) == 1, _problems(result)
    assert reserved[0]["file"].endswith(f"{folder}/index.yaml") and reserved[0]["line"] >= 1
    assert f"{kind} id 'index' is reserved" in reserved[0]["message"]


def test_a_session_id_that_would_replace_its_plan_page_is_refused(kit_copy: Path, run_cli) -> None:
    plan = kit_copy / "sessions" / "three-session-pilot.yaml"
    text = plan.read_text(encoding="utf-8")
    first = text.split("  - id: ", 1)[1].split("\n", 1)[0]
    plan.write_text(text.replace(f"  - id: {first}\n", "  - id: index\n", 1), encoding="utf-8")
    result = run_cli("validate", "--kit", kit_copy, "--json")
    reserved = [p for p in _problems(result) if "reserved" in p["message"]]
    assert len(reserved) == 1 and reserved[0]["field"] == "sessions.0.id", _problems(result)


# --- slugs: usable and distinct for every script ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Северный ветер", "severnyy-veter"),
        ("Восточный ветер", "vostochnyy-veter"),
        ("北风公司", "beifenggongsi"),
        ("东风公司", "dongfenggongsi"),
        ("Ελληνική Εταιρεία", "elliniki-etaireia"),
        ("شركة الرياح", "shrkh-lryh"),
        ("Straße & Söhne", "strasse-sohne"),
        ("Øresund Ærø", "oresund-aero"),
        ("한국 회사", "hangug-hoesa"),
        ("🚀 Rocket Ltd", "rocket-rocket-ltd"),
    ],
)
def test_non_latin_names_get_a_readable_slug(name: str, slug: str) -> None:
    from upward.plan.tailored import slugify

    assert slugify(name) == slug


def test_names_with_nothing_to_spell_get_distinct_slugs() -> None:
    from upward.plan.tailored import slugify

    first, second = slugify("!!!"), slugify("???")
    assert first != second
    assert first.startswith("organisation-") and second.startswith("organisation-")
    assert slugify("!!!") == first  # stable: the same name, the same folder and calendar UIDs


# --- `upward new` writes only what `upward tailor` accepts ---------------------------------------


@pytest.mark.parametrize(
    "organisation",
    [
        'Café "Quote" Ltd',
        "Back\\slash & Co",
        "Line\nbreak",
        "Tab\there",
        "  ",
        "x" * 201,
        "Bell\x07 Ltd",
        "#hash: colon - dash",
        "{{ org.name }}",
        "yes",
        "Ünïcødé 北风",
    ],
)
def test_new_writes_a_profile_that_loads_or_refuses_the_name(
    organisation: str, tmp_path: Path, run_cli
) -> None:
    from upward.load.org_profile import load_profile

    path = tmp_path / "p.yaml"
    result = run_cli("new", path, "--organisation", organisation, "--start", "2027-03-01")
    if result.code != 0:
        assert result.code == 2 and "--organisation" in result.err, result
        assert not path.exists()
        return
    profile = load_profile(path, lambda: ["digital-fluency"])
    assert profile.organisation == organisation.strip()


# --- messages point at the right line ---------------------------------------------------------------


def test_an_agenda_that_does_not_add_up_points_at_the_agenda(kit_copy: Path, run_cli) -> None:
    """It pointed at line 1 of the plan (the model's own check ran first, without a place)."""
    plan = kit_copy / "sessions" / "three-session-pilot.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("- minutes: "))
    lines[index] = lines[index].replace("- minutes: ", "- minutes: 1", 1)
    plan.write_text("".join(lines), encoding="utf-8")
    result = run_cli("validate", "--kit", kit_copy, "--json")
    (problem,) = _problems(result)
    assert problem["field"] == "sessions.0.agenda" and "add up to" in problem["message"]
    assert problem["line"] == index + 1, problem


def test_a_time_written_without_quotes_gets_a_hint(tmp_path: Path, run_cli) -> None:
    """YAML 1.1 reads `time: 9:30` as the number 570 (minutes, base 60)."""
    profile = write(tmp_path / "p.yaml", profile_text(time="9:30"))
    result = run_cli("tailor", profile, "-o", tmp_path / "out")
    assert result.code == 1
    assert (
        "p.yaml:9:7: time: '9:30' is a base-60 number in YAML; if it is a time, write it in"
        in result.err
    )
    assert '"09:30"' in result.err


def test_a_misspelt_kit_folder_is_reported_once(kit_copy: Path, run_cli) -> None:
    """Not also once for every reference to a case study in it."""
    shutil.move(kit_copy / "cases", kit_copy / "case")
    result = run_cli("validate", "--kit", kit_copy)
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.err
    assert "case: is not part of the kit (did you mean 'cases'?)" in errors[0]


def test_the_project_folder_given_as_the_kit_gets_one_hint(run_cli) -> None:
    """`--kit .` in a checkout listed every folder of the project as 'not part of the kit'."""
    from conftest import ROOT

    result = run_cli("validate", "--kit", ".", cwd=ROOT)
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.err
    assert "is not a kit folder; did you mean --kit kit?" in errors[0]


def test_a_placeholder_in_a_session_title_is_filled_on_its_page_and_in_the_navigation() -> None:
    """A placeholder in a title was filled in forms and calendars but shown raw on the site: the
    page templates and the navigation printed titles without filling them. Filled, a profile's
    text reaches the page, its description (printed into an attribute) and the navigation
    escaped, whatever it holds."""
    import html

    import yaml

    from upward import paths
    from upward.plan.tailored import tailor_kit
    from upward.render.pages import render_site

    from conftest import HOSTILE_NAME, ROOT
    from small_kit import make_kit, profile

    kit = make_kit()
    plan = kit.session_plans[0]
    first = plan.sessions[0].model_copy(
        update={
            "title": "Welcome to {{ org.name }}",
            "objectives": ["Meet the people of {{ org.name }}.", *plan.sessions[0].objectives[1:]],
        }
    )
    plan = plan.model_copy(update={"sessions": [first, *plan.sessions[1:]]})
    kit = kit.model_copy(update={"session_plans": [plan]})
    path = paths.session_page(plan.id, first.id)
    for name in ("Acme Ltd", HOSTILE_NAME):
        site = render_site(ROOT / "templates", kit, tailor_kit(kit, profile(organisation=name)))
        page = site.pages[path]
        _, front, body = page.split("---\n", 2)
        nav = repr(site.nav)
        assert "{{ org" not in page and "{{ org" not in nav
        assert "<img" not in page and "<img" not in nav
        description = html.unescape(yaml.safe_load(front)["description"])
        assert description == f"Meet the people of {name}."
        if name == "Acme Ltd":
            assert "# Welcome to Acme Ltd\n" in body
            assert "'Welcome to Acme Ltd'" in nav


def test_a_kit_that_breaks_the_site_build_says_why(tmp_path: Path, run_cli) -> None:
    """A guide linking to a page that does not exist validated, then the build said only
    'Aborted with 1 warnings in strict mode!'. Now the warning itself is the message."""
    files = kit_files()
    files["guides/a-guide.md"] = (
        "---\nid: a-guide\ntitle: A guide\naudience: [mentor]\nsummary: A guide.\n---\n"
        "See [the missing page](nowhere.md).\n"
    )
    kit = write_kit(tmp_path / "kit", files)
    assert run_cli("validate", "--kit", kit).code == 0
    result = run_cli("build", "--kit", kit, "-o", tmp_path / "site")
    assert result.code == 1
    assert "guides/a-guide.md" in result.err and "nowhere.md" in result.err, result.err
    assert "internal error" not in result.err
