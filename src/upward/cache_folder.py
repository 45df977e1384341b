"""The one folder where Upward keeps what it can always work out again, to skip that work.

Compiled templates (upward.render.jinja_cache) and checked kits (upward.load.kit_cache) go into
Jinja's per-user folder in the system's temporary folder: Jinja makes it readable and writable
by its owner only and refuses to use it otherwise, so nothing another user wrote there is ever
read. With UPWARD_CACHE=memory in the environment, or no safe folder, nothing is kept on disk
(every run then does all the work, with the same output).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

ENVIRONMENT_VARIABLE = "UPWARD_CACHE"


def disk_caches_on() -> bool:
    return os.environ.get(ENVIRONMENT_VARIABLE, "").strip() != "memory"


def cache_folder() -> Path | None:
    """The private cache folder, or None when disk caches are off or unsafe."""
    if not disk_caches_on():
        return None
    from jinja2 import FileSystemBytecodeCache  # it makes and checks the folder

    with contextlib.suppress(OSError, RuntimeError):  # RuntimeError: an unsafe folder
        return Path(FileSystemBytecodeCache().directory)
    return None


def read_kept(path: Path, key: bytes) -> Any | None:
    """What `keep` wrote at `path` under `key`, or None (no file, another key, damaged)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _FORMAT + len(key).to_bytes(2, "big") + key
    if not data.startswith(header):
        return None
    try:  # the folder is the user's own (see above): as trusted as their own files
        value = pickle.loads(data[len(header) :])
    except Exception:  # damaged, or written by another version of a class
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # last used now (see forget_all_but)
    return value


def keep(path: Path, key: bytes, value: Any) -> None:
    """Write `value` at `path` under `key`, whole or not at all; a disk that refuses costs only
    time."""
    header = _FORMAT + len(key).to_bytes(2, "big") + key
    payload = header + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upward-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(payload)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def forget_all_but(folder: Path, pattern: str, count: int) -> None:
    """Of the files matching `pattern`, keep the `count` used last."""
    kept = sorted(folder.glob(pattern), key=_last_used, reverse=True)
    for old in kept[count:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _last_used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


_FORMAT = b"upward-cache-1\n"
