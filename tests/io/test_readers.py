"""Bad input never stops a run: each problem is reported with its file (and line) and skipped."""

from __future__ import annotations

import gzip
import json

from tests.conftest import run_cli
from toolkit.errors import InputError
from toolkit.io.readers import read_documents


def _read(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return list(read_documents([p]))


def test_binary_file_is_reported(tmp_path):
    [item] = _read(tmp_path, "x.txt", bytes(range(256)) * 20)
    assert isinstance(item, InputError) and "binary" in str(item)


def test_empty_file_is_reported(tmp_path):
    [item] = _read(tmp_path, "empty.txt", b"")
    assert isinstance(item, InputError) and "empty file" in str(item)


def test_malformed_json_line_names_the_line(tmp_path):
    data = b'{"id": "a", "text": "One."}\n{"id": "b", "text": \n{"id": "c", "text": "Three."}\n'
    items = _read(tmp_path, "docs.jsonl", data)
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"]
    assert isinstance(items[1], InputError) and items[1].line == 2 and "malformed JSON" in str(items[1])


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    lines = "".join(json.dumps({"id": f"d{i}", "text": "The economy grew. " * 50}) + "\n" for i in range(200))
    blob = gzip.compress(lines.encode())
    items = _read(tmp_path, "docs.jsonl.gz", blob[: len(blob) // 2])
    assert any(isinstance(i, InputError) and "gzip" in str(i) for i in items)
    assert sum(1 for i in items if not isinstance(i, InputError)) > 10


def test_latin1_utf16_gb18030_decode(tmp_path):
    fr = _read(tmp_path, "fr.txt", "Le café est très réputé à Paris, même l'été.".encode("latin-1"))[0]
    assert "café" in fr.raw
    u16 = _read(tmp_path, "u16.txt", "The GDP grew.\n国家统计局".encode("utf-16"))[0]
    assert "国家统计局" in u16.raw
    gb = _read(tmp_path, "gb.txt", "国家统计局发布了数据，经济运行总体平稳。".encode("gb18030"))[0]
    assert "经济运行总体平稳" in gb.raw


def test_html_is_recognised_and_nav_dropped(tmp_path):
    html = b"<html><body><nav>Home News</nav><h1>Title here</h1><p>The economy grew fast.</p><script>x()</script></body></html>"
    [doc] = _read(tmp_path, "page.html", html)
    assert doc.html is not None


def test_jsonl_with_html_field(tmp_path):
    [doc] = _read(tmp_path, "d.jsonl", json.dumps({"id": "h1", "html": "<p>Hi there.</p>"}).encode() + b"\n")
    assert doc.id == "h1" and doc.html


def test_cli_reports_and_continues(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("A title line\n\nThe economy grew, and jobs rose.\n", encoding="utf-8")
    (tmp_path / "in" / "bad.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    r = run_cli("clean", str(tmp_path / "in"), "-o", str(out))
    assert r.returncode == 1
    assert "bad.bin: binary file" in r.stderr and "empty.txt: empty file" in r.stderr
    assert "Traceback" not in r.stderr
    assert len(out.read_text().splitlines()) == 1


def test_large_single_line_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("The economy grew by 5% and exports rose. " * 500_000, encoding="utf-8")  # ~20 MB, one line
    out = tmp_path / "o.jsonl"
    r = run_cli("clean", str(p), "-o", str(out))
    assert r.returncode == 0, r.stderr[-500:]
    rec = json.loads(out.read_text())
    assert len(rec["text"]) > 19_000_000


def test_deeply_nested_html(tmp_path):
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 5000 + "<p>Deep content survives here.</p>" + "</div>" * 5000 + "</body></html>")
    out = tmp_path / "o.jsonl"
    r = run_cli("clean", str(p), "-o", str(out))
    assert r.returncode == 0, r.stderr[-500:]
    assert "Deep content survives here." in out.read_text()
