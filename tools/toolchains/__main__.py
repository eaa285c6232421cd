"""Command line: render specs through third-party toolchains, score the results.

    python -m tools.toolchains render SPEC_DIR OUT_DIR [--only NAME...]
    python -m tools.toolchains score SPEC_DIR OUT_DIR [--json] [--files]
    python -m tools.toolchains list
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tools.toolchains.render import TOOLCHAINS, render_all
from tools.toolchains.score import report, score_dir, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.toolchains",
                                     description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help="render every *.toml of SPEC_DIR")
    render.add_argument("spec_dir", type=Path)
    render.add_argument("out_dir", type=Path)
    names = ", ".join(toolchain.name for toolchain in TOOLCHAINS)
    render.add_argument("--only", nargs="+", metavar="NAME",
                        help=f"toolchains to use (default all: {names})")
    score = commands.add_parser("score", help="segment the rendered files and score them")
    score.add_argument("spec_dir", type=Path)
    score.add_argument("out_dir", type=Path)
    score.add_argument("--json", action="store_true", help="print JSON for machines")
    score.add_argument("--files", action="store_true", help="one row per file before the table")
    commands.add_parser("list", help="the toolchains and whether they can run here")
    args = parser.parse_args(argv)

    if args.command == "list":
        for toolchain in TOOLCHAINS:
            why = toolchain.available()
            state = f"unavailable: {why}" if why else "available"
            print(f"{toolchain.name:<17} {toolchain.ext:<6} {toolchain.description} ({state})")
        return 0
    if not args.spec_dir.is_dir():
        parser.error(f"{args.spec_dir} is not a folder")
    if args.command == "render":
        try:
            result = render_all(args.spec_dir, args.out_dir, args.only)
        except ValueError as error:
            parser.error(str(error))
        print("\n".join(result.lines()))
        return 1 if result.failed else 0
    if not args.out_dir.is_dir():
        parser.error(f"{args.out_dir} is not a folder (run `render` first)")
    scores = score_dir(args.spec_dir, args.out_dir)
    data = report(scores)
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(table(data, files=scores if args.files else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
