"""Every sentence a user reads comes from the words file, not from Python (issue 9).

Walks every module's syntax tree for string constants that read as prose (three words or more,
f-strings' literal parts joined), leaving out docstrings and the messages of programmer errors
(assertions, internal invariants), which no user is meant to see. What is left must be in
ALLOWED below, each with the reason it is not words. A new sentence written in Python fails
here: put it in src/upward/words/en.yaml and read it with `english()`.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "upward"
PROSE = re.compile(r"[A-Za-z][a-z']+(?:[ ,;:]+[A-Za-z][a-z']*){2,}")
PROGRAMMER_ERRORS = {
    "AssertionError",
    "RuntimeError",
    "TypeError",
    "KeyError",
    "NotImplementedError",
}
"""Exceptions that mean a bug in Upward: their texts are for developers."""

ALLOWED: dict[tuple[str, str], str] = {
    # (module, the start of the text): why it is not words
    ("build/outputs.py", "'…' is not a file's path"): "a bug in Upward (NotPublic), never input",
    ("build/outputs.py", " file(s) that are not public"): "a bug: UnlistedOutput stops the run",
    ("build/parallel.py", "making the forms failed"): "a bug in the forms child, wrapped",
    ("build/private.py", "`upward …` writes no personal"): "a bug: a caller's wrong command",
    ("build/private.py", "'…' is not the name of a file"): "a bug: a caller's wrong file name",
    ("build/workspace.py", "has no attribute"): "a pattern matching Jinja's own English errors",
    ("load/kit_cache.py", "not a file to read: "): "internal: never shown, it only skips the cache",
    ("model/org_profile.py", "Reverse mentoring programme"): (
        "the profile's documented default value, written into profiles; the profile has no "
        "language to pick another"
    ),
    ("plan/evaluation.py", "Yes, with my name"): "the kit form's option label: kit content",
    ("plan/evaluation.py", "Yes, without names"): "the kit form's option label: kit content",
    ("plan/matching.py", "cohort too large"): "a guard no real cohort reaches (an internal bug)",
    ("render/session_calendar.py", "-//Upward//"): "the calendar's PRODID, an identifier",
    ("text.py", "end of comment"): "matches Jinja's own English error message",
    ("words/__init__.py", ""): (
        "the words file's own problems, for translators: English, readable even when the "
        "translation they check is broken"
    ),
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for statement in body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    found.add(id(statement.value))
    return found


def _programmer_error_texts(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
            if name in PROGRAMMER_ERRORS:
                found.update(id(n) for arg in node.exc.args for n in ast.walk(arg))
        if isinstance(node, ast.Assert) and node.msg is not None:
            found.update(id(n) for n in ast.walk(node.msg))
    return found


@lru_cache(maxsize=4)
def prose_in_python(source: Path = SOURCE) -> list[tuple[str, str]]:
    """(module, text) of every prose-like string outside docstrings and programmer errors."""
    found = []
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree) | _programmer_error_texts(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.JoinedStr):
                text = "…".join(v.value for v in node.values if isinstance(v, ast.Constant))
                skip.update(id(v) for v in node.values)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            else:
                continue
            if PROSE.search(text):
                found.append((path.relative_to(source).as_posix(), text))
    return found


def test_no_sentence_a_user_reads_is_written_in_python() -> None:
    found = prose_in_python()
    left = [
        (module, text)
        for module, text in found
        if not any(module == allowed and text.startswith(start) for allowed, start in ALLOWED)
    ]
    assert left == [], "put these in src/upward/words/en.yaml:\n" + "\n".join(map(str, left))


def test_every_allowed_text_is_still_there() -> None:
    """An allowance whose text has gone (moved to words, deleted) goes too."""
    found = prose_in_python()
    unused = [
        key
        for key in ALLOWED
        if not any(module == key[0] and text.startswith(key[1]) for module, text in found)
    ]
    assert unused == []


def test_the_scan_finds_prose(tmp_path: Path) -> None:
    """The scan itself: a sentence in a call is found, a docstring and an assertion are not."""
    package = tmp_path / "upward"
    package.mkdir()
    (package / "sample.py").write_text(
        '"""A module docstring with many words."""\n'
        "def f(x):\n"
        '    """A docstring with many words."""\n'
        '    assert x, "an internal invariant was broken here"\n'
        '    return problem(f"the file {x} is not a folder")\n',
        encoding="utf-8",
    )
    assert prose_in_python(package) == [("sample.py", "the file … is not a folder")]
