"""The command line the section benches share (bench_matching.py, bench_report.py): `--quick`
for the smaller sizes, `--json FILE` for the figures as JSON, then the table on the screen."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def bench_main(
    doc: str,
    run: Callable[[bool], dict[str, Any]],
    print_table: Callable[[dict[str, Any]], None],
    argv: list[str] | None = None,
) -> int:
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    report = run(args.quick)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    return 0
