"""The mark Upward leaves in every folder it writes, so that it replaces only what it made.

`.upward-manifest.json` names the command, the Upward version and every file written, with its
SHA-256. It holds no date and no path outside the folder, so the same inputs still give the same
bytes. A folder stays Upward's to replace only while every file in it is one the mark lists,
unchanged: a note dropped in by hand, or a form filled in and saved in place, makes the folder
the user's again, and Upward leaves it alone.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from upward.words import english

MANIFEST = ".upward-manifest.json"
_FORMAT = 1
_MAX_BYTES = 16 * 2**20  # a kit ten times today's size lists some 6,000 files in about 1 MB
PRIVATE_BEFORE_MARKED = frozenset({"match", "status", "report"})
"""Commands whose folders held personal data before their marks said `private`: such a folder
is private all the same (so the next run replaces it, and no public output ever does)."""
LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
"""What file browsers leave in a folder they show: never a user's work, so it does not count."""


class DamagedMark(ValueError):
    """The folder has a manifest, but not one that Upward wrote."""


@dataclass(frozen=True)
class Manifest:
    command: str
    version: str
    files: dict[str, str]  # path inside the folder (with /) -> SHA-256, hex
    private: bool = False  # the folder holds personal data (upward.build.private)


def upward_version() -> str:
    try:
        return metadata.version("upward")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def write_manifest(folder: Path, command: str, *, private: bool = False) -> None:
    """Mark `folder` as written by `command`, listing every file in it (the last file written);
    a folder of personal data is marked `private`, so no public output ever replaces it or
    lies in it, and none of its files is ever shared."""
    files = {path: _sha256(folder / path) for path, regular in sorted(_files(folder)) if regular}
    mark: dict[str, object] = {
        "written_by": "upward",
        "format": _FORMAT,
        "command": command,
        "version": upward_version(),
        "note": english()("folders.mark.note"),  # the mark is Upward's: English in every kit
    }
    if private:  # only then: a public folder's mark stays the same bytes
        mark["private"] = True
    text = json.dumps({**mark, "files": files}, indent=1)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's mark; None if it has none; DamagedMark if it is not one Upward wrote."""
    path = folder / MANIFEST
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if not path.is_file() or path.is_symlink() or info.st_size > _MAX_BYTES:
        raise DamagedMark(english()("folders.mark.not_a_file", mark=MANIFEST))
    try:
        data = json.loads(path.read_bytes())
        files = data["files"]
        if data["written_by"] != "upward" or not isinstance(files, dict):
            raise TypeError
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            raise TypeError
        private = data.get("private", str(data["command"]) in PRIVATE_BEFORE_MARKED)
        if not isinstance(private, bool):
            raise TypeError
        return Manifest(str(data["command"]), str(data["version"]), files, private)
    except (ValueError, TypeError, KeyError, RecursionError):  # RecursionError: [[[[...]]]]
        raise DamagedMark(english()("folders.mark.not_ours", mark=MANIFEST)) from None


def foreign_files(folder: Path, manifest: Manifest) -> list[str]:
    """Files in `folder` that Upward did not write, or that changed since, each with the reason.

    Only regular files can be Upward's: a link, a pipe or a device in the folder is someone
    else's. Listed files that are missing are fine: nothing of the user's is lost with them.
    """
    words = english()
    found = []
    for path, regular in _files(folder):
        expected = manifest.files.get(path)
        if not regular or expected is None:
            found.append(words("folders.mark.file_not_ours", file=path))
        elif _sha256(folder / path) != expected:
            found.append(words("folders.mark.file_changed", file=path))
    return found


def is_empty(folder: Path) -> bool:
    return next(_files(folder), None) is None


def _files(folder: Path, prefix: str = "") -> Iterator[tuple[str, bool]]:
    """(path inside `folder`, is a regular file) for everything but folders, the mark and
    litter, in sorted order; links are listed, never followed."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        path = prefix + entry.name
        if entry.name in LITTER or path == MANIFEST:
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _files(Path(entry.path), path + "/")
        else:
            yield path, entry.is_file(follow_symlinks=False)


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
