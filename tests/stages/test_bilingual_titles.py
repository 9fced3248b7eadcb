"""A page with a Chinese half and an English half, each under its own headline: the headlines
pair with each other, and neither is glued to the other half's first sentence."""

from __future__ import annotations

from toolkit import Document, Pipeline

PAGE = """德国农民和火车司机正在吓唬德国的老板

在德国，工人和老板共同经营许多公司，大规模罢工并不常见。

抗议活动的起因是政府决定终止对农用柴油的补贴。

火车司机工会要求缩短每周工作时间。

German farmers and train drivers are scaring Germany's bosses

In Germany, where workers and bosses run many companies jointly, a big strike is rare.

The protests began when the government decided to end subsidies for farm diesel.

The train drivers' union wants a shorter working week.
"""


def test_headlines_pair_with_each_other() -> None:
    doc = Pipeline.default().run(Document(id="p", source="p", raw=PAGE))
    pairs = [(p.zh, p.en) for p in doc.pairs]
    assert ("德国农民和火车司机正在吓唬德国的老板", "German farmers and train drivers are scaring Germany's bosses") in pairs
    assert not any(en.startswith("German farmers") and "In Germany" in en for _, en in pairs)
    assert any(zh.startswith("在德国") and en.startswith("In Germany") for zh, en in pairs)


INTERLEAVED = """中国经济稳中向好

国家统计局1月17日发布数据显示，2023年国内生产总值（GDP）达到126万亿元，比上年增长5.2%。

China's economy is stable and improving

Data released by the National Bureau of Statistics on January 17 showed that gross domestic product (GDP) reached 126 trillion yuan in 2023, an increase of 5.2% over the previous year.

其中，第三产业增加值增长5.8%。

Among them, the added value of the tertiary industry increased by 5.8%.
"""


def test_interleaved_page_pairs_over_the_other_languages_headline() -> None:
    """The English headline sits between the first Chinese paragraph and its translation: the
    paragraph pairs with its translation over it, and the headline with the page title."""
    doc = Pipeline.default().run(Document(id="p", source="p", raw=INTERLEAVED))
    pairs = [(p.zh[:6], p.en[:12]) for p in doc.pairs]
    assert pairs == [("中国经济稳中", "China's econ"), ("国家统计局1", "Data release"), ("其中，第三产", "Among them, ")]


def test_adjacent_interleaved_pairs_are_not_skipped_over() -> None:
    """Negative for the skip: on a plain interleaved page every paragraph pairs with its neighbour."""
    page = ("经济运行总体平稳。\n\nThe economy ran steadily.\n\n就业形势保持稳定。\n\nEmployment remained stable.\n\n"
            "物价温和上涨。\n\nPrices rose mildly.\n")
    doc = Pipeline.default().run(Document(id="p", source="p", raw=page))
    assert [(p.zh, p.en) for p in doc.pairs] == [("经济运行总体平稳。", "The economy ran steadily."),
                                                 ("就业形势保持稳定。", "Employment remained stable."),
                                                 ("物价温和上涨。", "Prices rose mildly.")]
