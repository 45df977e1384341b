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
            message = (
                f"'{node.value}' is ambiguous in YAML: write true or false, or quote it as text"
            )
            self.refused.append((message, node.start_mark))
            return node.value
        return node.value.lower() == "true"

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | str:
        """Plain decimal numbers only: YAML 1.1 also reads 010 as 8, 0x6 as 6, 1_20 as 120 and
        9:30 as 570, which nobody writing a profile means; and a number thousands of digits
        long is refused before Python's own limit turns it into a crash."""
        text = node.value
        digits = text.lstrip("+-")
        problem = None
        if ":" in text:
            hours, _, minutes = digits.partition(":")
            clock = f'"{int(hours):02d}:{minutes}"' if len(minutes) == 2 else "quotes"
            problem = f"'{text}' is a base-60 number in YAML; if it is a time, write it in {clock}"
        elif "_" in text:
            problem = f"'{text}' has underscores; write {text.replace('_', '')}"
        elif digits[:2] in ("0x", "0o", "0b"):
            base = {"0x": 16, "0o": 8, "0b": 2}[digits[:2]]
            problem = f"'{text}' is a base-{base} number in YAML; write it in decimal"
        elif len(digits) > 1 and digits[0] == "0":
            meant = text.replace(digits, digits.lstrip("0") or "0")
            problem = f"'{text}' is a base-8 number in YAML, not {meant}; write {meant}"
        elif len(digits) > 18:
            problem = f"'{text[:20]}...' is too long a number for any value here"
        if problem:
            self.refused.append((problem, node.start_mark))
            return text
        return super().construct_yaml_int(node)

    def construct_refused_type(self, node: yaml.Node) -> str:
        """YAML types no kit or profile value has (bytes, sets, ordered pairs): refused, so a
        value is never quietly turned into something else."""
        tag = node.tag.rsplit(":", 1)[-1]
        self.refused.append(
            (f"the YAML type !!{tag} is not used here; write plain text", node.start_mark)
        )
        return ""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date | dt.datetime | str:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            self.refused.append((f"'{node.value}' is not a real date ({error})", node.start_mark))
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
    if id(node) in seen:
        raise _Refused(
            "aliases (*name) are not allowed: write the value out again", node.start_mark
        )
    seen.add(id(node))
    if len(loc) > MAX_DEPTH:
        raise _Refused(
            f"nested deeper than {MAX_DEPTH} levels, deeper than any kit file", node.start_mark
        )
    positions.values[loc] = _position(node.start_mark)
    if isinstance(node, yaml.ScalarNode) and node.style == "|":
        positions.text_starts[loc] = node.start_mark.line + 2  # the line after the indicator
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if id(key_node) in seen:
                raise _Refused("aliases (*name) are not allowed", key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(
                    "merge keys (<<) are not allowed: write the keys out", key_node.start_mark
                )
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in keys:
                raise _Refused(
                    f"the key '{key}' appears twice in the same mapping", key_node.start_mark
                )
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
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a pipe (FIFO), not a file: reading it could wait for ever"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
)


def _kind_problem(mode: int) -> str | None:
    """Why a file of this mode cannot be read as text, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((message for test, message in _NOT_A_FILE if test(mode)), "is not a regular file")


def read_bytes(path: Path, shown: str, *, max_bytes: int = MAX_BYTES) -> bytes:
    """At most `max_bytes` of a regular file, or a Problem saying why not.

    The size the file system reports is not trusted: /proc files say 0, and devices such as
    /dev/zero never end. So only regular files are opened (checked before opening, and again on
    the open file in case it was swapped meanwhile), and at most one byte past the limit is read.
    Opening without blocking means a FIFO swapped in after the check cannot hang the open.
    """

    def refuse(message: str) -> ProblemsFound:
        return ProblemsFound([Problem(shown, message=message, syntax=True)])

    try:
        problem = _kind_problem(os.stat(path).st_mode)
        if problem:
            raise refuse(f"{problem}; give the path of a YAML file")
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            problem = _kind_problem(os.fstat(file.fileno()).st_mode)
            if problem:
                raise refuse(f"{problem}; give the path of a YAML file")
            data = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise refuse("no such file") from None
    except NotADirectoryError:
        raise refuse("no such file (a part of the path is not a folder)") from None
    except OSError as error:
        raise refuse(f"cannot be read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise refuse(f"is too large: the limit is {max_bytes:,} bytes; is this the right file?")
    return data


def read_text(path: Path, shown: str, *, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, or a Problem when it is missing, too large, not a file or not UTF-8."""
    data = read_bytes(path, shown, max_bytes=max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    line,
                    1,
                    message=f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8",
                    syntax=True,
                )
            ]
        ) from None


def parse_yaml(text: str, shown: str, *, line_offset: int = 0) -> tuple[Any, Positions]:
    """Parse YAML text into plain data and the positions of its values."""

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
                    message="indented with a tab; YAML needs spaces",
                    syntax=True,
                )
            ]
        )
    try:
        node = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as error:
        message = " ".join(filter(None, [error.context, error.problem])) or "is not valid YAML"
        raise problem(f"not valid YAML: {message}", error.problem_mark) from None
    except yaml.YAMLError as error:
        raise problem(f"not valid YAML: {error}", None) from None
    if node is None:
        raise problem("the file is empty", None)
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
