"""Rule-pack patterns are probed for catastrophic backtracking when a pack is loaded (issue 13:
boilerplate-pack patterns got no check at all, and four built-in ones hung on a short line)."""

from __future__ import annotations

import re
import time

import pytest

from tests.conftest import run_cli
from toolkit.errors import ConfigError
from toolkit.stages.boilerplate import (
    BUILTIN_PACKS,
    _check_pack_patterns,
    load_packs,
    match_line,
    pattern_risk,
)

# The built-in patterns before the fix: two optional separators around "\s*" let every space go
# either way, so a line of repeated words took 2^n steps ("qq qq ... qq!" of 120 characters: hours).
OLD_BUILTIN = {
    "web-en/share/networks": (r"(?:(?:facebook|twitter|wechat|weibo|qq|qzone|linkedin|whatsapp|telegram|reddit|pinterest"
                              r"|email|douban)\s*[,|/·]?\s*){2,}", "qq "),
    "web-en/widgets/print-close": (r"(?:[\[【(]?\s*(?:print|close|save|pdf|font|large|small)\s*[\]】)]?\s*[:：|/]?\s*)+", "pdf "),
    "web-zh/share/bar": (r"(?:分享|转发)\s*[:：]?\s*(?:(?:微信|微博|更多)\s*[、,，|/｜]?\s*)*", "更多 "),
    "web-zh/widgets/print-close": (r"(?:[\[【(（]?\s*(?:打印|关闭|大|中|小)\s*[\]】)）]?\s*[:：|/｜]?\s*)+", "中 "),
}


@pytest.mark.parametrize("rule_id", sorted(OLD_BUILTIN))
def test_old_builtin_pattern_is_caught_and_the_shipped_one_is_fast(rule_id):
    source, unit = OLD_BUILTIN[rule_id]
    assert pattern_risk(re.compile(f"(?:{source})", re.I), source) is not None
    rules = load_packs(())
    [rule] = [r for r in rules if r.id == rule_id]
    line = (("分享 " if "zh/share" in rule_id else "") + unit * 60).strip() + "!"
    t0 = time.perf_counter()
    rule.regex.fullmatch(line)
    match_line(rules, line)
    assert time.perf_counter() - t0 < 0.5


@pytest.mark.parametrize("name", BUILTIN_PACKS)
def test_every_builtin_pattern_passes_the_probe(name):
    """Built-in packs are not probed at load (start-up); this is where a risky one is caught."""
    from importlib import resources

    from toolkit import yamlio

    where = f"toolkit/data/{name}"
    _check_pack_patterns(yamlio.load(resources.files("toolkit").joinpath(f"data/{name}").read_text(encoding="utf-8"), where),
                         where)


def test_the_builtin_probe_would_catch_an_old_pattern(tmp_path):
    from toolkit import yamlio

    source = OLD_BUILTIN["web-en/share/networks"][0]
    text = f"pack: web-en\nrules:\n  - id: share/networks\n    match: line\n    pattern: '{source}'\n"
    with pytest.raises(ConfigError, match="backtracks catastrophically"):
        _check_pack_patterns(yamlio.load(text, "toolkit/data/boilerplate-en.yaml"), "toolkit/data/boilerplate-en.yaml")


def test_builtin_patterns_still_match_what_they_did():
    rules = load_packs(())
    for line, rid in [("Facebook, Twitter, WeChat", "web-en/share/networks"), ("[Print] [Close]", "web-en/widgets/print-close"),
                      ("分享到：微信 微博 更多", "web-zh/share/bar"), ("【打印】【关闭】", "web-zh/widgets/print-close"),
                      ("首页 上一页 1 2 3 下一页 末页", "web-zh/nav/pager")]:
        found = match_line(rules, line)
        assert found and found[0].id == rid, (line, found and found[0].id)


def test_risky_user_pack_pattern_is_a_config_error_naming_file_and_line(tmp_path):
    pack = tmp_path / "mine.yaml"
    pack.write_text("pack: mine\nrules:\n  - id: evil\n    match: line\n    pattern: '(x+x+)+y'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_packs((str(pack),))
    assert f"{pack}:5:" in str(exc.value) and "backtracks catastrophically" in str(exc.value)


def test_cli_refuses_a_risky_pack_before_reading(tmp_path):
    pack = tmp_path / "mine.yaml"
    pack.write_text("pack: mine\nrules:\n  - id: evil\n    match: suffix\n    pattern: '(\\w+\\s?)*$'\n", encoding="utf-8")
    cfg = tmp_path / "pipeline.yaml"
    cfg.write_text(f"stages:\n  - ingest\n  - name: boilerplate\n    packs: ['{pack}']\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("word " * 40 + "!\n", encoding="utf-8")
    t0 = time.perf_counter()
    r = run_cli("clean", str(doc), "--config", str(cfg), "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 2 and f"{pack}:5:" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert time.perf_counter() - t0 < 30
