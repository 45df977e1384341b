"""The site: our pages, navigation and downloads handed to MkDocs, which runs in this process.

The hook (upward.build.mkdocs_hooks) finds the inputs in MkDocs' config under SITE_INPUTS_KEY;
plain `mkdocs build` and `mkdocs serve`, which know only mkdocs.yml, make them from kit/.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from upward import paths
from upward.build.outputs import form_files
from upward.build.project import Project
from upward.build.reproducible import pin_build_stamps
from upward.load.located import LoadedKit
from upward.model import Kit
from upward.plan.tailored import TailoredKit
from upward.problems import Problem, ProblemsFound
from upward.render.jinja_cache import reuse_compiled_theme_templates
from upward.render.pages import RenderedSite, render_site
from upward.words import english

SITE_INPUTS_KEY = "upward_site_inputs"
HOOKS_FILE = str(Path(__file__).with_name("mkdocs_hooks.py"))
"""The hook, by its own path: mkdocs.yml names it relative to a checkout, which an installed
package does not have."""


@dataclass(frozen=True)
class SiteInputs:
    """Everything the MkDocs hook adds to a build: pages, navigation and download files."""

    rendered: RenderedSite
    downloads: dict[str, bytes]
    counts: dict[str, int]
    own_pages: dict[str, str] = field(default_factory=dict)  # a workspace's pages/, rendered
    own_title: str = ""  # their section in the navigation: the organisation's name


def site_inputs(
    project: Project,
    kit: Kit,
    tailored: TailoredKit | None,
    forms: dict[str, bytes],
    extra: dict[str, bytes] | None = None,
) -> SiteInputs:
    downloads = {paths.form_download_of(name): data for name, data in forms.items()}
    downloads.update({paths.download(name): data for name, data in (extra or {}).items()})
    rendered = render_site(project.templates_dir, kit, tailored)
    if tailored is None or project.workspace is None:
        return SiteInputs(rendered, downloads, kit.counts())
    from upward.build.workspace import own_page_values, own_pages

    values = own_page_values(tailored, kit.counts())
    pages, files = own_pages(project.workspace, values)
    downloads.update(files)
    return SiteInputs(rendered, downloads, kit.counts(), pages, tailored.org.name)


def general_site_inputs(project: Project, loaded: LoadedKit | None = None) -> SiteInputs:
    """Inputs of the general site; used by `mkdocs serve`, which knows only mkdocs.yml."""
    kit = (loaded or project.load()).kit
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
        config = load_config(
            str(project.mkdocs_yml), site_dir=str(site_dir), strict=True, hooks=[HOOKS_FILE]
        )
        config.extra[SITE_INPUTS_KEY] = inputs
        reuse_compiled_theme_templates(config.theme)  # compiled once per process, not per site
        build(config)
    except (Abort, ConfigurationError) as error:
        reasons = warnings.messages or [str(error)]
        words = english()
        raise ProblemsFound(
            [
                Problem(project.mkdocs_yml.name, message=words("cli.site_failed", reason=r))
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
