"""Orchestration: kit -> site, forms, calendar, zip. Every output folder is first cleared by the
guard (never an input, never a folder Upward did not make), then built in a temporary folder
beside it and moved into place only when complete, so a failed or killed run never leaves a
half-written kit and never touches the previous one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from upward import paths
from upward.build.guard import claimed
from upward.build.mkdocs_site import build_mkdocs, site_inputs
from upward.build.outputs import PublicOutputs, form_files
from upward.build.parallel import FormsJob
from upward.build.project import Project
from upward.build.staging import staged_folder, work_folder
from upward.load.located import LoadedKit
from upward.load.org_profile import LoadedProfile, profile_warnings, read_profile
from upward.model import Kit
from upward.plan.agenda import agenda_fit_problems
from upward.plan.profile_answers import past_start
from upward.plan.tailored import TailoredKit, tailor_kit
from upward.plan.working_days import NoWorkingDay
from upward.problems import Problem, ProblemsFound
from upward.words import english


def build_general_site(project: Project, site_dir: Path) -> LoadedKit:
    output = project.output(site_dir, "build", replace=True)
    loaded = project.load()
    # The forms are made on another core while MkDocs runs; the claim comes after the fork, so
    # that the child never holds the lock.
    with FormsJob(loaded.kit, None) as forms, claimed(output), work_folder(output.folder) as work:
        public = PublicOutputs()
        build_mkdocs(project, site_inputs(project, loaded.kit, None, forms.stand_ins()), work)
        public.add_site(work)
        for name, data in forms.result().items():
            public.add(paths.form_download_of(name), data)
        with staged_folder(output.folder, command=output.command) as staging:
            public.write(staging)
            public.seal(staging)
    return loaded


def build_blank_forms(project: Project, out_dir: Path) -> dict[str, bytes]:
    output = project.output(out_dir, "forms", replace=True)
    kit = project.load().kit
    with claimed(output):
        forms = form_files(kit, None)
        public = PublicOutputs()
        for name, data in forms.items():
            public.add(name, data)
        with staged_folder(output.folder, command=output.command) as staging:
            public.write(staging)
            public.seal(staging)
    return forms


@dataclass(frozen=True)
class TailorResult:
    tailored: TailoredKit
    folder: Path
    zip_path: Path
    files: int
    warnings: tuple[Problem, ...] = ()  # about the profile; the kit was made all the same


def tailor(
    project: Project,
    profile_path: Path,
    out_dir: Path | None,
    *,
    force: bool,
    today: dt.date | None = None,
) -> TailorResult:
    """One organisation's kit: site, prefilled forms, calendar and zip, in `out_dir`; its
    warnings (the profile's concerns, a start before `today`) come with it. The kit itself
    does not depend on the day."""
    if out_dir is not None:  # a forbidden place is refused before anything is loaded
        project.output(out_dir, "tailor", replace=force, profile=profile_path)
    kit, located = _load_kit_and_profile(project, profile_path)
    profile = located.profile
    from upward.render.session_calendar import schedule_ics  # after validation: fail fast
    from upward.render.stage_messages import message_files
    from upward.render.start_here import FILE_NAME as START_HERE
    from upward.render.start_here import start_here_html
    from upward.render.tracker import tracker_workbook

    try:
        tailored = tailor_kit(kit, profile)
    except NoWorkingDay as error:
        raise ProblemsFound(
            [
                Problem(
                    located.origin.shown,
                    field="working_days",
                    message=english()("cli.no_working_day", reason=error),
                )
            ]
        ) from None
    folder = out_dir or project.home / paths.kit_folder(tailored.slug)
    output = project.output(folder, "tailor", replace=force, profile=profile_path)
    zip_name = paths.kit_zip(tailored.slug)
    # made on another core while MkDocs runs; claimed after the fork, so the child has no lock
    with FormsJob(kit, tailored) as job, claimed(output), work_folder(output.folder) as work:
        public = PublicOutputs()
        ics = schedule_ics(tailored)
        tracker = tracker_workbook(tailored)  # empty: public, in the kit, its zip and its site
        extra = {paths.KIT_SCHEDULE: ics, paths.KIT_TRACKER: tracker}
        inputs = site_inputs(project, kit, tailored, job.stand_ins(), extra)
        build_mkdocs(project, inputs, work / paths.KIT_SITE)
        public.add_site(work / paths.KIT_SITE, under=paths.KIT_SITE)
        for name, data in job.result().items():
            public.add(f"{paths.KIT_SITE}/{paths.form_download_of(name)}", data)
            public.add(paths.kit_form(name), data)
        public.add(paths.KIT_SCHEDULE, ics)
        public.add(paths.KIT_TRACKER, tracker)
        for name, data in message_files(tailored).items():
            public.add(paths.kit_message(name), data)
        public.add(START_HERE, start_here_html(tailored))
        with staged_folder(output.folder, command=output.command) as staging:
            public.write(staging)
            files = public.zip(staging / zip_name, prefix=tailored.slug)
            public.seal(staging, also=(zip_name,))
    warnings = profile_warnings(located)
    late = past_start(tailored, today or dt.date.today())
    if late:
        warnings.append(located.origin.problem(("start",), late))
    return TailorResult(tailored, folder, folder / zip_name, files, tuple(warnings))


def _load_kit_and_profile(project: Project, profile_path: Path) -> tuple[Kit, LoadedProfile]:
    """Both inputs, with the problems of each reported together; once both are sound, the
    sessions the profile gets are checked to fit its minutes."""
    problems: list[Problem] = []
    loaded = located = None
    try:
        loaded = project.load()
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
    return loaded.kit, located
