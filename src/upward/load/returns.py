"""Read returned forms for the report: filled PDFs, saved web-form answers, CSV and XLSX exports.

The forms the report reads are the kit's own (their field ids are the contract): the
after-session pulse (pair-coded: pair code, role, session date), the mid-point check-in (named),
the end-of-programme evaluation (anonymous), the goals worksheet's ratings and the
organisational action log. A PDF is recognised by its field names, a saved web-form file by
the form id it carries, a table by a `form` column or by its column headings (field ids or
the forms' own labels). A tracker (`tracker.xlsx`) among the files is read as the tracker.

Nothing bad stops the rest: an unreadable or foreign file, a PDF that is not one of our forms,
a rating out of range, a date that is not a date, the same return twice (the same file, byte
for byte; the same answers in a second file; the same pair, role and date). Each is a `Problem`
naming the file (and row) and field; a bad answer leaves out that one answer, a bad file that
file, and the report lists everything it left out.

    inputs = read_report_inputs(paths, kit.forms)
    inputs.tracker, inputs.returns.answers, inputs.returns.problems
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from upward.load.sources import (
    MAX_FILES,
    Record,
    Table,
    column_id,
    csv_table,
    not_read,
    pdf_record,
    read_bounded,
    xlsx_tables,
)
from upward.load.tracker import find_sheets, read_tracker
from upward.load.values import Invalid, as_choice, as_date, as_rating, as_text, blank, fold
from upward.model.content import Form, FormField, Option
from upward.model.tracker import Tracker
from upward.problems import Problem, display_path
from upward.words import Words, english

RETURN_FORMS = (
    "after-session-pulse",
    "mid-point-check-in",
    "end-of-programme-evaluation",
    "goals-worksheet",
    "organisational-action-log",
)
IDENTITY: dict[str, tuple[str, ...]] = {
    "after-session-pulse": ("pair-code", "role", "session-date"),
    "mid-point-check-in": ("name", "role"),
    "goals-worksheet": ("mentee-name",),
    "organisational-action-log": ("mentee-name",),
}
"""The answers that make two returns the same return (the evaluation is anonymous: none)."""

KINDS = {".pdf": "pdf", ".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
WEB_FORM_VERSION = 1  # STORE_VERSION in docs/assets/js/upward.js
MATCH_PDF = 0.8  # share of field names a PDF must share with a form to be that form
MIN_TABLE_FIELDS = 2  # fields of a form a table's headings must name, a question among them
MIN_FOREIGN_FIELDS = 3  # fields of another form (an application) that say which one a table is
MAX_TEXT = 20_000
ROLES = ("mentor", "mentee")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Answer:
    """One returned form: typed answers by field id (ratings as int, choices as the form's
    option text, dates as dates, ticks as bool), where it came from, and who answered."""

    form: str
    values: dict[str, Any]
    file: str
    row: int = 0  # in a table; 0 for a file that holds one return
    role: str | None = None  # mentor | mentee, where the form asks

    @property
    def source(self) -> str:
        return f"{self.file}:{self.row}" if self.row else self.file


@dataclass(frozen=True)
class Returns:
    answers: tuple[Answer, ...] = ()
    problems: tuple[Problem, ...] = ()  # everything left out, with where and why
    files: int = 0

    def of_form(self, form: str) -> list[Answer]:
        return [a for a in self.answers if a.form == form]


@dataclass(frozen=True)
class ReportInputs:
    tracker: Tracker | None
    returns: Returns


def read_report_inputs(
    paths: Sequence[Path],
    forms: Sequence[Form],
    *,
    progress: Progress | None = None,
    words: Words | None = None,
) -> ReportInputs:
    """The tracker (the first workbook with its sheets) and every returned form in `paths`
    (files, or folders of them)."""
    words = words or english()
    problems: list[Problem] = []
    files = _expand(paths, problems, words)
    reader = _Reader({f.id: f for f in forms}, words)
    tracker: Tracker | None = None
    answers: list[Answer] = []
    for done, path in enumerate(files, start=1):
        shown = display_path(path)
        if path.suffix.lower() in (".xlsx", ".xlsm") and _is_tracker(path, words):
            if tracker is None:
                tracker = read_tracker(path, words)
            else:
                problems.append(
                    Problem(shown, message=_words(words, "tracker_twice", other=tracker.file))
                )
        else:
            answers += reader.file(path, shown, problems)
        if progress:
            progress(done, len(files))
    answers = _once_each(answers, problems, words, reader.prefilled)
    returns = Returns(tuple(answers), tuple(sorted(set(problems))), len(files))
    return ReportInputs(tracker, returns)


def read_returns(
    paths: Sequence[Path],
    forms: Sequence[Form],
    *,
    progress: Progress | None = None,
    words: Words | None = None,
) -> Returns:
    """Only the returned forms (a tracker among them is read as the tracker and left aside)."""
    return read_report_inputs(paths, forms, progress=progress, words=words).returns


def _words(words: Words, key: str, **values: Any) -> str:
    return words(f"returns.problems.{key}", **values)


def _expand(paths: Sequence[Path], problems: list[Problem], words: Words) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():  # its files and its folders' files, in a stable order
            inside = sorted(
                (p for p in path.rglob("*") if _wanted(p.relative_to(path)) and p.is_file()),
                key=lambda p: p.relative_to(path).parts,
            )
            if len(inside) > MAX_FILES:
                problems.append(
                    Problem(
                        display_path(path),
                        message=_words(words, "too_many_files", count=len(inside), limit=MAX_FILES),
                    )
                )
                inside = inside[:MAX_FILES]
            out += inside
            problems += _answers_not_read(path)
        else:
            out.append(path)
    return out


def _answers_not_read(folder: Path) -> list[Problem]:
    """Files in the folder that are likely someone's answers but cannot be read (a Word copy of a
    form, an .ods sheet, a scan), each named with what to ask for instead. Other files (a README,
    the lead's notes) are passed over: the left-out list goes with the report, and they are not
    returns."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        hidden = any(part.startswith((".", "~$")) for part in relative.parts)
        if not hidden and not _wanted(relative) and path.is_file():
            problem, is_answers = not_read(path)
            if is_answers:
                found.append(problem)
    return found


def _wanted(relative: Path) -> bool:
    """A form file in a folder; not a hidden file or an office program's lock file (~$x.xlsx)."""
    hidden = any(part.startswith((".", "~$")) for part in relative.parts)
    return not hidden and relative.suffix.lower() in KINDS


def _is_tracker(path: Path, words: Words) -> bool:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # not a workbook: the returns reader says why
        return False
    try:  # by the sheets' titles, or by their headings where a lead renamed them
        return {"pairs", "sessions"} <= set(find_sheets(book, words))
    finally:
        book.close()


def _export_name(option: str, index: int, taken: list[str]) -> str:
    """The name a PDF radio button of `option` carries (forms.pdf.export_names)."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", option).strip("-")[:40] or f"option-{index}"
    return slug if slug not in taken else f"{slug}-{index}"


class _Reader:
    """Returns of the kit's forms, each answer typed and checked against its field."""

    def __init__(self, forms: dict[str, Form], words: Words) -> None:
        self.forms = forms
        self.words = words
        self.fields = {
            form.id: {f.id: f for s in form.sections for f in s.fields} for form in forms.values()
        }
        # every field id of every form: a PDF's per-option boxes (`<field>:<value>`) fold into
        # their field, and names no form has are dropped before the form is recognised
        self.field_ids = frozenset(f for fields in self.fields.values() for f in fields)
        self.choices: dict[tuple[str, str], dict[str, list[str]]] = {}
        for form_id, fields in self.fields.items():
            for field in fields.values():
                if field.type == "choice":
                    taken: list[str] = []
                    names: dict[str, list[str]] = {}
                    for index, option in enumerate(field.options, start=1):
                        if isinstance(option, Option):  # stores its own id: the PDF's name too
                            names[option.value] = [option.value, option.label]
                            continue
                        taken.append(_export_name(option, index, taken))
                        names[option] = [option, taken[-1]]
                    self.choices[(form_id, field.id)] = names
        # a return's questions: its rated and chosen fields that no other form asks ('role' is
        # on the applications too), so only a table that names one is read as that return
        elsewhere = {
            f for form_id, fs in self.fields.items() if form_id not in RETURN_FORMS for f in fs
        }
        self.questions = {
            form_id: {
                f
                for f, spec in self.fields.get(form_id, {}).items()
                if spec.type in ("scale", "choice") and f not in elsewhere
            }
            for form_id in RETURN_FORMS
        }
        self.prefilled = {  # filled in by tailoring, alike on every copy: not a person's answers
            form_id: {f for f, spec in fields.items() if spec.prefill is not None}
            for form_id, fields in self.fields.items()
        }
        self.digests: dict[bytes, str] = {}  # each file's bytes, to leave out a second copy
        self.headings: dict[str, str] = {"form": "form"}
        for fields in self.fields.values():
            for field in fields.values():
                self.headings.setdefault(column_id(field.id), field.id)
                self.headings.setdefault(column_id(field.label), field.id)

    # --- files ----------------------------------------------------------------------------

    def file(self, path: Path, shown: str, problems: list[Problem]) -> list[Answer]:
        kind = KINDS.get(path.suffix.lower())
        if kind is None:
            problems.append(Problem(shown, message=_words(self.words, "unknown_kind")))
            return []
        got = read_bounded(path, shown)
        if isinstance(got, Problem):
            problems.append(got)
            return []
        _, data = got
        digest = hashlib.sha256(data).digest()
        if digest in self.digests:  # a copy: counting it again would count one person twice
            other = self.digests[digest]
            problems.append(Problem(shown, message=_words(self.words, "same_file", other=other)))
            return []
        self.digests[digest] = shown
        if kind == "pdf":
            return self._pdf(data, shown, problems)
        if kind == "json":
            return self._json(data, shown, problems)
        known = frozenset(self.headings)
        tables = (
            [csv_table(data, shown, known, "form")]
            if kind == "csv"
            else xlsx_tables(data, shown, known, "form")
        )
        if isinstance(tables, Problem):
            tables = [tables]
        answers = []
        for table in tables:
            if isinstance(table, Problem):
                problems.append(Problem(table.file, message=_words(self.words, "no_form_columns")))
            else:
                answers += self._table(table, problems)
        return answers

    def _pdf(self, data: bytes, shown: str, problems: list[Problem]) -> list[Answer]:
        record = pdf_record(data, shown, self.field_ids)
        if isinstance(record, Problem):
            problems.append(record)
            return []
        names = set(record.values)
        best, share = None, 0.0
        for form_id, fields in self.fields.items():
            overlap = len(names & set(fields)) / len(names | set(fields))
            if overlap > share:
                best, share = form_id, overlap
        if best is None or share < MATCH_PDF:
            problems.append(Problem(shown, message=_words(self.words, "not_our_form")))
            return []
        if best not in RETURN_FORMS:
            title = self.forms[best].title
            problems.append(Problem(shown, message=_words(self.words, "not_a_return", title=title)))
            return []
        answer = self._answer(best, record, problems)
        return [answer] if answer else []

    def _json(self, data: bytes, shown: str, problems: list[Problem]) -> list[Answer]:
        try:
            saved = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            problems.append(Problem(shown, message=_words(self.words, "not_answers")))
            return []
        if not isinstance(saved, dict) or not isinstance(saved.get("answers"), dict):
            problems.append(Problem(shown, message=_words(self.words, "not_answers")))
            return []
        if saved.get("version") != WEB_FORM_VERSION:
            problems.append(
                Problem(
                    shown,
                    message=_words(
                        self.words,
                        "json_version",
                        version=saved.get("version"),
                        expected=WEB_FORM_VERSION,
                    ),
                )
            )
            return []
        form = saved.get("form")
        if form not in self.forms:
            problems.append(
                Problem(shown, message=_words(self.words, "unknown_form", form=as_text(form)))
            )
            return []
        if form not in RETURN_FORMS:
            title = self.forms[form].title
            problems.append(Problem(shown, message=_words(self.words, "not_a_return", title=title)))
            return []
        answer = self._answer(form, Record(shown, 0, dict(saved["answers"])), problems)
        return [answer] if answer else []

    def _table(self, table: Table, problems: list[Problem]) -> list[Answer]:
        header = {self.headings[k]: v for k, v in table.columns.items() if k in self.headings}
        guessed = self._form_of_headings(set(header))
        answers = []
        for raw in table.records:
            values = {self.headings[k]: v for k, v in raw.values.items() if k in self.headings}
            if all(blank(v) for v in values.values()):
                continue
            columns = {self.headings[k]: c for k, c in raw.columns.items() if k in self.headings}
            record = Record(raw.file, raw.row, values, columns)
            form = guessed
            if "form" in values and not blank(values["form"]):
                named = as_text(values["form"])
                form = next((f for f in RETURN_FORMS if fold(f) == fold(named)), None)
                if form is None or form not in self.forms:
                    problems.append(
                        Problem(
                            raw.file,
                            raw.row,
                            columns.get("form", 0),
                            "form",
                            _words(self.words, "unknown_form", form=named),
                        )
                    )
                    continue
            if form is None:
                problems.append(
                    Problem(table.file, table.header_row, message=self._not_a_return(set(header)))
                )
                return answers
            answer = self._answer(form, record, problems)
            if answer:
                answers.append(answer)
        return answers

    def _form_of_headings(self, headings: set[str]) -> str | None:
        """The returned form whose questions the headings name most of. A table is a form's
        export only if its headings name at least one of that form's own questions and two of
        its fields: a survey tool may export only some questions, but an application sheet or
        match's unmatched.csv, whose 'role' column every form shares, is no pulse."""
        best, score = None, (0, 0.0)
        for form_id in RETURN_FORMS:
            questions = self.questions.get(form_id, set())
            named = len(headings & questions)
            if not named or len(headings & set(self.fields.get(form_id, {}))) < MIN_TABLE_FIELDS:
                continue
            candidate = (named, named / len(questions))
            if candidate > score:
                best, score = form_id, candidate
        return best

    def _not_a_return(self, headings: set[str]) -> str:
        """Why a table without a `form` column is left out: it names another of the kit's forms
        (an application sheet), or no question of a returned form."""
        best, named = None, set()
        for form_id, fields in self.fields.items():
            if form_id not in RETURN_FORMS and len(headings & set(fields)) > len(named):
                best, named = form_id, headings & set(fields)
        if best is not None and len(named) >= MIN_FOREIGN_FIELDS:
            return _words(
                self.words,
                "table_of_other_form",
                title=self.forms[best].title,
                columns=", ".join(sorted(named)[:4]),
            )
        return _words(self.words, "no_questions")

    # --- answers --------------------------------------------------------------------------

    def _answer(self, form: str, record: Record, problems: list[Problem]) -> Answer | None:
        fields = self.fields[form]
        values: dict[str, Any] = {}
        for field_id, raw in record.values.items():
            field = fields.get(str(field_id))
            if field is None or blank(raw):
                continue
            got = self._typed(form, field, raw)
            if isinstance(got, Invalid):
                problems.append(
                    Problem(
                        record.file,
                        record.row,
                        record.columns.get(field.id, 0),
                        field.id,
                        self._why(form, field, got),
                    )
                )
                continue
            if got is not None:
                values[field.id] = got
        if not any(fields[k].type in ("scale", "choice", "date") for k in values):
            problems.append(
                Problem(record.file, record.row, message=_words(self.words, "no_answers"))
            )
            return None
        role = fold(values["role"]) if isinstance(values.get("role"), str) else None
        return Answer(form, values, record.file, record.row, role if role in ROLES else None)

    def _typed(self, form: str, field: FormField, raw: Any) -> Any:
        if field.type == "scale":
            return as_rating(raw)
        if field.type == "choice":
            return as_choice(raw, self.choices[(form, field.id)])
        if field.type == "date":
            return as_date(raw)
        if field.type == "checkbox":
            if isinstance(raw, bool):
                return raw
            return fold(as_text(raw)) not in ("", "off", "no", "false", "0")
        text = as_text(raw) if not isinstance(raw, list) else "; ".join(map(as_text, raw))
        if len(text) > MAX_TEXT:
            return Invalid(f"{len(text):,}", "too_long")
        return text or None

    def _why(self, form: str, field: FormField, invalid: Invalid) -> str:
        options = ""
        if field.type == "choice":
            options = ", ".join(field.options)
        return _words(self.words, invalid.why, value=invalid.value, field=field.id, options=options)


def _once_each(
    answers: list[Answer],
    problems: list[Problem],
    words: Words,
    prefilled: dict[str, set[str]],
) -> list[Answer]:
    """The first of two returns that are the same return; later ones left out and named.

    The same return is the same identity (pair, role and date for a pulse; name and role for a
    check-in; the mentee for goals and an action log), or, for any form and above all the
    anonymous evaluation, the same answers in another file (a PDF saved twice, an export read
    again). Rows of one table are separate submissions, so like answers there are kept: a short
    survey export often holds two people who answered alike. The answers compared are the
    person's own: what tailoring filled in (the programme, its end) is left aside."""
    first: dict[tuple[Any, ...], Answer] = {}
    same_answers: dict[tuple[Any, ...], Answer] = {}
    kept = []
    for answer in answers:
        keys = IDENTITY.get(answer.form)
        identity = tuple(answer.values.get(k) for k in keys) if keys else None
        if identity and all(v not in (None, "") for v in identity):
            key = (answer.form, *(fold(v) if isinstance(v, str) else v for v in identity))
            if key in first:
                problems.append(
                    Problem(
                        answer.file,
                        answer.row,
                        message=_words(words, "twice", other=first[key].source),
                    )
                )
                continue
            first[key] = answer
        own = prefilled.get(answer.form, set())
        content = (
            answer.form,
            *sorted((k, repr(v)) for k, v in answer.values.items() if k not in own),
        )
        earlier = same_answers.setdefault(content, answer)
        if earlier is not answer and earlier.file != answer.file:
            problems.append(
                Problem(
                    answer.file,
                    answer.row,
                    message=_words(words, "same_answers", other=earlier.source),
                )
            )
            continue
        kept.append(answer)
    return kept


def date_of(answer: Answer, field: str) -> dt.date | None:
    value = answer.values.get(field)
    return value if isinstance(value, dt.date) else None
