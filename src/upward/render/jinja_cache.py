"""Compile each Jinja template once per process, however many sites it builds.

Every site build makes fresh Jinja environments (ours for the pages, MkDocs' for the theme),
and a fresh environment compiles every template it loads again: some 0.1 s for our page
templates and 0.4 s for Material's on this machine, paid again by each kit when many are
tailored in one process (a batch, `mkdocs serve`, the tests). These caches keep the compiled
code in memory. Jinja checks each template's source against the cached copy's checksum, so an
edited template is compiled afresh; the output is the same either way. The cache key is the
template's name and file, not the environment's options, so each cache serves one kind of
environment only: every environment that shares it must be made with the same options.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept for the life of the process (Jinja's own caches use files)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


PAGE_TEMPLATES = MemoryBytecodeCache()
THEME_TEMPLATES = MemoryBytecodeCache()


def reuse_compiled_theme_templates(theme: Any) -> None:
    """Give the environment MkDocs makes for `theme` (a `mkdocs.theme.Theme`) our cache.

    MkDocs (pinned at 1.6.1) makes the theme's environment inside `build()`, with no setting
    for a bytecode cache, so the one method that makes it is wrapped on this theme object.
    """
    make_environment = theme.get_env

    def get_env() -> Any:
        environment = make_environment()
        environment.bytecode_cache = THEME_TEMPLATES
        return environment

    theme.get_env = get_env
