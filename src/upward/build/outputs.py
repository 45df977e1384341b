"""File outputs shared by the site and the tailored kit: every form in every format, the zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

from upward.build.manifest import MANIFEST
from upward.model import Kit
from upward.plan.tailored import TailoredKit

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same kit gives the same zip bytes
ZIP_LEVEL = 3  # half the time of zlib's default 6 on a kit's 14 MB, for a zip some 7 % larger


FORM_FORMATS = ("pdf", "docx")


SHEET_FORMATS = ("csv", "xlsx")
"""Forms marked `spreadsheet: true` (the applications) also come as a template to collect
answers in a sheet, one column per field id: what `upward match` reads."""


def form_file_names(kit: Kit) -> list[str]:
    """The names `form_files` gives, in its order, known before any form is made."""
    names = []
    for form in kit.forms:
        suffixes = FORM_FORMATS + (SHEET_FORMATS if form.spreadsheet else ())
        names += [f"{form.id}.{suffix}" for suffix in suffixes]
    return names


def form_files(kit: Kit, tailored: TailoredKit | None) -> dict[str, bytes]:
    """`<form id>.pdf` and `<form id>.docx` for every form, prefilled when tailoring; and the
    `.csv` and `.xlsx` templates of the forms marked `spreadsheet`."""
    from upward.render.forms.document import form_document
    from upward.render.forms.docx import form_docx
    from upward.render.forms.pdf import form_pdf
    from upward.render.forms.sheets import sheet_fields, template_csv, template_xlsx

    files: dict[str, bytes] = {}
    for form in kit.forms:
        document = form_document(kit, form, tailored)
        files[f"{form.id}.pdf"] = form_pdf(document)
        files[f"{form.id}.docx"] = form_docx(document)
        if form.spreadsheet:
            fields = sheet_fields(document, frozenset(f.id for f in form.fields if f.prefill))
            files[f"{form.id}.csv"] = template_csv(fields)
            files[f"{form.id}.xlsx"] = template_xlsx(fields, document)
    return files


def bundle_zip(folder: Path, zip_path: Path, *, prefix: str) -> int:
    """Zip everything in `folder` under `prefix/`, in sorted order with fixed timestamps.

    Never Upward's mark (upward.build.manifest): it belongs to the folder on this disk, not to the
    kit that is shared, and the zip must stay the same bytes whatever the folder's mark says.
    """
    skipped = {zip_path, folder / MANIFEST}
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p not in skipped)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=ZIP_LEVEL)
    return len(paths)
