"""Term QA precision (issue 15): a term-missing flag needs the term to be a word of the sentence
and no evidence that it was rendered another way. Each guard has a negative: a real miss it must
still flag."""

from __future__ import annotations

import pytest

from toolkit.alignment.qa import crosses_word, term_flags
from toolkit.glossary import Glossary

GLOSSARY = """pair: zh-en
entries:
  - zh: 中国人
    en: Chinese person
  - zh: 拉拉
    en: Lala
  - zh: 美军
    en: US army
  - zh: 美元
    en: US dollar
  - zh: 人民币
    en: renminbi
  - zh: 网红
    en: Internet celebrity
  - zh: 新冠肺炎
    en: COVID-19
  - zh: 五道口
    en: Wudaokou
  - zh: 大湾区
    en: Greater Bay Area
  - zh: 百事可乐
    en: Pepsi
  - zh: 美国
    en: United States
  - zh: 桑德斯
    en: Bernie Sanders
  - zh: 宣传部
    en: Propaganda Department
  - zh: 粮食
    en: grain
"""


@pytest.fixture(scope="module")
def g(tmp_path_factory):
    p = tmp_path_factory.mktemp("g") / "g.yaml"
    p.write_text(GLOSSARY, encoding="utf-8")
    return Glossary.load([p], cache=False)


def missing(g, zh, en):
    return [f["zh"] for f in term_flags(zh, en, g)]


# -- word boundaries: a word of the sentence straddling the term's edge -----------------------

def test_a_term_straddled_by_a_word_is_no_occurrence(g):
    assert missing(g, "在此期间，中国人权也独立开展了人道救援项目。",
                   "During this period, Human Rights in China also ran relief projects.") == []
    assert missing(g, "乌拉拉在跳舞。", "Ulala is dancing.") == []
    assert crosses_word("李兰娟作为中国人工肝事业的开拓者", 5, 8)  # 中国/人工


def test_a_whole_word_term_is_still_checked(g):
    assert missing(g, "他是中国人。", "He is from Beijing.") == ["中国人"]
    assert missing(g, "拉拉在跳舞。", "The girl is dancing.") == ["拉拉"]
    # a longer word holding the term is a compound that still needs it (粮食产量: grain output)
    assert missing(g, "粮食产量创新高。", "Output hit a record.") == ["粮食"]


# -- evidence of another rendering ----------------------------------------------------------

@pytest.mark.parametrize("zh,en", [
    ("美军设立了黑监狱。", "The U.S. military set up a black prison."),  # 美 (abbr. for 美国) + 军 "military"
    ("美军设立了黑监狱。", "The US armed forces set up a black prison."),  # a CC-CEDICT gloss of the term
    ("投资50亿美元。", "It will invest $5 billion."),  # a currency symbol
    ("投资50亿美元。", "It will invest USD 5 billion."),  # an ISO code
    ("贷款100亿人民币。", "A loan of 10 billion CNY."),
    ("她是网红。", "She is an influencer."),  # a CC-CEDICT gloss the entry lacks
    ("日昌餐馆(五道口店)", "Richang Restaurant (Wu Daokou Branch)"),  # the entry's pinyin, spaced
    ("百事可乐和人民日报合作", "PepsiCo and People's Daily cooperated"),  # a compound of the name
    ("美国干涉别国", "America interferes with other countries"),  # America for the United States
    ("省委宣传部部长", "director of the Publicity Department of the provincial committee"),
])
def test_another_rendering_is_not_missing(g, zh, en):
    assert missing(g, zh, en) == []


@pytest.mark.parametrize("zh,en,term", [
    ("美军设立了黑监狱。", "The US said the army of Mali set up a prison.", "美军"),  # the parts far apart
    ("投资50亿美元。", "It will invest US 5 billion.", "美元"),  # the symbol lost
    ("她是网红。", "She is a net red.", "网红"),  # two characters glossed one by one: literal
    ("在新冠肺炎抗击战中", "In the fight against new crown pneumonia", "新冠肺炎"),
    ("日昌餐馆(五道口店)", "Nissho Restaurant (Gudaokou Branch)", "五道口"),
    ("２０１４年桑德斯等学者的研究", "the research of Sang Desi and other scholars", "桑德斯"),  # not its spelling
    ("2021年大湾区科学论坛", "the 2021 Dawan District Science Forum", "大湾区"),  # pinyin of a part only
    ("百事可乐和人民日报合作", "Pepsicola and People's Daily cooperated", "百事可乐"),  # no compound
])
def test_a_real_miss_is_still_flagged(g, zh, en, term):
    assert missing(g, zh, en) == [term]


def test_a_known_wrong_variant_overrides_the_evidence(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text("pair: zh-en\nentries:\n  - zh: 美元\n    en: US dollar\n    variants: [American yuan]\n",
                 encoding="utf-8")
    g = Glossary.load([p], cache=False)
    assert missing(g, "投资50亿美元。", "It will invest $5 billion in American yuan.") == ["美元"]
