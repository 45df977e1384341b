"""Building: the stage that writes. It runs the stages below for a command (`orchestration`),
hands the site to MkDocs (`mkdocs_hooks`, `macros`: the thin bridge), and writes every output
folder safely: cleared by the guard, built beside the target, marked, then swapped in."""
