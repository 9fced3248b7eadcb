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
