"""Hostile glossaries and glossary files: no code from a cache, no alias bombs, no regex hangs,
one-line errors for broken inputs (issue 13)."""

from __future__ import annotations

import json
import os
import pickle
import time

import pytest

from tests.conftest import run_cli
from toolkit.errors import GlossaryError
from toolkit.glossary import Glossary, Variant, _cache_path
from toolkit.glossary.safe_regex import compile_context

HEAD = "pair: zh-en\nentries:\n"
ENTRY = HEAD + "  - zh: 新质生产力\n    en: new quality productive forces\n    variants: [new quality productivity]\n"


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


def test_a_planted_pickle_in_the_cache_folder_never_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    g = tmp_path / "g.yaml"
    g.write_text(ENTRY, encoding="utf-8")
    digest = Glossary.load([g], cache=False).digest
    cache = tmp_path / "cache"
    cache.mkdir()
    # Plant a pickle under every name a cache could have: the old .pkl name and the new one.
    target = _cache_path(digest)
    assert target is not None and target.suffix == ".json"
    for name in (target.name, target.with_suffix(".pkl").name, f"glossary-0.1.0-{digest.split(':')[1][:24]}.pkl"):
        (cache / name).write_bytes(pickle.dumps(_Boom()))
    loaded = Glossary.load([g])
    assert not (tmp_path / "PWNED").exists()
    assert [e.zh for e in loaded.entries] == ["新质生产力"]
    # The rebuilt cache is JSON data, and it is what the next load reads.
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["digest"] == digest and data["entries"][0]["zh"] == "新质生产力"
    assert Glossary.load([g]).entries[0].variants[0].text == "new quality productivity"


def test_a_cache_with_another_digest_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "cache"))
    g = tmp_path / "g.yaml"
    g.write_text(ENTRY, encoding="utf-8")
    Glossary.load([g])
    [cached] = list((tmp_path / "cache").iterdir())
    data = json.loads(cached.read_text(encoding="utf-8"))
    data["entries"][0]["en"] = "planted"
    data["digest"] = "sha256:" + "0" * 64
    cached.write_text(json.dumps(data), encoding="utf-8")
    assert Glossary.load([g]).entries[0].en == "new quality productive forces"


def _bomb() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    prev = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    return text


def test_alias_bomb_fails_fast_with_a_clear_error(tmp_path):
    bomb = _bomb()
    assert len(bomb.encode()) < 529
    p = tmp_path / "bomb.yaml"
    p.write_text(bomb + "pair: zh-en\nentries: []\n", encoding="utf-8")
    t = time.perf_counter()
    with pytest.raises(GlossaryError, match=r"bomb.yaml:\d+:\d+: G001 YAML error: aliases expand to more than"):
        Glossary.load([p], cache=False)
    assert time.perf_counter() - t < 1.0
    r = run_cli("glossary", "lint", str(p))
    assert r.returncode == 1 and "alias bomb" in r.stdout and "Traceback" not in r.stderr


def test_recursive_alias_is_an_error(tmp_path):
    p = tmp_path / "rec.yaml"
    p.write_text("pair: zh-en\nentries: &e [*e]\n", encoding="utf-8")
    r = run_cli("glossary", "lint", str(p))
    assert r.returncode == 1 and "recursive alias" in r.stdout and "Traceback" not in r.stderr


def test_redos_regex_fails_lint(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text(HEAD + "  - zh: 盘和林\n    en: Pan Helin\n    variants:\n      - text: Pan and Lin\n"
                 "        before: '((a+))+$'\n", encoding="utf-8")
    r = run_cli("glossary", "lint", str(p))
    assert r.returncode == 1 and "G008 'before' regex '((a+))+$' nests quantifiers" in r.stdout


def test_a_slow_regex_that_slips_past_lint_cannot_hang_find():
    """Even a pattern lint would reject (here put in by hand) costs at most the time budget per search."""
    from toolkit.glossary import Entry

    v = Variant("Pan and Lin", before="(a|a)*$")
    v.before_re = compile_context("(a|a)*$")
    g = Glossary([Entry("盘和林", "Pan Helin", "g.yaml", 1, variants=[v])], "", [])
    text = ("a" * 60 + "! Pan and Lin said. ") * 5
    t = time.perf_counter()
    assert g.find(text) == []
    assert time.perf_counter() - t < 2.0 and g.timeouts == 5


def test_clean_with_a_slow_regex_in_a_cache_finishes(tmp_path, monkeypatch):
    """A cache file is data: a planted slow regex still runs under the timeout and the run ends."""
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "cache"))
    g = tmp_path / "g.yaml"
    g.write_text(HEAD + "  - zh: 盘和林\n    en: Pan Helin\n    variants:\n      - text: Pan and Lin\n"
                 "        before: 'x$'\n", encoding="utf-8")
    Glossary.load([g])
    [cached] = list((tmp_path / "cache").iterdir())
    data = json.loads(cached.read_text(encoding="utf-8"))
    data["entries"][0]["variants"][0][1] = "(a|a)*$"
    cached.write_text(json.dumps(data), encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text(("a" * 60 + "! Pan and Lin said so.\n\n") * 3, encoding="utf-8")
    t = time.perf_counter()
    r = run_cli("clean", str(doc), "--glossary", str(g), "--no-progress")  # the env's TOOLKIT_CACHE is inherited
    assert r.returncode == 0, r.stderr
    assert time.perf_counter() - t < 60
    assert "term-timeout" in r.stdout and "Pan Helin" not in r.stdout


def test_malformed_tbx_is_one_line_exit_2(tmp_path):
    p = tmp_path / "bad.tbx"
    p.write_text("<martif><text><body><termEntry>\n<langSet xml:lang='zh'><tig><term>新</term></tig>\n</body></martif>\n",
                 encoding="utf-8")
    r = run_cli("glossary", "import", str(p), "-o", str(tmp_path / "out.yaml"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().startswith(f"toolkit: error: {p}:3: malformed TBX") and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def test_non_utf8_csv_names_the_line(tmp_path):
    p = tmp_path / "gbk.csv"
    p.write_bytes("zh,en\n新质生产力,new quality productive forces\n".encode() + "人民币,renminbi\n".encode("gbk"))
    r = run_cli("glossary", "import", str(p), "-o", str(tmp_path / "out.yaml"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"toolkit: error: {p}:3: not UTF-8" in r.stderr


def test_missing_output_folder_is_one_line_exit_2(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("zh,en\n新质生产力,new quality productive forces\n", encoding="utf-8")
    out = tmp_path / "no" / "such" / "out.yaml"
    r = run_cli("glossary", "import", str(p), "-o", str(out))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "does not exist" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_unexpanded_xml_entity_is_reported_not_dropped(tmp_path):
    p = tmp_path / "ent.tbx"
    p.write_text('<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY co "Company">]>\n<martif><text><body>\n'
                 "<termEntry><langSet xml:lang='zh'><tig><term>中国电建</term></tig></langSet>\n"
                 "<langSet xml:lang='en'><tig><term>POWERCHINA &co;</term></tig></langSet></termEntry>\n"
                 "</body></text></martif>\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    r = run_cli("glossary", "import", str(p), "-o", str(out))
    assert "entity &co; in 'term' is not expanded" in r.stderr, r.stderr
    assert f"{p}:5:" in r.stderr


def test_alias_bomb_in_a_pipeline_config_fails_fast(tmp_path):
    """yamlio is shared: --config gets the same cap."""
    cfg = tmp_path / "bomb.yaml"
    cfg.write_text(_bomb() + "stages: [ingest]\n", encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("Text.\n", encoding="utf-8")
    t = time.perf_counter()
    r = run_cli("clean", str(doc), "--config", str(cfg), "--no-progress")
    assert time.perf_counter() - t < 30
    assert r.returncode == 2 and "alias bomb" in r.stderr and "Traceback" not in r.stderr
