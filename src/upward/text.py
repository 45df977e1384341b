"""Fill the `{{ org.* }}` placeholders in kit text, safely, for each output format.

Kit text is ours and trusted, but it is still rendered in Jinja's sandbox so a slip in a kit
file cannot reach Python. Profile text only ever arrives as variable *values*, escaped for the
target format by `escape`: it is never parsed as a template itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from upward.tailoring import OrgFacts

_MARKDOWN_SPECIALS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|<>&\"'~^=:$@"})


def markdown_literal(value: str) -> str:
    """Text that Markdown and HTML both show exactly as written (entities for every special)."""
    return value.translate(_MARKDOWN_SPECIALS)


def plain(value: str) -> str:
    return value


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )


@lru_cache(maxsize=4096)
def _compiled(source: str) -> Template:
    """Kit text repeats across formats and kits: compile each piece once per process."""
    return _environment().from_string(source)


class PlaceholderError(ValueError):
    """Kit text names a placeholder that does not exist, or is not valid Jinja."""


@dataclass(frozen=True)
class TextRenderer:
    """Renders kit text with the organisation's facts escaped for one format."""

    org: OrgFacts
    escape: Callable[[str], str] = plain
    _values: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        escaped = {key: Markup(self.escape(value)) for key, value in asdict(self.org).items()}
        object.__setattr__(self, "_values", escaped)

    def __call__(self, source: str) -> str:
        if "{{" not in source and "{%" not in source:
            return source
        try:
            return str(_compiled(source).render(org=self._values))
        except TemplateError as error:
            raise PlaceholderError(str(error)) from None


def check_placeholders(source: str) -> str | None:
    """The problem with a piece of kit text's placeholders, or None if it renders."""
    from upward.tailoring import GENERAL_ORG

    try:
        TextRenderer(GENERAL_ORG)(source)
    except PlaceholderError as error:
        return str(error)
    return None
