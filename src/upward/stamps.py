"""Fixed stamps for files that would otherwise carry the clock, so the same inputs give the same
bytes on any day (tests/test_reproducible.py builds a kit twice and compares).

openpyxl writes the time of saving into a workbook twice: as the document's 'created' and
'modified' dates (docProps/core.xml) and as the date of every entry of the zip a workbook is.
`pinned_xlsx` re-packs a saved workbook with both set to a date the caller states (a
programme's start, say), in openpyxl's own order of entries. A leaf, so that any stage that
writes a workbook can use it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
FIXED_DAY = dt.datetime(2000, 1, 1)
"""For a workbook with no date of its own to carry (pairs.xlsx): a stated, obviously fixed day."""

_DOCUMENT_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def pinned_xlsx(data: bytes, stamp: dt.datetime) -> bytes:
    """The workbook `data` (as openpyxl saved it) with its 'created' and 'modified' dates set to
    `stamp` and every zip entry dated 1980-01-01: the same workbook, the same bytes, any day."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _DOCUMENT_DATE.sub(rb"\g<1>" + when + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()
