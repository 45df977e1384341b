"""The mentor directory for self matching: an offline HTML page mentees choose from (prints
well too), with only what mentors agreed to share (see `plan.selfcheck.mentor_directory`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, StrictUndefined, Template

from upward.plan.selfcheck import DirectoryEntry
from upward.words import matching as words


@lru_cache(maxsize=1)
def _template() -> Template:
    source = (
        resources.files("upward.render") / "templates" / "mentor-directory.html.j2"
    ).read_text(encoding="utf-8")
    return Environment(autoescape=True, undefined=StrictUndefined).from_string(source)


def directory_html(entries: Sequence[DirectoryEntry], programme: str = "") -> bytes:
    return (
        _template()
        .render(W=words.DIRECTORY, programme=programme, entries=entries, join=words.join_words_all)
        .encode("utf-8")
    )
