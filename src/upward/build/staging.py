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
            if pid is None or (_alive(pid) and pid != os.getpid()):
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
def staged_folder(target: Path, *, command: str) -> Iterator[Path]:
    """Yield an empty folder beside `target`; on success it is marked as `command`'s output
    (upward.build.manifest) and becomes `target`, replacing what was there.

    The caller must hold the claim on `target` (upward.build.guard): this only builds and swaps.
    """
    recover(target.parent)
    staging = Path(
        tempfile.mkdtemp(prefix=f"{_NEW}{os.getpid()}-{target.name}-", dir=target.parent)
    )
    try:
        yield staging
        write_manifest(staging, command)
        os.chmod(staging, 0o755)  # mkdtemp makes it private; the output is meant to be shared
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


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
