"""Where every page and download of the site lives, and every file of a tailored kit: one
function per kind of page.

Pages, links in templates, the navigation, the build and the tests all ask here, so a page or
a file can move by changing one line. Page paths are Markdown sources under `docs/` (what
MkDocs is given); `built` turns one into the HTML file MkDocs writes (`use_directory_urls:
false`). Kit paths are relative to the kit's folder, as its zip holds them too.
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

FormFormat = Literal["pdf", "docx"]
FORM_FORMATS: tuple[FormFormat, ...] = ("pdf", "docx")
SheetFormat = Literal["csv", "xlsx"]  # the templates of a form marked `spreadsheet`

# The files of a tailored kit, relative to its folder (`upward tailor` writes them; its zip holds
# them under the kit's slug).
KIT_SITE = "site"  # the site, which opens from disk
KIT_FORMS = "forms"  # every form, prefilled, as PDF and DOCX
KIT_SCHEDULE = "schedule.ics"  # the programme's sessions
KIT_TRACKER = "tracker.xlsx"  # the empty tracker, for the lead
KIT_MESSAGES = "messages"  # every stage message as a .txt and an .eml draft
KITS = "build/kits"  # where kits go when no folder is named, under the project


def kit_folder(slug: str) -> str:
    """A kit's folder when none is named, relative to the project."""
    return f"{KITS}/{slug}"


def kit_zip(slug: str) -> str:
    return f"{slug}-reverse-mentoring-kit.zip"


def kit_form(file_name: str) -> str:
    """A form's file in the kit's own forms folder."""
    return f"{KIT_FORMS}/{file_name}"


# Downloads the site offers, under docs/ like its pages.
DOWNLOADS = "downloads"
FORM_DOWNLOADS = f"{DOWNLOADS}/forms"


def download(file_name: str) -> str:
    return f"{DOWNLOADS}/{file_name}"


SCHEDULE = download(KIT_SCHEDULE)
TRACKER = download(KIT_TRACKER)


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


def kit_message(file_name: str) -> str:
    """A stage message's draft in the kit's own messages folder."""
    return f"{KIT_MESSAGES}/{file_name}"


def form_file(form_id: str, format: FormFormat | SheetFormat) -> str:
    """A form's file name, as in a kit's `forms/` folder."""
    return f"{form_id}.{format}"


def form_download(form_id: str, format: FormFormat) -> str:
    """A form's PDF or DOCX as the site offers it for download."""
    return form_download_of(form_file(form_id, format))


def form_download_of(file_name: str) -> str:
    """Where the site offers a form's file (`x.pdf`) for download."""
    return f"{FORM_DOWNLOADS}/{file_name}"


def built(page: str) -> str:
    """The HTML file MkDocs writes for a page (`sessions/x/index.md` -> `sessions/x/index.html`),
    keeping any `#anchor`."""
    path, hash_, anchor = page.partition("#")
    if path.endswith(".md"):
        path = path.removesuffix(".md") + ".html"
    return path + hash_ + anchor
