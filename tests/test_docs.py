"""The docs stay true to the code: the user guide's default pipeline, every stage and lint code."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT
from toolkit import Pipeline


def test_user_guide_lists_the_default_pipeline():
    guide = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    block = re.search(r"The default pipeline is `toolkit/data/pipeline.yaml`:\n\n```yaml\n(.*?)```", guide, re.S)
    assert block, "the user guide must show the default pipeline"
    assert yaml.safe_load(block.group(1))["stages"] == Pipeline.default().stage_names()


def test_glossary_doc_lists_every_lint_code():
    from toolkit.glossary import loader

    codes = set(re.findall(r"^([GW]\d{3})\s", loader.__doc__ or "", re.M))
    doc = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert codes and all(f"| {c} |" in doc for c in codes), codes


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    cmd = "pip install -q -e '.[test]' && ruff check toolkit tests && mypy toolkit && python -m pytest"
    assert cmd in readme and cmd in ci
