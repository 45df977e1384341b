"""Spreadsheet templates of a form (CSV and XLSX), derived from its `FormDocument`: one column per
field id, so a lead who collects answers in a sheet gets exactly what `upward match` reads.

The columns are the form's answer fields in the form's order: every field but those the profile
fills in (the programme's name and dates are the same for everyone, not an answer). The XLSX
adds a drop-down of the stored values for each single choice and a second sheet that says how
to answer each column (the question, its help, the values it takes). Both files are the same
bytes for the same form: openpyxl's clock stamps are pinned.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

from upward.render.forms.document import DocumentField, FormDocument

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FIXED_TIME = dt.datetime(2000, 1, 1)
SEPARATOR = "; "


def sheet_fields(doc: FormDocument, prefilled: frozenset[str] = frozenset()) -> list[DocumentField]:
    """The fields that are answers: all but those the profile fills in (`prefilled`: their ids)."""
    return [f for f in doc.fields if f.id not in prefilled]


def template_csv(fields: list[DocumentField]) -> bytes:
    """A header row of field ids (UTF-8 with a byte-order mark, so Excel shows accents)."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerow([f.id for f in fields])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def how_to_answer(field: DocumentField, doc: FormDocument) -> str:
    """What a cell of this column takes, in words."""
    words = doc.words
    parts = [field.help] if field.help else []
    if field.type == "choice":
        parts.append(words("forms.sheet_one_of", values=SEPARATOR.join(field.values)))
    elif field.type == "multi_choice":
        parts.append(words("forms.sheet_any_of", values=SEPARATOR.join(field.values)))
    elif field.type == "checkbox":
        parts.append(words("forms.sheet_yes_no"))
    elif field.type == "date":
        parts.append(words("forms.date_format"))
    if field.required:
        parts.append(words("forms.sheet_required"))
    return " ".join(parts)


def template_xlsx(fields: list[DocumentField], doc: FormDocument) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    words = doc.words
    book = Workbook()
    sheet = book.active
    sheet.title = words("forms.sheet_title")
    for column, field in enumerate(fields, start=1):
        cell = sheet.cell(1, column, field.id)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = max(14, len(field.id) + 4)
        if field.type == "choice":
            listed = ",".join(field.values)
            if len(listed) <= 255 and '"' not in listed:  # Excel's limit for an inline list
                choices = DataValidation(
                    type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True
                )
                letter = get_column_letter(column)
                choices.add(f"{letter}2:{letter}1000")
                sheet.add_data_validation(choices)
    sheet.freeze_panes = "A2"
    guide = book.create_sheet(words("forms.sheet_guide"))
    guide.append(list(words.list("forms.sheet_guide_columns")))
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column, field in enumerate(fields, start=1):
        # "C: email", never the bare id: a reader looks for the header of applications in
        # every sheet, and must not take this one's rows for it
        where = f"{get_column_letter(column)}: {field.id}"
        guide.append([where, field.label, how_to_answer(field, doc)])
    for letter, width in (("A", 22), ("B", 50), ("C", 80)):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.properties.creator = "Upward"
    book.properties.title = doc.title
    book.properties.created = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return pinned_xlsx(out.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def pinned_xlsx(data: bytes) -> bytes:
    """The same workbook with every zip entry dated 1980-01-01 and the document's 'modified'
    date fixed (openpyxl stamps the clock into both when it saves)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()
