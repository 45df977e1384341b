"""A scratch copy of the project for tests that run the real `upward` command where a mistake
could destroy files: never in this checkout."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from upward.build.manifest import MANIFEST

from conftest import ROOT, profile_text, write

TEMPORARY = (".upward-tmp-", ".upward-old-", ".upward-lock-")


def make_scratch_project(folder: Path) -> Path:
    """A copy of what `upward` reads from a project: enough to build the site and a kit."""
    folder.mkdir(parents=True)
    for name in ("kit", "templates", "docs"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    hook = folder / "src" / "upward" / "build" / "mkdocs_hooks.py"  # mkdocs.yml names it by path
    hook.parent.mkdir(parents=True)
    shutil.copy2(ROOT / "src" / "upward" / "build" / "mkdocs_hooks.py", hook)
    write(folder / "profiles" / "acme.yaml", profile_text(organisation='"Acme Ltd"'))
    write(folder / "profiles" / "unrelated.txt", "kept beside the profile")
    write(folder / "org" / "profiles" / "acme.yaml", profile_text(organisation='"Org Ltd"'))
    write(folder / "notes" / "minutes.txt", "someone's notes")
    write(folder / "home" / "user" / "letter.txt", "a file in the home folder")
    (folder / "empty").mkdir()
    (folder / "kit-link").symlink_to("kit", target_is_directory=True)
    (folder / "loop").symlink_to("loop")  # a link that points at itself
    os.mkfifo(folder / "pipe")
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under `folder`: a file's SHA-256, a link's target, 'folder' or 'special'."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            entries[name] = f"link to {os.readlink(path)}"
        elif path.is_dir():
            entries[name] = "folder"
        elif not path.is_file():  # a named pipe: reading it would wait for a writer for ever
            entries[name] = "special"
        else:
            entries[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def upward(*args: str | Path, cwd: Path, home: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if home:
        env["HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "upward", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".upward-*") if p.name.startswith(TEMPORARY))


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def files_in(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST
    )
