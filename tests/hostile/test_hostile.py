"""Every hostile or faulty input of issue 13, run as a subprocess under a CPU-time and a memory
limit (:mod:`tests.hostile.harness`): a clear one-line error or correct handling, nothing written
outside the output, no input modified, no truncated output.

Owners of the fixes: readers, txt names, linear stages, pack regexes, device outputs (io/stages
engineer); output safety (lead); glossary cache, alias caps, glossary regexes, TBX/CSV import
(glossary engineer).
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import SEEDS

from .harness import run


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


# -- code execution -----------------------------------------------------------------------------


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


def test_planted_pickle_in_the_glossary_cache_never_runs(sandbox):
    g = sandbox / "g.yaml"
    g.write_text("pair: zh-en\nentries:\n  - zh: 新质生产力\n    en: new quality productive forces\n"
                 "    variants: [new quality productivity]\n", encoding="utf-8")
    cache = sandbox.parent / "cache"
    cache.mkdir()
    for name in ("glossary-v1-" + "0" * 64 + ".json", "glossary-0.1.0.pkl"):
        (cache / name).write_bytes(pickle.dumps(_Boom()))
    r = run(sandbox, "clean", "in", "--glossary", "g.yaml", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 0, r.stderr
    from toolkit.glossary import Glossary, _cache_path

    target = _cache_path(Glossary.load([g], cache=False).digest)
    (cache / target.name).write_bytes(pickle.dumps(_Boom()))  # under the exact name the cache uses
    r = run(sandbox, "clean", "in", "--glossary", "g.yaml", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 0, r.stderr
    assert not (sandbox / "PWNED").exists() and not (sandbox.parent / "PWNED").exists()


# -- inputs destroyed -----------------------------------------------------------------------------


def test_output_over_a_file_inside_the_input_folder_is_refused(sandbox):
    r = run(sandbox, "clean", "in", "-o", "in/good.txt")
    assert r.returncode == 2 and "refusing" in r.stderr


def test_output_as_a_symlink_to_an_input_is_refused(sandbox):
    (sandbox / "out.jsonl").symlink_to("in/good.txt")
    r = run(sandbox, "clean", "in/good.txt", "-o", "out.jsonl")
    assert r.returncode == 2 and "refusing" in r.stderr


def test_output_as_a_hard_link_to_an_input_is_refused(sandbox):
    os.link(sandbox / "in" / "good.txt", sandbox / "out.jsonl")
    r = run(sandbox, "clean", "in/good.txt", "-o", "out.jsonl")
    assert r.returncode == 2 and "refusing" in r.stderr


def test_output_as_a_hard_link_inside_the_input_folder_is_refused(sandbox):
    os.link(sandbox / "in" / "good.txt", sandbox / "in" / "out.jsonl")  # the run would read its own output forever
    r = run(sandbox, "clean", "in", "-o", "in/out.jsonl")
    assert r.returncode == 2 and "refusing" in r.stderr


def test_rejected_bitext_does_not_truncate_the_output(sandbox):
    (sandbox / "out.jsonl").write_text('{"old": true}\n', encoding="utf-8")
    r = run(sandbox, "clean", "in", "-o", "out.jsonl", "--bitext", "pairs.doc")
    assert r.returncode == 2 and "bitext" in r.stderr


def test_output_to_a_full_device_is_one_line_and_keeps_the_device(sandbox):
    if os.geteuid() == 0:
        os.mknod(sandbox / "full", 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # a private /dev/full
        target = "full"
    else:
        target = "/dev/full"
    r = run(sandbox, "clean", "in", "-o", target, outputs=("full",))
    assert r.returncode == 1 and len(r.errors()) == 1 and "No space left" in r.stderr
    if target == "full":  # renaming a temporary file over it would have replaced the device
        assert stat.S_ISCHR(os.stat(sandbox / "full").st_mode)


def test_two_runs_on_one_output_never_interleave(sandbox):
    for i in range(30):
        (sandbox / "in" / f"d{i:02d}.txt").write_text(f"Document {i} says the economy grew.\n" * 20, encoding="utf-8")
    results = []

    def go():
        # the other run's temporary file may be there mid-write; none may be left at the end (below)
        try:
            results.append(run(sandbox, "clean", "in", "-o", "out.jsonl", outputs=("out.jsonl", ".out.jsonl.*.tmp")))
        except BaseException as exc:  # a failed check in a thread must fail the test with its message
            results.append(exc)

    threads = [threading.Thread(target=go) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [getattr(r, "returncode", r) for r in results] == [0, 0]
    recs = _jsonl(sandbox / "out.jsonl")
    assert len(recs) == 31 and len({r["id"] for r in recs}) == 31
    assert not list(sandbox.glob(".*.tmp")), "a temporary file was left behind"


# -- hangs ----------------------------------------------------------------------------------------


def test_catastrophic_glossary_regex_is_linted_and_cannot_hang_clean(sandbox):
    (sandbox / "g.yaml").write_text(
        "pair: zh-en\nentries:\n  - zh: 工业和信息化部\n    en: Ministry of Industry and Information Technology\n"
        "    variants:\n      - text: industrial letter\n        after: '((a+))+$'\n", encoding="utf-8")
    (sandbox / "in" / "evil.txt").write_text("The industrial letter " + "a" * 5000 + "!\n", encoding="utf-8")
    r = run(sandbox, "glossary", "lint", "g.yaml")
    assert r.returncode != 0 and "G008" in r.stdout + r.stderr
    r = run(sandbox, "clean", "in", "--glossary", "g.yaml", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode in (0, 1, 2), r.stderr


def test_catastrophic_rule_pack_pattern_is_a_config_error(sandbox):
    (sandbox / "pack.yaml").write_text("pack: mine\nrules:\n  - id: evil\n    pattern: '(\\w+\\s?)*$'\n", encoding="utf-8")
    (sandbox / "pipeline.yaml").write_text("stages:\n  - ingest\n  - name: boilerplate\n    packs: [pack.yaml]\n",
                                           encoding="utf-8")
    r = run(sandbox, "clean", "in", "--config", "pipeline.yaml", "-o", "out.jsonl")
    assert r.returncode == 2 and "pack.yaml:4:" in r.stderr and "backtracks catastrophically" in r.stderr


def _mixed_punctuation(n: int) -> str:
    import random

    rng = random.Random(13)
    return "".join(rng.choice("，。！？：；（）“”‘’a b.,!?&amp;ＡＢ１２") for _ in range(n))


@pytest.mark.parametrize("size", [4_000, 430_000])
def test_mixed_punctuation_is_linear_in_the_encoding_stage(sandbox, size):
    (sandbox / "in" / "punct.txt").write_text(_mixed_punctuation(size), encoding="utf-8")
    r = run(sandbox, "clean", "in/punct.txt", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 0, r.stderr


def test_hundred_thousand_circled_markers(sandbox):
    (sandbox / "in" / "circled.txt").write_text("The economy grew." + "①" * 100_000 + "\n", encoding="utf-8")
    r = run(sandbox, "clean", "in/circled.txt", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 0, r.stderr


def test_long_paragraph_of_spaced_numbers(sandbox):
    text = ("The economy grew by 5 % in 2023 ,and exports rose. " * 8_000)[:400_000]
    (sandbox / "in" / "numbers.txt").write_text(text + "\n", encoding="utf-8")
    r = run(sandbox, "clean", "in/numbers.txt", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 0, r.stderr


def test_number_check_of_a_pair_holding_tens_of_thousands_of_numbers_is_linear():
    """A pair's number check compared every Chinese number with every English one: a 'sentence' of
    20,000 numbers a side (a table flattened by a scraper) took minutes. It now looks each value up."""
    import subprocess
    import sys

    from .harness import _limits

    code = ("from toolkit.alignment.qa import number_mismatches\n"
            "zh = '，'.join(f'{i}个' for i in range(20000))\n"
            "en = ' '.join(str(i + 1) for i in range(20000))\n"
            "print(len(number_mismatches(zh, en)))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, preexec_fn=_limits)
    assert r.returncode == 0 and r.stdout.strip() == "1", r.stderr[-500:]  # only 0 has no match


# -- memory ---------------------------------------------------------------------------------------

BOMB = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9))
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + BOMB  # 9^10 items from ~550 bytes


def test_yaml_alias_bomb_in_a_glossary(sandbox):
    (sandbox / "g.yaml").write_text("pair: zh-en\n" + BOMB + "entries: []\n", encoding="utf-8")
    r = run(sandbox, "clean", "in", "--glossary", "g.yaml", "-o", "out.jsonl")
    assert r.returncode == 2 and len(r.errors()) == 1 and "g.yaml" in r.stderr


def test_yaml_alias_bomb_in_a_config(sandbox):
    (sandbox / "pipeline.yaml").write_text(BOMB + "stages: [ingest]\n", encoding="utf-8")
    r = run(sandbox, "clean", "in", "--config", "pipeline.yaml", "-o", "out.jsonl")
    assert r.returncode == 2 and len(r.errors()) == 1 and "pipeline.yaml" in r.stderr


def test_recursive_yaml_alias_in_a_config(sandbox):
    (sandbox / "pipeline.yaml").write_text("x: &a [*a]\nstages: [ingest]\n", encoding="utf-8")
    r = run(sandbox, "clean", "in", "--config", "pipeline.yaml", "-o", "out.jsonl")
    assert r.returncode == 2 and len(r.errors()) == 1


@pytest.mark.parametrize("name", ["bomb.jsonl.gz", "bomb.txt.gz"])
def test_gzip_bomb_is_refused_while_streaming(sandbox, name):
    with gzip.open(sandbox / "in" / name, "wb", compresslevel=9) as f:
        block = (b"\0" if "jsonl" in name else b"a") * (1 << 24)
        for _ in range(180):  # 3 GB expanded, 3 MB on disk
            f.write(block)
    r = run(sandbox, "clean", f"in/{name}", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 1 and name in r.stderr and ("gzip bomb" in r.stderr or "document limit" in r.stderr)


def test_fifty_megabyte_text_file_is_skipped_with_the_option_to_raise(sandbox):
    with open(sandbox / "in" / "big.txt", "w", encoding="utf-8") as f:
        for _ in range(1_200):
            f.write("The economy grew by 5% and exports rose.\n\n" * 1_000)
    r = run(sandbox, "clean", "in", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 1 and "big.txt" in r.stderr and "--max-document-mb" in r.stderr
    assert [x["id"] for x in _jsonl(sandbox / "out.jsonl")] == ["good"]


# -- silent loss ----------------------------------------------------------------------------------


def test_one_bad_utf8_byte_costs_one_line(sandbox):
    lines = [json.dumps({"id": f"d{i}", "text": f"Line {i} of text."}).encode() + b"\n" for i in range(400)]
    lines[200] = b'{"id": "bad", "text": "caf\xe9"}\n'
    (sandbox / "in" / "docs.jsonl").write_bytes(b"".join(lines))
    r = run(sandbox, "clean", "in/docs.jsonl", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 1 and "docs.jsonl:201:" in r.stderr
    assert len(_jsonl(sandbox / "out.jsonl")) == 399


def test_unreadable_sub_folder_is_reported(sandbox):
    (sandbox / "in" / "secret").mkdir()
    (sandbox / "in" / "secret" / "x.txt").write_text("Hidden text.\n", encoding="utf-8")
    # Root reads every folder, so the refusal is simulated where the kernel would make it.
    prelude = ("import os\n_real = os.listdir\n"
               "def _listdir(p='.'):\n"
               "    if str(p).endswith('secret'):\n"
               "        raise PermissionError(13, 'Permission denied', str(p))\n"
               "    return _real(p)\n"
               "os.listdir = _listdir\n")
    if os.geteuid() != 0:
        prelude = ""
        os.chmod(sandbox / "in" / "secret", 0)
    try:
        r = run(sandbox, "clean", "in", "-o", "out.jsonl", outputs=("out.jsonl",), python_prelude=prelude)
    finally:
        os.chmod(sandbox / "in" / "secret", 0o755)
    assert r.returncode == 1 and "secret: cannot read folder" in r.stderr


def test_ids_that_differ_only_in_unsafe_characters_all_survive_as_txt(sandbox):
    ids = ["a/b", "a?b", "a:b", "a b", "a_b", "a*b"]
    (sandbox / "in" / "d.jsonl").write_text("".join(json.dumps({"id": i, "text": f"Text of {i}."}) + "\n" for i in ids),
                                            encoding="utf-8")
    r = run(sandbox, "clean", "in/d.jsonl", "--format", "txt", "-o", "txt", outputs=("txt",))
    assert r.returncode == 0, r.stderr
    assert len(list((sandbox / "txt").iterdir())) == len(ids)


# -- tracebacks that aborted the run --------------------------------------------------------------


def test_three_hundred_character_id_as_txt(sandbox):
    (sandbox / "in" / "d.jsonl").write_text(json.dumps({"id": "x" * 300, "text": "Long id."}) + "\n", encoding="utf-8")
    r = run(sandbox, "clean", "in/d.jsonl", "--format", "txt", "-o", "txt", outputs=("txt",))
    assert r.returncode == 0, r.stderr
    [f] = (sandbox / "txt").iterdir()
    assert f.read_text(encoding="utf-8").strip() == "Long id."


def test_self_referential_symlink(sandbox):
    (sandbox / "in" / "loop").symlink_to("loop")
    r = run(sandbox, "clean", "in", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 1 and "loop" in r.stderr
    assert [x["id"] for x in _jsonl(sandbox / "out.jsonl")] == ["good"]


def test_five_thousand_digit_integer_id(sandbox):
    (sandbox / "in" / "d.jsonl").write_text('{"id": ' + "7" * 5000 + ', "text": "Big id."}\n', encoding="utf-8")
    r = run(sandbox, "clean", "in/d.jsonl", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 0 and _jsonl(sandbox / "out.jsonl")[0]["id"] == "7" * 5000


def test_hundred_thousand_deep_json_array(sandbox):
    (sandbox / "in" / "d.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n" + '{"id": "ok", "text": "Fine."}\n' +
                                            '{"id": "deep", "text": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001 + "\n",
                                            encoding="utf-8")
    r = run(sandbox, "clean", "in/d.jsonl", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 1 and "d.jsonl:1:" in r.stderr and "d.jsonl:3:" in r.stderr
    assert [x["id"] for x in _jsonl(sandbox / "out.jsonl")] == ["ok"]


def test_malformed_tbx_import(sandbox):
    (sandbox / "bad.tbx").write_text("<martif><text><body><termEntry><langSet xml:lang='zh'>", encoding="utf-8")
    r = run(sandbox, "glossary", "import", "bad.tbx", "-o", "new.yaml")
    assert r.returncode == 2 and len(r.errors()) == 1 and "bad.tbx" in r.stderr


def test_csv_that_is_not_utf8_import(sandbox):
    (sandbox / "bad.csv").write_bytes("zh,en\n新质生产力,new quality productive forces\n".encode("gb18030"))
    r = run(sandbox, "glossary", "import", "bad.csv", "-o", "new.yaml", outputs=("new.yaml",))
    assert r.returncode == 2 and len(r.errors()) == 1 and "bad.csv" in r.stderr


def test_glossary_import_into_a_missing_folder(sandbox):
    (sandbox / "ok.csv").write_text("zh,en\n新质生产力,new quality productive forces\n", encoding="utf-8")
    r = run(sandbox, "glossary", "import", "ok.csv", "-o", "missing/new.yaml")
    assert r.returncode == 2 and len(r.errors()) == 1 and "missing" in r.stderr


# -- the CLI as a user meets it -------------------------------------------------------------------


def test_stdin_to_stdout(sandbox):
    r = run(sandbox, "clean", "-", "-o", "-", stdin=b"Cart\n\nThe economy grew,and jobs rose.\n")
    assert r.returncode == 0 and json.loads(r.stdout)["text"] == "The economy grew, and jobs rose."


def test_empty_file_is_an_empty_document_with_a_warning(sandbox):
    (sandbox / "in" / "empty.txt").write_bytes(b"")
    r = run(sandbox, "clean", "in", "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 0 and "warning: in/empty.txt: empty file" in r.stderr
    assert sorted(x["id"] for x in _jsonl(sandbox / "out.jsonl")) == ["empty", "good"]


def test_seeds_clean_within_the_limits(sandbox):
    r = run(sandbox, "clean", str(SEEDS), "-o", "out.jsonl", outputs=("out.jsonl",))
    assert r.returncode == 0 and len(_jsonl(sandbox / "out.jsonl")) == 6
