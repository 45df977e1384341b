"""Read application files of any kind into records: one record per person, each value with the
place it came from (file, row and column, or PDF field), so a problem can point at it.

Kinds: CSV (UTF-8, or Excel's Windows encoding; comma, semicolon or tab separated), XLSX
(every sheet whose header has an `email` column), filled PDF forms (AcroForm field names are
the field ids) and answers saved from the web form (JSON). A folder stands for the application
files in it. Every read is bounded: regular files only, a size cap per kind, a cap on the
unpacked size of a workbook and on rows, so no file can exhaust memory or hang the run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
import stat
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from upward.problems import Problem, display_path
from upward.words import english
from upward.words import matching as words

KINDS = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".pdf": "pdf", ".json": "json"}
MAX_BYTES = {"csv": 20_000_000, "xlsx": 20_000_000, "pdf": 10_000_000, "json": 1_000_000}
XLSX_UNPACKED = 300_000_000
MAX_ROWS = 20_000
MAX_FILES = 10_000
HEADER_ROWS = 10  # the header may sit under a few rows of notes
WEB_FORM_VERSION = 1  # STORE_VERSION in docs/assets/js/upward.js
FORM_ROLES = {"mentor-application": "mentor", "mentee-application": "mentee"}

Progress = Callable[[int, int], None]


@dataclass
class Record:
    """One person's raw answers, keyed by field id, with where each was found."""

    file: str
    row: int = 0  # 0 for a file that holds one person
    values: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)  # field id -> column number
    role: str | None = None  # what the file says (a web form's id), if anything

    def where(self) -> str:
        return f"{self.file}:{self.row}" if self.row else self.file


@dataclass
class Table:
    """A sheet or CSV file: its header (field id -> column) and its records."""

    file: str
    header_row: int
    columns: dict[str, int]
    records: list[Record]
    headings: tuple[str, ...] = ()  # every heading, as a column id (for 'did you mean')


@dataclass
class Sources:
    tables: list[Table] = field(default_factory=list)
    singles: list[Record] = field(default_factory=list)  # one-person files: PDF, JSON
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # worth saying, but nothing lost
    files: int = 0


def column_id(heading: object) -> str:
    """'Full name', 'full_name', ' FULL-NAME ' -> 'full-name'."""
    text = str(heading or "").strip().casefold()
    return "-".join(text.replace("_", " ").replace("-", " ").split())


def expand(
    paths: Sequence[Path], problems: list[Problem], notes: list[Problem] | None = None
) -> list[Path]:
    """The files to read: files as given, and a folder's application files (sorted).

    Nothing handed in vanishes without a word: every other file and folder in a folder is named
    with why it was not read (see `not_read`), and a folder with nothing to read is a problem.
    Hidden files and office lock files (`~$x.xlsx`) are passed over in silence: nobody handed
    them in. Folders inside are not read (an earlier run's output may sit there), but named."""
    notes = problems if notes is None else notes
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        inside: list[Path] = []
        skipped = 0
        for entry in sorted(path.iterdir()):
            if entry.name.startswith((".", "~$")):
                continue
            if entry.suffix.lower() in KINDS and not entry.is_dir():
                inside.append(entry)
                continue
            skipped += 1
            problem, serious = not_read(entry, path)
            (problems if serious else notes).append(problem)
        if not inside:
            listed = english()("match.not_read.nothing_listed") if skipped else ""
            message = english()("match.not_read.nothing", listed=listed)
            problems.append(Problem(display_path(path), message=message))
        if len(inside) > MAX_FILES:
            problems.append(
                Problem(
                    display_path(path),
                    message=words.READ["too_many_files"].format(count=len(inside), limit=MAX_FILES),
                )
            )
            inside = inside[:MAX_FILES]
        out += inside
    return out


WORD = frozenset({".docx", ".doc", ".docm", ".dotx", ".odt", ".rtf", ".pages"})
SHEETS = frozenset({".ods", ".xls", ".xlsb", ".numbers", ".tsv"})
PICTURES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".heic", ".tif", ".tiff", ".bmp", ".webp"})


def not_read(path: Path, folder: Path | None = None) -> tuple[Problem, bool]:
    """Why a file handed in is not read, and whether that is a problem (True) or a note.

    A Word copy of a form, another program's spreadsheet and a scan are almost surely someone's
    answers: dropping them would lose a person, so they are problems (the run stops, or goes
    on without them under --skip-bad, naming them). Anything else (the lead's notes.txt, a
    README) is most likely not answers at all: a note, so that it is named but stops nothing.
    A folder inside a folder is a note too: its files were not handed in as such."""
    shown = display_path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        folder_shown = display_path(folder) if folder else ""
        return Problem(
            shown, message=english()("match.not_read.subfolder", folder=folder_shown)
        ), False
    if suffix in WORD:
        return Problem(shown, message=english()("match.not_read.word")), True
    if suffix in SHEETS:
        return Problem(shown, message=english()("match.not_read.sheet", kind=suffix)), True
    if suffix in PICTURES:
        return Problem(shown, message=english()("match.not_read.picture")), True
    return Problem(shown, message=english()("match.not_read.other")), False


def read_bounded(path: Path, shown: str) -> tuple[str, bytes] | Problem:
    """(kind, bytes) of an application file, or the Problem that stops it being read."""
    R = words.READ
    kind = KINDS.get(path.suffix.lower())
    if kind is None:  # named on its own: reading it was asked for, so a problem whatever it is
        if path.suffix.lower() in WORD | SHEETS | PICTURES:
            return Problem(shown, message=not_read(path)[0].message)
        return Problem(shown, message=R["unknown_kind"])
    try:
        info = path.stat()
    except FileNotFoundError:
        return Problem(shown, message=R["missing"])
    except OSError as error:
        return Problem(shown, message=R["unreadable"].format(error=error.strerror))
    if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
        return Problem(shown, message=R["not_a_file"])
    if info.st_size > MAX_BYTES[kind]:
        return Problem(
            shown,
            message=R["too_large"].format(
                size=info.st_size, kind=kind.upper(), limit=MAX_BYTES[kind]
            ),
        )
    try:
        with open(path, "rb", opener=lambda p, f: os.open(p, f | os.O_NONBLOCK)) as handle:
            data = handle.read(MAX_BYTES[kind] + 1)
    except OSError as error:
        return Problem(shown, message=R["unreadable"].format(error=error.strerror))
    if len(data) > MAX_BYTES[kind]:  # it grew since stat
        return Problem(
            shown,
            message=R["too_large"].format(size=len(data), kind=kind.upper(), limit=MAX_BYTES[kind]),
        )
    return kind, data


def read_sources(
    paths: Sequence[Path], progress: Progress | None = None, known: frozenset[str] = frozenset()
) -> Sources:
    """Every record in every file; files that cannot be read become problems, the rest are read.

    `known` are the field ids to keep (others, like free-text answers, are ignored)."""
    sources = Sources()
    files = expand(paths, sources.problems, sources.notes)
    sources.files = len(files)
    for done, path in enumerate(files, start=1):
        shown = display_path(path)
        got = read_bounded(path, shown)
        if isinstance(got, Problem):
            sources.problems.append(got)
        else:
            kind, data = got
            if kind == "csv":
                _add(sources, csv_table(data, shown, known))
            elif kind == "xlsx":
                tables = xlsx_tables(data, shown, known)
                for table in tables if isinstance(tables, list) else [tables]:
                    _add(sources, table)
            elif kind == "pdf":
                _add(sources, pdf_record(data, shown, known))
            else:
                _add(sources, _json_record(data, shown, known))
        if progress:
            progress(done, len(files))
    return sources


def _add(sources: Sources, item: Table | Record | Problem | None) -> None:
    if isinstance(item, Problem):
        sources.problems.append(item)
    elif isinstance(item, Table):
        sources.tables.append(item)
    elif isinstance(item, Record):
        sources.singles.append(item)


# --- tables ---------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A spreadsheet cell as the text a person sees (2.0 -> '2', dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


def table_from_rows(
    rows: Iterator[Sequence[Any]], shown: str, known: frozenset[str], key: str = "email"
) -> Table | Problem:
    """Find the header (the first row with a `key` cell, or three known headings, among the
    first few rows), then read
    each later row into a record; a blank row before more data is kept (as an empty record)
    so that it can be reported, blank rows at the end are dropped."""
    R = words.READ
    header: dict[str, int] | None = None
    header_row = 0
    headings: tuple[str, ...] = ()
    records: list[Record] = []
    blank_run: list[Record] = []
    for number, row in enumerate(rows, start=1):
        cells = [_cell(v) for v in row]
        if header is None:
            ids = [column_id(c) for c in cells]
            if key in ids or (known and len(set(ids) & known) >= 3):  # a header missing `key`
                header, header_row, headings = {}, number, tuple(i for i in ids if i)
                for index, cid in enumerate(ids, start=1):
                    if cid and (not known or cid in known) and cid not in header:
                        header[cid] = index
            elif number >= HEADER_ROWS:
                return Problem(shown, message=R["no_header"].format(key=key, rows=HEADER_ROWS))
            continue
        if number - header_row > MAX_ROWS:
            return Problem(shown, message=R["too_many_rows"].format(rows=number, limit=MAX_ROWS))
        values = {
            cid: cells[index - 1] if index - 1 < len(cells) else "" for cid, index in header.items()
        }
        record = Record(shown, number, values, dict(header))
        if all(v in ("", None) or (isinstance(v, str) and not v.strip()) for v in cells):
            blank_run.append(record)
            continue
        records += [*blank_run, record]
        blank_run = []
    if header is None:
        return Problem(shown, message=R["no_header"].format(key=key, rows=HEADER_ROWS))
    return Table(shown, header_row, header, records, headings)


def csv_table(
    data: bytes, shown: str, known: frozenset[str], key: str = "email"
) -> Table | Problem:
    """A CSV file's table, found under the header row that has `key` (UTF-8, or Excel's own
    encoding on Windows; comma, semicolon or tab, as the first line uses most)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # Excel on Windows saves "CSV" in its own encoding
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            return Problem(shown, message=words.READ["not_csv"].format(error=error.reason))
    if "\x00" in text:
        nul_bytes = english()("read.file.nul_bytes")
        return Problem(shown, message=words.READ["not_csv"].format(error=nul_bytes))
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return Problem(shown, message=words.READ["not_csv"].format(error=error))
    return table_from_rows(iter(rows), shown, known, key)


def xlsx_tables(
    data: bytes, shown: str, known: frozenset[str], key: str = "email"
) -> list[Table] | Problem:
    """Every visible sheet of a workbook with a header row that has `key`; a damaged file, a
    zip bomb or a workbook without such a sheet is a Problem."""
    from openpyxl import load_workbook

    R = words.READ
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        return Problem(shown, message=R["not_xlsx"].format(error=error))
    if unpacked > XLSX_UNPACKED:
        return Problem(shown, message=R["xlsx_bomb"].format(limit=XLSX_UNPACKED))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        return Problem(shown, message=R["not_xlsx"].format(error=type(error).__name__))
    tables: list[Table] = []
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            got = table_from_rows(
                sheet.iter_rows(max_row=MAX_ROWS + HEADER_ROWS + 1, values_only=True),
                f"{shown}[{sheet.title}]",
                known,
                key,
            )
            if isinstance(got, Table):
                tables.append(got)
    finally:
        book.close()
    if not tables:
        return Problem(shown, message=R["no_sheet"].format(key=key))
    return tables


def read_table_file(path: Path, key: str, known: frozenset[str]) -> list[Table] | Problem:
    """The sheets of one CSV or XLSX file whose header has the column `key`."""
    shown = display_path(path)
    got = read_bounded(path, shown)
    if isinstance(got, Problem):
        return got
    kind, data = got
    if kind == "csv":
        table = csv_table(data, shown, known, key)
        return table if isinstance(table, Problem) else [table]
    if kind == "xlsx":
        return xlsx_tables(data, shown, known, key)
    return Problem(shown, message=words.READ["not_a_table"])


# --- one-person files ----------------------------------------------------------------------


def pdf_record(data: bytes, shown: str, known: frozenset[str]) -> Record | Problem:
    """A filled PDF form's fields as one record (a chosen radio button as its name), or a
    Problem for a file that is not a PDF, is locked, or has no form fields."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs what it repairs ("EOF marker not found") straight to stderr; a file it cannot
    # read is reported here, once, with its name, so its own lines would only be noise
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    R = words.READ
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return Problem(shown, message=R["pdf_encrypted"])
        fields = reader.get_fields() or {}
    except PyPdfError as error:
        return Problem(shown, message=R["not_pdf"].format(error=error))
    except Exception as error:  # a damaged file can fail anywhere in the parser
        return Problem(shown, message=R["not_pdf"].format(error=type(error).__name__))
    if not fields:
        return Problem(shown, message=R["pdf_no_fields"])
    values: dict[str, Any] = {}
    for name, spec in fields.items():
        value = spec.get("/V")
        values[str(name)] = _pdf_value(value)
    return Record(shown, 0, _fold_options(values, known))


def _pdf_value(value: Any) -> Any:
    """Text as text; a ticked box or a chosen radio button as its name without the slash;
    an unticked box as False."""
    if value is None:
        return ""
    if isinstance(value, list):
        return [_pdf_value(v) for v in value]
    text = str(value)
    if text.startswith("/"):  # a PDF name: a box's or a radio button's state
        return False if text == "/Off" else text[1:]
    return text


def _json_record(data: bytes, shown: str, known: frozenset[str]) -> Record | Problem:
    R = words.READ
    try:
        saved = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return Problem(shown, message=R["not_json"].format(error=error))
    if not isinstance(saved, dict) or not isinstance(saved.get("answers"), dict):
        return Problem(shown, message=R["json_shape"])
    if saved.get("version") != WEB_FORM_VERSION:
        return Problem(
            shown,
            message=R["json_version"].format(
                version=saved.get("version"), expected=WEB_FORM_VERSION
            ),
        )
    form = saved.get("form")
    if form not in FORM_ROLES:
        return Problem(shown, message=R["json_form"].format(form=form))
    return Record(shown, 0, _fold_options(saved["answers"], known), role=FORM_ROLES[form])


def _fold_options(values: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """Gather per-option tick boxes into one list: `availability.mon-am` (a PDF's field
    hierarchy) or `availability-mon-am`, when ticked, become 'mon-am' in `availability`.
    Answers that are not application fields are dropped."""
    out: dict[str, Any] = {}
    ticked: dict[str, list[str]] = {}
    for name, value in values.items():
        name = str(name)
        if not known or name in known:
            out[name] = value
            continue
        ticked_box = value not in (False, "", None, "Off", "off", "no", "No")
        for base in sorted(known):
            for joiner in (".", "-", ":"):
                if ticked_box and name.startswith(base + joiner) and len(name) > len(base) + 1:
                    ticked.setdefault(base, []).append(name[len(base) + 1 :])
    for base, options in ticked.items():
        existing = out.get(base)
        items = [existing] if isinstance(existing, str) and existing.strip() else []
        if isinstance(existing, list):
            items = list(existing)
        out[base] = items + options
    return out
