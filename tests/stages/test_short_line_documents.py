"""Headings in documents made of short lines: an outline's sections are headings, a chat's turns are
not; a transliterated name's full-width dots end no sentence; a four-level section number is no
hosts-file line. (Session 10: the clean-text audit and the review of its rules.)"""

from __future__ import annotations

from toolkit import clean_text


def _kinds(text: str) -> dict[str, str]:
    return {p["text"]: p["kind"] for p in clean_text(text)[0]["paragraphs"]}


OUTLINE = """Steve Jobs

Early Life

He was born in San Francisco in 1955 and was adopted by a couple soon after.

Youth:

Career

He founded a computer company in a garage with two friends in 1976.

Family:

Products

His products changed how people use phones, computers and music.

Style:

Legacy"""

CHAT = "在吗\n\n在的，怎么了？刚下班。\n\n晚上一起吃火锅吧\n\n好啊！你想去哪家？我都可以。\n\n就去车站旁边那家\n\n好的，我先去排队。\n\n行\n\n好。\n\n七点见"


def test_outline_sections_are_headings() -> None:
    kinds = _kinds(OUTLINE)
    assert [kinds.get(t) for t in ("Early Life", "Career", "Products")] == ["heading"] * 3


def test_chat_turns_are_no_headings() -> None:
    kinds = _kinds(CHAT)
    assert "heading" not in {kinds.get(t) for t in ("晚上一起吃火锅吧", "就去车站旁边那家", "行", "七点见")}, kinds


def test_name_dots_end_no_sentence() -> None:
    rec = clean_text("马丁．路德．金的梦想\n\n1963年8月28日，马丁．路德．金在林肯纪念堂前发表了著名的演说。这篇演说激励了无数人。")[0]
    assert rec["title"] == "马丁．路德．金的梦想"
    assert rec["paragraphs"][0]["sentences"][0].startswith("1963年8月28日，马丁．路德．金在林肯纪念堂")


def test_numbered_section_heading_is_no_hosts_line() -> None:
    kinds = _kinds("Specification\n\n3.2.1.1 Requirements\n\nThe system shall accept requests from any authenticated client and answer within two seconds.")
    assert kinds.get("3.2.1.1 Requirements") == "heading", kinds


def test_title_byline_and_first_heading_are_no_list() -> None:
    kinds = _kinds("Alice's Adventures in Wonderland\n\nLewis Carroll\n\nDown the Rabbit-Hole\n\nAlice was beginning to get very "
                   "tired of sitting by her sister on the bank, and of having nothing to do.\n\nSo she was considering in her own "
                   "mind whether the pleasure of making a daisy-chain would be worth the trouble of getting up.")
    assert kinds.get("Down the Rabbit-Hole") == "heading", kinds


def test_three_short_lines_after_a_title_are_still_a_list() -> None:
    kinds = _kinds("Pancakes\n\nYou will need:\n\nflour\n\ntwo eggs\n\nmilk\n\nMix everything well and bake the batter in a hot pan.")
    assert [kinds.get(t) for t in ("flour", "two eggs", "milk")] == ["list_item"] * 3, kinds


def test_a_title_then_two_short_lines_is_no_byline_and_heading() -> None:
    kinds = _kinds("Pancakes\n\n200g flour\n\n300ml milk\n\nMix the flour and the milk well, then bake the batter in a hot pan.")
    assert "heading" not in {kinds.get("200g flour"), kinds.get("300ml milk")}, kinds


def test_full_width_stop_after_a_list_number_ends_no_sentence() -> None:
    rec = clean_text("考试须知\n\n考试须知如下：1．考生须提前到达考场；2．考试期间不得交头接耳；3．不得携带手机。")[0]
    assert not any(s.endswith("1．") for p in rec["paragraphs"] for s in p["sentences"]), rec["paragraphs"]


def test_two_names_under_a_label_are_no_byline_and_heading() -> None:
    kinds = _kinds("Attendees\n\nJohn Smith\n\nMary Jones\n\nThe meeting discussed the budget for next year and agreed to cut costs.")
    assert "heading" not in {kinds.get("John Smith"), kinds.get("Mary Jones")}, kinds
