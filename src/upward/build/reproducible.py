"""Remove what MkDocs stamps on a build, so the same inputs give the same bytes on any day.

MkDocs writes the day of the build into `sitemap.xml` (a `<lastmod>` on every page, once
`site_url` is set) and into the gzip header of `sitemap.xml.gz`. Every page gets the same date,
the day of the build, which says nothing about when its content changed, so we drop it
(`lastmod` is optional in the sitemap protocol) and write the gzip with a zero timestamp.
This is done after the build rather than with SOURCE_DATE_EPOCH (which MkDocs honours), so a
plain `upward build` is reproducible without anyone setting a variable. The other outputs pin
their own stamps: PDFs (reportlab's invariant mode), DOCX and zip (fixed dates), ICS (stamps
from the profile).
"""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

_LASTMOD = re.compile(r"[ \t]*<lastmod>[^<]*</lastmod>[ \t]*\r?\n?")


def deterministic_gzip(data: bytes, name: str) -> bytes:
    """`data` gzipped with no timestamp: the same bytes give the same file on any day."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buffer, mtime=0) as archive:
        archive.write(data)
    return buffer.getvalue()


def pin_build_stamps(site_dir: Path) -> None:
    """Strip build dates from the sitemap and re-write its gzip copy without a timestamp."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    data = _LASTMOD.sub("", sitemap.read_text(encoding="utf-8")).encode("utf-8")
    sitemap.write_bytes(data)
    compressed = site_dir / "sitemap.xml.gz"
    if compressed.is_file():
        compressed.write_bytes(deterministic_gzip(data, sitemap.name))
