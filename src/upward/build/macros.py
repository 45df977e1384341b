"""mkdocs-macros pluglet for the few hand-written pages in docs/ that opt in with
`render_macros: true`. Generated pages never pass through macros: their text may come from a
profile, and profile text is data, never a template."""

from __future__ import annotations

from typing import Any

from upward.text import PLACEHOLDERS


def define_env(env: Any) -> None:
    env.variables["placeholders"] = [f"org.{name}" for name in PLACEHOLDERS]

    @env.macro
    def kit_counts() -> dict[str, int]:
        """The kit's inventory, as `upward validate` reports it."""
        from upward.build.mkdocs_site import SITE_INPUTS_KEY

        inputs = env.conf["extra"].get(SITE_INPUTS_KEY)
        return dict(inputs.counts) if inputs else {}


def on_pre_page_macros(env: Any) -> None:
    """Escape variables by default, so no value can inject markup into a page."""
    env.env.autoescape = True
