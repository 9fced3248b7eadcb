"""``toolkit align`` as a user runs it: score and flag filters with a side file, batch inputs, usage errors."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

ZH = ["今天天气很好。", "我们去公园散步。", "公园里有很多人。", "孩子们在草地上踢足球。", "民间投资同比增长9.1%。"]
EN = ["The weather is nice today.", "We go for a walk in the park.", "There are many people in the park.",
      "The children play football on the grass.", "Private investment grew 19.1% year-on-year."]


def write_pair(tmp_path, name="a", zh=ZH, en=EN):
    z, e = tmp_path / f"{name}.zh", tmp_path / f"{name}.en"
    z.write_text("\n".join(zh), encoding="utf-8")
    e.write_text("\n".join(en), encoding="utf-8")
    return z, e


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_min_score_outside_zero_to_one_is_bad_usage(tmp_path, value):
    z, e = write_pair(tmp_path)
    r = run_cli("align", str(z), str(e), "--presplit", "--min-score", value)
    assert r.returncode == 2 and "--min-score" in r.stderr and "between 0 and 1" in r.stderr and "Traceback" not in r.stderr


def test_unknown_drop_flag_is_bad_usage_with_a_hint(tmp_path):
    z, e = write_pair(tmp_path)
    r = run_cli("align", str(z), str(e), "--drop-flags", "partal")
    assert r.returncode == 2 and "did you mean 'partial'" in r.stderr


def test_dropped_pairs_go_to_a_side_file_with_reasons_and_a_summary(tmp_path):
    z, e = write_pair(tmp_path)
    out = tmp_path / "out.jsonl"
    r = run_cli("align", str(z), str(e), "--presplit", "-o", str(out), "--drop-flags", "number-mismatch", "--min-score", "0.5")
    assert r.returncode == 0, r.stderr
    kept = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    dropped = [json.loads(x) for x in (tmp_path / "out.dropped.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(kept) + len(dropped) == 5
    assert any("number-mismatch" in d["dropped"] and "9.1" in d["zh"] for d in dropped)
    assert all(k["score"] >= 0.5 for k in kept)
    assert "dropped" in r.stderr and "number-mismatch 1" in r.stderr and "out.dropped.jsonl" in r.stderr


def test_filtering_to_stdout_needs_a_side_file(tmp_path):
    z, e = write_pair(tmp_path)
    r = run_cli("align", str(z), str(e), "--presplit", "--min-score", "0.5")
    assert r.returncode == 2 and "--dropped" in r.stderr
    side = tmp_path / "d.jsonl"
    r = run_cli("align", str(z), str(e), "--presplit", "--min-score", "0.99", "--dropped", str(side))
    assert r.returncode == 0 and len(r.stdout.splitlines()) + len(side.read_text(encoding="utf-8").splitlines()) == 5


def test_two_folders_align_every_pair_in_one_call(tmp_path):
    (tmp_path / "zh").mkdir()
    (tmp_path / "en").mkdir()
    for name in ("ch1", "ch2"):
        write_pair(tmp_path, name)
        (tmp_path / f"{name}.zh").rename(tmp_path / "zh" / f"{name}.txt")
        (tmp_path / f"{name}.en").rename(tmp_path / "en" / f"{name}.txt")
    (tmp_path / "en" / "orphan.txt").write_text("Alone.", encoding="utf-8")
    out = tmp_path / "p.jsonl"
    r = run_cli("align", str(tmp_path / "zh"), str(tmp_path / "en"), "--presplit", "-o", str(out))
    docs = [json.loads(x)["doc"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert docs == ["ch1"] * 5 + ["ch2"] * 5
    # the unmatched file is reported and the exit status says so
    assert r.returncode == 1 and "orphan.txt" in r.stderr and "2 document pairs" in r.stderr


def test_list_file_and_beads_into_a_folder(tmp_path):
    write_pair(tmp_path, "a")
    write_pair(tmp_path, "b", ZH[:2], EN[:2])
    lst = tmp_path / "pairs.tsv"
    lst.write_text("a.zh\ta.en\n# a comment\nb.zh\tb.en\n", encoding="utf-8")
    r = run_cli("align", "--list", str(lst), "--presplit", "--format", "beads", "-o", str(tmp_path / "beads"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "beads" / "b.align").read_text(encoding="utf-8").splitlines() == ["[0]:[0]", "[1]:[1]"]


def test_jsonl_with_both_sides_and_a_bad_line(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps({"id": "d1", "zh": ZH, "en": EN}, ensure_ascii=False) + "\n{not json\n"
                   + json.dumps({"id": "d2", "zh": "今天天气很好。我们去公园散步。", "en": "The weather is nice today. We go for a walk in the park."},
                                ensure_ascii=False) + "\n", encoding="utf-8")
    r = run_cli("align", "--jsonl", str(src))
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["doc"] for x in recs] == ["d1"] * 5 + ["d2"] * 2
    assert r.returncode == 1 and "docs.jsonl:2" in r.stderr


def test_two_input_modes_at_once_is_bad_usage(tmp_path):
    z, e = write_pair(tmp_path)
    r = run_cli("align", str(z), str(e), "--jsonl", str(z))
    assert r.returncode == 2 and "one of them" in r.stderr


def test_refuses_to_overwrite_an_input(tmp_path):
    z, e = write_pair(tmp_path)
    r = run_cli("align", str(z), str(e), "-o", str(e))
    assert r.returncode == 2 and "refusing to overwrite" in r.stderr and e.read_text(encoding="utf-8").startswith("The weather")
