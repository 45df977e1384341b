"""Compile each Jinja template once, not once per site or once per run.

Every site build makes fresh Jinja environments (ours for the pages, MkDocs' for the theme),
and a fresh environment compiles every template it loads again: some 0.15 s of CPU for our page
templates and 0.3 s for Material's on this machine, paid by every `upward build` and
`upward tailor`, and again by each kit tailored in one process (a batch, `mkdocs serve`, the
tests). These caches keep the compiled code in memory for the life of the process, and on disk
for the next run, in Upward's private cache folder (upward.cache_folder: Jinja's per-user
folder, owner-only; without one, or with UPWARD_CACHE=memory, the cache is memory only).

Compiled code is used only when it was compiled from the same source and the same way: Jinja
checks each template's source against the copy's checksum (and the Python and Jinja bytecode
versions), and the cache key here also covers everything about the environment that changes
the compiled code (delimiters, whitespace options, extensions, autoescaping, how each filter and
test is called). So an edited template, or an environment made differently, is compiled afresh,
and the output is the same bytes with or without the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from upward.cache_folder import cache_folder, disk_caches_on


class TemplateCache(BytecodeCache):
    """Compiled templates kept in memory, and on disk when a safe place for them exists."""

    def __init__(self, name: str, directory: str | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self._name = name
        self._directory = directory  # None: upward.cache_folder's (tests name another)
        self._disk: FileSystemBytecodeCache | bool | None = False  # False: not looked for yet

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        """Jinja's bucket, keyed by the template and by how `environment` compiles it."""
        key = hashlib.sha256(
            f"{self.get_cache_key(name, filename)}\0{compile_options(environment, name)}".encode()
        ).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
            return
        disk = self._on_disk()
        if disk is None:
            return
        with contextlib.suppress(Exception):  # a stale or damaged file leaves the bucket empty
            disk.load_bytecode(bucket)
        if bucket.code is not None:
            self._code[bucket.key] = bucket.bytecode_to_string()
        else:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        disk = self._on_disk()
        if disk is not None:
            with contextlib.suppress(OSError):  # a full or read-only disk costs only time
                disk.dump_bytecode(bucket)

    def clear(self) -> None:
        """Forget what this process compiled (the disk copies stay: they are checked anyway)."""
        self._code.clear()

    def _on_disk(self) -> FileSystemBytecodeCache | None:
        if self._disk is False:
            self._disk = None
            directory = (self._directory or cache_folder()) if disk_caches_on() else None
            if directory is not None:
                self._disk = FileSystemBytecodeCache(
                    str(directory), pattern=f"upward-{self._name}-%s.cache"
                )
        return self._disk or None


def compile_options(environment: Environment, name: str) -> str:
    """What, besides a template's source, decides the code Jinja compiles it to."""
    autoescape = environment.autoescape
    calls = [
        (kind, key, repr(getattr(function, "jinja_pass_arg", None)))  # @pass_context...
        for kind, table in (("filter", environment.filters), ("test", environment.tests))
        for key, function in sorted(table.items())
    ]
    return repr(
        (
            environment.block_start_string,
            environment.block_end_string,
            environment.variable_start_string,
            environment.variable_end_string,
            environment.comment_start_string,
            environment.comment_end_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.newline_sequence,
            environment.keep_trailing_newline,
            environment.optimized,
            environment.is_async,
            environment.finalize is not None,
            autoescape(name) if callable(autoescape) else autoescape,
            sorted(environment.extensions),
            type(environment).__qualname__,
            environment.code_generator_class.__qualname__,
            environment.policies.get("compiler.ascii_str"),
            calls,
        )
    )


PAGE_TEMPLATES = TemplateCache("pages")
THEME_TEMPLATES = TemplateCache("theme")


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
