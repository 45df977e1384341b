"""Every user-facing word outside kit/, one YAML file per language, with English underneath.

Templates and Python read the same file, so a heading on the site, a label on the PDF and a
line in the calendar cannot drift apart, and a translation is one new file (`fr.yaml` beside
`en.yaml`) plus the kit's content. A key a translation lacks falls back to English (as Material
for MkDocs does with its own language files); `missing_keys` lists those for the translator and
`language_problems` also catches keys English does not have and `{fields}` that differ.

Values are format strings: `{name}` is filled by the caller, `{{` is a literal brace. In pages
they are trusted like the templates they come from (they may hold Markdown, and `<strong>` in
the few raw HTML blocks); the values filled into them are escaped (`Words.markup`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from markupsafe import Markup

from upward.cache_folder import cache_folder, keep, read_kept

ENGLISH = "en"
Entry = str | tuple[str, ...]


class WordsError(ValueError):
    """A language file that is not a mapping of keys to text (or lists of text)."""


@dataclass(frozen=True)
class Words:
    """One language's words as flat dotted keys (`forms.when`), English filling any gaps."""

    language: str
    entries: Mapping[str, Entry] = field(repr=False, compare=False)
    _tables: dict[str, dict[str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __call__(self, key: str, /, **values: Any) -> str:
        """The words at `key` as plain text, with `{fields}` filled (PDF, DOCX, calendar)."""
        text = self.text(key)
        return text.format(**values) if "{" in text else text  # most words have no fields

    def counted(self, key: str, number: int, /, **values: Any) -> str:
        """The words at `key`, or at `key_one` when `number` is 1 and the language has it
        ('1 nudge draft', not '1 nudge drafts'); languages with more forms add their keys."""
        one = f"{key}_one"
        return self(one if number == 1 and one in self.entries else key, **values)

    def markup(self, key: str, /, **values: Any) -> Markup:
        """The words at `key` for a page: trusted like a template, the values escaped."""
        text = Markup(self.text(key))
        return text.format(**values) if "{" in text else text

    def text(self, key: str) -> str:
        entry = self._entry(key)
        if not isinstance(entry, str):
            raise KeyError(f"words '{key}' is a list, not a text")
        return entry

    def list(self, key: str) -> tuple[str, ...]:
        entry = self._entry(key)
        if isinstance(entry, str):
            raise KeyError(f"words '{key}' is a text, not a list")
        return entry

    def table(self, prefix: str) -> dict[str, str]:
        """The texts directly under `prefix`, by their last key: `table("readers")` gives
        {"mentor": "Mentors", ...}, in the file's order."""
        if prefix not in self._tables:  # pages ask for the same tables again and again
            start = f"{prefix}."
            self._tables[prefix] = {
                key.removeprefix(start): value
                for key, value in self.entries.items()
                if key.startswith(start) and "." not in key.removeprefix(start)
                if isinstance(value, str)
            }
        return dict(self._tables[prefix])

    def date(self, day: dt.date, *, year: bool = True) -> str:
        """A date as people write it ('Monday 11 January 2027', or 'Monday 11 January' without
        the year), from the words, never from the process's locale."""
        return self(
            "dates.long" if year else "dates.short",
            weekday=self.list("dates.weekdays")[day.weekday()],
            day=day.day,
            month=self.list("dates.months")[day.month - 1],
            year=day.year,
        )

    def _entry(self, key: str) -> Entry:
        try:
            return self.entries[key]
        except KeyError:
            raise KeyError(f"no words '{key}' in {self.language}.yaml or en.yaml") from None


def english() -> Words:
    return words_for(ENGLISH)


@lru_cache(maxsize=8)
def words_for(language: str = ENGLISH, folder: Traversable | None = None) -> Words:
    """A language's words; keys it lacks are English. Read once per process. `folder` holds
    the words files (this package's by default)."""
    entries = dict(read_language(ENGLISH, folder))
    if language != ENGLISH:
        entries.update(read_language(language, folder))
    return Words(language, entries)


def languages(folder: Traversable | None = None) -> list[str]:
    """The languages that have a words file."""
    folder = folder or files(__package__)
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    )


def read_language(language: str, folder: Traversable | None = None) -> dict[str, Entry]:
    """One words file as flat dotted keys, exactly as written (no English filled in)."""
    source = (folder or files(__package__)) / f"{language}.yaml"
    if not source.is_file():
        raise WordsError(f"no words file for language '{language}'")
    name = f"{language}.yaml"
    text = source.read_bytes()
    cache = cache_folder()  # parsing the words is a tenth of a build's start: once per change
    slot = cache / f"upward-words-{language}.pickle" if cache else None
    key = hashlib.sha256(text).digest()
    entries = read_kept(slot, key) if slot else None
    if entries is not None:
        return entries
    try:
        data = yaml.load(text.decode("utf-8"), Loader=_UniqueKeyLoader)  # safe
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise WordsError(f"{name}: {error}") from None
    if not isinstance(data, dict):
        raise WordsError(f"{name}: should be a mapping of keys to words")
    entries = dict(_flatten(data, (), name))
    if slot:
        keep(slot, key, entries)
    return entries


def missing_keys(language: str, folder: Traversable | None = None) -> list[str]:
    """Keys that English has and `language` does not (they show in English until translated)."""
    theirs = read_language(language, folder)
    return [key for key in read_language(ENGLISH, folder) if key not in theirs]


def language_problems(language: str, folder: Traversable | None = None) -> list[str]:
    """Everything a translator must fix: missing and unknown keys, lists of another length,
    and `{fields}` that differ from English (a missing field loses a value; an extra one fails)."""
    english_entries = read_language(ENGLISH, folder)
    theirs = read_language(language, folder)
    problems = [f"{key}: missing (shown in English)" for key in missing_keys(language, folder)]
    problems += [f"{key}: not a key in en.yaml" for key in theirs if key not in english_entries]
    for key, ours in english_entries.items():
        if key not in theirs:
            continue
        translated = theirs[key]
        if isinstance(ours, str) != isinstance(translated, str):
            problems.append(f"{key}: should be {'a text' if isinstance(ours, str) else 'a list'}")
        elif isinstance(ours, tuple) and len(ours) != len(translated):
            problems.append(f"{key}: should have {len(ours)} entries, not {len(translated)}")
        elif _fields(ours) != _fields(translated):
            problems.append(
                f"{key}: should use the fields {sorted(_fields(ours))}, "
                f"not {sorted(_fields(translated))}"
            )
    return problems


def _fields(entry: Entry) -> set[str]:
    texts = [entry] if isinstance(entry, str) else list(entry)
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


def _flatten(data: dict[Any, Any], prefix: tuple[str, ...], name: str) -> list[tuple[str, Entry]]:
    entries: list[tuple[str, Entry]] = []
    for key, value in data.items():
        path = (*prefix, str(key))
        dotted = ".".join(path)
        if not isinstance(key, str) or "." in key:
            raise WordsError(f"{name}: {dotted}: keys are plain names (no dots, not numbers)")
        if isinstance(value, dict):
            entries.extend(_flatten(value, path, name))
        elif isinstance(value, str):
            entries.append((dotted, value))
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            entries.append((dotted, tuple(value)))
        else:
            raise WordsError(
                f"{name}: {dotted}: should be text or a list of texts; quote values such as "
                "yes, no, on, off and numbers"
            )
    return entries


try:  # libyaml's parser when PyYAML has it: some ten times faster, read at every start
    _SafeLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _SafeLoader = yaml.SafeLoader  # type: ignore[misc]


class _UniqueKeyLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader, refusing a key given twice (it would silently keep the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)
