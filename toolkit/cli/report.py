"""``toolkit report OUT.jsonl -o report.html``: the HTML review report of a cleaned corpus."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def _err(msg: str) -> None:
    # Not ``toolkit.cli.err``: importing the package from its own module would make an import circle.
    print(f"toolkit: error: {msg}", file=sys.stderr)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``toolkit report`` on the main parser's subparsers."""
    r = subparsers.add_parser("report", help="write a self-contained HTML review report of a cleaned corpus")
    r.add_argument("records", metavar="OUT.jsonl", help="the JSONL that toolkit clean -o wrote (gzip too)")
    r.add_argument("-o", "--output", metavar="REPORT.html", required=True, help="the HTML file to write")
    r.add_argument("--pairs", metavar="PAIRS.jsonl", help="the --bitext JSONL of the same run (pairs per document)")
    r.add_argument("--source-root", action="append", default=[], metavar="DIR",
                   help="folder to find the inputs in when the recorded paths do not resolve (repeatable)")
    r.add_argument("--no-sources", action="store_true",
                   help="do not read the inputs: reconstruct each original from its record (smaller report)")
    r.add_argument("--title", default="toolkit review report", help="the page title")
    r.add_argument("--compress", action=argparse.BooleanOptionalAction, default=None,
                   help="embed the documents deflate-compressed (default: when the records file is over 64 MB)")
    return r


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def write(records: str, output: str, pairs: str | None = None, *, source_roots: list[str] | None = None,
          read_sources: bool = True, title: str = "toolkit review report", compress: bool | None = None) -> int:
    """Write the report; print a one-line summary to stderr. Exit status as the CLI's."""
    from ..report import ReportOptions, write_report

    for given in (records, pairs):
        if given and _same(given, output):
            _err(f"refusing to write the report over the input file {output}")
            return 2
    opts = ReportOptions(read_sources=read_sources, source_roots=tuple(source_roots or ()), title=title,
                         compress=compress)
    try:
        result = write_report(records, output, pairs=pairs, options=opts)
    except OSError as exc:
        _err(f"cannot write the report: {exc}")
        return 2
    for problem in result.skipped:
        print(f"toolkit: {problem}", file=sys.stderr)
    note = f"; {result.reconstructed} originals reconstructed (input not found)" if result.reconstructed else ""
    print(f"toolkit: report of {result.documents} documents{f', {result.pairs} pairs' if pairs else ''} written to "
          f"{output}{note}" + (f"; {len(result.skipped)} record lines skipped" if result.skipped else ""), file=sys.stderr)
    return 1 if result.skipped else 0


def cmd_report(args: argparse.Namespace) -> int:
    return write(args.records, args.output, args.pairs, source_roots=args.source_root,
                 read_sources=not args.no_sources, title=args.title, compress=args.compress)
