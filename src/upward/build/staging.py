"""Build into a temporary folder beside the target, then move it into place.

A run that fails or is interrupted leaves nothing behind; a run that is killed leaves a
temporary folder that the next run removes (and, if it was killed mid-swap, the previous output
is put back). Whether the target may be replaced at all is the guard's business (upward.build.guard).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from upward.build.manifest import write_manifest

_NEW = ".upward-tmp-"
_OLD = ".upward-old-"
_IN_USE: set[Path] = set()  # this process's staging and work folders: never tidied away


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner(name: str, prefix: str) -> int | None:
    digits = name.removeprefix(prefix).split("-", 1)[0]
    return int(digits) if digits.isdigit() else None


def recover(parent: Path) -> None:
    """Tidy up after runs that were killed: drop half-built folders, restore swapped-out ones."""
    if not parent.is_dir():
        return
    for entry in parent.iterdir():
        for prefix in (_NEW, _OLD):
            if not entry.name.startswith(prefix):
                continue
            pid = _owner(entry.name, prefix)
            if pid is None or (_alive(pid) and pid != os.getpid()) or entry in _IN_USE:
                continue
            target = parent / entry.name.removeprefix(prefix).split("-", 1)[-1]
            if prefix == _OLD and not target.exists():
                entry.rename(target)  # killed between the two renames: put the old one back
            else:
                shutil.rmtree(entry, ignore_errors=True)


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl-C came while the finished output was being swapped in: it is in place, complete."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder


@contextlib.contextmanager
def staged_folder(target: Path, *, command: str, private: bool = False) -> Iterator[Path]:
    """Yield an empty folder beside `target`; on success it is marked as `command`'s output
    (upward.build.manifest) and becomes `target`, replacing what was there.

    The caller must hold the claim on `target` (upward.build.guard): this only builds and swaps.
    """
    with _beside(target) as staging:
        yield staging
        write_manifest(staging, command, private=private)
        if not private:  # mkdtemp makes it readable by its owner only; a kit is meant to be shared
            os.chmod(staging, 0o755)
        _swap_in(staging, target)


@contextlib.contextmanager
def work_folder(target: Path) -> Iterator[Path]:
    """An empty folder beside `target` for a tool that writes files of its own (MkDocs writes
    the site there), from which the output's public files are then taken one by one
    (upward.build.outputs); removed afterwards, whatever happens."""
    with _beside(target) as work:
        try:
            yield work
        finally:
            shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def _beside(target: Path) -> Iterator[Path]:
    """A new folder beside `target`, named for this process (so that a later run can tell a
    killed run's leftovers: upward.build.staging.recover), removed if the block fails."""
    recover(target.parent)
    folder = Path(tempfile.mkdtemp(prefix=f"{_NEW}{os.getpid()}-{target.name}-", dir=target.parent))
    _IN_USE.add(folder)
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        _IN_USE.discard(folder)


def _swap_in(staging: Path, target: Path) -> None:
    """Move the new folder in, with Ctrl-C and SIGTERM held back until the old one is gone: a
    run stopped between the two renames would leave no folder under the target's name."""
    with _signals_held() as caught:
        if target.exists():
            old = target.parent / f"{_OLD}{os.getpid()}-{target.name}"
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(target)
    if signal.SIGTERM in caught:
        signal.raise_signal(signal.SIGTERM)  # its own handler again: usually the end of us
    if signal.SIGINT in caught:
        raise InterruptedAfterWriting(target)


@contextlib.contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Note Ctrl-C and SIGTERM instead of acting on them, for the `with` block's duration."""
    caught: list[int] = []
    previous = {}
    if threading.current_thread() is threading.main_thread():  # only there can Python set them
        for number in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(number) is not None:  # None: set outside Python, leave it be
                previous[number] = signal.signal(number, lambda n, _frame: caught.append(n))
    try:
        yield caught
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
