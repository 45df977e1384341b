"""Kit text may hold placeholders and nothing that runs: every other Jinja construct is refused at
validation with its file and line; no piece of kit text can hang, blow up in size, reach Python
or undo the escaping of profile text; a hostile organisation name never becomes live HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import upward.text
from upward.model import Kit
from upward.plan.tailored import tailor_kit
from upward.render.pages import PageRenderer
from upward.text import (
    GENERAL_ORG,
    MAX_PLACEHOLDERS,
    PlaceholderError,
    TextRenderer,
    check_placeholders,
    markdown_literal,
)

from conftest import ROOT
from small_kit import EVERY_TYPE_FORM, PACT, make_kit, profile

HOSTILE_NAME = "<img src=x onerror=alert(1)>"

# What kit text must not do, with a word of the message each gets. Each is one class of attack:
# reaching other files, running loops or arithmetic (hang, memory), undoing escaping, reaching
# Python objects, defining or calling things.
REFUSED = {
    "include": ('{% include "base.html" %}', "{% include %} is not allowed"),
    "import": ('{% import "m.j2" as m %}', "{% import %} is not allowed"),
    "from-import": ('{% from "m.j2" import x %}', "{% from ... import %} is not allowed"),
    "extends": ('{% extends "base.html" %}', "{% extends %} is not allowed"),
    "for": ("{% for i in range(9) %}x{% endfor %}", "{% for %} is not allowed"),
    "nested-for": (
        "{% for i in range(10000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "{% for %} is not allowed",
    ),
    "if": ("{% if org.name %}x{% endif %}", "{% if %} is not allowed"),
    "set": ("{% set x = org.name %}", "{% set %} is not allowed"),
    "set-block": ("{% set x %}y{% endset %}", "{% set %} is not allowed"),
    "macro": ("{% macro m() %}x{% endmacro %}", "{% macro %} is not allowed"),
    "call": ("{% call m() %}x{% endcall %}", "{% call %} is not allowed"),
    "filter-block": ("{% filter upper %}x{% endfilter %}", "{% filter %} is not allowed"),
    "with": ("{% with x = 1 %}{% endwith %}", "{% with %} is not allowed"),
    "block": ("{% block b %}{% endblock %}", "{% block %} is not allowed"),
    "huge-string": ('{{ "x" * 10**10 }}', "arithmetic (*)"),
    "huge-power": ("{{ 9 ** 9 ** 9 }}", "arithmetic (**)"),
    "range": ("{{ range(10**9) | list }}", "'|list' is not allowed"),
    "concat": ("{{ org.name ~ org.name }}", "Concat"),
    "condition": ("{{ org.name if org.name }}", "CondExpr"),
    "striptags": ("{{ org.name | striptags }}", "'|striptags' is not allowed"),
    "safe": ("{{ org.name | safe }}", "'|safe' is not allowed"),
    "escape": ("{{ org.name | e }}", "'|e' is not allowed"),
    "forceescape": ("{{ org.name | forceescape }}", "'|forceescape' is not allowed"),
    "replace": ('{{ org.name | replace("&#60;", "<") }}', "'|replace' is not allowed"),
    "attr-filter": ('{{ org | attr("name") }}', "'|attr' is not allowed"),
    "format": ('{{ "%s" | format(org.name) }}', "'|format' is not allowed"),
    "filter-argument": ("{{ org.name | upper(1) }}", "takes no arguments"),
    "unescape": ("{{ org.name.unescape() }}", "org.name.unescape(...)"),
    "dunder": ("{{ org.name.__class__ }}", "org.name.__class__"),
    "mro": ("{{ org.__class__.__mro__ }}", "org.__class__.__mro__"),
    "subscript": ('{{ org["name"] }}', "org[...]"),
    "other-name": ("{{ config }}", "{{ config }}"),
    "self": ("{{ self }}", "{{ self }}"),
    "lipsum": ("{{ lipsum(10**6) }}", "lipsum(...)"),
    "constant": ('{{ "<b>" }}', "'<b>'"),
    "unknown-placeholder": ("{{ org.nmae }}", "did you mean 'org.name'?"),
    "unclosed": ("{{ org.name", "not valid placeholder syntax"),
    "unknown-tag": ("{% frobnicate %}", "unknown tag 'frobnicate'"),
    "markdown-id": ("## Heading {#our-id}", "write '{: #the-id }'"),
}

ALLOWED = {
    "placeholder": ("At {{ org.name }}.", "At <img src=x onerror=alert(1)>."),
    "case-filters": (
        "{{ org.format | upper }} {{ org.cadence | capitalize }} {{ org.name | lower }}",
        "ONE-TO-ONE Monthly <img src=x onerror=alert(1)>",
    ),
    "raw": ("{% raw %}{{ org.name }}{% endraw %}", "{{ org.name }}"),
    "comment": ("a{# a note for authors #}b", "ab"),
    "whitespace-control": ("[ {{- org.format -}} ]", "[one-to-one]"),
    "markdown-id": ("## Heading {: #our-id }", "## Heading {: #our-id }"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_kit_text_outside_the_allow_list_is_refused(case: str) -> None:
    source, words = REFUSED[case]
    problem = check_placeholders(f"Intro line.\n{source}")
    assert problem is not None, case
    assert problem.line == 2, (case, problem.line)
    assert words in problem.message, (case, problem.message)


@pytest.mark.parametrize("case", REFUSED)
def test_no_renderer_runs_refused_text_even_without_validation(case: str) -> None:
    """The allow-list is checked where text is compiled, so a kit built without `load_kit`
    (a script, a test) still cannot run it."""
    with pytest.raises(PlaceholderError):
        TextRenderer(GENERAL_ORG, markdown_literal)(REFUSED[case][0])


@pytest.mark.parametrize("case", ALLOWED)
def test_allowed_kit_text_renders(case: str) -> None:
    source, expected = ALLOWED[case]
    tailored = tailor_kit(make_kit(), profile(organisation=HOSTILE_NAME))
    assert check_placeholders(source) is None
    assert TextRenderer(tailored.org)(source) == expected


def test_the_kit_uses_nothing_outside_the_allow_list() -> None:
    """Guard for the allow-list's reach: every real kit text passes it (load_kit checks them)."""
    from upward.load.kit import load_kit

    from conftest import KIT

    assert load_kit(KIT).kit.purposes


def test_too_many_placeholders_are_refused_with_their_line() -> None:
    source = "x\n" + "{{ org.name }}" * (MAX_PLACEHOLDERS + 1)
    problem = check_placeholders(source)
    assert problem is not None and problem.line == 2
    assert f"more than {MAX_PLACEHOLDERS} placeholders" in problem.message
    assert check_placeholders("{{ org.name }}" * MAX_PLACEHOLDERS) is None


def test_the_output_cap_stops_a_render_that_grows_too_large(monkeypatch) -> None:
    """The second wall: should anything pass the allow-list, its output is still capped while
    it streams (shown here with a cap lowered below a long organisation name)."""
    monkeypatch.setattr(upward.text, "MAX_OUTPUT", 50)
    tailored = tailor_kit(make_kit(), profile(organisation="A" * 60))
    with pytest.raises(PlaceholderError, match="renders to over 50 characters"):
        TextRenderer(tailored.org)("{{ org.name }}")
    assert TextRenderer(tailored.org)("{{ org.format }}") == "one-to-one"


# --- through the command: file and line, --json stays JSON --------------------------------------


def _guide_with(kit: Path, text: str) -> int:
    """Append `text` as the last line of a guide's body; return that line."""
    guide = kit / "guides" / "benefits.md"
    body = guide.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    guide.write_text(body + text + "\n", encoding="utf-8")
    return body.count("\n") + 1


@pytest.mark.parametrize("case", ["include", "import", "extends", "striptags", "nested-for"])
def test_refused_kit_text_in_a_guide_is_located_and_json_stays_json(
    case: str, kit_copy: Path, run_cli
) -> None:
    line = _guide_with(kit_copy, REFUSED[case][0])
    result = run_cli("validate", "--kit", kit_copy, "--json")
    assert result.code == 1, result
    report = json.loads(result.out)  # still JSON, whatever the text tried
    assert report["ok"] is False
    (problem,) = report["problems"]
    assert problem["file"].endswith("guides/benefits.md")
    assert (problem["line"], problem["field"]) == (line, "body"), problem
    assert REFUSED[case][1] in problem["message"]
    assert "internal error" not in result.err


def test_refused_kit_text_in_a_literal_block_names_its_own_line(kit_copy: Path, run_cli) -> None:
    messages = kit_copy / "messages" / "programme-messages.yaml"
    lines = messages.read_text(encoding="utf-8").splitlines(keepends=True)
    body = next(i for i, text in enumerate(lines) if text.strip() == "body: |")
    indent = lines[body + 1][: len(lines[body + 1]) - len(lines[body + 1].lstrip())]
    lines.insert(body + 3, f"{indent}{{{{ org.name | safe }}}}\n")  # the text's third line
    messages.write_text("".join(lines), encoding="utf-8")
    result = run_cli("validate", "--kit", kit_copy)
    assert result.code == 1
    assert f"programme-messages.yaml:{body + 4}:1: messages.0.body: " in result.err, result.err
    assert "'|safe' is not allowed" in result.err


# --- a hostile organisation name never reaches a page as live HTML -----------------------------


def _pages_html(kit: Kit, organisation: str) -> list[BeautifulSoup]:
    import markdown
    from mkdocs.config import load_config
    from mkdocs.utils.meta import get_data

    from upward.render.forms.document import form_document

    config = load_config(str(ROOT / "mkdocs.yml"))
    tailored = tailor_kit(kit, profile(organisation=organisation))
    renderer = PageRenderer(ROOT / "templates", kit, tailored)
    pages = [
        renderer.render("home.md.j2", path="index.md"),
        renderer.render(
            "form.md.j2",
            path="forms/every-type.md",
            form=kit.forms[0],
            document=form_document(kit, kit.forms[0], tailored, renderer.words),
        ),
        renderer.render("agreement.md.j2", path="agreements/pact.md", agreement=kit.agreements[0]),
    ]
    html = []
    for page in pages:
        body, _ = get_data(page)
        converted = markdown.markdown(
            body, extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        html.append(BeautifulSoup(converted, "html.parser"))
    return html


def test_a_hostile_organisation_name_stays_text_through_every_allowed_filter() -> None:
    clause = "At {{ org.name }}, {{ org.name | upper }}, {{ org.name | capitalize }}."
    pact = {**PACT, "clauses": [{"id": "where", "title": "Where", "text": clause}]}
    kit = Kit.model_validate({**make_kit().model_dump(by_alias=True), "agreements": [pact]})
    assert check_placeholders(clause) is None
    for page in _pages_html(kit, HOSTILE_NAME):
        assert not page.find("img"), page
        assert not page.find(attrs={"onerror": True})
    agreement = _pages_html(kit, HOSTILE_NAME)[2].get_text()
    assert HOSTILE_NAME in agreement and HOSTILE_NAME.upper() in agreement


@pytest.mark.parametrize("trick", ["striptags", "safe", "unescape"])
def test_kit_text_that_would_undo_escaping_never_renders(trick: str) -> None:
    """Today's tricks: each is refused where the text is compiled, so no page is made."""
    clause = REFUSED[trick][0]
    pact = {**PACT, "clauses": [{"id": "where", "title": "Where", "text": clause}]}
    kit = make_kit(EVERY_TYPE_FORM)
    kit = Kit.model_validate({**kit.model_dump(by_alias=True), "agreements": [pact]})
    with pytest.raises(PlaceholderError):
        _pages_html(kit, HOSTILE_NAME)
