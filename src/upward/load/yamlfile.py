"""Read one YAML file safely, remembering where each value stood.

Safe means: only plain data types, no aliases (a "billion laughs" file is refused before it
expands), no ambiguous YAML 1.1 booleans (`yes`, `no`, `on`, `off`), no duplicate keys, a size
cap and a nesting cap. Positions let a validation error name the line of the bad value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from upward.problems import Loc, Problem, ProblemsFound
from upward.words import english

MAX_BYTES = 1_000_000
MAX_DEPTH = 12


try:  # the C composer is much faster; positions and safety checks work the same on its nodes
    from yaml import CSafeLoader as _Composer
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Composer  # type: ignore[assignment]


@dataclass
class Positions:
    """Line and column (1-based) of every value, and of every mapping key, by its path."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # values YAML read but refused
    text_starts: dict[Loc, int] = field(default_factory=dict)
    """The line of the first line of each text whose lines are the file's lines one to one
    (literal `|` blocks, a guide's body), so a problem inside the text names its own line."""

    def of(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The position of `loc`, or of its nearest recorded parent."""
        if loc and loc not in self.values and not isinstance(loc[-1], str):
            written = str(loc[-1]).lower() if isinstance(loc[-1], bool) else str(loc[-1])
            if (*loc[:-1], written) in self.keys:  # a key YAML read as a number or boolean
                loc = (*loc[:-1], written)
        for end in range(len(loc), -1, -1):
            if key and loc[:end] in self.keys:
                return self.keys[loc[:end]]
            if loc[:end] in self.values:
                return self.values[loc[:end]]
        return (1, 1)

    def in_text(self, loc: Loc, text_line: int) -> tuple[int, int]:
        """The position of line `text_line` (1-based) of the text at `loc`: exact where the
        text's lines are the file's, else the position of the text itself."""
        if loc in self.text_starts:
            return self.text_starts[loc] + text_line - 1, 1
        return self.of(loc)

    def shifted(self, lines: int) -> Positions:
        """The same positions, `lines` further down (for YAML front matter inside a file)."""
        return Positions(
            {k: (line + lines, col) for k, (line, col) in self.values.items()},
            {k: (line + lines, col) for k, (line, col) in self.keys.items()},
            [dataclasses.replace(p, line=p.line + lines) for p in self.problems],
            {k: line + lines for k, line in self.text_starts.items()},
        )


class _Constructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, stricter about booleans and dates.

    A refused value is noted (with its position) and kept as its raw text, so the rest of the
    file is still read and every problem can be reported in one pass.
    """

    def __init__(self) -> None:
        super().__init__()
        self.refused: list[tuple[str, yaml.Mark]] = []

    def construct_yaml_bool(self, node: yaml.ScalarNode) -> bool | str:
        if node.value.lower() not in ("true", "false"):
            words = english()
            message = words("read.yaml.ambiguous_bool", value=node.value)
            self.refused.append((message, node.start_mark))
            return node.value
        return node.value.lower() == "true"

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | str:
        """Plain decimal numbers only: YAML 1.1 also reads 010 as 8, 0x6 as 6, 1_20 as 120 and
        9:30 as 570, which nobody writing a profile means; and a number thousands of digits
        long is refused before Python's own limit turns it into a crash."""
        words = english()
        text = node.value
        digits = text.lstrip("+-")
        problem = None
        if ":" in text:
            hours, _, minutes = digits.partition(":")
            if len(minutes) == 2:
                time = f"{int(hours):02d}:{minutes}"
                problem = words("read.yaml.base60_time", text=text, time=time)
            else:
                problem = words("read.yaml.base60", text=text)
        elif "_" in text:
            problem = words("read.yaml.underscores", text=text, number=text.replace("_", ""))
        elif digits[:2] in ("0x", "0o", "0b"):
            base = {"0x": 16, "0o": 8, "0b": 2}[digits[:2]]
            problem = words("read.yaml.base_n", text=text, base=base)
        elif len(digits) > 1 and digits[0] == "0":
            meant = text.replace(digits, digits.lstrip("0") or "0")
            problem = words("read.yaml.octal", text=text, meant=meant)
        elif len(digits) > 18:
            problem = words("read.yaml.long_number", start=text[:20])
        if problem:
            self.refused.append((problem, node.start_mark))
            return text
        return super().construct_yaml_int(node)

    def construct_refused_type(self, node: yaml.Node) -> str:
        """YAML types no kit or profile value has (bytes, sets, ordered pairs): refused, so a
        value is never quietly turned into something else."""
        tag = node.tag.rsplit(":", 1)[-1]
        words = english()
        self.refused.append((words("read.yaml.refused_type", tag=tag), node.start_mark))
        return ""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date | dt.datetime | str:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            words = english()
            message = words("read.yaml.not_a_date", text=node.value, reason=error)
            self.refused.append((message, node.start_mark))
            return node.value


_Constructor.add_constructor("tag:yaml.org,2002:bool", _Constructor.construct_yaml_bool)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
for _tag in ("binary", "set", "omap", "pairs"):
    _Constructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _Constructor.construct_refused_type)
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _walk(node: yaml.Node, loc: Loc, positions: Positions, seen: set[int]) -> None:
    """Record positions; refuse aliases (a node met twice), deep nesting and duplicate keys."""
    words = english()
    if id(node) in seen:
        raise _Refused(words("read.yaml.alias"), node.start_mark)
    seen.add(id(node))
    if len(loc) > MAX_DEPTH:
        raise _Refused(words("read.yaml.too_deep", depth=MAX_DEPTH), node.start_mark)
    positions.values[loc] = _position(node.start_mark)
    if isinstance(node, yaml.ScalarNode) and node.style == "|":
        positions.text_starts[loc] = node.start_mark.line + 2  # the line after the indicator
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if id(key_node) in seen:
                raise _Refused(words("read.yaml.alias_key"), key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(words("read.yaml.merge_key"), key_node.start_mark)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in keys:
                raise _Refused(words("read.yaml.duplicate_key", key=key), key_node.start_mark)
            keys.add(key)
            positions.keys[(*loc, key)] = _position(key_node.start_mark)
            _walk(value_node, (*loc, key), positions, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), positions, seen)


class _Refused(Exception):
    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message, self.mark = message, mark


_NOT_A_FILE = (
    (stat.S_ISDIR, "read.file.folder"),
    (stat.S_ISFIFO, "read.file.pipe"),
    (stat.S_ISCHR, "read.file.device"),
    (stat.S_ISBLK, "read.file.device"),
    (stat.S_ISSOCK, "read.file.socket"),
)
"""What a path is when it is no regular file: a test of its mode, and the words saying so."""


def _kind_problem(mode: int) -> str | None:
    """Why a file of this mode cannot be read as text, and what to give instead; None for a
    regular file."""
    if stat.S_ISREG(mode):
        return None
    key = next((key for test, key in _NOT_A_FILE if test(mode)), "read.file.not_regular")
    words = english()
    return words("read.file.give_yaml", problem=words(key))


def read_bytes(path: Path, shown: str, *, max_bytes: int = MAX_BYTES) -> bytes:
    """At most `max_bytes` of a regular file, or a Problem saying why not.

    The size the file system reports is not trusted: /proc files say 0, and devices such as
    /dev/zero never end. So only regular files are opened (checked before opening, and again on
    the open file in case it was swapped meanwhile), and at most one byte past the limit is read.
    Opening without blocking means a FIFO swapped in after the check cannot hang the open.
    """

    words = english()

    def refuse(message: str) -> ProblemsFound:
        return ProblemsFound([Problem(shown, message=message, syntax=True)])

    try:
        problem = _kind_problem(os.stat(path).st_mode)
        if problem:
            raise refuse(problem)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            problem = _kind_problem(os.fstat(file.fileno()).st_mode)
            if problem:
                raise refuse(problem)
            data = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise refuse(words("read.file.missing")) from None
    except NotADirectoryError:
        raise refuse(words("read.file.missing_folder")) from None
    except OSError as error:
        raise refuse(words("read.file.unreadable", reason=error.strerror or error)) from None
    if len(data) > max_bytes:
        raise refuse(words("read.file.too_large", limit=max_bytes))
    return data


def read_text(path: Path, shown: str, *, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, or a Problem when it is missing, too large, not a file or not UTF-8."""
    data = read_bytes(path, shown, max_bytes=max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        words = english()
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    line,
                    1,
                    message=words("read.file.not_utf8", byte=data[error.start]),
                    syntax=True,
                )
            ]
        ) from None


def parse_yaml(text: str, shown: str, *, line_offset: int = 0) -> tuple[Any, Positions]:
    """Parse YAML text into plain data and the positions of its values."""
    words = english()

    def problem(message: str, mark: yaml.Mark | None) -> ProblemsFound:
        if mark is None:
            return ProblemsFound([Problem(shown, message=message, syntax=True)])
        line, column = _position(mark)
        return ProblemsFound(
            [Problem(shown, line + line_offset, column, message=message, syntax=True)]
        )

    tab_line = next(
        (n for n, line in enumerate(text.splitlines(), 1) if line.lstrip(" ").startswith("\t")), 0
    )
    if tab_line:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    tab_line + line_offset,
                    1,
                    message=words("read.yaml.tab"),
                    syntax=True,
                )
            ]
        )
    try:
        node = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as error:
        reason = " ".join(filter(None, [error.context, error.problem]))  # PyYAML's English
        message = words("read.yaml.invalid", reason=reason or words("read.yaml.invalid_unknown"))
        raise problem(message, error.problem_mark) from None
    except yaml.YAMLError as error:
        raise problem(words("read.yaml.invalid", reason=error), None) from None
    if node is None:
        raise problem(words("read.yaml.empty"), None)
    positions = Positions()
    try:
        _walk(node, (), positions, set())
    except _Refused as refused:
        raise problem(refused.message, refused.mark) from None
    constructor = _Constructor()
    try:
        data = constructor.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise problem(str(error.problem), error.problem_mark) from None
    for message, mark in constructor.refused:
        line, column = _position(mark)
        positions.problems.append(Problem(shown, line, column, message=message))
    return data, positions.shifted(line_offset) if line_offset else positions


def load_yaml(path: Path, shown: str, *, max_bytes: int = MAX_BYTES) -> tuple[Any, Positions]:
    return parse_yaml(read_text(path, shown, max_bytes=max_bytes), shown)
