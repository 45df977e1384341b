"""Load the kit folder into validated models, collecting every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from upward import model as m
from upward.load.located import Folder, LoadedKit, Origin, Unreadable
from upward.load.references import check_references
from upward.load.validation import validate
from upward.load.yamlfile import Positions, load_yaml, parse_yaml, read_text
from upward.problems import Problem, ProblemsFound, did_you_mean, display_path

FOLDERS = (
    Folder("purposes", m.Purpose, "purposes", "purpose"),
    Folder("questions", m.QuestionBank, "question_banks", "topic", inner=("question",)),
    Folder("sessions", m.SessionPlan, "session_plans", "plan", inner=("session",)),
    Folder("feedback", m.FeedbackModule, "feedback_modules", "feedback module"),
    Folder("agreements", m.Agreement, "agreements", "agreement"),
    Folder("forms", m.Form, "forms", "form"),
    Folder("cases", m.CaseStudy, "case_studies", "case study"),
    Folder("messages", m.MessageFile, "messages", None, items="messages", inner=("message",)),
    Folder("sources", m.SourceFile, "sources", None, items="sources", inner=("source",)),
)
GUIDES = Folder("guides", m.GuideMeta, "guides", "guide")


SINGLE_FILES = (
    ("glossary.yaml", m.Glossary, "glossary"),
    ("faq.yaml", m.Faq, "faq"),
    ("standards.yaml", m.Standards, "standards"),
)
IGNORED = {"README.md", "examples"}


def load_kit(kit_dir: Path) -> LoadedKit:
    """Every file under `kit_dir`, validated and cross-checked; ProblemsFound lists all problems."""
    if not kit_dir.is_dir():
        raise ProblemsFound([Problem(display_path(kit_dir), message="no such kit folder")])
    names = {f.name for f in (*FOLDERS, GUIDES)}
    inner = kit_dir / "kit"
    if not any((kit_dir / name).is_dir() for name in names) and inner.is_dir():
        hint = f"did you mean --kit {display_path(inner)}?"
        raise ProblemsFound(
            [Problem(display_path(kit_dir), message=f"is not a kit folder; {hint}")]
        )
    problems: list[Problem] = []
    unreadable = Unreadable()
    parts: dict[str, Any] = {folder.attribute: [] for folder in FOLDERS}
    parts["guides"] = []
    origins: dict[int, Origin] = {}
    known = {f.name for f in FOLDERS} | {name for name, _, _ in SINGLE_FILES} | {"guides"} | IGNORED

    folders = {folder.name: folder for folder in (*FOLDERS, GUIDES)}
    for entry in sorted(kit_dir.iterdir()):
        if entry.name not in known and not entry.name.startswith("."):
            hint = did_you_mean(entry.name, known)
            problems.append(Problem(display_path(entry), message=f"is not part of the kit{hint}"))
            meant = did_you_mean(entry.name, folders).partition("'")[2].partition("'")[0]
            if meant:  # its references would all be unknown: one problem is enough
                unreadable.add_folder(folders[meant])
    for folder in FOLDERS:
        for path in _files(kit_dir / folder.name, ".yaml", problems):
            shown = display_path(path)
            data = None
            try:
                data, positions = load_yaml(path, shown)
                item = validate(folder.model, data, shown, positions)
            except ProblemsFound as found:
                problems.extend(found.problems)
                unreadable.add(path, data, folder)
                continue
            if folder.items:
                for index, sub in enumerate(getattr(item, folder.items)):
                    parts[folder.attribute].append(sub)
                    origins[id(sub)] = Origin(shown, positions, (folder.items, index))
            else:
                parts[folder.attribute].append(item)
                origins[id(item)] = Origin(shown, positions)
                problems.extend(_file_name_matches_id(item, path, shown, positions))
    for path in _files(kit_dir / "guides", ".md", problems):
        try:
            guide, origin = _load_guide(path)
        except ProblemsFound as found:
            problems.extend(found.problems)
            unreadable.add(path, None, GUIDES)
            continue
        parts["guides"].append(guide)
        origins[id(guide)] = origin
        problems.extend(_file_name_matches_id(guide.meta, path, origin.shown, origin.positions))
    for name, model, attribute in SINGLE_FILES:
        path = kit_dir / name
        parts[attribute] = None
        if not path.exists() and not path.is_symlink():  # a broken link is reported
            continue
        try:
            data, positions = load_yaml(path, display_path(path))
            parts[attribute] = validate(model, data, display_path(path), positions)
            origins[id(parts[attribute])] = Origin(display_path(path), positions)
        except ProblemsFound as found:
            problems.extend(found.problems)
    kit = m.Kit.model_construct(**parts)  # items are validated already; skip a second pass
    loaded = LoadedKit(kit, origins)
    problems.extend(check_references(loaded, unreadable))
    problems.extend(_what_the_site_needs(kit, kit_dir, unreadable))
    if problems:
        raise ProblemsFound(problems)
    return loaded


REQUIRED_FORMS = ("goals-worksheet", "mentoring-agreement", "session-preparation")
"""Forms the site's page templates link to by id (templates/pages): a kit without them would
validate, then fail to build with MkDocs' strict-mode warnings about missing pages."""


def _what_the_site_needs(kit: m.Kit, kit_dir: Path, unreadable: Unreadable) -> list[Problem]:
    """A kit that validates can be built and tailored: it needs a purpose and a session plan
    (what tailoring chooses from) and the forms the pages link to. Kinds whose files failed
    are not reported again as missing."""
    problems = []
    for folder, items, what in (
        (FOLDERS[0], kit.purposes, "purposes: tailoring needs at least one"),
        (FOLDERS[2], kit.session_plans, "session plans: tailoring needs at least one"),
    ):
        if not items and folder.named not in unreadable.failed:
            problems.append(
                Problem(display_path(kit_dir / folder.name), message=f"the kit has no {what}")
            )
    forms = {form.id for form in kit.forms}
    for form_id in REQUIRED_FORMS:
        if form_id not in forms and not unreadable.hides("form", form_id):
            problems.append(
                Problem(
                    display_path(kit_dir / "forms" / f"{form_id}.yaml"),
                    message=f"the form '{form_id}' is missing: the site's pages link to it",
                )
            )
    return problems


def _files(folder: Path, suffix: str, problems: list[Problem]) -> list[Path]:
    """The folder's files with `suffix`; anything else in it is a problem. Whether each file is
    a regular file is left to the reader, which says what it is instead (a FIFO, a device)."""
    if not folder.is_dir():
        if folder.exists() or folder.is_symlink():
            problems.append(Problem(display_path(folder), message="should be a folder"))
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix == ".yml" and suffix == ".yaml":
            problems.append(
                Problem(display_path(path), message="rename it to .yaml (the kit's one spelling)")
            )
        elif path.suffix != suffix:
            problems.append(
                Problem(
                    display_path(path),
                    message=f"is not a {suffix} file; only {suffix} files belong here",
                )
            )
        else:
            files.append(path)
    return files


def _file_name_matches_id(item: Any, path: Path, shown: str, positions: Positions) -> list[Problem]:
    if getattr(item, "id", path.stem) == path.stem:
        return []
    line, column = positions.of(("id",))
    return [
        Problem(shown, line, column, "id", f"'{item.id}' should match the file name '{path.stem}'")
    ]


def _load_guide(path: Path) -> tuple[m.Guide, Origin]:
    """A guide is YAML front matter between '---' lines, then a Markdown body."""
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
                    message="should start with '---' and YAML front matter",
                    syntax=True,
                )
            ]
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ProblemsFound(
            [Problem(shown, 1, 1, message="front matter has no closing '---' line", syntax=True)]
        ) from None
    data, positions = parse_yaml("".join(lines[1:end]), shown, line_offset=1)
    meta = validate(m.GuideMeta, data, shown, positions)
    rest = lines[end + 1 :]
    body = "".join(rest).strip()
    if not body:
        raise ProblemsFound(
            [Problem(shown, end + 2, 1, message="the guide has no text after its front matter")]
        )
    blank = next(i for i, line in enumerate(rest) if line.strip())  # lines strip() removed
    positions.values[("body",)] = (end + 2 + blank, 1)
    positions.text_starts[("body",)] = end + 2 + blank
    return m.Guide(meta=meta, body=body), Origin(shown, positions)
