"""The packaging hook: the wheel carries the kit, the templates, the docs assets and mkdocs.yml
as package data (upward/_data), copied from the checkout while the wheel is built, so that the
checkout's top-level folders stay their single source and nothing is copied by hand.

An editable install (`make setup`) copies nothing: it reads the checkout itself
(upward.build.project). The sdist holds the same folders (MANIFEST.in), so a wheel built from
it is the same as one built from the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("kit", "templates", "docs", "mkdocs.yml")  # upward.build.project.DATA_FOLDER holds them
LEFT_OUT = ("examples",)  # the kit's sample cohort and profiles: for contributors and tests
DATA = "upward/_data"


class BuildWithKit(build_py):
    """build_py, then the shipped folders into the package's _data folder."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / DATA
        if target.exists():
            shutil.rmtree(target)
        for name in SHIPPED:
            source = root / name
            if not source.exists():
                raise SystemExit(f"cannot build Upward: {source} is missing")
            if source.is_dir():
                ignored = shutil.ignore_patterns(*LEFT_OUT, "__pycache__", ".*")
                shutil.copytree(source, target / name, ignore=ignored if name == "kit" else None)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithKit})
