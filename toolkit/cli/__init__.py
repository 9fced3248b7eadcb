"""The command line: ``toolkit clean``, ``toolkit align``, ``toolkit glossary ...``, ``toolkit stages``.

``main(argv) -> int``; user errors print ``toolkit: error: ...`` with no
traceback. Exit status: 0 done; 1 some inputs had errors (reported, skipped,
the rest written); 2 bad usage or an unusable glossary/config.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from ..errors import ToolkitError
from .messages import err


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"toolkit: error: {message}", file=sys.stderr)
        raise SystemExit(2)




def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="toolkit", description="Clean scraped machine-translated zh->en documents; build bilingual corpora.")
    p.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    from .clean import add_parser as add_clean_parser

    add_clean_parser(sub, _Parser)

    from .align import add_parser as add_align_parser

    add_align_parser(sub, _Parser)

    from .glossary import add_parser as add_glossary_parser

    add_glossary_parser(sub, _Parser)

    st = sub.add_parser("stages", help="list every stage: what it requires and provides, its options, rule ids and packs")
    st.add_argument("--config", metavar="FILE", help="show this pipeline's stages, options and rule packs")
    st.add_argument("--json", action="store_true", help="print the declarations as JSON")
    st.add_argument("--yaml", action="store_true", help="print the pipeline as a config file with every option written out")

    from .report import add_parser as add_report_parser

    add_report_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "clean":
            from .clean import cmd_clean

            return cmd_clean(args)
        if args.command == "report":
            from .report import cmd_report

            return cmd_report(args)
        if args.command == "stages":
            from .stages import cmd_stages

            return cmd_stages(args)
        if args.command == "align":
            from .align import cmd_align

            return cmd_align(args)
        if args.command == "glossary":
            from .glossary import run

            if not args.gcommand:
                err("glossary needs a command: lint, test, show, stats, export, import, diff or suggest")
                return 2
            return run(args)
        parser.print_help()
        return 2
    except ToolkitError as exc:  # ConfigError, GlossaryError, InputError at the top level
        err(str(exc))
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # disk full, permissions: one line naming the file, never a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        err(f"{where}{exc.strerror or exc}")
        try:
            sys.stdout.flush()
        except OSError:  # a full stdout stays full; say nothing more
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1
