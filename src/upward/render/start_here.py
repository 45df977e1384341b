"""START-HERE.html: the page a tailored kit's folder (and so its zip) opens on, at its top level.

Someone who unzips the kit sees a folder of folders; this page says what the kit is and links
to the site, the forms and the calendar inside it, with relative links that work from disk.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, StrictUndefined, Template

from upward.plan.tailored import TailoredKit

FILE_NAME = "START-HERE.html"


@lru_cache(maxsize=1)
def _template() -> Template:
    source = (resources.files("upward.render") / "templates" / "start-here.html.j2").read_text(
        encoding="utf-8"
    )
    return Environment(autoescape=True, undefined=StrictUndefined).from_string(source)


def start_here_html(tailored: TailoredKit) -> bytes:
    """The start page, every profile value escaped by autoescape."""
    words = tailored.words
    return (
        _template()
        .render(
            language=words("language.code"),
            org=tailored.org,
            words=words,
            booking=tailored.booking,
        )
        .encode("utf-8")
    )
