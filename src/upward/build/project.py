"""The project: where the kit, the templates and MkDocs' configuration live, and which folders
an output may never be (they are handed to the guard with each output)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from upward.build.guard import Output, planned_output


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
        self,
        folder: Path,
        command: str,
        *,
        replace: bool,
        profile: Path | None = None,
        inputs: Mapping[str, Path] | None = None,
    ) -> Output:
        """`folder` cleared as an output of `command` (upward.build.guard), or ProblemsFound.
        `inputs`: more files or folders the command reads (applications, lists of pairs)."""
        inputs = {
            **(inputs or {}),
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
