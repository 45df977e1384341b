"""Building: the stage that writes. It runs the stages below for a command (`orchestration`),
hands the site to MkDocs (`mkdocs_site`; `mkdocs_hooks` and `macros` are the thin bridge that
MkDocs loads), and writes every output folder safely: cleared by the guard, built beside the
target, marked, then swapped in."""

import os

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner is noise here
