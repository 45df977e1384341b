"""Orchestration: kit -> site, forms, calendar, zip. Every output folder is first cleared by the
guard (never an input, never a folder Upward did not make), then built in a temporary folder
beside it and moved into place only when complete, so a failed or killed run never leaves a
half-written kit and never touches the previous one."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from upward.build.guard import Output, claimed, planned_output
from upward.render.jinja_cache import reuse_compiled_theme_templates
from upward.load.kit import load_kit
from upward.load.located import LoadedKit
from upward.load.profile import read_profile
from upward.model import Kit, Profile
from upward.build.outputs import bundle_zip, form_files
from upward.build.parallel import FormsJob
from upward.plan.agenda import agenda_fit_problems
from upward.plan.tailored import TailoredKit, tailor_kit
from upward.problems import Problem, ProblemsFound
from upward.render.pages import RenderedSite, render_site
from upward.build.reproducible import pin_build_stamps
from upward.build.staging import staged_folder

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner is noise here

SITE_INPUTS_KEY = "upward_site_inputs"
DOWNLOADS = "downloads"


@dataclass(frozen=True)
class Project:
    """Where the kit, templates and MkDocs configuration live (a checkout of Upward)."""

    root: Path
    kit_override: Path | None = None  # content from another kit folder; templates stay ours

    @classmethod
    def at(cls, root: Path) -> Project:
        return cls(root.resolve())

    def with_kit(self, kit_dir: Path | None) -> Project:
        return Project(self.root, kit_dir.resolve()) if kit_dir else self

    @classmethod
    def discover(cls, start: Path | None = None) -> Project:
        """The nearest folder upwards with mkdocs.yml and kit/, else the package's checkout."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "kit").is_dir():
                return cls(folder)
        return cls(Path(__file__).resolve().parents[3])

    @property
    def kit_dir(self) -> Path:
        return self.kit_override or self.root / "kit"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def output(
        self, folder: Path, command: str, *, replace: bool, profile: Path | None = None
    ) -> Output:
        """`folder` cleared as an output of `command` (upward.build.guard), or ProblemsFound."""
        inputs = {
            "the kit folder": self.kit_dir,
            "the project's kit folder": self.root / "kit",
            "the templates folder": self.templates_dir,
            "the docs folder": self.root / "docs",  # MkDocs' docs_dir: our assets and pages
        }
        places = {"the project folder": self.root}
        if profile is not None:  # the profile, and whatever the user keeps beside it
            places["the profile's folder"] = profile.absolute().parent
            if profile.resolve().parent != profile.absolute().parent.resolve():
                places["the folder the profile links into"] = profile.resolve().parent
        return planned_output(
            folder, command=command, replace=replace, inputs=inputs, places=places
        )


@dataclass(frozen=True)
class SiteInputs:
    """Everything the MkDocs hook adds to a build: pages, navigation and download files."""

    rendered: RenderedSite
    downloads: dict[str, bytes]
    counts: dict[str, int]


def site_inputs(
    project: Project,
    kit: Kit,
    tailored: TailoredKit | None,
    forms: dict[str, bytes],
    extra: dict[str, bytes] | None = None,
) -> SiteInputs:
    downloads = {f"{DOWNLOADS}/forms/{name}": data for name, data in forms.items()}
    downloads.update({f"{DOWNLOADS}/{name}": data for name, data in (extra or {}).items()})
    return SiteInputs(render_site(project.templates_dir, kit, tailored), downloads, kit.counts())


def general_site_inputs(project: Project, loaded: LoadedKit | None = None) -> SiteInputs:
    """Inputs of the general site; used by `mkdocs serve`, which knows only mkdocs.yml."""
    kit = (loaded or load_kit(project.kit_dir)).kit
    return site_inputs(project, kit, None, form_files(kit, None))


def build_mkdocs(project: Project, inputs: SiteInputs, site_dir: Path) -> None:
    """Run MkDocs in this process with our inputs; strict, so a warning fails the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    warnings = _Warnings()  # strict mode stops on warnings but names only their count
    logger.addHandler(warnings)
    try:
        config = load_config(str(project.mkdocs_yml), site_dir=str(site_dir), strict=True)
        config.extra[SITE_INPUTS_KEY] = inputs
        reuse_compiled_theme_templates(config.theme)  # compiled once per process, not per site
        build(config)
    except (Abort, ConfigurationError) as error:
        reasons = warnings.messages or [str(error)]
        raise ProblemsFound(
            [
                Problem(str(project.mkdocs_yml.name), message=f"site build failed: {r}")
                for r in reasons
            ]
        ) from None
    finally:
        logger.removeHandler(warnings)
    pin_build_stamps(site_dir)  # the same inputs give the same bytes on any day


class _Warnings(logging.Handler):
    """Collects MkDocs' warnings, so a failed strict build can say what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


def build_general_site(project: Project, site_dir: Path) -> LoadedKit:
    output = project.output(site_dir, "build", replace=True)
    loaded = load_kit(project.kit_dir)
    # The forms are made on another core while MkDocs runs; the claim comes after the fork, so
    # that the child never holds the lock.
    with FormsJob(loaded.kit, None) as forms, claimed(output):
        inputs = site_inputs(project, loaded.kit, None, forms.stand_ins())
        with staged_folder(output.folder, command=output.command) as staging:
            build_mkdocs(project, inputs, staging)
            _write_all(staging / DOWNLOADS / "forms", forms.result())
    return loaded


def build_blank_forms(project: Project, out_dir: Path) -> dict[str, bytes]:
    output = project.output(out_dir, "forms", replace=True)
    kit = load_kit(project.kit_dir).kit
    with claimed(output):
        forms = form_files(kit, None)
        with staged_folder(output.folder, command=output.command) as staging:
            _write_all(staging, forms)
    return forms


@dataclass(frozen=True)
class TailorResult:
    tailored: TailoredKit
    folder: Path
    zip_path: Path
    files: int


def tailor(
    project: Project, profile_path: Path, out_dir: Path | None, *, force: bool
) -> TailorResult:
    """One organisation's kit: site, prefilled forms, calendar and zip, in `out_dir`."""
    if out_dir is not None:  # a forbidden place is refused before anything is loaded
        project.output(out_dir, "tailor", replace=force, profile=profile_path)
    kit, profile = _load_kit_and_profile(project, profile_path)
    from upward.render.session_calendar import (
        schedule_ics,  # after validation: a bad profile fails fast
    )

    tailored = tailor_kit(kit, profile)
    folder = out_dir or project.root / "build" / "kits" / tailored.slug
    output = project.output(folder, "tailor", replace=force, profile=profile_path)
    # made on another core while MkDocs runs; claimed after the fork, so the child has no lock
    with FormsJob(kit, tailored) as job, claimed(output):
        ics = schedule_ics(tailored)
        inputs = site_inputs(project, kit, tailored, job.stand_ins(), {"schedule.ics": ics})
        zip_name = f"{tailored.slug}-reverse-mentoring-kit.zip"
        with staged_folder(output.folder, command=output.command) as staging:
            build_mkdocs(project, inputs, staging / "site")
            forms = job.result()
            _write_all(staging / "site" / DOWNLOADS / "forms", forms)
            _write_all(staging / "forms", forms)
            (staging / "schedule.ics").write_bytes(ics)
            files = bundle_zip(staging, staging / zip_name, prefix=tailored.slug)
    return TailorResult(tailored, folder, folder / zip_name, files)


def _load_kit_and_profile(project: Project, profile_path: Path) -> tuple[Kit, Profile]:
    """Both inputs, with the problems of each reported together; once both are sound, the
    sessions the profile gets are checked to fit its minutes."""
    problems: list[Problem] = []
    loaded = located = None
    try:
        loaded = load_kit(project.kit_dir)
    except ProblemsFound as found:
        problems.extend(found.problems)
    try:
        located = read_profile(
            profile_path, lambda: [p.id for p in loaded.kit.purposes] if loaded else []
        )
    except ProblemsFound as found:
        problems.extend(found.problems)
    if loaded and located:
        problems.extend(agenda_fit_problems(located, loaded))
    if problems:
        raise ProblemsFound(problems)
    assert loaded is not None and located is not None
    return loaded.kit, located.profile


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
