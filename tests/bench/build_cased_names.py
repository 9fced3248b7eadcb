"""Build the list of words that news English capitalizes mid-sentence (``toolkit/data/cased-names.txt``).

    python tests/bench/build_cased_names.py --wmt GIT_DIR [--wmt GIT_DIR ...] [--write]

The ``casing`` flag (``toolkit/stages/qa.py``) marks a common word capitalized after a lowercase
word, the trace of a sentence break machine translation lost ("development Overall situation").
A frequent word that is a name ("met Putin yesterday", "the Senate voted", "shares of Apple
rose") has the same shape, and wordfreq, which folds case, cannot tell the two apart. Edited news
text can: a word that its writers capitalize after a lowercase word at least as often as they
write it in lowercase is a name in news English. This script counts both in human-written English
news and keeps such words.

Data (human text only, no system output): the WMT21 news and WMT22 general test sets of the public
``wmt-conference/wmt21-news-systems`` and ``wmt-conference/wmt22-news-systems`` repositories
(``txt-ts/``, ``txt/``): every English reference of an into-English pair and every English source.
``GIT_DIR`` is a clone of each (read with ``git show``, nothing is copied). Left out on purpose: WMT24 (the clean-text bench reads its English, so a
list learnt there would make that bench in-sample), WMT23 and MAC-Test (acceptance sets).

A word is kept when it is seen capitalized between two lowercase words (the flag's own context,
where neither neighbour is a function word: "met Putin yesterday", not a title-cased name such as
"the Chocolate Factory" or "the Faculty of Law") at least ``--min-count`` times (default 2), at
least as often as in lowercase anywhere (twice as often when seen capitalized fewer than twice
``--min-count`` times), and its lowercase uses are at most ``--max-lower-share``
(default 0.3) of what wordfreq's frequency predicts for the corpus's size:
a common noun that some texts capitalize as a defined term ("the Client", "the Contractor" in a
contract, "the Reader") is still written in lowercase about as often as general English writes
it, a name is not. It must be frequent enough for the flag to look at it at all (wordfreq Zipf
>= ``--min-zipf``, default 3.5, below the flag's default 4.0).
The file has one word per line under a ``#`` header naming the data and settings.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from toolkit.lang import EN_FUNCTION_WORDS  # noqa: E402
from toolkit.wordlists import zipf  # noqa: E402

OUT = ROOT / "toolkit" / "data" / "cased-names.txt"
_TOKEN = re.compile(r"[A-Za-z][a-z]+(?:'[a-z]+)?|[^\sA-Za-z]+")


def english_texts(git_dir: str) -> list[str]:
    names = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "--name-only", "HEAD"],
                           capture_output=True, text=True, check=True).stdout.split()
    keep = [n for n in names if re.search(r"^txt(?:-ts)?/(?:references/.*-en\.ref\.[^.]+\.en|sources/.*\.en-[a-z]+\.src\.en)$", n)]
    out = []
    for n in sorted(keep):
        out.append(subprocess.run(["git", "--git-dir", git_dir, "show", f"HEAD:{n}"],
                                  capture_output=True, text=True, check=True).stdout)
    print(f"{len(keep)} files: {', '.join(Path(k).name for k in keep)}", file=sys.stderr)
    return out


def count(texts: list[str]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Capitalized between lowercase words; lowercase anywhere; capitalized anywhere (as the word's capitalized form)."""
    cap_mid: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    cap_any: Counter[str] = Counter()
    def cap(t: str) -> bool:
        return t[:1].isupper()

    for text in texts:
        for line in text.splitlines():
            toks = ["", ""] + _TOKEN.findall(line) + ["", ""]
            for i in range(2, len(toks) - 2):
                tok = toks[i]
                if not tok[0].isalpha():
                    continue
                if not cap(tok):
                    lower[tok.capitalize()] += 1
                    continue
                if not tok[1:].islower():
                    continue
                cap_any[tok] += 1
                prev, nxt = toks[i - 1], toks[i + 1]
                # a capital alone after a lowercase word ("met Putin yesterday", "the Senate voted"),
                # not a word of a title-cased name ("the Chocolate Factory", "the Bank of England")
                if prev[:1].islower() and prev.isalpha() and not (prev in EN_FUNCTION_WORDS and cap(toks[i - 2])) \
                        and not cap(nxt) and not (nxt in EN_FUNCTION_WORDS and cap(toks[i + 2])):
                    cap_mid[tok] += 1
    return cap_mid, lower, cap_any


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wmt", action="append", required=True,
                    help="git dir of wmt-conference/wmt21-news-systems or wmt22-news-systems (repeatable)")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--max-lower-share", type=float, default=0.3)
    ap.add_argument("--min-zipf", type=float, default=3.5)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    texts = [t for d in a.wmt for t in english_texts(d)]
    cap_mid, lower, _ = count(texts)
    tokens = sum(len(_TOKEN.findall(t)) for t in texts)

    def name(w: str, c: int) -> bool:
        z = zipf(w, a.min_zipf)
        if c < a.min_count or z < a.min_zipf or lower[w] > c or (c < 2 * a.min_count and lower[w] > c // 2):
            return False  # (seen capitalized only a few times: then hardly ever in lowercase)
        # A common noun that some texts capitalize as a defined term ("the Client", "the Contractor"
        # in a contract) still shows in lowercase about as often as general English writes it; a
        # name's lowercase form is rare (wordfreq's frequency counts both, case folded).
        expected = tokens * 10 ** (z - 9)
        return lower[w] <= a.max_lower_share * expected

    words = sorted(w for w, c in cap_mid.items() if name(w, c))
    lines = sum(t.count("\n") for t in texts)
    print(f"{lines} lines; {len(cap_mid)} words capitalized mid-sentence; {len(words)} kept", file=sys.stderr)
    print(" ".join(words[:400]))
    if a.write:
        header = (f"# Words news English capitalizes mid-sentence at least as often as it writes them in lowercase\n"
                  f"# (names the casing flag leaves alone). Built by tests/bench/build_cased_names.py from the WMT21/22\n"
                  f"# test sets' English references and sources ({lines} lines); min count {a.min_count}, max lowercase\n"
                  f"# share {a.max_lower_share}, min Zipf {a.min_zipf}. Regenerate, do not edit: add hand-picked names to\n"
                  f"# protected-names.yaml.\n")
        OUT.write_text(header + "".join(w + "\n" for w in words), encoding="utf-8")
        print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
