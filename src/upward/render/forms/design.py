"""What the printed copies of a form (PDF and Word) agree on: colours, room for answers, which
fields stay together on a page, and how a value is shown.

Both writers draw from here so that a form looks like one family on paper whichever copy
someone prints, and so that a choice made for one (a goal gets three lines; an agreement's tick
box stays with the signature under it) cannot quietly drift from the other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from upward.model import AnswerSize
from upward.render.forms.document import DocumentField, DocumentSection
from upward.words import Words

# Colours as hex without "#", the form python-docx and reportlab's HexColor("#...") both take.
INK = "1A1A1A"
MUTED = "595959"  # 7:1 on white: small print that still prints legibly
ACCENT = "1F4E79"  # title and section headings
RULE = "9AA5B1"  # lines under headings, field borders
BOX_FILL = "EEF4FB"  # the privacy box
BOX_LINE = "3D6FA8"
LABEL_FILL = "F2F4F7"  # the label column of a Word form
FIELD_FILL = "F7F9FC"  # a PDF field's background

ANSWER_LINES: dict[AnswerSize, int] = {
    "short": 1,
    "line": 1,
    "lines": 3,
    "paragraph": 6,
    "long": 10,
}
"""Lines of handwriting each answer size leaves room for."""


def answer_size(field: DocumentField) -> AnswerSize:
    """The room a text answer needs: the kit's `size`, else one line, or a paragraph for long
    text."""
    if field.size:
        return field.size
    return "paragraph" if field.type == "long_text" else "line"


def answer_lines(field: DocumentField) -> int:
    return ANSWER_LINES[answer_size(field)]


WEB_ROWS: dict[AnswerSize, int] = {"short": 1, "line": 1, "lines": 2, "paragraph": 4, "long": 6}
"""A web form's textarea rows for each answer size: fewer than on paper, since a box on screen
grows as people type, but in the same order, so a printed web form keeps the paper's proportions
(the goals worksheet's short lists fit two sheets)."""


def web_rows(field: DocumentField) -> int:
    return WEB_ROWS[answer_size(field)]


HANDWRITING_LINE_CM = 0.7  # a line of handwriting (wide-ruled paper is 0.8)
ANSWER_HEIGHTS_CM = {"date": 1.0, "signature": 1.9}
WHOLE_SECTION_CM = 14.0  # a section up to about half a page stays on one page


def answer_height_cm(field: DocumentField) -> float | None:
    """The room to answer by hand, in cm; None where the options or boxes set the height."""
    if field.type in ANSWER_HEIGHTS_CM:
        return ANSWER_HEIGHTS_CM[field.type]
    if field.type in ("text", "email", "long_text"):
        return round(answer_lines(field) * HANDWRITING_LINE_CM + 0.25, 2)
    return None


def keeps_whole(section: DocumentSection) -> bool:
    """Whether a section stays on one page. Up to about half a page it does (a goal with its
    ratings and evidence, a block of signatures); a longer one may break between its runs of
    fields (`keep_runs`), so that a page is not left half empty for it."""
    return section_height_cm(section) <= WHOLE_SECTION_CM


def section_height_cm(section: DocumentSection) -> float:
    """A generous guess at a section's printed height in cm (the Word copy's, the taller)."""
    height = 1.6 + ((len(section.intro) / 95 + 1) * 0.45 if section.intro else 0)
    for field in section.fields:
        label = (len(field.label) / 26 + 1) * 0.45 + len(field.help) / 34 * 0.4
        if field.type in ("choice", "multi_choice"):
            answer = len(field.options) * 0.55
        elif field.type == "scale":
            answer = 1.3
        else:
            answer = answer_height_cm(field) or 0.8
        height += max(label, answer) + 0.25
    return height


COMPACT_OPTIONS = 60
"""A choice whose options join (with " / ") into no more characters than this is compact: a
drop-down in Word, and its radio buttons on one row in the PDF (Yes / Not sure / No)."""


def is_compact(field: DocumentField) -> bool:
    return field.type == "choice" and len(" / ".join(field.options)) <= COMPACT_OPTIONS


def is_multiline(field: DocumentField) -> bool:
    return field.type == "long_text"


def keep_runs(fields: Sequence[DocumentField]) -> list[tuple[DocumentField, ...]]:
    """The fields of a section in runs that must share a page, even when the whole section
    cannot: a tick box with the signature under it (agreeing and signing), a signature with
    the date beside it, and a question with the ratings that follow it (a goal and where the
    mentee stands on it). Every other field is a run of its own."""
    runs: list[list[DocumentField]] = []
    for field in fields:
        if runs and stays_with(runs[-1][-1], field):
            runs[-1].append(field)
        else:
            runs.append([field])
    return [tuple(run) for run in runs]


def stays_with(previous: DocumentField, field: DocumentField) -> bool:
    """Whether `field` must share a page with the field just before it."""
    if field.type == "signature":
        return previous.type == "checkbox"
    if field.type == "date":
        return previous.type == "signature"
    if field.type == "scale":
        return previous.type in ("text", "long_text", "scale")
    return False


def shown_value(field: DocumentField, words: Words) -> str:
    """A prefilled value as printed: dates as the text writes them ('Monday 11 January 2027'),
    everything else as it is."""
    if field.type == "date" and field.value:
        day = iso_date(field.value)
        if day:
            return words.date(day)
    return field.value


def iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def language_tag(words: Words) -> str:
    """The document language ('en-GB'), so spell checkers and screen readers use British
    English rather than the reader's default."""
    return words("language.locale")


OPTION_JOINER = ":"
"""A multiple choice is one tick box per option, named `<field id>:<option value>`
(`availability:mon-am`) in the PDF and tagged so in Word: a flat name, since a PDF field's own
name may not hold a period."""


def option_box_name(field_id: str, value: str) -> str:
    return f"{field_id}{OPTION_JOINER}{value}"


def export_names(options: tuple[str, ...]) -> list[str]:
    """Safe, unique names for a choice's options: the PDF's radio states and the Word tick
    boxes' tags (reportlab does not escape names itself)."""
    names: list[str] = []
    for index, option in enumerate(options, start=1):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", option).strip("-")[:40] or f"option-{index}"
        names.append(slug if slug not in names else f"{slug}-{index}")
    return names
