"""Idempotence by construction (issue 13): cleaning the toolkit's own output changes nothing.

The ``--format txt`` Notes section used to make the footnote stage strip its markers again (five
edits on the seeds); the marker now moves into the footnote's ``marker`` field without an edit.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS, run_cli
from toolkit import clean_text
from toolkit.io.writers import render_txt


def _edits(path) -> list[tuple[str, str, str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out += [(rec["id"], e["rule"], e["before"], e["after"]) for e in rec["edits"]]
    return out


def test_recleaning_the_seeds_txt_output_makes_no_edit(tmp_path):
    first = tmp_path / "txt"
    r = run_cli("clean", str(SEEDS), "--format", "txt", "-o", str(first))
    assert r.returncode == 0, r.stderr
    again = tmp_path / "again.jsonl"
    r = run_cli("clean", str(first), "-o", str(again))
    assert r.returncode == 0, r.stderr
    assert _edits(again) == []
    second = tmp_path / "txt2"
    r = run_cli("clean", str(first), "--format", "txt", "-o", str(second))
    assert r.returncode == 0, r.stderr
    assert {p.name: p.read_text(encoding="utf-8") for p in first.iterdir()} == {
        p.name: p.read_text(encoding="utf-8") for p in second.iterdir()}


def test_recleaning_the_seeds_jsonl_text_makes_no_edit(tmp_path):
    first = tmp_path / "out.jsonl"
    r = run_cli("clean", str(SEEDS), "-o", str(first))
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in recs),
                     encoding="utf-8")
    again = tmp_path / "again.jsonl"
    r = run_cli("clean", str(texts), "-o", str(again))
    assert r.returncode == 0, r.stderr
    assert _edits(again) == []
    assert [json.loads(x)["text"] for x in again.read_text(encoding="utf-8").splitlines()] == [r["text"] for r in recs]


_WORDS = ["The", "economy", "grew", "5%", "in", "2023,", "and", "exports", "rose.", "国家统计局", "发布", "数据。",
          "GDP", "“quoted”", "said", "(1)", "①", "[2]", "Notes", "注释", "Source:", "Xinhua", "—", "...", "Beijing,"]
_line = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join)
_doc = st.lists(_line, min_size=1, max_size=8).map("\n\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_doc)
# A dash line was not a list item while a UI line stood between it and "(1) ..."; once that line
# was removed, cleaning the output again stripped the dash (structure.relist).
@example("(1) economy\n\nThe\n\n— The The The The economy")
# A body line that only a second pass takes as the title lost " — Xinhua" as the site's name: a
# spaced dash is an attribution as often as a title's site separator (metadata.split_site_suffix).
@example("The The\n\nThe The The — Xinhua\n\nThe")
def test_cleaning_is_idempotent(pipeline, text):
    for rec in clean_text(text, pipeline=pipeline):
        for again in (rec["text"], render_txt(rec)):
            for rec2 in clean_text(again, pipeline=pipeline):
                assert rec2["edits"] == [], (again, rec2["edits"])
