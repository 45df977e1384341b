"""Load the kit folder into validated models, collecting every problem at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from upward import model as m
from upward.load.kit_cache import cached_load
from upward.load.located import LoadedKit, Origin, Unreadable
from upward.load.references import check_references
from upward.load.validation import validate
from upward.load.yamlfile import load_yaml, parse_yaml, read_text
from upward.model.kinds import BY_NAME, FROM_FILES, FROM_FOLDERS, Kind
from upward.problems import Problem, ProblemsFound, closest, did_you_mean, display_path
from upward.words import english

IGNORED = {"README.md", "examples"}


def load_kit(kit_dir: Path, overrides: Path | None = None) -> LoadedKit:
    """Every file under `kit_dir`, validated and cross-checked; ProblemsFound lists all problems.
    What the same files gave last time, when nothing has changed (upward.load.kit_cache)."""
    return cached_load(read_kit, kit_dir, overrides)


def read_kit(kit_dir: Path, overrides: Path | None = None) -> LoadedKit:
    """Every file under `kit_dir`, read, validated and cross-checked now.

    `overrides`: an organisation's replacements (upward.build.workspace), laid out like the kit:
    `overrides/agreements/mentoring-agreement.yaml` is read instead of the kit's file of that
    name, so it replaces the item whose id it names, and is validated and cross-checked like
    the kit. One that replaces nothing is a problem: a misspelt name must not pass unseen.
    """
    _is_a_kit(kit_dir)
    reading = _Reading(overrides=overrides)
    reading.strays(kit_dir)
    if overrides is not None:
        reading.strays(overrides)
    for kind in FROM_FOLDERS:
        reading.folder(kit_dir, kind)
    for kind in FROM_FILES:
        reading.single_file(kit_dir, kind)
    kit = m.Kit.model_construct(**reading.parts)  # items are validated already: no second pass
    loaded = LoadedKit(kit, reading.origins)
    problems = [
        *reading.problems,
        *check_references(loaded, reading.unreadable),
        *_what_the_site_needs(kit, kit_dir, reading.unreadable),
    ]
    if problems:
        raise ProblemsFound(problems)
    return loaded


FOLDERS = {kind.folder: kind for kind in FROM_FOLDERS}


def _is_a_kit(kit_dir: Path) -> None:
    words = english()
    if not kit_dir.is_dir():
        raise ProblemsFound([Problem(display_path(kit_dir), message=words("read.kit.no_folder"))])
    inner = kit_dir / "kit"
    if not any((kit_dir / name).is_dir() for name in FOLDERS) and inner.is_dir():
        message = words("read.kit.not_a_kit", path=display_path(inner))
        raise ProblemsFound([Problem(display_path(kit_dir), message=message)])


@dataclass
class _Reading:
    """What reading the kit's files has found so far: items, their origins, problems."""

    parts: dict[str, Any] = field(
        default_factory=lambda: {kind.attribute: [] for kind in FROM_FOLDERS}
    )
    origins: dict[int, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: Unreadable = field(default_factory=Unreadable)
    overrides: Path | None = None

    def strays(self, kit_dir: Path) -> None:
        """Anything in the kit folder that is no kind's folder or file."""
        known = set(FOLDERS) | {kind.file for kind in FROM_FILES} | IGNORED
        for entry in sorted(kit_dir.iterdir()):
            if entry.name in known or entry.name.startswith("."):
                continue
            words = english()
            message = words("read.kit.not_part", hint=did_you_mean(entry.name, known))
            self.problems.append(Problem(display_path(entry), message=message))
            meant = closest(entry.name, FOLDERS)
            if meant:  # its references would all be unknown: one problem is enough
                self.unreadable.add_folder(FOLDERS[meant])

    def folder(self, kit_dir: Path, kind: Kind) -> None:
        paths = _files(kit_dir / kind.folder, kind.suffix, self.problems)
        if self.overrides is not None:
            replacing = _files(self.overrides / kind.folder, kind.suffix, self.problems)
            paths = self._overridden(paths, replacing, kind)
        for path in paths:
            try:
                read = _read(path, kind)
            except _Failed as failed:
                self.problems.extend(failed.problems)
                self.unreadable.add(path, failed.data, kind)
                continue
            for item, origin in read:
                self.parts[kind.attribute].append(item)
                self.origins[id(item)] = origin
                if kind.named_by_file:
                    self.problems.extend(_file_name_matches_id(item, path, origin))

    def _overridden(self, paths: list[Path], replacing: list[Path], kind: Kind) -> list[Path]:
        """The kit's files of a kind, each replaced by the override of the same name."""
        by_name = {path.name: path for path in paths}
        for path in replacing:
            if path.name in by_name:
                by_name[path.name] = path
                continue
            words = english()
            message = words(
                "read.kit.replaces_nothing",
                kind=kind.name,
                name=path.name,
                hint=did_you_mean(path.stem, [p.stem for p in paths]),
            )
            self.problems.append(Problem(display_path(path), message=message))
        return sorted(by_name.values(), key=lambda path: path.name)

    def single_file(self, kit_dir: Path, kind: Kind) -> None:
        path = kit_dir / kind.file
        if self.overrides is not None and (self.overrides / kind.file).is_file():
            path = self.overrides / kind.file
        self.parts[kind.attribute] = None
        if not path.exists() and not path.is_symlink():  # a broken link is reported
            return
        shown = display_path(path)
        try:
            data, positions = load_yaml(path, shown)
            self.parts[kind.attribute] = validate(kind.model, data, shown, positions)
        except ProblemsFound as found:
            self.problems.extend(found.problems)
            return
        self.origins[id(self.parts[kind.attribute])] = Origin(shown, positions)


class _Failed(ProblemsFound):
    """A file that failed, with what it parsed to (None: it did not parse), so the ids it holds
    can be known."""

    def __init__(self, found: ProblemsFound, data: Any) -> None:
        super().__init__(found.problems)
        self.data = data


def _read(path: Path, kind: Kind) -> list[tuple[Any, Origin]]:
    """The items one file of `kind` holds, each with its origin; _Failed if it fails."""
    if kind.markdown:
        try:
            return [_load_guide(path)]
        except ProblemsFound as found:
            raise _Failed(found, None) from None
    shown = display_path(path)
    data = None
    try:
        data, positions = load_yaml(path, shown)
        item = validate(kind.model, data, shown, positions)
    except ProblemsFound as found:
        raise _Failed(found, data) from None
    if not kind.listed:
        return [(item, Origin(shown, positions))]
    return [
        (sub, Origin(shown, positions, (kind.listed, index)))
        for index, sub in enumerate(getattr(item, kind.listed))
    ]


REQUIRED_FORMS = ("goals-worksheet", "mentoring-agreement", "session-preparation")
"""Forms the site's page templates link to by id (templates/pages): a kit without them would
validate, then fail to build with MkDocs' strict-mode warnings about missing pages."""


def _what_the_site_needs(kit: m.Kit, kit_dir: Path, unreadable: Unreadable) -> list[Problem]:
    """A kit that validates can be built and tailored: it needs a purpose and a session plan
    (what tailoring chooses from) and the forms the pages link to. Kinds whose files failed
    are not reported again as missing."""
    words = english()
    problems = []
    for kind, missing in (
        (BY_NAME["purpose"], "read.kit.no_purposes"),
        (BY_NAME["plan"], "read.kit.no_plans"),
    ):
        if not getattr(kit, kind.attribute) and kind.name not in unreadable.failed:
            problems.append(Problem(display_path(kit_dir / kind.folder), message=words(missing)))
    forms = {form.id for form in kit.forms}
    for form_id in REQUIRED_FORMS:
        if form_id not in forms and not unreadable.hides("form", form_id):
            problems.append(
                Problem(
                    display_path(kit_dir / "forms" / f"{form_id}.yaml"),
                    message=words("read.kit.missing_form", form=form_id),
                )
            )
    return problems


def _files(folder: Path, suffix: str, problems: list[Problem]) -> list[Path]:
    """The folder's files with `suffix`; anything else in it is a problem. Whether each file is
    a regular file is left to the reader, which says what it is instead (a FIFO, a device)."""
    words = english()
    if not folder.is_dir():
        if folder.exists() or folder.is_symlink():
            problems.append(Problem(display_path(folder), message=words("read.kit.not_a_folder")))
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix == ".yml" and suffix == ".yaml":
            problems.append(Problem(display_path(path), message=words("read.kit.yml")))
        elif path.suffix != suffix:
            message = words("read.kit.wrong_suffix", suffix=suffix)
            problems.append(Problem(display_path(path), message=message))
        else:
            files.append(path)
    return files


def _file_name_matches_id(item: Any, path: Path, origin: Origin) -> list[Problem]:
    if item.id == path.stem:
        return []
    words = english()
    message = words("read.kit.id_not_file_name", id=item.id, name=path.stem)
    return [origin.problem(("id",), message)]


def _load_guide(path: Path) -> tuple[m.Guide, Origin]:
    """A guide is YAML front matter between '---' lines, then a Markdown body."""
    words = english()
    shown = display_path(path)
    text = read_text(path, shown)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    1,
                    1,
                    message=words("read.guide.no_front_matter"),
                    syntax=True,
                )
            ]
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ProblemsFound(
            [Problem(shown, 1, 1, message=words("read.guide.unclosed_front_matter"), syntax=True)]
        ) from None
    data, positions = parse_yaml("".join(lines[1:end]), shown, line_offset=1)
    meta = validate(m.GuideMeta, data, shown, positions)
    rest = lines[end + 1 :]
    body = "".join(rest).strip()
    if not body:
        raise ProblemsFound([Problem(shown, end + 2, 1, message=words("read.guide.no_body"))])
    blank = next(i for i, line in enumerate(rest) if line.strip())  # lines strip() removed
    positions.values[("body",)] = (end + 2 + blank, 1)
    positions.text_starts[("body",)] = end + 2 + blank
    return m.Guide(meta=meta, body=body), Origin(shown, positions)
