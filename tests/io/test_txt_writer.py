"""``--format txt`` names: ids that collide after sanitising, repeat, or are too long never overwrite."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from toolkit.io.writers import TxtWriter, txt_name


def _rec(doc_id: str, text: str) -> dict:
    return {"id": doc_id, "title": "", "paragraphs": [{"kind": "paragraph", "text": text}], "footnotes": [], "notes": []}


def test_ids_that_differ_only_in_unsafe_characters_do_not_overwrite(tmp_path):
    w = TxtWriter(str(tmp_path))
    ids = ["a/b", "a?b", "a_b", "a b", "A_B", "a_b", "x" * 300, "x" * 301, "..", "a#2"]
    for n, i in enumerate(ids):
        w.write(_rec(i, f"text {n}"))
    w.close()
    files = sorted(tmp_path.iterdir())
    assert len(files) == len(ids)
    assert sorted(p.read_text().strip() for p in files) == sorted(f"text {n}" for n in range(len(ids)))
    assert all(len(p.name.encode()) <= 255 and not p.name.startswith(".") for p in files)
    assert (tmp_path / "a#2.txt").exists() and (tmp_path / "a_b.txt").exists()


def test_txt_name_is_stable_and_distinct():
    assert txt_name("a/b") == txt_name("a/b") != txt_name("a:b")
    assert txt_name("国家统计局") == "国家统计局"


def test_cli_hash_in_file_name_and_long_id(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes#1.txt").write_text("The first file has text.\n", encoding="utf-8")
    lines = [{"id": "notes#1", "text": "A record with the same id."}, {"id": "y" * 300, "text": "A long id."},
             {"id": "q/1", "text": "Slash."}, {"id": "q:1", "text": "Colon."}]
    (tmp_path / "in" / "d.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli("clean", str(tmp_path / "in"), "--format", "txt", "-o", str(out))
    assert r.returncode == 0, r.stderr
    texts = sorted(p.read_text(encoding="utf-8").strip() for p in out.iterdir())
    assert texts == sorted(["The first file has text.", "A record with the same id.", "A long id.", "Slash.", "Colon."])
    assert (out / "notes#1.txt").exists()
