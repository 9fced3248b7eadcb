"""Bad input never stops a run: each problem is reported with its file (and line) and skipped."""

from __future__ import annotations

import gzip
import json

import pytest

from tests.conftest import run_cli
from toolkit.errors import InputError, InputWarning
from toolkit.io.readers import Limits, read_documents, read_stdin


def _read(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return list(read_documents([p]))


def test_binary_file_is_reported(tmp_path):
    [item] = _read(tmp_path, "x.txt", bytes(range(256)) * 20)
    assert isinstance(item, InputError) and "binary" in str(item)


def test_empty_file_is_an_empty_document_with_a_warning(tmp_path):
    warning, doc = _read(tmp_path, "empty.txt", b"")
    assert isinstance(warning, InputWarning) and "empty file" in str(warning)
    assert doc.id == "empty" and doc.raw == ""
    [warning] = _read(tmp_path, "empty.jsonl", b"\n")
    assert isinstance(warning, InputWarning)


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


def test_short_cp1252_text_with_curly_quotes_is_not_read_as_a_dos_code_page(tmp_path):
    # charset-normalizer guesses cp850 ("cafÚÆs ôspecialö") or a Central European page for short
    # Western text; text in another alphabet keeps its guess.
    text = "The café’s “special” — only €5."
    assert _read(tmp_path, "w.txt", text.encode("cp1252"))[0].raw == text
    ru = "Привет, как дела? Это тест русского текста."
    assert _read(tmp_path, "ru.txt", ru.encode("cp1251"))[0].raw == ru
    # Mostly-ASCII bytes in another alphabet's code page keep it (review: read as cp1252 mojibake)
    mixed = "The Kremlin said it wanted «переговоры без предварительных условий» and nothing else."
    assert _read(tmp_path, "mixed.txt", mixed.encode("cp1251"))[0].raw == mixed


def test_gbk_dialogue_page_without_a_charset_is_chinese(tmp_path):
    # Curly quotes, dashes and middle dots are two-byte GB18030 characters too (review: a page of
    # dialogue, its markup mostly ASCII, came out as cp1252 mojibake)
    page = ('<html><head><link rel="stylesheet" href="a.css"></head><body><h1>两会·访谈</h1>'
            '<p>“我们要‘稳’字当头，”他说，“也要‘进’字为先。”</p><p>记者问：“今年的目标是什么？”答：“5%左右——不高，也不低。”</p>'
            '</body></html>')
    [doc] = _read(tmp_path, "page.html", page.encode("gb18030"))
    assert "两会·访谈" in doc.html and "“我们要‘稳’字当头，”他说" in doc.html


def test_utf8_cut_inside_its_last_character_keeps_the_text(tmp_path):
    text = "GDP grew 5.2%, said the 国家统计局"
    [doc] = _read(tmp_path, "cut.txt", text.encode("utf-8")[:-1])
    assert doc.raw == text[:-1] + "\ufffd"
    # Latin-1 whose only accented letter ends the file is no cut UTF-8 (second review)
    assert _read(tmp_path, "jose.txt", "Written by José".encode("latin-1"))[0].raw == "Written by José"


def test_korean_with_curly_quotes_is_not_read_as_chinese(tmp_path):
    # second review: EUC-KR and GB2312 share the bytes of ‘ ’ “ ”; Hangul read as Han
    text = "이 대통령은 ‘실용 외교’를 강조했다."
    assert _read(tmp_path, "ko.txt", text.encode("cp949"))[0].raw == text


@pytest.mark.parametrize("text,encoding", [
    ("서울에서 열린 회의에서 대통령은 경제 정책을 발표했다.", "euc-kr"),  # read as GB18030 before: 辑匡俊辑 凯赴 ...
    ("오늘 날씨가 좋습니다. 우리는 공원에 갔습니다.", "cp949"),
    ("私は昨日、友達と一緒に映画を見に行きました。", "euc-jp"),  # read as CP949 before
    ("私は昨日、友達と一緒に映画を見に行きました。", "shift_jis"),  # read as CP949 before
    ("このアプリはとても便利です", "euc-jp"),  # read as Big5 before
    ("東京で開かれた会議で、首相は新しい経済政策を発表した。", "euc-jp"),
])
def test_korean_and_japanese_code_pages_are_not_read_as_chinese(tmp_path, text, encoding):
    assert _read(tmp_path, "kj.txt", text.encode(encoding))[0].raw == text


@pytest.mark.parametrize("text", ["订单", "还没看到", "交了啦，交了啦", "6.片厂", "发货现场：", "床前明月光 疑是地上霜 举头望明月 低头思故乡"])
def test_short_chinese_that_decodes_as_korean_stays_chinese(tmp_path, text):
    # each of these GB18030 strings also decodes as CP949 into common Hangul syllables ("订单" -> "땐데")
    assert _read(tmp_path, "zh.txt", text.encode("gb18030"))[0].raw == text


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
    assert "bad.bin: binary file" in r.stderr and "warning: " in r.stderr and "empty.txt: empty file" in r.stderr
    assert "Traceback" not in r.stderr
    assert len(out.read_text().splitlines()) == 2  # good.txt, and empty.txt as an empty document


def test_large_single_line_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("The economy grew by 5% and exports rose. " * 50_000, encoding="utf-8")  # ~2 MB, one line
    out = tmp_path / "o.jsonl"
    r = run_cli("clean", str(p), "-o", str(out))  # over the 1 MB line limit: skipped, with the option to raise it
    assert r.returncode == 1 and "line limit" in r.stderr and "--max-line-mb" in r.stderr, r.stderr[-500:]
    assert "Traceback" not in r.stderr
    r = run_cli("clean", str(p), "-o", str(out), "--max-line-mb", "3")
    assert r.returncode == 0, r.stderr[-500:]
    rec = json.loads(out.read_text())
    assert len(rec["text"]) > 1_900_000


def test_deeply_nested_html(tmp_path):
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 5000 + "<p>Deep content survives here.</p>" + "</div>" * 5000 + "</body></html>")
    out = tmp_path / "o.jsonl"
    r = run_cli("clean", str(p), "-o", str(out))
    assert r.returncode == 0, r.stderr[-500:]
    assert "Deep content survives here." in out.read_text()


# -- issue 13: hostile and faulty input --------------------------------------------------------------


def test_one_bad_utf8_byte_costs_one_jsonl_line(tmp_path):
    good = [json.dumps({"id": f"d{i}", "text": "Some text."}).encode() + b"\n" for i in range(300)]
    data = b"".join(good[:150]) + b'{"id": "bad", "text": "caf\xe9"}\n' + b"".join(good[150:])  # > one 8 KB chunk
    items = _read(tmp_path, "docs.jsonl", data)
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.line for e in errors] == [151] and "UTF-8" in str(errors[0])
    assert len(items) == 301


def test_bad_utf8_in_gzip_jsonl_costs_one_line(tmp_path):
    data = b'{"id": "a", "text": "One."}\n{"id": "b", "text": "\xff"}\n{"id": "c", "text": "Three."}\n'
    items = _read(tmp_path, "docs.jsonl.gz", gzip.compress(data))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"] and items[1].line == 2


def test_huge_integer_id_is_kept_as_written(tmp_path):
    data = b'{"id": ' + b"7" * 5000 + b', "text": "One."}\n'
    [doc] = _read(tmp_path, "d.jsonl", data)
    assert doc.id == "7" * 5000


def test_deep_json_array_is_one_line_error(tmp_path):
    data = b"[" * 100_000 + b"]" * 100_000 + b"\n" + b'{"id": "deep", "text": ' + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"}\n"
    items = _read(tmp_path, "d.jsonl", data + b'{"id": "c", "text": "Three."}\n')
    assert [type(i).__name__ for i in items] == ["InputError", "InputError", "Document"]
    assert "object" in str(items[0]) and "deeply" in str(items[1])


def test_jsonl_line_over_the_document_limit_is_skipped(tmp_path):
    data = json.dumps({"id": "big", "text": "x " * 600}).encode() + b"\n" + b'{"id": "c", "text": "Three."}\n'
    p = tmp_path / "d.jsonl"
    p.write_bytes(data)
    items = list(read_documents([p], limits=Limits(max_document_bytes=1000)))
    assert isinstance(items[0], InputError) and items[0].line == 1 and "--max-document-mb" in str(items[0])
    assert items[1].id == "c"


def test_gzip_bomb_is_refused_while_streaming(tmp_path):
    p = tmp_path / "bomb.jsonl.gz"
    with gzip.open(p, "wb") as f:
        for _ in range(64):
            f.write(b"\0" * (1 << 20))  # 64 MB of zeros, ~64 KB compressed
    items = list(read_documents([p], limits=Limits(gzip_ratio_floor_bytes=1_000_000)))
    assert len(items) == 1 and "gzip bomb" in str(items[0])


def test_text_file_over_the_document_limit_is_skipped_unread(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"Line of text.\n" * 100_000)
    [item] = read_documents([p], limits=Limits(max_document_bytes=100_000))
    assert isinstance(item, InputError) and "document limit" in str(item)


def test_multi_member_gzip(tmp_path):
    data = gzip.compress(b'{"id": "a", "text": "One."}\n') + gzip.compress(b'{"id": "b", "text": "Two."}\n')
    assert [d.id for d in _read(tmp_path, "d.jsonl.gz", data)] == ["a", "b"]


def test_stdin_text_and_jsonl():
    import io

    [doc] = read_stdin(io.BytesIO(b"Hello there.\n\nMore text."))
    assert doc.id == "stdin" and doc.raw.startswith("Hello")
    docs = list(read_stdin(io.BytesIO(b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n')))
    assert [d.id for d in docs] == ["a", "b"]
    docs = list(read_stdin(io.BytesIO(gzip.compress(b'{"id": "z", "text": "One."}\n'))))
    assert [d.id for d in docs] == ["z"]


def test_cli_stdin_to_stdout():
    r = run_cli("clean", "-", "-o", "-", stdin="Cart\n\nThe economy grew,and jobs rose.\n")
    assert r.returncode == 0, r.stderr
    [rec] = [json.loads(line) for line in r.stdout.splitlines()]
    assert rec["id"] == "stdin" and rec["text"] == "The economy grew, and jobs rose."
    r = run_cli("clean", "-", stdin='{"id": "j1", "text": "One two."}\n{"id": "j2", "text": "Three four."}\n')
    assert r.returncode == 0 and [json.loads(x)["id"] for x in r.stdout.splitlines()] == ["j1", "j2"]


def test_self_referential_symlink_is_reported(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Some text here.\n")
    (tmp_path / "in" / "loop").symlink_to("loop")
    (tmp_path / "in" / "up").symlink_to("..")
    items = list(read_documents([tmp_path / "in"]))
    kinds = [(type(i).__name__, getattr(i, "path", None) or i.id) for i in items]
    assert ("InputError", str(tmp_path / "in" / "loop")) in kinds
    assert ("InputWarning", str(tmp_path / "in" / "up")) in kinds
    assert ("Document", "a") in kinds
    r = run_cli("clean", str(tmp_path / "in" / "loop"), "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 1 and "looping symbolic link" in r.stderr and "Traceback" not in r.stderr


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    import os

    (tmp_path / "in" / "secret").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("Some text here.\n")
    real = os.listdir

    def listdir(path):
        if str(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", listdir)
    items = list(read_documents([tmp_path / "in"]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and "cannot read folder" in str(errors[0]) and "secret" in str(errors[0])


def test_line_splitter_across_chunk_boundaries():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from toolkit.io.readers import _lines

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from([b"a", b"b", b"\r", b"\n"]), max_size=60).map(b"".join),
           st.lists(st.integers(1, 7), min_size=1, max_size=20), st.integers(1, 8))
    def check(data, cuts, limit):
        chunks, pos, k = [], 0, 0
        while pos < len(data):
            step = cuts[k % len(cuts)]
            chunks.append(data[pos : pos + step])
            pos, k = pos + step, k + 1
        want = []
        for line in [x + b"\n" for x in data.split(b"\n")[:-1]] + ([data.rsplit(b"\n", 1)[-1]] if data.rsplit(b"\n", 1)[-1] else []):
            want.append(line if len(line) <= limit else len(line))
        assert list(_lines(iter(chunks), limit)) == want

    check()


def test_a_fifo_inside_a_folder_is_skipped_not_read(tmp_path):
    import os

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Some text here.\n")
    os.mkfifo(tmp_path / "in" / "pipe")  # reading it would block forever
    items = list(read_documents([tmp_path / "in"]))
    assert [type(i).__name__ for i in items] == ["InputWarning", "Document"]


@pytest.mark.parametrize("text,encoding", [
    ("The fund holds ¥120 billion, up 4½ percent; 5¢ a share; 30 m² flats.", "cp1252"),  # session 13 review: read as cp1250
    ("cotton T恤", "gb18030"),  # read as Big5: one Han character beside Latin letters is no Western accent
    ("鄂ICP证", "gb18030"),
    ("今天 12:08:48", "big5"),  # read as EUC-JP: two Big5 characters are two hiragana there
])
def test_short_or_symbol_text_keeps_its_code_page(tmp_path, text, encoding):
    assert _read(tmp_path, "s.txt", text.encode(encoding))[0].raw == text
