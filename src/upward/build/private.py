"""Private outputs: files that hold personal data (pairs made from applications, nudge drafts,
the sponsor report), written to a folder the user names, and nowhere else. Every command that
writes personal data (`match`, `status`, `report`) writes it through here, and only here.

Never into a kit, its zip or its site: the guard refuses a folder inside any folder Upward wrote
to be shared, and a public output never replaces (or zips, or serves) a private one. Like every
output, the folder is cleared by the guard, built beside its place and swapped in whole, and
marked (its mark says `private`), so a later run replaces it only while it holds exactly what
Upward wrote. It is readable by its owner only, and it carries one notice (PERSONAL-DATA.txt,
words in en.yaml `private_folder`) that says what it holds, file by file, and how to keep it.

    output = private_output(project, folder, command="status")  # refused before reading
    ...
    write_private_outputs(project, folder, files, command="status")
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import replace as replaced
from pathlib import Path, PurePosixPath

from upward.build.guard import Output, claimed
from upward.build.manifest import MANIFEST
from upward.build.project import Project
from upward.build.staging import staged_folder
from upward.problems import ProblemsFound
from upward.words import Words, english

COMMANDS = ("match", "status", "report")
"""The commands that write personal data; each has its own words in the notice."""


def private_output(
    project: Project,
    folder: Path,
    *,
    command: str,
    replace: bool = True,
    inputs: Mapping[str, Path] | None = None,
    profile: Path | None = None,
    offer_default: bool = False,
) -> Output:
    """`folder` cleared as `command`'s private output (touching nothing), or ProblemsFound: call
    it before reading anything, so a forbidden folder costs no time. `replace`: may replace
    what `command` wrote there before (`match` only with --force); `inputs`: files the command
    reads, which the folder may not be, hold or lie in; `offer_default`: the command has a
    default folder the user could fall back on (the guard's messages then say so)."""
    if command not in COMMANDS:
        raise ValueError(f"`upward {command}` writes no personal data")
    with contextlib.nullcontext() if offer_default else _without_default_hint():
        return project.output(
            folder, command, replace=replace, profile=profile, private=True, inputs=inputs
        )


def write_private_outputs(
    project: Project,
    folder: Path,
    files: Mapping[str, bytes],
    *,
    command: str,
    replace: bool = True,
    inputs: Mapping[str, Path] | None = None,
    profile: Path | None = None,
    offer_default: bool = False,
    words: Words | None = None,
) -> Path:
    """Write `files` (path inside the folder, with `/` -> bytes) and the notice into `folder`
    for `command` (the options as for `private_output`, checked again now); the folder, or
    ProblemsFound naming why it may not be written (touching nothing)."""
    words = words or english()
    notice = words("private_folder.notice_file")
    for name in files:
        _check_name(name, notice)
    output = private_output(
        project,
        folder,
        command=command,
        replace=replace,
        inputs=inputs,
        profile=profile,
        offer_default=offer_default,
    )
    hint = contextlib.nullcontext() if offer_default else _without_default_hint()
    staged = staged_folder(output.folder, command=command, private=True)
    with hint, claimed(output), staged as staging:
        made: set[Path] = set()
        for name, data in sorted(files.items()):
            path = staging / name
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(data)
        text = private_notice(words, command, sorted(files))
        (staging / notice).write_text(text, encoding="utf-8")
    return output.folder


def private_notice(words: Words, command: str, names: list[str]) -> str:
    """PERSONAL-DATA.txt: who wrote the folder and what it holds, how to keep it, its files."""
    text = words(
        "private_folder.notice", command=command, holds=words(f"private_folder.holds.{command}")
    )
    items = [words("private_folder.notice_item", file=name) for name in names]
    return "\n".join([text, *items]) + "\n"


@contextlib.contextmanager
def _without_default_hint() -> Iterator[None]:
    """The guard's messages offer the command's default folder; a private output named with
    -o has none to offer (match, report), or its default is what was refused (status)."""
    try:
        yield
    except ProblemsFound as found:
        words = english()
        offered = words("folders.advice.elsewhere")
        advice = words("folders.advice.elsewhere_no_default")
        raise ProblemsFound(
            [replaced(p, message=p.message.replace(offered, advice)) for p in found.problems]
        ) from None


def _check_name(name: str, notice: str) -> None:
    """Refuse a name that would leave the folder, or take the place of its notice or its mark
    (a mistake in the calling code, not in anyone's input)."""
    path = PurePosixPath(name)
    if (
        not name
        or path.is_absolute()
        or "\\" in name
        or any(part in ("", ".", "..") for part in name.split("/"))
        or name in (notice, MANIFEST)
    ):
        raise ValueError(f"'{name}' is not the name of a file inside the private folder")
