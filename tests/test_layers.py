"""The package's imports run one way: from the command down through the stages of the data flow
to the shared leaves, never up, never sideways into a higher stage, never in a circle; and no
module is named like a standard-library module. Every import counts, also one inside a function
or under `if TYPE_CHECKING`: a hidden import is still a dependency. There is no list of
exceptions.

    cli -> build -> render -> plan -> load -> model -> leaves (problems, terminal, text, paths, words)
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "upward"
STAGES = ("model", "load", "plan", "render", "build", "cli")
"""The stages, bottom to top: each may import only from itself and the stages below it."""
LEAF_PACKAGES = ("words",)
"""Packages at the bottom beside the leaf modules (`upward/*.py`), shared by every stage."""
TOP = "__main__"  # `python -m upward`: above the command it starts


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module of this package, dotted
    line: int


def module_name(path: Path, package: Path) -> str:
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path) -> dict[str, Path]:
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


def imports(package: Path) -> list[Import]:
    """Every import of a module of `package`, anywhere in its modules' code."""
    known = modules(package)
    found = []
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, name, is_package)
                # `from upward import paths` imports the module upward.paths
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    for alias in node.names
                ]
            for target in targets:
                while target not in known and "." in target:  # `import a.b.c` of a package a.b
                    target = target.rpartition(".")[0]
                if target in known and target.split(".")[0] == package.name:
                    found.append(Import(name, target, node.lineno))
    return found


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def rank(module: str) -> int:
    """0 for the leaves, then one per stage, the top last; ValueError for a stray package."""
    parts = module.split(".")
    if len(parts) == 1:
        return 0  # the package itself
    if parts[1] == TOP:
        return len(STAGES) + 1
    if parts[1] in STAGES:
        return STAGES.index(parts[1]) + 1
    if (len(parts) == 2 and not (PACKAGE / parts[1]).is_dir()) or parts[1] in LEAF_PACKAGES:
        return 0
    raise ValueError(f"{module} is in no stage: add its package to STAGES or LEAF_PACKAGES")


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in (*STAGES, TOP) else "the leaves"


def wrong_way(found: list[Import], rank_of=rank) -> list[str]:
    return [
        f"{i.source} (line {i.line}) imports {i.target}: {stage(i.source)} may not import "
        f"from {stage(i.target)}, a higher stage"
        for i in found
        if rank_of(i.target) > rank_of(i.source)
    ]


def circles(found: list[Import]) -> list[list[str]]:
    """Every set of modules that import each other, directly or round a loop (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for i in found:
        graph.setdefault(i.source, set()).add(i.target)
        graph.setdefault(i.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            members = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                members.append(member)
                if member == node:
                    break
            if len(members) > 1 or node in graph[node]:
                loops.append(sorted(members))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return loops


def shadowing(package: Path, names: frozenset[str]) -> list[str]:
    """Modules and packages whose own name is one of `names`."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for part in path.relative_to(package).with_suffix("").parts:
            if part in names and part != "__init__":
                found.append(str(path.relative_to(package.parent)))
    return found


# --- the package as it is ----------------------------------------------------------------


def test_every_module_is_in_a_stage_or_a_leaf() -> None:
    for name in modules(PACKAGE):
        rank(name)  # raises for a package that is in no stage


def test_no_import_runs_up_or_sideways_into_a_higher_stage() -> None:
    found = imports(PACKAGE)
    assert len(found) > 100  # the walk sees the package's imports at all
    assert wrong_way(found) == []


def test_no_modules_import_each_other_round_a_circle() -> None:
    assert circles(imports(PACKAGE)) == []


def test_no_module_is_named_like_a_standard_library_module() -> None:
    assert shadowing(PACKAGE, frozenset(sys.stdlib_module_names)) == []


def test_nothing_beside_the_mkdocs_hook_shadows_an_installed_package() -> None:
    """MkDocs puts the hook's folder first on sys.path while it runs the hook: a module there
    named like a package (`calendar`, `yaml`, `markdown`) would be imported in its place."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.search(r"^hooks:\n((?:\s+- .+\n)+)", text, re.M)
    assert hooks, "mkdocs.yml names its hooks"
    installed = set(importlib.metadata.packages_distributions()) | set(sys.stdlib_module_names)
    for line in hooks.group(1).splitlines():
        hook = ROOT / line.strip().removeprefix("- ").strip()
        assert hook.is_file(), hook
        beside = {p.stem for p in hook.parent.iterdir() if p.suffix == ".py" or p.is_dir()}
        assert beside & installed == set(), hook


def test_the_mkdocs_hook_is_where_mkdocs_yml_says() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hook = re.search(r"^hooks:\n\s+- (.+)$", text, re.M)
    assert hook and (ROOT / hook.group(1)) == PACKAGE / "build" / "mkdocs_hooks.py"


# --- the checks themselves can fail --------------------------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "upward"
    for name, code in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
    return root


def test_the_walk_finds_an_upward_import_inside_a_function(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "load/__init__.py": "",
            "load/kit.py": "def f():\n    from upward.plan.choice import g\n",
            "plan/__init__.py": "",
            "plan/choice.py": "from ..load import kit\n",  # relative, and downward: fine
        },
    )
    found = imports(package)
    assert {(i.source, i.target) for i in found} == {
        ("upward.load.kit", "upward.plan.choice"),
        ("upward.plan.choice", "upward.load.kit"),
    }
    ranks = {"upward.load.kit": 2, "upward.plan.choice": 3}
    (message,) = wrong_way(found, ranks.__getitem__)
    assert message.startswith("upward.load.kit (line 2) imports upward.plan.choice")
    assert circles(found) == [["upward.load.kit", "upward.plan.choice"]]


def test_the_walk_finds_a_circle_through_a_package_and_a_from_import(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "text.py": "from upward import words\n",
            "words/__init__.py": "import upward.paths\n",
            "paths.py": "if False:\n    from upward.text import x\n",
        },
    )
    assert circles(imports(package)) == [["upward.paths", "upward.text", "upward.words"]]


def test_a_module_named_like_the_standard_library_is_found(tmp_path: Path) -> None:
    package = _package(tmp_path, {"__init__.py": "", "render/calendar.py": "", "email/x.py": ""})
    assert shadowing(package, frozenset(sys.stdlib_module_names)) == [
        "upward/email/x.py",
        "upward/render/calendar.py",
    ]
