"""Make the forms on a second core while this one builds the site.

The PDF and DOCX writers are pure Python and cost about half as much as MkDocs itself, so run
one after the other they made a site build some 40 % slower than MkDocs alone. With more than
one core, a forked child makes the forms from the kit already in memory (nothing is pickled on
the way in) and sends back only their bytes. MkDocs needs no more than the forms' names, to
check the links to them, so the site is built with empty stand-ins and the real files are
written over them inside the staging folder, before it is swapped into place.

With one core, where `fork` does not exist, or with UPWARD_JOBS=1 in the environment (for a
shared machine, or to measure the difference), the forms are made in this process when they
are asked for: same bytes, same files, only slower.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from types import TracebackType
from typing import Any

from upward.build.outputs import form_file_names, form_files
from upward.model import Kit
from upward.plan.tailored import TailoredKit


def usable_cores() -> int:
    """Cores this process may use; UPWARD_JOBS=1 asks for one."""
    if os.environ.get("UPWARD_JOBS", "").strip() == "1":
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _die_with_parent(parent: int) -> None:
    """If the parent is killed (SIGKILL), end this child too rather than finish for nobody."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _make_forms(send: Any, kit: Kit, tailored: TailoredKit | None, parent: int) -> None:
    """In the child: make every form and send `(True, files)` or `(False, error)` back."""
    _die_with_parent(parent)
    try:
        result: tuple[bool, Any] = (True, form_files(kit, tailored))
    except BaseException as error:  # reported to the parent, which raises it there
        result = (False, error)
    try:
        send.send(result)
    except Exception:  # the error itself would not pickle, or the parent is gone
        with contextlib.suppress(Exception):
            send.send((False, RuntimeError(f"making the forms failed: {result[1]!r}")))
    finally:
        send.close()


class FormsJob:
    """Every form of a kit in every format, made in the background when a core is free.

    Use as a context manager: leaving it (also through an error) stops a child still running.
    """

    def __init__(self, kit: Kit, tailored: TailoredKit | None, *, background: bool | None = None):
        self.kit, self.tailored = kit, tailored
        self.names = form_file_names(kit)
        self._files: dict[str, bytes] | None = None
        self._process: Any = None
        if background is None:
            background = usable_cores() > 1 and "fork" in multiprocessing.get_all_start_methods()
        if background:
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_make_forms,
                args=(send, kit, tailored, os.getpid()),
                name="upward-forms",
                daemon=True,
            )
            self._process.start()
            send.close()  # the child holds the only writing end: EOF if it dies

    def stand_ins(self) -> dict[str, bytes]:
        """Empty files under the forms' names: enough for MkDocs to check links to them."""
        return dict.fromkeys(self.names, b"")

    def result(self) -> dict[str, bytes]:
        """The forms' bytes, by file name (waits for the child, if there is one)."""
        if self._files is not None:
            return self._files
        if self._process is None:
            self._files = form_files(self.kit, self.tailored)
            return self._files
        try:
            ok, payload = self._receive.recv()
        except EOFError:  # the child died without a word (e.g. out of memory): do it here
            ok, payload = True, form_files(self.kit, self.tailored)
        finally:
            self._receive.close()
            self._process.join()
            self._process = None
        if not ok:
            raise payload
        self._files = payload
        return payload

    def close(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._receive.close()
            self._process = None

    def __enter__(self) -> FormsJob:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
