"""Every example in ``docs/*.md`` runs (issue 13: the package docstring's example raised on its own
input, and nothing checked the docs).

- ``>>>`` examples (```` ```pycon ```` blocks) run as doctests, from the repository root;
- a ```` ```python ```` block runs in a fresh interpreter, unless an HTML comment right above it
  says why it cannot (``<!-- not run: needs a Slurm cluster -->``); then it must still compile;
- every ``toolkit ...`` command in a shell block parses with the real command-line parser, so a
  renamed or removed option cannot linger in the docs.
"""

from __future__ import annotations

import doctest
import re
import shlex
import subprocess
import sys

import pytest

from tests.conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))
_BLOCK = re.compile(r"(?:<!--\s*not run:\s*(?P<why>[^>]*?)\s*-->\s*\n)?```(?P<lang>[\w-]*)\n(?P<body>.*?)```", re.S)


def _blocks(lang: str) -> list[tuple[str, int, str, str | None]]:
    out = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for m in _BLOCK.finditer(text):
            if m.group("lang") == lang:
                out.append((path.name, text[: m.start("body")].count("\n") + 1, m.group("body"), m.group("why")))
    return out


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_doctests_in_docs(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(path), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                              encoding="utf-8", verbose=False)
    assert result.failed == 0, f"{path.name}: {result.failed} of {result.attempted} examples failed (see the output above)"


_PYTHON = _blocks("python")


@pytest.mark.parametrize("doc,line,body,why", _PYTHON, ids=[f"{d}:{n}" for d, n, _, _ in _PYTHON])
def test_python_blocks_run(doc, line, body, why):
    compile(body, f"docs/{doc}:{line}", "exec")
    if why:
        return  # compiles; the comment above it says what it needs
    r = subprocess.run([sys.executable, "-c", body], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, f"docs/{doc}:{line} fails:\n{r.stderr[-2000:]}"


def _commands() -> list[tuple[str, int, str]]:
    out = []
    for lang in ("", "sh", "bash", "console"):
        for doc, line, body, _why in _blocks(lang):
            for k, raw in enumerate(body.splitlines()):
                cmd = re.sub(r"\s#\s.*$", "", raw).strip()
                if "toolkit " not in cmd or "[" in cmd or "..." in cmd or "|" in cmd.replace("'|'", ""):
                    continue  # a synopsis with placeholders, not a command
                for part in re.split(r"\s*&&\s*", cmd):
                    if part.startswith("toolkit "):
                        out.append((doc, line + k, part))
    return out


_COMMANDS = _commands()


@pytest.mark.parametrize("doc,line,cmd", _COMMANDS, ids=[f"{d}:{n}" for d, n, _ in _COMMANDS])
def test_cli_commands_in_docs_parse(doc, line, cmd, capsys):
    from toolkit.cli import build_parser

    try:
        build_parser().parse_args(shlex.split(cmd)[1:])
    except SystemExit as exc:
        pytest.fail(f"docs/{doc}:{line}: {cmd!r} does not parse ({exc.code}): {capsys.readouterr().err.strip()}")


def test_the_docs_have_examples_of_each_kind():
    assert any(p.name == "library.md" and ">>> " in p.read_text(encoding="utf-8") for p in DOCS)
    assert len(_COMMANDS) >= 10 and _PYTHON
