"""Hard-negative flags: each kind on hand-made pairs, and a ceiling on false alarms over MAC-Dev gold pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.alignment.aligner import doc_ratio
from toolkit.alignment.flags import pair_flags, partial, untranslated, wrong_script
from toolkit.alignment.lexicon import build_lexicon
from toolkit.alignment.qa import number_mismatches
from toolkit.alignment.score import parse_beads

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "mac-dev"


@pytest.fixture(scope="module")
def lex():
    return build_lexicon()


def kinds(zh, en, lex):
    return [f["kind"] for f in pair_flags(zh, en, lex)] + (["number-mismatch"] if number_mismatches(zh, en) else [])


# (label, zh, en, expected kinds) -- why each is a hard negative (or not) is in the label
CASES = [
    ("clean-pair", "国家统计局今天发布了经济数据。", "The National Bureau of Statistics released economic data today.", []),
    ("english-side-left-in-chinese", "国家统计局今天发布了经济数据。", "国家统计局今天发布了经济数据，增长很快。", ["untranslated"]),
    ("chinese-side-is-english", "The bureau released the data today.", "The National Bureau of Statistics released data today.",
     ["untranslated"]),
    ("copied-source", "GDP增长5%", "GDP增长5%", ["untranslated"]),
    ("japanese-on-the-chinese-side", "今日は経済データが発表されました。", "Economic data was released today.", ["wrong-script"]),
    ("russian-on-the-english-side", "国家统计局今天发布了经济数据。", "Сегодня бюро опубликовало экономические данные.",
     ["wrong-script"]),
    ("mojibake-chinese", "å›½å®¶ç»Ÿè®¡å±€ä»Šå¤©å‘å¸ƒ", "The bureau released data today.", ["wrong-script"]),
    ("english-has-an-extra-sentence", "国家统计局今天发布了经济数据。",
     "The National Bureau of Statistics released economic data today. Meanwhile, heavy rain flooded several "
     "villages in the south and thousands of residents were evacuated overnight.", ["partial"]),
    ("chinese-has-an-extra-clause", "国家统计局今天发布了经济数据，与此同时南方多个村庄遭受暴雨洪水袭击，数千名居民连夜撤离转移。",
     "The National Bureau of Statistics released economic data today.", ["partial"]),
    ("number-swapped", "民间投资同比增长9.1%。", "Private investment grew 19.1% year-on-year.", ["number-mismatch"]),
    ("loose-but-complete", "他笑了笑，没说话。", "He smiled and said nothing.", []),
    # numbers written another way on the other side are the same numbers
    ("decade-in-full", "到上世纪80年代，芯片一直被少数强者掌握。", "Until the 1980s, chips were held by a few.", []),
    ("number-in-words", "他在12个月里走了三千公里。", "He walked 3,000 kilometres in twelve months.", []),
    ("full-width-digits", "江西３年内将培训教师。", "Jiangxi will train teachers within 3 years.", []),
    ("comma-grouped-chinese-number", "每年有1,000亿美元的收入。", "It earns US$100 billion a year.", []),
    ("money-written-short", "再提供7500万英镑的援助。", "Another £75m in aid.", []),
    ("units-and-prefixes", "装机容量500兆瓦，2021年年中投产，两校分别有800，600名学生。",
     "500MW of capacity from mid-2021; the two schools have 800 and 600 students.", []),
    ("idioms-are-no-numerals", "这个问题十分重要，千万不要忘记，涉及3个部门。",
     "The issue is very important, never forget it; it involves 3 departments.", []),
    ("both-is-no-count", "双方签署了2项协议，涉及5亿元。", "Both sides signed 3 agreements worth 500 million yuan.",
     ["number-mismatch"]),
    ("decade-swapped", "到上世纪80年代，芯片一直被少数强者掌握。", "Until the 1970s, chips were held by a few.",
     ["number-mismatch"]),
    ("words-swapped", "他在12个月里走了三千公里。", "He walked 3,000 kilometres in eleven months.", ["number-mismatch"]),
]


@pytest.mark.parametrize("zh,en,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hand_made_hard_negatives(zh, en, expected, lex):
    assert kinds(zh, en, lex) == expected


def test_partial_carries_the_offsets_of_the_unaligned_part(lex):
    en = "We go to the park. Astronomers held a press conference about images from the Mars probe."
    f = partial("我们去公园。", en, lex)
    assert f is not None and en[f["start"] : f["end"]].strip().startswith("Astronomers") and f["end"] == len(en)


def test_each_function_is_quiet_on_a_good_pair(lex):
    zh, en = "我们去公园散步。", "We go for a walk in the park."
    assert untranslated(zh, en) is None and wrong_script(zh, en) is None and partial(zh, en, lex) is None


@pytest.mark.skipif(not (DATA / "gold").is_dir(), reason="MAC-Dev is not beside this checkout (../shared/data/mac-dev)")
def test_flags_on_mac_dev_gold_pairs_stay_under_two_percent(lex):
    counts: dict[str, int] = {}
    n = 0
    for g in sorted((DATA / "gold").glob("*.align")):
        zh = (DATA / "zh" / f"{g.stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (DATA / "en" / f"{g.stem}.en").read_text(encoding="utf-8").splitlines()
        r = doc_ratio(sum(len(s) for s in en), sum(len(s.replace(" ", "")) for s in zh))
        for s, t in parse_beads(g.read_text(encoding="utf-8").splitlines()):
            if not s or not t:
                continue
            z, e = "".join(zh[i] for i in s), " ".join(en[j] for j in t)
            n += 1
            for f in pair_flags(z, e, lex, r):
                counts[f["kind"]] = counts.get(f["kind"], 0) + 1
            if number_mismatches(z, e):
                counts["number-mismatch"] = counts.get("number-mismatch", 0) + 1
    assert n > 1300
    rates = {k: v / n for k, v in counts.items()}
    # measured: number-mismatch 0.45%, partial 0.37%, others 0
    assert all(r <= 0.02 for r in rates.values()), rates
