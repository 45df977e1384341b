"""Workbooks carry no clock: openpyxl stamps the time of saving into the document and into its
zip, and `upward.stamps.pinned_xlsx` sets both to a stated day, so the review workbook of a
matching run (and the tracker) are the same bytes on any day."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from cohorts import person
from openpyxl import load_workbook

from upward.plan.matching import match
from upward.render.workbook import pairs_workbook
from upward.stamps import FIXED_DAY, ZIP_DATE, pinned_xlsx


def _as_if_saved_on(data: bytes, day: dt.datetime) -> bytes:
    """The same workbook as openpyxl would have saved it on `day`: its document dates and every
    zip entry's date set to that day."""
    when = day.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:\w+[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + when + rb"\g<2>", content
                )
            target.writestr(zipfile.ZipInfo(info.filename, day.timetuple()[:6]), content)
    return out.getvalue()


def _pairs_xlsx() -> bytes:
    people = [
        person("mentor", "Ann Mentor", email="ann@example.org"),
        person("mentee", "Bea Mentee", email="bea@example.org"),
    ]
    return pairs_workbook(match(people))


def test_the_review_workbook_carries_a_fixed_day_in_the_document_and_the_zip() -> None:
    data = _pairs_xlsx()
    assert data == _pairs_xlsx()
    book = load_workbook(io.BytesIO(data))
    assert book.properties.created == book.properties.modified == FIXED_DAY
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {ZIP_DATE}


def test_a_workbook_saved_on_another_day_pins_to_the_same_bytes() -> None:
    data = _pairs_xlsx()
    another_day = _as_if_saved_on(data, dt.datetime(2031, 7, 4, 12, 30, 5))
    assert another_day != data  # the stamps really differ before pinning
    assert pinned_xlsx(another_day, FIXED_DAY) == data
