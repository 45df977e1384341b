"""Manners at the terminal: text that cannot steer it, output that outlives its reader.

Messages quote what users typed and what profiles hold: a file name, an unknown key, an
organisation's name. Any of these may carry an escape sequence (which can retitle the window,
hide or overwrite text, or reach the clipboard in some terminals) or a bidi control (which makes
a line read differently from what it holds). Every such character is shown escaped (`\\x1b`,
`\\u202e`), whatever route the text took to the screen: so the escaping sits on the streams
themselves, not in each message.

A reader that stops early (`upward tailor p.yaml | head -1`) closes the pipe. The rest of the
output is then dropped quietly and the command keeps the exit status of its work: a complete
kit is not reported as a failure because nobody read the summary.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, TextIO

_STEERING = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and newline), DEL, C1: escape sequences
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi controls
    "\u2028\u2029"  # line and paragraph separators: a line break that does not look like one
    "\ud800-\udfff]"  # lone surrogates (an undecodable file name): no terminal can show them
)


def printable(text: str) -> str:
    """`text` with every character that could steer a terminal shown as its escape."""
    return _STEERING.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class _TerminalStream:
    """A text stream that escapes what could steer the terminal and drops output quietly once
    its reader has gone; it offers no binary buffer, so nothing goes round it."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner
        self.reader_gone = False

    @property
    def encoding(self) -> str:
        return self._inner.encoding

    @property
    def errors(self) -> str | None:
        return self._inner.errors

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click asks, by writing b"", whether a stream is binary
            raise TypeError(f"write() needs str, not {type(text).__name__}")
        if not self.reader_gone:
            try:
                self._inner.write(printable(text))
            except BrokenPipeError:
                self._drop_the_rest()
        return len(text)

    def flush(self) -> None:
        if not self.reader_gone:
            try:
                self._inner.flush()
            except BrokenPipeError:
                self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        """Point the file at /dev/null: the inner stream still holds what it could not write,
        and Python flushes it on the way out, which would fail again, loudly."""
        self.reader_gone = True
        with contextlib.suppress(OSError, ValueError):  # no file behind it (pytest's capture)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._inner.fileno())
            os.close(null)

    def isatty(self) -> bool:
        return self._inner.isatty()

    def fileno(self) -> int:
        return self._inner.fileno()

    def writable(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:  # anything else a caller might ask of a stream
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._inner, name)


@contextlib.contextmanager
def well_mannered_output() -> Iterator[None]:
    """Route stdout and stderr through `_TerminalStream` while the command runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _TerminalStream(sys.stdout), _TerminalStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        sys.stdout, sys.stderr = saved
