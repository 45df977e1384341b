"""An organisation's workspace (`upward init DIR`): its profile, its own pages and its overrides
of kit items, beside the kit Upward carries.

A folder is a workspace when it holds `profile.yaml` and a `pages/` or `overrides/` folder; a
command finds the one at or above the current folder, as git finds a repository. No marker file
of its own: both are what `upward init` makes and what the README there explains.

Own pages are the organisation's Markdown, added to its tailored site under `our/`. Each is a
template over the organisation's values (`{{ org.name }}`, `{{ first_session.date }}`,
`{{ kit_counts() }}`) in Jinja's sandbox, every value escaped and an unknown name an error
(mkdocs-macros' `on_undefined: strict`, done by upward.build.macros as for docs/). The page is
the organisation's own text, so it may be a template; the profile's values stay data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from upward.build.manifest import DamagedMark, read_manifest
from upward.problems import Problem, ProblemsFound, did_you_mean, display_path
from upward.words import english

PROFILE = "profile.yaml"
PAGES = "pages"
OVERRIDES = "overrides"
README = "README.md"
OWN_PAGES_IN_SITE = "our"  # where the site holds them: pages/intro.md -> our/intro.md


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def profile(self) -> Path:
        return self.root / PROFILE

    @property
    def pages_dir(self) -> Path:
        return self.root / PAGES

    @property
    def overrides_dir(self) -> Path | None:
        folder = self.root / OVERRIDES
        return folder if folder.is_dir() else None

    def inputs(self) -> dict[str, Path]:
        """The folders a command reads here: never an output, nor inside one."""
        words = english()
        return {
            words("folders.inputs.workspace_pages"): self.pages_dir,
            words("folders.inputs.workspace_overrides"): self.root / OVERRIDES,
        }


def is_workspace(folder: Path) -> bool:
    return (folder / PROFILE).is_file() and any(
        (folder / name).is_dir() for name in (PAGES, OVERRIDES)
    )


def find_workspace(start: Path) -> Workspace | None:
    """The workspace at or above `start`, or None."""
    for folder in (start, *start.parents):
        if is_workspace(folder):
            return Workspace(folder)
    return None


def own_page_path(relative: str) -> str:
    """Where the site holds a file of pages/ (`intro.md` -> `our/intro.md`)."""
    return f"{OWN_PAGES_IN_SITE}/{relative}"


def own_pages(
    workspace: Workspace, values: Mapping[str, Any]
) -> tuple[dict[str, str], dict[str, bytes]]:
    """The workspace's pages (site path -> Markdown, rendered over `values`) and the other files
    beside them (images, PDFs: site path -> bytes); ProblemsFound names every page that fails."""
    from upward.build.macros import PageMacroError, render_page

    folder = workspace.pages_dir
    pages: dict[str, str] = {}
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return pages, files
    private: set[Path] = set()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        holder = _private_holder(path, folder)
        if holder is not None:
            if holder[0] not in private:
                private.add(holder[0])
                problems.append(Problem(display_path(holder[0]), message=holder[1]))
            continue
        shown = display_path(path)
        site_path = own_page_path(relative.as_posix())
        if path.suffix != ".md":
            files[site_path] = path.read_bytes()
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            message = english()("folders.workspace.not_utf8", reason=error.reason)
            problems.append(Problem(shown, message=message))
            continue
        try:
            pages[site_path] = with_safe_title(render_page(text, values))
        except PageMacroError as error:
            problems.append(_page_problem(shown, error, values))
    if problems:
        raise ProblemsFound(problems)
    return pages, files


def _private_holder(path: Path, pages: Path) -> tuple[Path, str] | None:
    """The folder of personal data that `path` lies in, with why it counts as one, or None.

    Such a folder is one `upward match`, `status` or `report` wrote (its mark says private) or
    one carrying their notice: a report written into pages/ by mistake, or linked there. Its
    files are never copied into the site, whatever their kind; the other files of pages/ are the
    organisation's own (pictures, a policy PDF) and are copied as they are. The folders are
    looked at as named (up to pages/) and as the links lead (up to /)."""
    words = english()
    notice = words("private_folder.notice_file")
    named = path.parents[: len(path.relative_to(pages).parts)]  # path's folders up to pages/
    real = path.resolve().parents
    for place in (*named, *real):
        try:
            manifest = read_manifest(place)
        except DamagedMark:
            manifest = None
        if manifest is not None and manifest.private:
            why = words("private_places.written_by", command=manifest.command)
        elif (place / notice).is_file():
            why = words("private_places.carries_notice", notice=notice)
        else:
            continue
        return place, words("private_places.private_in_pages", why=why)
    return None


def with_safe_title(markdown: str) -> str:
    """The page with its first `# ` heading also as its front matter's title. The theme prints
    a title from front matter as it is, but one it takes from the heading through `striptags`,
    which turns the escaped `&lt;` of a value back into `<`: in the browser tab's <title>, a
    name holding `</title><script>` would then run. The heading is escaped already (every value
    is), so as the title it stays text."""
    body = markdown
    meta: dict[str, Any] = {}
    lines = markdown.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            loaded = yaml.safe_load("".join(lines[1:end])) or {}
            if not isinstance(loaded, dict):
                return markdown  # not front matter MkDocs would read either
            meta, body = loaded, "".join(lines[end + 1 :])
    if "title" not in meta:
        heading = next((line for line in body.splitlines() if line.startswith("# ")), None)
        if heading is None:
            return markdown
        meta["title"] = heading[2:].strip()
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{body}"


def _page_problem(shown: str, error: Exception, values: Mapping[str, Any]) -> Problem:
    """The page's mistake with its line (Jinja gives an unknown name's line only through the
    traceback, where its frames carry the template's own line numbers) and a likely fix."""
    cause = error.__context__ or error
    line = getattr(cause, "lineno", None) or 0
    trace = cause.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    message = str(cause) if cause is not error else str(error)
    unknown = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", message)
    hint = ""
    if unknown:
        name = unknown.group(1) or unknown.group(2)
        hint = did_you_mean(name, [*values, *values.get("org", {})])
    words = english()
    return Problem(
        shown, line, message=words("folders.workspace.page", problem=message, suggestion=hint)
    )


def own_page_values(tailored: Any, counts: Mapping[str, int]) -> dict[str, Any]:
    """What an organisation's page may use: the org's values (as kit text's placeholders see
    them), its sessions, and the kit's inventory. The dates are the programme's, not today's,
    so the same profile gives the same site on any day. Every value is escaped as generated
    pages escape profile text (numeric entities for Markdown's and HTML's specials), so a name
    stays text in the page, its heading and the browser tab's title, which MkDocs takes from
    the heading unescaped."""
    from dataclasses import asdict

    from upward.build.macros import page_values
    from upward.text import TextRenderer, markdown_literal

    def text(value: str) -> Markup:
        return Markup(markdown_literal(value))

    render = TextRenderer(tailored.org)
    words = tailored.words
    sessions = [
        {
            "number": s.number,
            "date": text(words.date(s.date)),
            "title": text(render(s.session.title)),
        }
        for s in tailored.schedule
    ]
    return {
        **page_values(counts),
        "org": {key: text(value) for key, value in asdict(tailored.org).items()},
        "sessions": sessions,
        "first_session": sessions[0] if sessions else None,
        "last_session": sessions[-1] if sessions else None,
    }
