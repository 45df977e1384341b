"""Private outputs: files that hold personal data (applications read, pairs, filled trackers,
reports), written to a folder the user names and nowhere else.

Never into a kit, its zip or its site: the guard refuses a folder inside any folder Upward wrote
to be shared, and a public output never replaces (or zips, or serves) a private one. Like every
output, the folder is cleared by the guard, built beside its place and swapped in whole, and
marked (its mark says `private`); it is readable by its owner only, and it carries a notice
(PERSONAL-DATA.txt) that says what it holds and how to keep it.

    write_private_outputs(project, Path("private/cohort-2027"), files, command="match")
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from upward.build.guard import claimed
from upward.build.manifest import MANIFEST
from upward.build.project import Project
from upward.build.staging import staged_folder
from upward.words import Words, english


def write_private_outputs(
    project: Project,
    folder: Path,
    files: Mapping[str, bytes],
    *,
    command: str,
    words: Words | None = None,
) -> Path:
    """Write `files` (path inside the folder, with `/` -> bytes) into `folder` for `command`,
    replacing a folder of personal data that `command` wrote before; the folder, or
    ProblemsFound naming why it may not be written (touching nothing)."""
    words = words or english()
    notice = words("private_folder.notice_file")
    for name in files:
        _check_name(name, notice)
    output = project.output(folder, command, replace=True, private=True)
    with claimed(output), staged_folder(output.folder, command=command, private=True) as staging:
        for name, data in sorted(files.items()):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        (staging / notice).write_text(_notice(words, command, sorted(files)), encoding="utf-8")
    return output.folder


def _notice(words: Words, command: str, names: list[str]) -> str:
    lines = [words("private_folder.notice", command=command), ""]
    lines += [words("private_folder.notice_item", file=name) for name in names]
    return "\n".join(lines) + "\n"


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
