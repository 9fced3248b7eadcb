"""Fixtures for the report tests: the seeds plus hostile documents, cleaned once per session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS, run_cli

#: Text that breaks out of a <script>, an attribute or a <textarea> if anything is not escaped;
#: each payload sets window.__pwned if it ever runs.
BREAK_SCRIPT = "</script><script>window.__pwned=1</script>"
BREAK_ATTR = "\"'><img src=x onerror=\"window.__pwned=2\">"
BREAK_TEXT = "</textarea><textarea>'single' \"double\" &amp; &lt;b&gt; <!-- \u2028 \u2029 --> end"
HOSTILE_ID = "evil#1 " + BREAK_ATTR

#: A plain-text input the pipeline cleans; its original is read back from the file.
HOSTILE_TXT = """Hostile <script>window.__pwned=3</script> headline

The body says </textarea><script>window.__pwned=4</script> and "quotes" 'single' & ampersands.

An image <img src=x onerror="window.__pwned=5"> and a line separator \u2028 here and <!-- a comment --> and </script> end.

Continue reading »
"""


def hostile_record() -> dict[str, Any]:
    """A hand-made record with hostile text in every field a pipeline run would not put it in."""
    body = "Body " + BREAK_SCRIPT + " and " + BREAK_ATTR + " and " + BREAK_TEXT
    return {
        "schema_version": 1,
        "id": HOSTILE_ID,
        "source": "/nonexistent/" + BREAK_SCRIPT + ".txt",
        "lang": "en",
        "title": "Title " + BREAK_SCRIPT,
        "metadata": {"byline": BREAK_ATTR, BREAK_TEXT: "key"},
        "paragraphs": [{"kind": "paragraph", "lang": "en", "text": body, "sentences": [body], "line": 3}],
        "footnotes": [{"marker": "\N{CIRCLED DIGIT ONE}" + BREAK_ATTR, "lang": "zh", "text": BREAK_SCRIPT, "linked": False,
                       "line": 5}],
        "notes": [{"kind": BREAK_ATTR, "lang": "en", "text": BREAK_TEXT, "line": 6}],
        "removed": [{"text": BREAK_SCRIPT, "reason": "boilerplate", "rule": "evil/" + BREAK_ATTR, "line": 1,
                     "stage": "boilerplate"}],
        "edits": [{"stage": "terms", "rule": "zh-en/x.yaml:" + BREAK_SCRIPT, "before": "<b>", "after": "Body",
                   "paragraph": 0, "start": 0}],
        "flags": [
            {"kind": "masked-text", "text": BREAK_SCRIPT[:9], "paragraph": 0, "start": 5, "message": BREAK_TEXT,
             "suggestion": BREAK_ATTR, "stage": "qa", "rule": "qa/" + BREAK_SCRIPT},
            {"kind": BREAK_ATTR, "text": "", "paragraph": 0, "start": 0, "message": BREAK_SCRIPT, "suggestion": None,
             "stage": "qa", "rule": "qa/x"},
        ],
        "signature": "toolkit " + BREAK_ATTR,
        "text": body,
    }


def hostile_pair() -> dict[str, Any]:
    return {"schema_version": 1, "doc": HOSTILE_ID, "zh": BREAK_SCRIPT, "en": BREAK_ATTR, "beads": "1-1", "score": 0.55,
            "origin": "parallel", "flags": [{"kind": BREAK_TEXT}]}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds and a hostile text file cleaned by the CLI, plus the hand-made hostile record and pair.

    Returns paths: ``inputs`` (folder), ``records`` (JSONL), ``pairs`` (JSONL), ``clean_report``
    (the report ``toolkit clean --report`` wrote, before the hand-made record was added).
    """
    root = tmp_path_factory.mktemp("report")
    inputs = root / "inputs"
    shutil.copytree(SEEDS, inputs)
    (inputs / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    records, pairs, report = root / "out.jsonl", root / "pairs.jsonl", root / "clean-report.html"
    r = run_cli("clean", str(inputs), "-o", str(records), "--bitext", str(pairs), "--report", str(report))
    assert r.returncode == 0, r.stderr
    with open(records, "a", encoding="utf-8") as f:
        f.write(json.dumps(hostile_record(), ensure_ascii=False) + "\n")
    with open(pairs, "a", encoding="utf-8") as f:
        f.write(json.dumps(hostile_pair(), ensure_ascii=False) + "\n")
    return {"root": root, "inputs": inputs, "records": records, "pairs": pairs, "clean_report": report}
