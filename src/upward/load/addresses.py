"""Addresses in one application that name other people, checked against who applied.

`prefer-not`, `preferences`, `senior-line` and `line-manager-email` only work when they are the
address a person applied with: a slip (`leilani.kahale@northwind.exmple`) silently loses a hard
rule, or a choice. So an address that is nobody's application but is a slip for one is a
problem ("did you mean ...?"); an address that is simply nobody's is a note for the two fields
that can only mean an applicant (prefer-not, preferences), and nothing at all for the reporting
line, where most managers never apply.

A slip is judged tightly, so that a real colleague with a similar address is not flagged: the
same name with other separators or in another order (`kahale.leilani`, `leilanikahale`); or, on
the same domain, one letter added, dropped, changed or two swapped in a name of five or more
letters; or the same name on a domain a letter or two off (`northwind.exmple`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from upward.load.sources import Record
from upward.model.applications import Application
from upward.problems import Problem
from upward.words import english
from upward.words import matching as words

FIELDS = ("prefer-not", "preferences", "senior-line", "line-manager-email")
MIN_NAME = 5
"""Shorter names (`li.wu`) are too easily another person's one letter off."""
_SEPARATORS = re.compile(r"[.\-_+]+")


class Applicants:
    """Everyone's address, indexed so that the applicant an address is a slip for is found
    without comparing it with every address (a large cohort has thousands of managers)."""

    def __init__(self, emails: Iterable[str]) -> None:
        self.index: dict[tuple[str, ...], set[str]] = {}
        self.known: dict[str, str | None] = {}  # a manager is named by all of their team
        for email in emails:
            for key in _keys(email):
                self.index.setdefault(key, set()).add(email)

    def meant(self, address: str) -> str | None:
        """The applicant's address `address` is a slip for, or None."""
        if address not in self.known:
            found = set().union(*(self.index.get(key, ()) for key in _keys(address)))
            slips = (e for e in found if e != address and is_slip(address, e))
            self.known[address] = min(slips, default=None)
        return self.known[address]


def _keys(email: str) -> list[tuple[str, ...]]:
    """Index keys: the name's letters in order (any domain), and the name with each letter
    left out in turn on its domain (two names one edit apart share one of these)."""
    name, _, domain = email.rpartition("@")
    keys = [("name", _name_key(name))]
    keys += [("near", domain, name[:i] + name[i + 1 :]) for i in range(len(name))]
    keys.append(("near", domain, name))
    return keys


def _name_key(name: str) -> str:
    return ".".join(sorted(part for part in _SEPARATORS.split(name) if part))


def is_slip(address: str, applicant: str) -> bool:
    """Is `address` a slip for `applicant`'s address (see the module for what counts)?"""
    name_a, _, domain_a = address.rpartition("@")
    name_b, _, domain_b = applicant.rpartition("@")
    same_name = _name_key(name_a) == _name_key(name_b) or (
        _SEPARATORS.sub("", name_a) == _SEPARATORS.sub("", name_b)
    )
    if domain_a == domain_b:
        letters = min(len(_SEPARATORS.sub("", name)) for name in (name_a, name_b))
        return same_name or (letters >= MIN_NAME and edits(name_a, name_b) <= 1)
    return same_name and edits(domain_a, domain_b) <= 2


def edits(a: str, b: str) -> int:
    """Letters added, dropped, changed or swapped with a neighbour to turn a into b (optimal
    string alignment distance); short strings only."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def check_addresses(
    applications: Sequence[Application],
    records: Mapping[str, Record],
    problems: list[Problem],
    notes: list[Problem],
) -> set[str]:
    """A problem for each address that is a slip for an applicant's, a note for a prefer-not or
    a preference naming nobody who applied on the other side (see the module). Returns the
    addresses of the applications with a problem."""
    by_email = {a.email: a for a in applications}
    applicants = Applicants(by_email)
    refused: set[str] = set()
    for application in applications:
        record = records.get(application.source)
        other = "mentee" if application.role == "mentor" else "mentor"
        given = {
            "prefer-not": application.prefer_not,
            "preferences": application.preferences,
            "senior-line": application.senior_line,
            "line-manager-email": (application.line_manager_email,),
        }
        for field in FIELDS:
            for value in dict.fromkeys(v for v in given[field] if v):
                message, serious = _verdict(value, field, other, by_email, applicants)
                if message:
                    where = _place(application, record, field)
                    (problems if serious else notes).append(Problem(*where, field, message))
                    if serious:
                        refused.add(application.email)
    return refused


def _verdict(
    value: str,
    field: str,
    other: str,
    by_email: Mapping[str, Application],
    applicants: Applicants,
) -> tuple[str, bool]:
    """(message, is it a problem) for one address, or ('', False) when all is well."""
    say = english()
    person = by_email.get(value)
    if person is not None:
        if field == "preferences" and person.role != other:  # a ranking of the wrong side
            return say(
                "match.addresses.preference_unknown", value=value, role=words.ROLES[other]
            ), False
        return "", False
    meant = applicants.meant(value)
    if meant is not None:
        lost = say(f"match.addresses.lost.{field}")
        name = by_email[meant].full_name
        return say("match.addresses.near", value=value, email=meant, name=name, lost=lost), True
    if field == "prefer-not":
        return say("match.addresses.prefer_not_unknown", value=value), False
    if field == "preferences":
        return say(
            "match.addresses.preference_unknown", value=value, role=words.ROLES[other]
        ), False
    return "", False


def _place(application: Application, record: Record | None, field: str) -> tuple[str, int, int]:
    if record is None:
        return application.source, 0, 0
    return record.file, record.row, record.columns.get(field, 0)
