"""The on-disk regex cache (toolkit.recache): a pattern rebuilt from the cache behaves exactly as
re.compile's, a damaged cache costs only time, and a second process compiles nothing."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from toolkit import recache

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*"))


@pytest.fixture()
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """recache with an empty table and its cache folder in tmp_path."""
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path))
    monkeypatch.delenv("TOOLKIT_NO_REGEX_CACHE", raising=False)
    monkeypatch.setattr(recache, "_table", None)
    monkeypatch.setattr(recache, "_new", {})
    monkeypatch.setattr(recache, "_used", set())
    return tmp_path


def _samples() -> list[str]:
    out = ["", "GDP增长5.2%，同比上升。", "By John Smith, Xinhua | 2024-01-02", "iPhone teamLab 2024?What"]
    for f in SEEDS:
        if f.is_file():
            text = f.read_bytes().decode("utf-8", "replace")
            out += [p for p in text.split("\n") if p.strip()][:60]
    return out


def _rows(path: Path) -> list:  # type: ignore[type-arg]
    """The rows of a cache file (a SHA-256 line, then JSON)."""
    return json.loads(path.read_bytes().partition(b"\n")[2])  # type: ignore[no-any-return]


def _write_rows(path: Path, rows: list, digest: bool = True) -> None:  # type: ignore[type-arg]
    body = json.dumps(rows).encode("ascii")
    path.write_bytes((hashlib.sha256(body).hexdigest() if digest else "0" * 64).encode("ascii") + b"\n" + body)


def _same(a: re.Pattern[str], b: re.Pattern[str], texts: list[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for t in texts:
        assert [m.span(0) for m in a.finditer(t)] == [m.span(0) for m in b.finditer(t)], (a.pattern, t)
        ma, mb = a.search(t), b.search(t)
        assert (ma and ma.groups()) == (mb and mb.groups()), (a.pattern, t)


def test_every_pipeline_pattern_rebuilt_from_the_cache_matches_like_re_compile(fresh: Path) -> None:
    # fill the cache the way a run does (a fresh process builds the default pipeline and exits)
    code = "from toolkit.pipeline import Pipeline; Pipeline.default().prepare()"
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, TOOLKIT_CACHE=str(fresh)))
    files = list(fresh.glob("regex-*.json"))
    assert len(files) == 1
    rows = _rows(files[0])
    assert len(rows) > 100  # the stages' patterns, not a handful
    texts = _samples()
    for pattern, flags, _parts in rows:
        cached = recache.compile(pattern, flags)
        assert (pattern, flags) not in recache._new  # built from the file, not compiled again
        _same(cached, re.compile(pattern, flags), texts)


def test_a_second_process_compiles_nothing(fresh: Path) -> None:
    code = ("import sys; from toolkit import recache; from toolkit.pipeline import Pipeline; "
            "Pipeline.default().prepare(); print(len(recache._new))")
    env = dict(os.environ, TOOLKIT_CACHE=str(fresh))
    first = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True)
    assert int(first.stdout) > 100
    assert int(second.stdout) == 0  # every pattern came from the cache: nothing left to write


@pytest.mark.parametrize("content", ["not json", "[[1, 2]]", "{}"])
def test_an_unreadable_cache_file_is_ignored(fresh: Path, content: str) -> None:
    recache._path().parent.mkdir(parents=True, exist_ok=True)
    recache._path().write_text(content, encoding="utf-8")
    pat = recache.compile(r"(\d+)年")
    assert pat.search("2024年").group(1) == "2024"


def test_damaged_code_words_fall_back_to_a_normal_compile(fresh: Path) -> None:
    pat = r"(?P<y>\d{4})年(?P<m>\d{1,2})月"
    recache.compile(pat)
    recache.save()
    rows = _rows(recache._path())
    for row in rows:
        if row[0] == pat:
            row[2][1] = "AAAAAAAAAAA="  # code words no engine accepts
    _write_rows(recache._path(), rows)  # with a matching digest: the engine's validator rejects it
    recache._table = None
    got = recache.compile(pat)
    assert got.search("2024年5月").groupdict() == {"y": "2024", "m": "5"}


def test_errors_are_re_errors_and_bytes_go_to_re(fresh: Path) -> None:
    with pytest.raises(re.error):
        recache.compile(r"(unclosed")
    assert recache.compile(rb"ab").search(b"xab")  # type: ignore[arg-type]


def test_the_file_is_bounded(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recache, "LIMIT", 5)
    for i in range(8):
        recache.compile(f"a{i}b")
    recache.save()
    recache._table, recache._used = None, set()
    recache.compile("a7b")
    recache.compile("new")
    recache.save()
    rows = _rows(recache._path())
    assert sorted(r[0] for r in rows) == ["a7b", "new"]  # over the limit: only what this process used


def test_switched_off_by_the_environment(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLKIT_NO_REGEX_CACHE", "1")
    recache.compile("xyz")
    assert recache._new == {} and not list(fresh.glob("regex-*"))


def test_a_pattern_with_a_lone_surrogate_is_saved_with_the_rest(fresh: Path) -> None:
    # UTF-8 cannot write a lone surrogate: the whole file used to fail at exit, nothing saved
    recache.compile("[\ud800-\udbff][\udc00-\udfff]|x")
    recache.compile(r"(\d+)年")
    recache.save()
    assert recache._new == {}
    recache._table, recache._new = None, {}
    got = recache.compile("[\ud800-\udbff][\udc00-\udfff]|x")
    assert recache._new == {} and got.search("a\ud83d\ude00").span() == (1, 3)


# One changed code word that the engine's validator accepts and then crashes on (found by fuzzing
# _sre.compile on 3.11): the IN's skip after the look-behind's repeat, 5 -> 1.
_CRASHER = r"(?<=[a-z]{2})(\.)(?=[A-Z][a-z])"


def _plant_crasher(path: Path, digest: bool) -> None:
    parts = recache._emit(_CRASHER, 0)
    words = array(recache._WORD, base64.b64decode(parts[1]))
    assert words[13] == 5
    words[13] = 1
    parts[1] = base64.b64encode(words.tobytes()).decode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_rows(path, [[_CRASHER, 0, parts]], digest=digest)


def test_an_edited_file_is_ignored_not_trusted_to_the_engine(fresh: Path) -> None:
    # the engine's validator is no guard: this row passes it and crashes the interpreter
    _plant_crasher(recache._path(), digest=False)
    code = f"from toolkit import recache; print(recache.compile({_CRASHER!r}).search('ab.Cd').span())"
    env = dict(os.environ, TOOLKIT_CACHE=str(fresh))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert (out.returncode, out.stdout.strip()) == (0, "(2, 3)"), out.stderr


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")
def test_a_file_others_may_write_is_ignored(fresh: Path) -> None:
    pat = r"(\d+)年"
    recache.compile(pat)
    recache.save()
    recache._path().chmod(0o666)
    recache._table, recache._new = None, {}
    recache.compile(pat)
    assert (pat, 0) in recache._new  # compiled again, not read from a file anyone could have written
    recache._path().chmod(0o600)
    recache._table, recache._new = None, {}
    recache.compile(pat)
    assert recache._new == {}
