"""A timing guard per rule regex: a 200,000-character line without spaces is processed in well under
a second (catastrophic backtracking would take minutes)."""

from __future__ import annotations

import time

import pytest

from toolkit.stages import boilerplate, encoding, footnotes, metadata, numbers, punctuation, qa

LONG = [
    "a" * 200_000,
    ("Ab," * 70_000)[:200_000],
    ("9%" * 100_000)[:200_000],
    ("国家," * 70_000)[:200_000],
    ("’a" * 100_000)[:200_000],
    ('"' + "a" * 199_999),
    ("**" * 100_000),
]

FUNCS = {
    "space_after": punctuation.space_after,
    "space_before": punctuation.space_before,
    "time_colon": punctuation.time_colon,
    "glued_quotes": punctuation.glued_quotes,
    "glued_sentences": punctuation.glued_sentences,
    "reversed_single_quotes": punctuation.reversed_single_quotes,
    "pinyin_apostrophe": punctuation.pinyin_apostrophe,
    "hyphen_case": punctuation.hyphen_case,
    "lost_decimal": numbers.lost_decimal,
    "number_glitches": numbers.number_glitches,
    "masked": qa.masked,
    "casing": qa.casing,
    "doubled": qa.doubled,
    "zh_punct_changes": encoding.zh_punct_changes,
    "split_mixed": footnotes.split_mixed,
    "is_title_like": metadata.is_title_like,
    "cut_off_word": metadata.cut_off_word,
}


@pytest.mark.parametrize("name", sorted(FUNCS))
def test_no_redos_rule(name):
    fn = FUNCS[name]
    for text in LONG:
        t0 = time.perf_counter()
        fn(text)
        assert time.perf_counter() - t0 < 1.0, (name, text[:10])


def test_no_redos_boilerplate_and_metadata_patterns():
    rules = boilerplate.load_packs(())
    patterns = [r.regex for r in rules] + [
        metadata.DATE_LINE, metadata.SOURCE_DATE_LINE, metadata.SOURCE_LINE, metadata.EDITOR_LINE, metadata.BYLINE_LINE,
        metadata.KEYWORDS_LINE, metadata.CLC_LINE, metadata.DATELINE_EN, metadata.DATELINE_WIRE, metadata.DATELINE_ZH,
        footnotes.NOTE_LINE, footnotes.AUTHOR_NOTE, footnotes.FUNDING_NOTE, footnotes.NOTES_HEADING,
    ]
    for rx in patterns:
        for text in LONG:
            t0 = time.perf_counter()
            rx.match(text)
            rx.fullmatch(text)
            assert time.perf_counter() - t0 < 1.0, (rx.pattern[:60], text[:10])


def test_pipeline_is_not_quadratic_in_a_paragraphs_length():
    """The whole default pipeline over four 100,000-character paragraphs (English and Chinese
    sentences, as a document of long unbroken paragraphs has them). A pattern searched over a
    neighbouring paragraph (the metadata stage's colon-line test, session 11) took 13 s at 25,000
    characters and minutes at this size; linear code takes about half a second."""
    from toolkit import Document, Pipeline

    n = 100_000
    en = ("The economy grew 5% in 2023, and exports rose sharply in the fourth quarter. " * (n // 78 + 1))[:n]
    zh = ("会议强调，要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念。" * (n // 34 + 1))[:n]
    pipe = Pipeline.default()
    t0 = time.perf_counter()
    pipe.run(Document(id="long", source="long", raw="\n\n".join([en, en, zh, zh])))
    assert time.perf_counter() - t0 < 15.0
