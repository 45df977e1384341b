"""Where every page and download of the site lives: one function per kind of page.

Pages, links in templates, the navigation and the tests all ask here, so a page can move by
changing one line. Paths are Markdown sources under `docs/` (what MkDocs is given); `built`
turns one into the HTML file MkDocs writes (`use_directory_urls: false`).
"""

from __future__ import annotations

from typing import Literal

# Pages that exist once per site.
HOME = "index.md"
PROGRAMME = "programme.md"
PURPOSES = "purposes/index.md"
SESSIONS = "sessions/index.md"
QUESTIONS = "questions/index.md"  # the question builder
FEEDBACK = "feedback/index.md"
FORMS = "forms/index.md"
CASES = "cases/index.md"
MESSAGES = "messages.md"
GLOSSARY = "glossary.md"
FAQ = "faq.md"
STANDARDS = "standards.md"
SOURCES = "sources.md"
TAGS = "tags.md"
ABOUT = "about.md"
PRIVACY = "privacy.md"  # the participant privacy notice, with the who-sees-what table
EDITING = "editing.md"  # hand-written, in docs/

# Reference pages, in the order the navigation lists them (with the hand-written editing guide).
REFERENCE = (GLOSSARY, FAQ, SOURCES, TAGS, ABOUT, EDITING)
AUTHORING = (EDITING,)  # for the kit's authors: not in a tailored kit

DOWNLOADS = "downloads"
SCHEDULE = f"{DOWNLOADS}/schedule.ics"
FormFormat = Literal["pdf", "docx"]


def start_page(audience: str) -> str:
    """Where one reader (mentor, mentee, lead) starts."""
    return f"start/{audience}.md"


def guide_page(guide_id: str) -> str:
    return f"guides/{guide_id}.md"


def purpose_page(purpose_id: str) -> str:
    return f"purposes/{purpose_id}.md"


def plan_page(plan_id: str) -> str:
    """A session plan's page; its sessions sit in the same folder."""
    return f"sessions/{plan_id}/index.md"


def session_page(plan_id: str, session_id: str) -> str:
    return f"sessions/{plan_id}/{session_id}.md"


def topic_page(topic_id: str) -> str:
    """A question bank's page, with one anchor per question."""
    return f"questions/{topic_id}.md"


def question_link(topic_id: str, question_id: str) -> str:
    return f"{topic_page(topic_id)}#{question_id}"


def feedback_page(module_id: str) -> str:
    return f"feedback/{module_id}.md"


def form_page(form_id: str) -> str:
    """A form's page: its privacy note, downloads and the form to fill in the browser."""
    return f"forms/{form_id}.md"


def agreement_page(agreement_id: str) -> str:
    return f"agreements/{agreement_id}.md"


def case_page(case_id: str) -> str:
    return f"cases/{case_id}.md"


def source_link(source_id: str) -> str:
    """A source's entry on the sources page."""
    return f"{SOURCES}#{source_id}"


def form_file(form_id: str, format: FormFormat) -> str:
    """A form's file name, as in a kit's `forms/` folder."""
    return f"{form_id}.{format}"


def form_download(form_id: str, format: FormFormat) -> str:
    """A form's PDF or DOCX as the site offers it for download."""
    return f"{DOWNLOADS}/forms/{form_file(form_id, format)}"


def built(page: str) -> str:
    """The HTML file MkDocs writes for a page (`sessions/x/index.md` -> `sessions/x/index.html`),
    keeping any `#anchor`."""
    path, hash_, anchor = page.partition("#")
    if path.endswith(".md"):
        path = path.removesuffix(".md") + ".html"
    return path + hash_ + anchor
