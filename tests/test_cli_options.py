"""CLI polish (issue 13): help text on every option of every command, ranges validated, --version."""

from __future__ import annotations

import argparse

import pytest

from tests.conftest import run_cli
from toolkit import __version__
from toolkit.cli import build_parser


def _options(parser: argparse.ArgumentParser, path: tuple[str, ...] = ("toolkit",)):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), None, helps.get(name)
                yield from _options(sub, (*path, name))
        elif action.dest != "help":
            yield path, action, action.help


def _missing_help(command: str) -> list[str]:
    return [" ".join(path) + (" " + "/".join(a.option_strings or [a.dest]) if a else "")
            for path, a, text in _options(build_parser()) if not text and path[1:2] == (command,)]


@pytest.mark.parametrize("command", ["clean", "glossary", "stages", "report"])
def test_every_command_and_option_has_help(command):
    assert _missing_help(command) == []


def test_every_align_option_has_help():
    assert _missing_help("align") == []


@pytest.mark.parametrize("args,needle", [
    (["clean", "seeds", "--workers", "0"], "--workers"),
    (["clean", "seeds", "-o", "x", "--shard-size", "0"], "--shard-size"),
    (["clean", "seeds", "--max-document-mb", "0"], "--max-document-mb"),
    (["clean", "seeds", "--max-line-mb", "-1"], "--max-line-mb"),
    (["clean", "seeds", "--max-gzip-ratio", "0"], "--max-gzip-ratio"),
    (["glossary", "suggest", "p.jsonl", "--min-count", "0"], "--min-count"),
    (["glossary", "suggest", "p.jsonl", "--unknown", "-1"], "--unknown"),
    (["align", "a.txt", "b.txt", "--min-score", "7"], "--min-score"),
])
def test_out_of_range_values_are_usage_errors(args, needle):
    r = run_cli(*args)
    assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_version():
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"toolkit {__version__}"


def test_security_doc_lists_every_input_limit_with_its_default():
    from tests.conftest import ROOT
    from toolkit.io.readers import Limits

    doc = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    clean = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices["clean"]
    limits = {a.option_strings[0]: a.default for a in clean._actions if a.option_strings and a.option_strings[0].startswith("--max-")}
    assert set(limits) == {"--max-document-mb", "--max-line-mb", "--max-gzip-ratio"}
    for option, default in limits.items():
        row = next((line for line in doc.splitlines() if f"`{option}" in line), "")
        assert row and f"| {default:g}" in row.replace(" MB", ""), (option, default)
    assert Limits().max_document_bytes == limits["--max-document-mb"] * 1e6
    assert Limits().max_line_bytes == limits["--max-line-mb"] * 1e6 and Limits().max_gzip_ratio == limits["--max-gzip-ratio"]
