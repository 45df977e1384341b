"""May Upward write this output folder? The guard that keeps `-o` from costing anyone a file.

An output folder is refused, before anything is touched, when it is, holds or lies inside an
input (the kit, the templates, the docs), or when it is or holds a place nobody means to
replace (the project, the profile's own folder, the current folder, the home folder, `/`).
Paths are compared with links and `..` resolved, so no spelling gets round this.

What is already there is checked while holding a lock beside the folder, so that two runs into
one folder cannot both pass the check and both report success while one result silently
replaces the other. A folder may be written when it is new, empty, or one Upward made (its
manifest lists every file in it, unchanged); `build` and `forms` replace their own output as
a matter of course, `tailor` only with `--force`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from upward.build.manifest import MANIFEST, DamagedMark, foreign_files, is_empty, read_manifest
from upward.build.workspace import OVERRIDES, PAGES, is_workspace
from upward.problems import Problem, ProblemsFound, display_path
from upward.words import english

_LOCK = ".upward-lock-"
_SHOWN_FILES = 5


@dataclass(frozen=True)
class Output:
    """A folder a command is about to write."""

    folder: Path  # links and `..` resolved: the folder that will really be replaced
    shown: str  # as the user gave it, for messages
    command: str  # build, forms or tailor
    replace: bool  # may replace a folder Upward made (build, forms: always; tailor: --force)
    private: bool = False  # holds personal data (upward.build.private)


def planned_output(
    folder: Path,
    *,
    command: str,
    replace: bool,
    inputs: Mapping[str, Path],
    places: Mapping[str, Path],
    private: bool = False,
) -> Output:
    """The output, or ProblemsFound if it is a place Upward must never write (touches nothing).

    `inputs` (named, e.g. "the kit folder") may not be the output, be in it or hold it;
    `places` (the project, the profile's folder) may not be the output or be in it. The current
    folder, the home folder and `/` are added here: no command means any of them.
    """
    shown = display_path(folder)
    try:
        resolved = folder.expanduser().resolve()
    except (OSError, RuntimeError) as error:  # a link that points at itself, a name too long
        message = english()("folders.unusable", error=error)
        raise ProblemsFound([Problem(shown, message=message)]) from None
    reason = _forbidden(resolved, inputs, {**places, **_places_nobody_means()})
    if reason is None:
        reason = _unmakeable(resolved) or _inside_a_workspace_input(resolved)
    if reason is None and private:
        reason = _inside_a_shared_output(resolved)
    if reason:
        raise ProblemsFound([Problem(shown, message=reason)])
    return Output(resolved, shown, command, replace, private)


@contextlib.contextmanager
def claimed(output: Output) -> Iterator[None]:
    """Hold the lock beside the output folder and check what is there while holding it.

    Missing parent folders are made for the lock, and removed again if the run fails.
    """
    folder = output.folder
    made = [p for p in (folder.parent, *folder.parent.parents) if not p.exists()]
    try:
        with _locked(output):
            reason = _why_not_replace(output)
            if reason:
                raise ProblemsFound([Problem(output.shown, message=reason)])
            yield
    except BaseException:
        for parent in made:  # deepest first: leave no empty folder behind
            with contextlib.suppress(OSError):
                parent.rmdir()
        raise


def _places_nobody_means() -> dict[str, Path]:
    words = english()
    places = {words("folders.places.root"): Path("/")}
    with contextlib.suppress(OSError):  # the current folder was removed under us
        places[words("folders.places.current")] = Path.cwd()
    with contextlib.suppress(RuntimeError, KeyError):  # no home folder known
        places[words("folders.places.home")] = Path.home()
    return places


def _forbidden(folder: Path, inputs: Mapping[str, Path], places: Mapping[str, Path]) -> str | None:
    """Why the folder is a place Upward must not write, or None. The closest relation wins, and
    the widest place among those the folder holds (`-o ..` "holds the project folder", which
    says more than that it holds the kit)."""
    words = english()
    advice = words("folders.advice.elsewhere")
    named = [(name, place.resolve()) for name, place in {**places, **inputs}.items()]
    for name, place in named:
        if folder == place:
            key = "folders.is_input" if name in inputs else "folders.is_place"
            return words(key, name=name, advice=advice)
    for name, place in named:
        if folder in place.parents:
            return words("folders.holds", name=name, where=display_path(place), advice=advice)
    for name, place in named:
        if name in inputs and place in folder.parents:
            where = display_path(place)
            return words("folders.inside_input", name=name, where=where, advice=advice)
    return None


def _inside_a_shared_output(folder: Path) -> str | None:
    """Why personal data may not go into `folder` because it lies inside a folder Upward wrote
    to be shared (a kit, a site, forms), or None: whatever is in there may be zipped, served or
    copied with it."""
    for ancestor in folder.parents:
        if not (ancestor / MANIFEST).is_file():
            continue
        try:
            manifest = read_manifest(ancestor)
        except DamagedMark:
            manifest = None
        if manifest is None or not manifest.private:
            words = english()
            writer = (
                words("folders.writer_command", command=manifest.command)
                if manifest
                else words("folders.writer_unknown")
            )
            return words(
                "folders.inside_shared",
                folder=display_path(ancestor),
                writer=writer,
                advice=words("folders.advice.private"),
            )
    return None


def refused_file(path: Path, inputs: Mapping[str, Path]) -> str | None:
    """Why a single file a command writes (`upward new`'s profile) may not go at `path`, or
    None. Like a folder, it may not be or lie in an input (`inputs`: the kit, the templates,
    the installed package, each by name), where --force would replace a kit file, nor in a
    workspace's pages/ or overrides/, which `tailor` reads into the shared kit. Links and
    `..` are resolved first, so no spelling gets round this."""
    words = english()
    try:
        resolved = path.expanduser().resolve()
    except (OSError, RuntimeError) as error:  # a link that points at itself, a name too long
        return words("private_places.unusable", error=error)
    for name, place in inputs.items():
        place = place.resolve()
        if resolved == place or place in resolved.parents:
            return words("private_places.file_in_input", name=name, where=display_path(place))
    return _inside_a_workspace_input(resolved.parent)


def _inside_a_workspace_input(folder: Path) -> str | None:
    """Why the folder lies in (or is) a workspace's pages/ or overrides/, or None. `tailor`
    reads those into the shared kit, so whatever is written there may be published: refused
    for every command, from whichever folder it runs (the workspace a command runs in is
    only one of the workspaces on a machine)."""
    for place in (folder, *folder.parents):
        if place.name in (PAGES, OVERRIDES) and is_workspace(place.parent):
            return english()(
                "private_places.output_in_workspace",
                folder=display_path(place),
                part=place.name,
                workspace=display_path(place.parent),
            )
    return None


def _unmakeable(folder: Path) -> str | None:
    """Why the folder cannot be made where it is named (a file stands on its path), or None."""
    for ancestor in folder.parents:
        if ancestor.exists():
            if ancestor.is_dir():
                return None
            return english()("folders.file_in_the_way", file=display_path(ancestor))
    return None


def _why_not_replace(output: Output) -> str | None:
    """Why the folder, as it is now, may not be written; None when it may."""
    folder = output.folder
    if not folder.exists():
        return None
    words = english()
    new = words("folders.advice.new")
    if not folder.is_dir():  # a file, a pipe, a device
        return words("folders.not_a_folder", advice=words("folders.advice.elsewhere"))
    if is_empty(folder):
        return None
    try:
        manifest = read_manifest(folder)
    except DamagedMark as damaged:
        return words("folders.damaged", reason=damaged, advice=new)
    if manifest is None:
        # A folder written by Upward before it marked its folders looks like any other folder;
        # guessing from its layout could cost someone a file, so the user decides.
        return words("folders.unmarked", mark=MANIFEST, advice=new)
    written_by, command = manifest.command, output.command
    if manifest.private != output.private:
        if manifest.private:
            return words(
                "folders.private_there", written_by=written_by, command=command, advice=new
            )
        advice = words("folders.advice.private")
        return words("folders.shared_there", written_by=written_by, advice=advice)
    foreign = foreign_files(folder, manifest)
    if foreign:
        listed = "; ".join(foreign[:_SHOWN_FILES])
        if len(foreign) > _SHOWN_FILES:
            listed = words("folders.changed_more", files=listed, count=len(foreign) - _SHOWN_FILES)
        return words("folders.changed", count=len(foreign), files=listed, advice=new)
    if manifest.command != output.command and not (output.command == "tailor" and output.replace):
        return words("folders.other_command", written_by=written_by, command=command, advice=new)
    if not output.replace:
        return words("folders.exists", written_by=written_by)
    return None


@contextlib.contextmanager
def _locked(output: Output) -> Iterator[None]:
    """An exclusive flock on `.upward-lock-<name>` beside the folder, for this run only.

    A second run fails at once rather than wait: it would only replace the first run's output
    (or, for `tailor` without --force, be refused after waiting), and a command that hangs
    without a word looks broken. The kernel drops the lock when its process dies, so a killed
    run never blocks the next one. The file is removed while still locked, and a run that
    locks a file after it was removed sees that and locks the new one instead: so two runs can
    never each hold "the" lock.
    """
    path = output.folder.parent / f"{_LOCK}{output.folder.name}"
    while True:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as error:  # read-only, not ours, a name too long, a link in the way
            why = error.strerror or str(error)
            message = english()("folders.cannot_write", reason=why, lock=display_path(path))
            raise ProblemsFound([Problem(output.shown, message=message)]) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(handle, 20).decode("ascii", "replace").strip()
            os.close(handle)
            words = english()
            message = (
                words("folders.busy_process", process=holder)
                if holder.isdigit()
                else words("folders.busy")
            )
            raise ProblemsFound([Problem(output.shown, message=message)]) from None
        if _is_current(handle, path):
            break
        os.close(handle)
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(handle)


def _is_current(handle: int, path: Path) -> bool:
    """Is the locked file still the one under `path` (its last holder did not just remove it)?"""
    try:
        return os.stat(path, follow_symlinks=False).st_ino == os.fstat(handle).st_ino
    except FileNotFoundError:
        return False
