"""Drive a command on a real pseudo-terminal, as a person would: wait for a prompt, type an
answer, read everything it printed. For interviews (`upward new`) and terminal manners."""

from __future__ import annotations

import fcntl
import os
import platform
import pty
import re
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

_READ_SYSCALL = {"x86_64": "0", "aarch64": "63"}
"""read()'s number in /proc/<pid>/syscall, by machine (elsewhere: send at once)."""


def _take_the_terminal() -> None:
    """In the child: a session of its own with the pseudo-terminal as its controlling terminal,
    so that Ctrl-C typed there reaches it as SIGINT, as in a shell."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class TerminalSession:
    def __init__(self, args: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "upward", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env={**os.environ, "COLUMNS": "200", **(env or {})},
            preexec_fn=_take_the_terminal,
        )
        os.close(slave)
        self.master = master
        self.output = ""
        self._seen = 0

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the other side closed: the command ended
            return False
        if not chunk:
            return False
        self.output += chunk.decode("utf-8", "replace")
        return True

    def expect(self, pattern: str, timeout: float = 60) -> str:
        """Wait until `pattern` appears after what was already matched; return the text since."""
        end = time.monotonic() + timeout
        open_ = True
        while True:
            found = re.search(pattern, self.output[self._seen :])
            if found:
                start, self._seen = self._seen, self._seen + found.end()
                return self.output[start : self._seen]
            if not open_ or time.monotonic() > end:
                raise AssertionError(f"never saw {pattern!r}; the screen:\n{self.output}")
            open_ = self._read(0.2)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8") + b"\r")

    def interrupt(self) -> None:
        """Ctrl-C, as the terminal sends it, once the command waits for the keyboard.

        A prompt is on the screen a moment before the command sits in read(): a Ctrl-C in that
        moment only sets CPython's flag, which nothing looks at until read() returns, so the
        command goes on waiting (a person presses Ctrl-C again; a test would hang). On a busy
        machine that moment lasts long enough to hit, so wait for the read, as a person does."""
        self._wait_until_reading()
        os.write(self.master, b"\x03")

    def _wait_until_reading(self, timeout: float = 30) -> None:
        read = _READ_SYSCALL.get(platform.machine())
        syscall = Path(f"/proc/{self.process.pid}/syscall")
        end = time.monotonic() + timeout
        while read is not None and time.monotonic() < end:
            try:
                number, first_argument = syscall.read_text().split()[:2]
            except (OSError, ValueError):  # no /proc, or the process is running right now
                number = first_argument = ""
            if number == read and int(first_argument, 16) == 0:  # read() on its stdin
                return
            self._read(0.01)

    def finish(self, timeout: float = 120) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end and self._read(0.2):
            if self.process.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                break
        code = self.process.wait(timeout=max(1.0, end - time.monotonic()))
        os.close(self.master)
        return code
