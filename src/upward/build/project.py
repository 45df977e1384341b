"""The project: where the kit, the templates and MkDocs' configuration live, the organisation's
workspace (if a command runs in one), and which folders an output may never be (they are
handed to the guard with each output).

The kit, templates, docs and mkdocs.yml are found, in this order: in a checkout of Upward at or
above the current folder (contributors edit them there); in the installed package, which
carries them as data (setup.py copies them into the wheel); in the checkout the package runs
from (an editable install).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from upward.build.guard import Output, planned_output
from upward.build.workspace import Workspace, find_workspace
from upward.words import english

if TYPE_CHECKING:
    from upward.load.located import LoadedKit

DATA_FOLDER = "_data"  # inside the package: what setup.py copies in (kit, templates, docs, ...)


def package_folder() -> Path:
    """The installed package (or src/upward in a checkout): never an output, nor inside one."""
    return Path(str(files("upward")))


def installed_data() -> Path | None:
    """The data the wheel carries, or None when the package runs from a checkout. (pip always
    unpacks a wheel, so the data is a real folder MkDocs can read.)"""
    folder = package_folder() / DATA_FOLDER
    return folder if _holds_a_kit(folder) else None


def _holds_a_kit(folder: Path) -> bool:
    return (folder / "mkdocs.yml").is_file() and (folder / "kit").is_dir()


@dataclass(frozen=True)
class Project:
    """Where the kit, templates and MkDocs configuration live (a checkout of Upward, or the
    installed package's data), and the workspace a command runs in."""

    root: Path
    kit_override: Path | None = None  # content from another kit folder; templates stay ours
    workspace: Workspace | None = None  # the organisation's profile, pages and overrides

    @classmethod
    def at(cls, root: Path) -> Project:
        return cls(root.resolve())

    def with_kit(self, kit_dir: Path | None) -> Project:
        return replace(self, kit_override=kit_dir.resolve()) if kit_dir else self

    def in_workspace(self, workspace: Workspace | None) -> Project:
        return replace(self, workspace=workspace)

    @classmethod
    def discover(cls, start: Path | None = None) -> Project:
        """The nearest checkout at or above `start`, else the installed package's data, else the
        package's own checkout; with the workspace at or above `start`, if any."""
        here = (start or Path.cwd()).resolve()
        workspace = find_workspace(here)
        for folder in (here, *here.parents):
            if _holds_a_kit(folder):
                return cls(folder, workspace=workspace)
        data = installed_data()
        root = data if data is not None else package_folder().parents[1]
        return cls(root, workspace=workspace)

    @property
    def installed(self) -> bool:
        """Is the kit the installed package's own (read-only to the user)?"""
        return self.root == installed_data()

    @property
    def kit_dir(self) -> Path:
        return self.kit_override or self.root / "kit"

    @property
    def overrides_dir(self) -> Path | None:
        """The workspace's replacements for kit items, read over the kit (upward.load.kit)."""
        return self.workspace.overrides_dir if self.workspace else None

    def load(self) -> LoadedKit:
        """The kit, with the workspace's overrides read over it; ProblemsFound lists all."""
        from upward.load.kit import load_kit

        return load_kit(self.kit_dir, self.overrides_dir)

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def home(self) -> Path:
        """Where outputs go when no folder is named (build/kits/<slug>): the workspace, else
        the checkout, else the current folder (never the installed package)."""
        if self.workspace is not None:
            return self.workspace.root
        return Path.cwd() if self.installed else self.root

    def output(
        self,
        folder: Path,
        command: str,
        *,
        replace: bool,
        profile: Path | None = None,
        private: bool = False,
        inputs: Mapping[str, Path] | None = None,
    ) -> Output:
        """`folder` cleared as an output of `command` (upward.build.guard), or ProblemsFound.
        `inputs`: more files or folders the command reads (applications, lists of pairs)."""
        words = english()
        inputs = {
            **(inputs or {}),
            words("folders.inputs.kit"): self.kit_dir,
            words("folders.inputs.project_kit"): self.root / "kit",
            words("folders.inputs.templates"): self.templates_dir,
            words("folders.inputs.docs"): self.root / "docs",  # MkDocs' docs_dir: assets, pages
            words("folders.inputs.package"): package_folder(),  # its code and the data it carries
        }
        places = {words("folders.places.project"): self.root}
        if self.workspace is not None:
            inputs.update(self.workspace.inputs())
            places[words("folders.places.workspace")] = self.workspace.root
        if profile is not None:  # the profile, and whatever the user keeps beside it
            places[words("folders.places.profile_folder")] = profile.absolute().parent
            if profile.resolve().parent != profile.absolute().parent.resolve():
                places[words("folders.places.profile_link")] = profile.resolve().parent
        return planned_output(
            folder, command=command, replace=replace, inputs=inputs, places=places, private=private
        )
