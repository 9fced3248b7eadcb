"""docs/glossary.md's maintainer walkthrough runs as written.

Blocks fenced with ``file=NAME`` are written into an empty folder; in ``console`` blocks each
``$ toolkit ...`` line is run there (it must exit 0) and the lines after it, up to the next
command, must occur in what it printed (stdout and stderr).
"""

from __future__ import annotations

import re
import shlex

from tests.conftest import ROOT, run_cli
from toolkit.glossary import Glossary

DOC = ROOT / "docs" / "glossary.md"
_BLOCK = re.compile(r"^```(\w+)(?: file=(\S+))?\n(.*?)^```$", re.S | re.M)


def steps() -> list[tuple[str, str | None, str]]:
    text = DOC.read_text(encoding="utf-8")
    walk = text[text.index("## A maintainer's walkthrough"):]
    return [(m.group(1), m.group(2), m.group(3)) for m in _BLOCK.finditer(walk)]


def test_walkthrough_runs(tmp_path):
    ran = 0
    for lang, name, body in steps():
        if name:
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            continue
        if lang != "console":
            continue
        cmd: list[str] | None = None
        expected: list[str] = []
        for line in [*body.splitlines(), "$ end"]:
            if line.startswith("$ "):
                if cmd is not None:
                    assert cmd[0] == "toolkit"
                    r = run_cli(*cmd[1:], cwd=tmp_path)
                    out = r.stdout + r.stderr
                    assert r.returncode == 0, (cmd, out)
                    for exp in expected:
                        assert exp in out, (cmd, exp, out)
                    ran += 1
                cmd, expected = shlex.split(line[2:]), []
            elif line.strip():
                expected.append(line.strip())
    assert ran >= 10
    # The TBX round trip at the end is lossless.
    a = Glossary.load([tmp_path / "finance.yaml"], cache=False).entries
    b = Glossary.load([tmp_path / "roundtrip.yaml"], cache=False).entries
    assert [e.to_dict() for e in a] == [e.to_dict() for e in b]
