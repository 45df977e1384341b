"""A progress bar that appears only when it helps: on a terminal, once work has taken a second."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import click

AFTER_S = 1.0


class LazyProgress:
    """A `Progress` callback (done, total) that shows click's bar on `stream` once `after`
    seconds have passed with work still to do, and only when `stream` is a terminal: a short
    run, a pipe or a log file sees nothing."""

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        after: float = AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.after = after
        self.clock = clock
        self.started = clock()
        self.bar: Any = None
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if done >= total or self.clock() - self.started < self.after:
                return
            if not self.stream.isatty():
                return
            self.bar = click.progressbar(length=total, label=self.label, file=self.stream)
            self.bar.__enter__()
            self.shown = True
        self.bar.update(done - self.bar.pos)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
