"""The `kb` command: the composition root, the one place that may wire every package.

Commands that need the index import `indexer` (and `serve` imports `webui`) inside
their own function, so `kb export PATH…` runs without them. One module per job: the
parser and its French strings (parser.py, french.py), the values filters accept
(values.py), and the commands (reading, searching, reindexing, corrections, serving).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence

from kbcli.common import TerminalSafe, index_dir
from kbcli.french import gettext_fr
from kbcli.parser import build_parser

__all__ = ["build_parser", "index_dir", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        owner = getattr(args, "command_parser", parser)
        owner.error(gettext_fr("unrecognized arguments: %s") % " ".join(unknown))
    try:
        with (contextlib.redirect_stdout(TerminalSafe(sys.stdout)),
              contextlib.redirect_stderr(TerminalSafe(sys.stderr))):
            return args.func(args)
    except KeyboardInterrupt:
        print("interrompu", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
