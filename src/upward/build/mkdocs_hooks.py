"""The thin bridge between MkDocs and the kit: adds the generated pages, navigation and
downloads, and gives the site's frame (name, footer, toggles, Material's own words) the language
of the pages. `upward build` and `upward tailor` hand it ready-made inputs; plain
`mkdocs build`/`mkdocs serve` (and `upward serve`) let it make them from kit/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from upward import paths
from upward.build.macros import OPT_IN, PageMacroError, page_values, render_page
from upward.build.mkdocs_site import SITE_INPUTS_KEY, SiteInputs, general_site_inputs
from upward.build.project import Project
from upward.words import Words, words_for


def _inputs(config: MkDocsConfig) -> SiteInputs:
    inputs = config.extra.get(SITE_INPUTS_KEY)
    if not isinstance(inputs, SiteInputs):
        project = Project.at(Path(config.config_file_path).parent)
        inputs = general_site_inputs(project)
        config.extra[SITE_INPUTS_KEY] = inputs
    return inputs


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    rendered = _inputs(config).rendered
    config.nav = rendered.nav
    inputs = _inputs(config)
    if inputs.own_pages:  # the organisation's own pages, as one section after the kit's
        config.nav = [*rendered.nav, {escape(inputs.own_title): sorted(inputs.own_pages)}]
    _frame_words(config, words_for(rendered.language))
    if rendered.site_name:  # a tailored kit carries the programme's name, not the kit's
        # Material prints the name unescaped in most places (and through `| e` in two): as
        # Markup, it is escaped once everywhere, so profile text stays text
        config.site_name = escape(rendered.site_name)
    return config


def _frame_words(config: MkDocsConfig, words: Words) -> None:
    """The words mkdocs.yml would otherwise hold, from the words file, so a translation
    needs no second copy of them."""
    config.site_name = words("site.name")
    config.site_description = words("site.description")
    config.copyright = words("site.copyright")
    config.theme["language"] = words("language.code")
    toggle_to = {"default": words("site.dark_mode"), "slate": words("site.light_mode")}
    for palette in config.theme["palette"]:
        palette["toggle"]["name"] = toggle_to[palette["scheme"]]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    inputs = _inputs(config)
    if not inputs.rendered.authoring:  # the hand-written pages for the kit's authors stay out
        for page in paths.AUTHORING:
            found = files.get_file_from_path(page)
            if found is not None:
                files.remove(found)
    for path, markdown in inputs.rendered.pages.items():
        files.append(File.generated(config, path, content=markdown))
    for path, data in inputs.downloads.items():
        files.append(File.generated(config, path, content=data))
    for path, markdown in inputs.own_pages.items():  # rendered already (upward.build.workspace)
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A hand-written page that opts in (`render_macros: true`) is rendered as a template over
    upward.build.macros' values; every other page, and every generated one, as written."""
    inputs = _inputs(config)
    generated = page.file.src_uri in inputs.rendered.pages or page.file.src_uri in inputs.own_pages
    if page.meta.get(OPT_IN) is not True or generated:
        return markdown
    try:
        return render_page(markdown, page_values(inputs.counts))
    except PageMacroError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when content or templates change, not only docs/."""
    root = Path(config.config_file_path).parent
    for folder in ("kit", "templates", "src/upward"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
