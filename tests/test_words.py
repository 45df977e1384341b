"""The words file: one per language, English underneath. A translation is one new file: its
missing keys are listed, its dates and labels reach the pages, forms and calendar, and no
template or script keeps English of its own."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import io
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest
import yaml
from bs4 import BeautifulSoup
from docx import Document
from icalendar import Calendar

from upward import model
from upward.plan.tailored import tailor_kit
from upward.render.forms.document import form_document, join_words
from upward.render.forms.docx import form_docx
from upward.render.pages import render_site
from upward.render.session_calendar import schedule_ics
from upward.text import OrgFacts
from upward.words import (
    ENGLISH,
    WordsError,
    english,
    language_problems,
    languages,
    missing_keys,
    read_language,
    words_for,
)

from conftest import ROOT
from small_kit import make_kit, profile

WORDS_DIR = ROOT / "src" / "upward" / "words"
TEMPLATES = ROOT / "templates"


@pytest.fixture
def words_dir(tmp_path: Path) -> Path:
    """A folder of words files holding a copy of English, for translations made in a test."""
    shutil.copy(WORDS_DIR / "en.yaml", tmp_path / "en.yaml")
    return tmp_path


def write_language(folder: Path, language: str, data: dict) -> None:
    (folder / f"{language}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )


# A few keys of a made-up translation: enough to see it reach every output.
PSEUDO = {
    "dates": {
        "weekdays": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        "months": [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        "long": "{weekday} {day} {month} {year}",
    },
    "cadence_phrases": {"monthly": "tous les mois"},
    "forms": {"when": "Quand : {when}"},
    "calendar": {"objectives": "Objectifs"},
    "session": {"objectives": "Objectifs de la séance"},
    "builder": {"search_example": 'par exemple : "réunions"'},  # a quote inside an attribute
}


def test_missing_keys_lists_what_a_translation_lacks(words_dir: Path) -> None:
    write_language(words_dir, "xx", PSEUDO)
    missing = missing_keys("xx", words_dir)
    assert "dates.long" not in missing and "forms.when" not in missing
    assert "forms.footer" in missing and "site.name" in missing
    assert len(missing) == len(read_language(ENGLISH, words_dir)) - 8


def test_language_problems_catch_unknown_keys_wrong_fields_and_list_lengths(
    words_dir: Path,
) -> None:
    write_language(
        words_dir,
        "xx",
        {
            "forms": {"when": "Quand : {quand}", "colour": "couleur"},
            "dates": {"weekdays": ["lundi"]},
            "readers": {"mentor": ["a", "list"]},
        },
    )
    problems = language_problems("xx", words_dir)
    assert "forms.colour: not a key in en.yaml" in problems
    assert "forms.when: should use the fields ['when'], not ['quand']" in problems
    assert "dates.weekdays: should have 7 entries, not 1" in problems
    assert "readers.mentor: should be a text" in problems
    assert "site.name: missing (shown in English)" in problems


def test_every_shipped_translation_is_complete() -> None:
    shipped = languages()
    assert ENGLISH in shipped
    for language in shipped:
        assert language_problems(language) == [], language


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("forms:\n  when: yes\n", "forms.when: should be text"),
        ("forms:\n  when: a\n  when: b\n", "the key 'when' is given twice"),
        ("- a list\n", "should be a mapping"),
        ("forms: {when: [1, 2]}\n", "forms.when: should be text"),
    ],
)
def test_a_broken_words_file_is_refused_with_the_key(
    words_dir: Path, text: str, complaint: str
) -> None:
    (words_dir / "xx.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(WordsError, match=re.escape(complaint)):
        read_language("xx", words_dir)


def test_a_translation_reaches_pages_forms_and_calendar_with_english_underneath(
    words_dir: Path,
) -> None:
    write_language(words_dir, "xx", PSEUDO)
    words = words_for("xx", words_dir)
    kit = make_kit()
    tailored = tailor_kit(kit, profile(booking="fixed"), words)
    assert tailored.org.start == "lundi 1 février 2027"  # the start, Sunday 31, is no working day
    assert tailored.org.cadence == "tous les mois"

    site = render_site(ROOT / "templates", kit, tailored)
    assert site.language == "xx"
    session = site.pages["sessions/pairs/session-1.md"]
    assert "## Objectifs de la séance" in session and "## Agenda" in session  # English fallback
    programme = site.pages["programme.md"]
    assert "lundi 1 février 2027" in programme and "tous les mois" in programme
    builder = BeautifulSoup(site.pages["questions/index.md"], "html.parser")
    assert builder.select_one("#upward-q-search")["placeholder"] == 'par exemple : "réunions"'

    document = form_document(kit, kit.forms[0], tailored)
    assert document.words.language == "xx"
    texts = [p.text for p in Document(io.BytesIO(form_docx(document))).paragraphs]
    assert "Quand : Before the first session." in texts
    assert any(text.startswith("Filled in by") for text in texts)  # English where untranslated

    [first, *_] = Calendar.from_ical(schedule_ics(tailored)).walk("VEVENT")
    description = str(first["DESCRIPTION"])
    assert "\nObjectifs\n" in description and "lundi 1 février 2027, 10:00" in description


def test_dates_do_not_follow_the_process_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The names come from the words file: the standard library's locale-dependent names
    (what a German or French locale would give) are not consulted."""
    monkeypatch.setattr(calendar, "day_name", ["Montag"] * 7)
    monkeypatch.setattr(calendar, "month_name", ["", *["Januar"] * 12])
    words = english()
    assert words.date(dt.date(2027, 1, 11)) == "Monday 11 January 2027"
    assert words.date(dt.date(2028, 2, 29)) == "Tuesday 29 February 2028"
    assert tailor_kit(make_kit(), profile()).org.start == "Monday 1 February 2027"


def test_lists_are_joined_in_the_words_language() -> None:
    assert join_words([]) == ""
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b"
    assert join_words(["a", "b", "c"]) == "a, b and c"


def test_the_words_cover_every_value_the_model_allows() -> None:
    words = english()
    tables = {
        "readers": model.Audience,
        "readers_in_text": model.Audience,
        "roles": model.Audience,
        "stages": model.Stage,
        "askers": model.Asker,
        "askers_in_text": model.Asker,
        "askers_short": model.Asker,
        "formats": model.Format,
        "cadences": model.Cadence,
        "cadence_phrases": model.Cadence,
        "matching": model.Matching,
    }
    for table, values in tables.items():
        assert list(words.table(table)) == list(get_args(values)), table
    assert list(words.table("blank_org")) == [f.name for f in dataclasses.fields(OrgFacts)]
    assert list(words.table("kinds")) == list(make_kit().counts())
    assert len(words.list("dates.weekdays")) == 7 and len(words.list("dates.months")) == 12


# --- no words outside the words file ---------------------------------------------------------

# Markup that is not words: front matter keys, admonition types, code fence languages.
_SYNTAX = [
    (r"{#.*?#}", re.S),  # Jinja comments
    (r"<!--.*?-->", re.S),  # HTML comments (Material's tags marker)
    (r"{{.*?}}|{%.*?%}", re.S),  # Jinja expressions and tags (their literals are checked apart)
    (r"<[^>]*>", 0),  # HTML tags with their attributes (user-facing ones are checked apart)
    (r"\{[^{}\n]*\}", 0),  # Markdown attribute lists: { .md-button }, { #licence }
    (r":[a-z0-9-]+:", 0),  # icons
    (r"&[a-z]+;", 0),  # entities
    (r"^\s*(?:!!!|\?\?\?) [a-z]+", re.M),  # admonition types
    (r"^(?:description|tags|hide):", re.M),  # front matter keys
    (r"```[a-z]*", 0),  # code fence languages
]
_USER_FACING_ATTRIBUTES = re.compile(r'\b(?:aria-label|placeholder|title|alt)="([^"]*)"')
_JINJA = re.compile(r"{{.*?}}|{%.*?%}", re.S)
_LITERAL = re.compile(r"\"([^\"]*)\"|'([^']*)'")


def english_outside_words(source: str) -> list[str]:
    """What a template would show in English without asking the words file: words of two
    letters or more in its text or in user-facing attributes, and string literals in its
    Jinja code that read like prose (capitalised, or several words)."""
    found: list[str] = []
    source = re.sub(r"{#.*?#}", " ", source, flags=re.S)
    for code in _JINJA.findall(source):
        for double, single in _LITERAL.findall(code):
            literal = (double or single).strip()
            if re.search(r"[A-Za-z]", literal) and (" " in literal or literal[:1].isupper()):
                found.append(literal)
    for value in _USER_FACING_ATTRIBUTES.findall(_JINJA.sub(" ", source)):
        found += re.findall(r"[A-Za-z]{2,}", value)
    for pattern, flags in _SYNTAX:
        source = re.sub(pattern, " ", source, flags=flags)
    return found + re.findall(r"[A-Za-z]{2,}", source)


def test_no_template_holds_words_of_its_own() -> None:
    offenders = {
        str(path.relative_to(TEMPLATES)): found
        for path in sorted(TEMPLATES.rglob("*.j2"))
        if (found := english_outside_words(path.read_text(encoding="utf-8")))
    }
    assert not offenders, offenders


def test_the_rule_catches_english_in_text_attributes_and_literals() -> None:
    assert english_outside_words("## Why it matters\n") == ["Why", "it", "matters"]
    assert english_outside_words('<input placeholder="Your name">') == ["Your", "name"]
    assert english_outside_words('{{ "mentor asks" if x }}') == ["mentor asks"]
    assert english_outside_words('{{ m.front_matter(tags=["Mentors"]) }}') == ["Mentors"]
    assert english_outside_words('{{ words("home.title") }} { .md-button }\n') == []
    assert english_outside_words('<div class="grid cards" markdown>\n!!! info "{{ x }}"\n') == []


def _is_code(text: str) -> bool:
    """A directive, a CSS selector or a list of class names: not words anyone reads."""
    tokens = text.split()
    return text == "use strict" or text[:1] in ".[#" or all("-" in t for t in tokens)


def test_the_script_holds_no_words_of_its_own() -> None:
    """Every message upward.js shows is a key of the words file's `script` section."""
    script = (ROOT / "docs" / "assets" / "js" / "upward.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", " ", script, flags=re.S)
    strings = re.findall(r'"([^"\n]*)"', code)
    prose = [s for s in strings if re.search(r"[A-Za-z]+ [A-Za-z]+", s) and not _is_code(s)]
    assert prose == []
    keys = set(re.findall(r'\bt\("([a-z_]+)"', code))
    words = english()
    known = set(words.table("script.builder")) | set(words.table("script.form"))
    assert keys and keys <= known, keys - known


def test_every_key_the_code_asks_for_exists() -> None:
    """Keys named in templates and Python (a typo would otherwise fail only on the page that
    uses it); a key built from a prefix ("start.title." ~ audience) needs its prefix."""
    entries = english().entries
    sources = [*TEMPLATES.rglob("*.j2"), *(ROOT / "src" / "upward").rglob("*.py")]
    asked = {
        key
        for path in sources
        for key in re.findall(
            r"""\bwords(?:\.list)?\(\s*f?["']([a-z_]+\.[a-z0-9_.\-]*)""", path.read_text()
        )
    }
    assert len(asked) > 100
    unknown = [
        key
        for key in asked
        if key not in entries and not any(entry.startswith(key) for entry in entries)
    ]
    assert unknown == []


def test_a_count_of_one_reads_in_the_singular() -> None:
    words = english()
    assert words.counted("status.drafts", 1, count=1, folder="f").startswith("1 nudge draft in f")
    assert words.counted("status.drafts", 2, count=2, folder="f").startswith("2 nudge drafts in f")
    assert words.counted("report_command.tracker", 1, pairs=1) == "the tracker (1 pair)"
    assert words.counted("cli.error", 1, problem="p") == words("cli.error", problem="p")  # no _one
