"""Private outputs (nudge drafts, the sponsor report): written whole into a folder the user
names, readable by its owner only, never inside a kit, a site or a folder of forms.

A stand-in with the signature of the build stage's `write_private_outputs` (upward.build.private,
which the house developer is finishing): when that lands, `upward status` and `upward report`
import it instead and this module goes. Like every output, the folder is cleared by the guard,
built beside its place and swapped in whole, and marked as the command's own, so a later run of
the same command replaces it only while nothing in it has changed; it carries a notice
(PERSONAL-DATA.txt) saying what it holds and how to keep it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath

from upward.build.guard import claimed
from upward.build.manifest import MANIFEST, DamagedMark, read_manifest
from upward.build.project import Project
from upward.build.staging import staged_folder
from upward.problems import Problem, ProblemsFound, display_path
from upward.words import Words, english

NOTICE = "PERSONAL-DATA.txt"
SHARED = frozenset({"build", "forms", "tailor"})
"""Commands whose folders are shared (a site, forms, a kit and its zip): no private folder inside."""


def write_private_outputs(
    project: Project,
    folder: Path,
    files: Mapping[str, bytes],
    *,
    command: str,
    words: Words | None = None,
) -> Path:
    """Write `files` (path inside the folder, with `/` -> bytes) into `folder` for `command`,
    replacing a folder that `command` wrote before; the folder, or ProblemsFound naming why it
    may not be written (touching nothing)."""
    words = words or english()
    for name in files:
        _check_name(name)
    output = project.output(folder, command, replace=True)
    not_in_a_shared_folder(output.folder, output.shown)
    with claimed(output):
        try:
            with staged_folder(output.folder, command=command) as staging:
                for name, data in sorted(files.items()):
                    (staging / name).parent.mkdir(parents=True, exist_ok=True)
                    (staging / name).write_bytes(data)
                notice = _notice(words, command, sorted(files))
                (staging / NOTICE).write_text(notice, encoding="utf-8")
        finally:  # also after Ctrl-C during the swap: the folder in place is its owner's only
            with contextlib.suppress(OSError):
                os.chmod(output.folder, 0o700)
    return output.folder


@contextlib.contextmanager
def without_default_hint() -> Iterator[None]:
    """The guard's messages offer the command's default folder; a private output named with
    -o has none to offer (the report), or its default is what was refused (status)."""
    try:
        yield
    except ProblemsFound as found:
        raise ProblemsFound(
            [replace(p, message=p.message.replace(_DEFAULT_HINT, "")) for p in found.problems]
        ) from None


_DEFAULT_HINT = ", or leave -o out to use the default"


def not_in_a_shared_folder(folder: Path, shown: str) -> None:
    """ProblemsFound if `folder` lies inside a folder Upward wrote to be shared: whatever is in
    there may be zipped, served or copied with it."""
    for parent in folder.parents:
        if not (parent / MANIFEST).is_file():
            continue
        try:
            manifest = read_manifest(parent)
        except DamagedMark:
            manifest = None
        if manifest is None or manifest.command in SHARED:
            written = f"`upward {manifest.command}`" if manifest else "Upward"
            raise ProblemsFound(
                [
                    Problem(
                        shown,
                        message=f"this folder is inside {display_path(parent)}, which {written} "
                        "wrote to be shared; personal data must stay out of it: choose a folder "
                        "of its own, outside every kit and site",
                    )
                ]
            )


def _notice(words: Words, command: str, names: list[str]) -> str:
    """The notice's paragraphs, a blank line apart, then the files, one a line."""
    paragraphs = "\n\n".join(words.list(f"private_notice.{command}"))
    return paragraphs + "\n" + "".join(f"- {name}\n" for name in names)


def _check_name(name: str) -> None:
    """Refuse a name that would leave the folder, or take the place of its notice or its mark
    (a mistake in the calling code, not in anyone's input)."""
    path = PurePosixPath(name)
    if (
        not name
        or path.is_absolute()
        or "\\" in name
        or any(part in ("", ".", "..") for part in name.split("/"))
        or name in (NOTICE, MANIFEST)
    ):
        raise ValueError(f"'{name}' is not the name of a file inside the private folder")
