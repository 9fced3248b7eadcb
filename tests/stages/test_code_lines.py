"""Lines of code, commands and configuration inside a text (tutorials, READMEs, FAQs): no heading,
no list item, their spacing and marks untouched, and the prose around them still read as prose.
Found by the clean-text audit of session 10 (ES6 tutorial, Rust book, Homebrew, OI-wiki)."""

from __future__ import annotations

from toolkit import clean_text

TUTORIAL = """Hello, World

Open a terminal and enter the following commands to make a directory.

$ mkdir ~/projects

$ cd ~/projects

$ mkdir hello_world

Rust Program Basics

The main function is special: it is always the first code that runs in every executable program.

fn main() {

println!("Hello, world!");

}

Add these lines to your hosts file:

140.82.114.25    alive.github.com

140.82.113.5     api.github.com

185.199.110.153  assets-cdn.github.com

Then run the program again."""


def _kinds(text: str) -> dict[str, str]:
    return {p["text"]: p["kind"] for p in clean_text(text)[0]["paragraphs"]}


def test_code_lines_are_paragraphs_and_keep_their_spacing() -> None:
    rec = clean_text(TUTORIAL)[0]
    kinds = {p["text"]: p["kind"] for p in rec["paragraphs"]}
    for line in ("$ mkdir ~/projects", "$ cd ~/projects", "fn main() {", 'println!("Hello, world!");', "}",
                 "140.82.114.25    alive.github.com", "185.199.110.153  assets-cdn.github.com"):
        assert kinds.get(line) == "paragraph", (line, kinds.get(line))
    assert rec["edits"] == [], rec["edits"]
    assert rec["removed"] == [], rec["removed"]


def test_headings_around_code_are_still_headings() -> None:
    kinds = _kinds(TUTORIAL)
    assert kinds.get("Rust Program Basics") == "heading"


def test_prose_lists_are_still_lists() -> None:
    kinds = _kinds("You will need:\n\nflour\n\ntwo eggs\n\nmilk\n\nMix well and bake for twenty minutes at a low heat.")
    assert [kinds[t] for t in ("flour", "two eggs", "milk")] == ["list_item"] * 3


def test_a_markdown_code_fence_keeps_its_spacing_around_quotes() -> None:
    # review (session 12): the space before a comma or colon after a closing quote was taken out
    # inside a fenced block of code; a block of lines may be code, a paragraph of one line is prose
    from toolkit import Pipeline
    from toolkit.model import Document

    raw = 'Use this config:\n\n```\n{"name" : "demo"}\nprint("done" , end="")\n```\n\nThen run it.\n'
    doc = Pipeline.default().run(Document(id="c", source="c.md", raw=raw, markup="markdown"))
    assert '{"name" : "demo"}\nprint("done" , end="")' in [b.text for b in doc.blocks]
