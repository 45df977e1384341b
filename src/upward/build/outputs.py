"""Public outputs: the files a kit shares (site, forms, calendar), listed one by one, and its zip.

An output folder and its zip hold what was listed here and nothing else: never "whatever is in
the staging folder". So a file that holds personal data (pairs, a filled tracker, a report) can
reach a kit, its zip or its site only by being listed as public, which nothing does: such files
go to a folder the user names, through upward.build.private.

    public = PublicOutputs()
    public.add_site(work / "site", under=paths.KIT_SITE)   # every file MkDocs wrote, listed
    public.add(paths.KIT_SCHEDULE, ics)                     # one file, by its path in the kit
    with staged_folder(target, command="tailor") as staging:
        public.write(staging)                                 # exactly the listed files
        public.zip(staging / paths.kit_zip(slug), prefix=slug)
        public.seal(staging, also=(paths.kit_zip(slug),))     # and nothing else, or no swap
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from upward import paths
from upward.build.manifest import MANIFEST
from upward.model import Kit
from upward.plan.tailored import TailoredKit

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same kit gives the same zip bytes
ZIP_LEVEL = 3  # half the time of zlib's default 6 on a kit's 14 MB, for a zip some 7 % larger

FORM_FORMATS = paths.FORM_FORMATS


SHEET_FORMATS = ("csv", "xlsx")
"""Forms marked `spreadsheet: true` (the applications) also come as a template to collect
answers in a sheet, one column per field id: what `upward match` reads."""


def form_file_names(kit: Kit) -> list[str]:
    """The names `form_files` gives, in its order, known before any form is made."""
    names = []
    for form in kit.forms:
        suffixes = FORM_FORMATS + (SHEET_FORMATS if form.spreadsheet else ())
        names += [paths.form_file(form.id, suffix) for suffix in suffixes]
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
        files[paths.form_file(form.id, "pdf")] = form_pdf(document)
        files[paths.form_file(form.id, "docx")] = form_docx(document)
        if form.spreadsheet:
            fields = sheet_fields(document, frozenset(f.id for f in form.fields if f.prefill))
            files[paths.form_file(form.id, "csv")] = template_csv(fields)
            files[paths.form_file(form.id, "xlsx")] = template_xlsx(fields, document)
    return files


class NotPublic(ValueError):
    """A path that cannot be a public file of an output folder."""


class UnlistedOutput(RuntimeError):
    """A file that nobody listed as public turned up in an output folder before it was swapped
    into place: a bug, and perhaps personal data on its way into a kit, so the run stops and
    the folder is not written."""


@dataclass
class PublicOutputs:
    """Every public file of one output folder, by its path in the folder (with `/`): bytes made
    in memory, or a file a tool wrote in a work folder (the site, which MkDocs writes)."""

    _files: dict[str, bytes | Path] = field(default_factory=dict)

    def add(self, path: str, data: bytes) -> None:
        """List one file; a path listed before (a form's empty stand-in on the site) is replaced."""
        self._files[_checked(path)] = data

    def add_site(self, built: Path, *, under: str = "") -> None:
        """List every file MkDocs wrote into `built` (a work folder only it wrote into), as the
        site under `under` in the output folder ("" when the output folder is the site)."""
        prefix = f"{_checked(under)}/" if under else ""
        for file in sorted(p for p in built.rglob("*") if p.is_file() and not p.is_symlink()):
            self._files[prefix + file.relative_to(built).as_posix()] = file

    def names(self) -> list[str]:
        """The listed paths, in the order the zip holds them."""
        return sorted(self._files, key=PurePosixPath)

    def write(self, folder: Path) -> None:
        """Put exactly the listed files into `folder` (empty, a staging folder): bytes are
        written, files from a work folder moved (the same disk: a rename each)."""
        for name in self.names():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            source = self._files[name]
            if isinstance(source, Path):
                os.replace(source, target)
            else:
                target.write_bytes(source)

    def zip(self, zip_path: Path, *, prefix: str) -> int:
        """Zip the listed files, once written to `zip_path`'s folder, under `prefix/`, in a
        fixed order with fixed timestamps; the number of files zipped."""
        folder = zip_path.parent
        names = self.names()
        with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in names:
                info = zipfile.ZipInfo(f"{prefix}/{name}", ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, (folder / name).read_bytes(), compresslevel=ZIP_LEVEL)
        return len(names)

    def seal(self, folder: Path, *, also: tuple[str, ...] = ()) -> None:
        """Check that `folder` holds the listed files and `also` (the zip), and nothing else;
        UnlistedOutput if it holds anything more."""
        expected = {*self._files, *also}
        found = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}
        unlisted = sorted(found - expected)
        if unlisted:
            raise UnlistedOutput(
                f"{len(unlisted)} file(s) that are not public outputs were written into "
                f"{folder.name}: {', '.join(unlisted[:5])}"
            )


def _checked(path: str) -> str:
    """A plain relative path inside the output folder, never Upward's mark (upward.build.manifest:
    it belongs to the folder on this disk, not to the kit that is shared)."""
    parts = PurePosixPath(path).parts
    if (
        not parts
        or PurePosixPath(path).is_absolute()
        or "\\" in path
        or any(part in ("", ".", "..") for part in path.split("/"))
        or parts[-1] == MANIFEST
    ):
        raise NotPublic(f"'{path}' is not a file's path inside an output folder")
    return path
