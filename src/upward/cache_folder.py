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
from pathlib import Path

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
