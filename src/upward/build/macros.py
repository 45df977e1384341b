"""The few hand-written pages in docs/ that opt in with `render_macros: true` (front matter) are
Jinja templates over the values here: the kit's inventory and the placeholders' names. The hook
renders them (upward.build.mkdocs_hooks), in Jinja's sandbox, with every value escaped and an
unknown name an error. Generated pages never pass through here: their text may come from a
profile, and profile text is data, never a template.

This did the job of the mkdocs-macros plugin, which cost every build some 0.3 s (its imports
alone: requests, hjson, dateutil) for two values on one page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from upward.text import PLACEHOLDERS
from upward.words import english

OPT_IN = "render_macros"  # the front-matter key a page sets to true


def page_values(counts: Mapping[str, int]) -> dict[str, Any]:
    """What an opted-in page may use."""
    inventory = dict(counts)

    def kit_counts() -> dict[str, int]:
        """The kit's inventory, as `upward validate` reports it."""
        return dict(inventory)

    return {"placeholders": [f"org.{name}" for name in PLACEHOLDERS], "kit_counts": kit_counts}


class PageMacroError(ValueError):
    """An opted-in page that is not a valid template, or names a value that does not exist."""


def render_page(markdown: str, values: Mapping[str, Any | Callable[..., Any]]) -> str:
    """The page's Markdown with its template rendered; PageMacroError says what went wrong."""
    try:
        return _environment().from_string(markdown).render(values)
    except TemplateError as error:
        line = getattr(error, "lineno", None)
        message = english()("cli.page_line", line=line, error=error) if line else str(error)
        raise PageMacroError(message) from None


@cache
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
