"""Read applications from any mix of files into checked `Application`s, with every problem.

A missing column, an unknown choice, a malformed e-mail, an empty row or the same person twice
is a `Problem` naming the file, row and column (or the PDF field) with a hint; everyone else is
still read. The caller decides what to do with a partial read (the CLI writes nothing while
any input is refused, unless told to skip the bad rows).

    result = read_applications([Path("mentors.csv"), Path("mentees.xlsx")], topics=titles)
    result.applications, result.problems
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from upward.load.addresses import check_addresses
from upward.load.sources import Progress, Record, Sources, Table, expand, read_sources
from upward.model.applications import (
    CHANNELS,
    DAY_IDS,
    FIELD_IDS,
    FORMATS,
    MENTEE_FIELDS,
    MENTOR_FIELDS,
    MULTI_VALUED,
    REQUIRED_COLUMNS,
    REQUIRED_VALUES,
    ROLES,
    SLOTS,
    Application,
    Role,
)
from upward.problems import Problem, did_you_mean, display_path
from upward.words import english
from upward.words import matching as words

EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
SPLIT = re.compile(r"[;\n\r]+")
MAX_TEXT = 200
MAX_VALUES = 50
KNOWN = frozenset(FIELD_IDS)
EMAIL_FIELDS = frozenset({"email", "line-manager-email"})
EMAIL_LISTS = frozenset({"prefer-not", "senior-line", "preferences"})
CHOICES: dict[str, tuple[str, ...]] = {
    "role": ROLES,
    "availability": SLOTS,
    "channel": CHANNELS,
    "format": FORMATS,
}


@dataclass(frozen=True)
class ReadResult:
    applications: tuple[Application, ...]
    problems: tuple[Problem, ...]
    files: int
    notes: tuple[Problem, ...] = ()
    """Worth telling the lead, but nothing is lost (a file that is not answers, a choice of
    someone who did not apply): the run goes on."""

    @property
    def ok(self) -> bool:
        return not self.problems


def _slot_aliases() -> dict[str, str]:
    """'Monday morning', 'mon am', 'Mon AM' ... -> 'mon-am'."""
    aliases = {}
    for day in DAY_IDS:
        for day_word in (day, words.DAYS[day].casefold()):
            for half, half_words in (
                ("am", ("am", "morning", "mornings")),
                ("pm", ("pm", "afternoon", "afternoons")),
            ):
                for half_word in half_words:
                    aliases[f"{day_word} {half_word}"] = f"{day}-{half}"
                    aliases[f"{day_word}-{half_word}"] = f"{day}-{half}"
    return aliases


ALIASES = {**words.CHOICE_ALIASES, "availability": _slot_aliases()}


def read_applications(
    paths: Sequence[Path],
    *,
    topics: Mapping[str, str],
    roles: Mapping[Path, Role] | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Every application in `paths` (files or folders of files).

    topics: the kit's topic ids and titles (either is accepted in a cell); roles: what a file
    holds when it has no `role` column (the CLI's MENTORS and MENTEES arguments)."""
    role_of: dict[str, Role] = {}
    given_as: dict[str, Path] = {}  # each file's argument, to tell swapped arguments apart
    for path, role in (roles or {}).items():  # a folder gives its role to the files in it
        for file in expand([path], []):
            role_of[display_path(file)] = role
            given_as[display_path(file)] = path
    sources = read_sources(paths, progress, KNOWN)
    problems = list(sources.problems)
    notes = list(sources.notes)
    for file in _swapped(sources, roles or {}, given_as, problems):
        del role_of[file]  # read by the roles its rows give, with one problem for the swap
    reader = _Reader(topics, problems, notes)
    applications: list[Application] = []
    for table in sources.tables:
        file_role = role_of.get(table.file.split("[", 1)[0])
        applications += reader.table(table, file_role)
    for record in sources.singles:
        file_role = record.role or role_of.get(record.file)
        found = reader.record(record, file_role, record.values.keys())
        if found:
            applications.append(found)
    unique = _once_each(applications, problems)
    refused = check_addresses(unique, reader.places, problems, notes)
    unique = [a for a in unique if a.email not in refused]  # as any application with a problem
    return ReadResult(
        tuple(unique), tuple(sorted(set(problems))), sources.files, tuple(sorted(set(notes)))
    )


def _swapped(
    sources: Sources,
    roles: Mapping[Path, Role],
    given_as: Mapping[str, Path],
    problems: list[Problem],
) -> list[str]:
    """The files of an argument given as one side that holds only the other side's
    applications (the mentees' file named first): one problem for the swap, not one a row.

    Returns those files, to be read by the roles their own rows give."""
    stated: dict[Path, set[str]] = {}
    files: dict[Path, list[str]] = {}
    for table in sources.tables:
        file = table.file.split("[", 1)[0]
        rows = {_choice_key(_text(r.values.get("role") or "")) for r in table.records}
        sides = (rows & set(ROLES)) or {_side_from(table.columns)}
        if file in given_as:
            stated.setdefault(given_as[file], set()).update(sides)
            files.setdefault(given_as[file], []).append(file)
    for record in sources.singles:
        side = record.role or _choice_key(_text(record.values.get("role") or ""))
        side = side if side in ROLES else _side_from(record.values)
        if record.file in given_as:
            stated.setdefault(given_as[record.file], set()).add(side or "")
            files.setdefault(given_as[record.file], []).append(record.file)
    swapped = {
        path: found
        for path, role in roles.items()
        if len(stated.get(path, ())) == 1 and (found := next(iter(stated[path]))) in ROLES
        if found != role
    }
    if not swapped:
        return []
    first = next((p for p, r in roles.items() if r == "mentor"), None)
    second = next((p for p, r in roles.items() if r == "mentee"), None)
    if first in swapped and second in swapped:
        message = english()(
            "match.swapped_both", first=display_path(first), second=display_path(second)
        )
        problems.append(Problem(display_path(first), message=message))
    else:
        for path, found in swapped.items():
            message = english()(
                "match.swapped", found=words.ROLES[found], expected=words.ROLES[roles[path]]
            )
            problems.append(Problem(display_path(path), message=message))
    return [file for path in swapped for file in dict.fromkeys(files[path])]


def _once_each(applications: list[Application], problems: list[Problem]) -> list[Application]:
    """The first application of each e-mail; a later one is a problem at its own place."""
    first: dict[str, Application] = {}
    for application in applications:
        if application.email in first:
            file, _, row = application.source.rpartition(":")
            file, line = (file, int(row)) if row.isdigit() else (application.source, 0)
            problems.append(
                Problem(
                    file,
                    line,
                    field="email",
                    message=words.READ["twice"].format(
                        email=application.email, other=first[application.email].source
                    ),
                )
            )
        else:
            first[application.email] = application
    return list(first.values())


class _Reader:
    """Turns raw records into applications, adding a Problem for each bad value."""

    def __init__(
        self, topics: Mapping[str, str], problems: list[Problem], notes: list[Problem]
    ) -> None:
        self.topics = dict(topics)
        self.by_title = {title.casefold(): tid for tid, title in topics.items()}
        self.problems = problems
        self.notes = notes
        self.places: dict[str, Record] = {}  # an application's source -> its record

    def table(self, table: Table, file_role: Role | None) -> list[Application]:
        """The sheet's applications; none when it lacks a column one of its sides needs."""
        R = words.READ
        present = table.columns.keys()
        sides = {
            key
            for record in table.records
            if (key := _choice_key(_text(record.values.get("role") or ""))) in ROLES
        }
        if not sides:
            sides = {side} if (side := file_role or _side_from(present)) else set()
        needed = [c for side in sorted(sides) for c in REQUIRED_COLUMNS[side]]
        if not sides and "role" not in table.columns:
            needed = ["role"]
        missing = [c for c in dict.fromkeys(needed) if c not in table.columns]
        unused = [h for h in table.headings if h not in table.columns]
        for column in missing:
            close = difflib.get_close_matches(column, unused, n=1, cutoff=0.6)
            rename = R["rename_hint"].format(heading=close[0]) if close else ""
            hint = R["missing_column_hint"].format(column=column, rename=rename)
            self.problems.append(
                Problem(
                    table.file,
                    table.header_row,
                    field=column,
                    message=f"{R['missing_column'].format(column=column)}: {hint}",
                )
            )
        if missing:
            return []
        return [
            found
            for record in table.records
            if (found := self.record(record, file_role, present)) is not None
        ]

    def _problem(self, record: Record, name: str, message: str) -> None:
        self.problems.append(
            Problem(record.file, record.row, record.columns.get(name, 0), name, message)
        )

    def record(self, record: Record, file_role: Role | None, present: Any) -> Application | None:
        R = words.READ
        values = record.values
        if all(_blank(v) for v in values.values()):
            self.problems.append(Problem(record.file, record.row, message=R["empty_row"]))
            return None
        before = len(self.problems)
        role = self._role(record, file_role, present)
        answers: dict[str, Any] = {"role": role}
        fields = [f for f in FIELD_IDS if f != "role"]
        for name in fields:
            if name in (MENTEE_FIELDS if role == "mentor" else MENTOR_FIELDS):
                continue
            raw = values.get(name, "")
            if name not in values and role and name in REQUIRED_COLUMNS[role] and not record.row:
                self._problem(record, name, R["missing_field"].format(field=name))
                continue
            value = self._value(record, name, raw)
            if value is not None:
                answers[name] = value
        if role:
            for name in REQUIRED_VALUES[role]:
                if name in values and _blank(values.get(name)):
                    self._problem(record, name, R["missing_value"].format(field=name))
        email = answers.get("email")
        if email and email in answers.get("prefer-not", ()):
            self._problem(record, "prefer-not", R["prefer_self"])
        if len(self.problems) > before or not role:
            return None
        answers["source"] = record.where()
        self.places[answers["source"]] = record
        application = Application.model_validate(answers)
        self._named_twice(record, application)
        return application

    def _named_twice(self, record: Record, application: Application) -> None:
        """A note for each person named twice in a ranking: the first place is used, and the
        answer gives no hint which choice was meant instead (a note, as nothing hard is lost)."""
        ranked = [
            self._email(record, "preferences", v) for v in _items(record.values.get("preferences"))
        ]
        for value in dict.fromkeys(v for v in ranked if ranked.count(v) > 1):
            first = ranked.index(value)
            second = ranked.index(value, first + 1)
            other = "mentee" if application.role == "mentor" else "mentor"
            message = english()(
                "match.addresses.preference_twice",
                value=value,
                first=first + 1,
                second=second + 1,
                name=application.full_name,
                role=words.ROLES[other],
            )
            self.notes.append(
                Problem(
                    record.file,
                    record.row,
                    record.columns.get("preferences", 0),
                    "preferences",
                    message,
                )
            )

    def _role(self, record: Record, file_role: Role | None, present: Any) -> Role | None:
        R = words.READ
        raw = record.values.get("role")
        if _blank(raw):
            role = file_role or _side_from(present)
            if role is None:
                self._problem(record, "role", R["no_role"])
            return role
        text = _choice_key(_text(raw))
        if text not in ROLES:
            self._problem(
                record,
                "role",
                R["unknown_choice"].format(
                    value=_text(raw),
                    field="role",
                    did_you_mean=did_you_mean(text, ROLES),
                    choices=", ".join(ROLES),
                ),
            )
            return None
        if file_role and text != file_role:
            self._problem(record, "role", R["role_conflict"].format(value=text, expected=file_role))
            return None
        return text  # type: ignore[return-value]

    def _value(self, record: Record, name: str, raw: Any) -> Any:
        """The clean value of one field, or None (and a Problem) when it is bad or blank."""
        R = words.READ
        if name in MULTI_VALUED:
            items = _items(raw)
            if len(items) > MAX_VALUES:
                self._problem(
                    record, name, R["too_many_values"].format(count=len(items), limit=MAX_VALUES)
                )
                return None
            if name in EMAIL_LISTS:
                clean = [self._email(record, name, item) for item in items]
                return None if None in clean else tuple(dict.fromkeys(clean))
            if name in ("topics-offered", "topics-wanted"):
                clean = [self._topic(record, name, item) for item in items]
                return None if None in clean else tuple(dict.fromkeys(clean))
            clean = [self._choice(record, name, item) for item in items]
            return None if None in clean else tuple(dict.fromkeys(clean))
        if _blank(raw):
            return None
        text = _text(raw)
        if name in EMAIL_FIELDS:
            return self._email(record, name, text)
        if name == "format":
            return self._choice(record, name, text)
        if name == "capacity":
            return self._capacity(record, text)
        return self._plain(record, name, text)

    def _plain(self, record: Record, name: str, text: str) -> str | None:
        R = words.READ
        bad = next(
            (c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n\r"), None
        )
        if bad:
            self._problem(record, name, R["control"].format(code=ord(bad)))
            return None
        text = " ".join(text.split())
        if len(text) > MAX_TEXT:
            self._problem(record, name, R["too_long"].format(length=len(text), limit=MAX_TEXT))
            return None
        return text

    def _email(self, record: Record, name: str, text: str) -> str | None:
        value = text.strip()
        if "<" in value:  # 'Amara Okafor <amara@example.org>', as mail programs copy it
            value = parseaddr(value)[1] or value
        value = value.strip().strip("<>").casefold()
        if len(value) > 254 or not EMAIL.match(value):
            self._problem(record, name, words.READ["bad_email"].format(value=text.strip()))
            return None
        return value

    def _choice(self, record: Record, name: str, text: str) -> str | None:
        key = _choice_key(text)
        allowed = CHOICES[name]
        if key in allowed:
            return key
        alias = ALIASES.get(name, {}).get(" ".join(text.casefold().split()))
        alias = alias or ALIASES.get(name, {}).get(key)
        if alias:
            return alias
        R = words.READ
        hint = did_you_mean(key, allowed)
        if "," in text:
            hint += R["comma_hint"]
        self._problem(
            record,
            name,
            R["unknown_choice"].format(
                value=text, field=name, did_you_mean=hint, choices=", ".join(allowed)
            ),
        )
        return None

    def _topic(self, record: Record, name: str, text: str) -> str | None:
        key = _choice_key(text)
        if key in self.topics:
            return key
        by_title = self.by_title.get(" ".join(text.casefold().split()))
        if by_title:
            return by_title
        R = words.READ
        hint = did_you_mean(key, self.topics)
        if "," in text:
            hint += R["comma_hint"]
        self._problem(
            record,
            name,
            R["unknown_topic"].format(
                value=text, did_you_mean=hint, choices=", ".join(sorted(self.topics))
            ),
        )
        return None

    def _capacity(self, record: Record, text: str) -> int | None:
        if text.strip() in ("1", "2", "3"):
            return int(text)
        self._problem(record, "capacity", words.READ["capacity"].format(value=text))
        return None


def _side_from(present: Any) -> Role | None:
    """A file that asks only one side's questions is that side's."""
    names = set(present)
    mentor = bool(names & set(MENTOR_FIELDS))
    mentee = bool(names & set(MENTEE_FIELDS))
    if mentor != mentee:
        return "mentor" if mentor else "mentee"
    return None


def _blank(value: Any) -> bool:
    if value is None or value is False:
        return True
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _items(raw: Any) -> list[str]:
    """A multi-valued answer as a list: a JSON list, or text split at ';' and new lines."""
    if _blank(raw):
        return []
    if isinstance(raw, list):
        found: list[str] = []
        for item in raw:
            found += _items(item)
        return found
    if raw is True:
        return []
    return [part.strip() for part in SPLIT.split(_text(raw)) if part.strip()]


def _choice_key(text: str) -> str:
    """'Mon AM', 'mon_am', ' In person ' -> 'mon-am', 'in-person'."""
    return "-".join(text.strip().casefold().replace("_", " ").split())
