"""Legacy East Asian code pages without a declaration: is each file read as what it is?

    python tests/bench/decode_legacy_cjk.py /work/.mirror/MicrosoftTranslator+NTREX/repo [--samples 100]

Texts are NTREX-128's human translations of newstest2019 (Korean, Japanese, Simplified and Traditional
Chinese, Cantonese; French, German and Spanish for cp1252; Russian, Greek, Turkish, Polish, Czech), from a bare clone of
MicrosoftTranslator/NTREX. Each sample is 1, 3 or 10 consecutive sentences encoded in a legacy code
page (EUC-KR, CP949, Shift_JIS, EUC-JP, GB18030, GBK, Big5, Big5-HKSCS, cp1252, and the Cyrillic,
Greek, Turkish and Central European pages) and given to
``toolkit.io.decode.decode_bytes`` with no charset declared; a sample is right when the decoded text
equals the original. Samples the code page cannot encode are counted apart. Then every single
sentence but the Korean and Japanese ones is checked on its own (the short ones are where one code
page's bytes pass for another's).
"""

from __future__ import annotations

import argparse
import collections
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from toolkit.errors import InputError  # noqa: E402
from toolkit.io.decode import decode_bytes  # noqa: E402

SETS = {"Korean": ("kor", ("euc-kr", "cp949")), "Japanese": ("jpn", ("shift_jis", "euc-jp")),
        "Chinese (Simplified)": ("zho-CN", ("gb18030", "gbk")), "Chinese (Traditional)": ("zho-TW", ("big5",)),
        "Cantonese": ("yue", ("big5hkscs",)), "French": ("fra", ("cp1252",)), "German": ("deu", ("cp1252",)),
        "Spanish": ("spa", ("cp1252",)), "Russian": ("rus", ("cp1251", "koi8-r")), "Greek": ("ell", ("cp1253",)),
        "Turkish": ("tur", ("cp1254",)), "Polish": ("pol", ("cp1250",)), "Czech": ("ces", ("cp1250", "cp852"))}


def lines(mirror: str, code: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", mirror, "show", f"HEAD:NTREX-128/newstest2019-ref.{code}.txt"],
                         capture_output=True, text=True, check=True).stdout
    return [s.strip() for s in out.splitlines() if s.strip()]


def verdict(text: str, encoding: str) -> str:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return "unencodable"
    try:
        return "right" if decode_bytes(data, "sample")[0] == text else "wrong"
    except InputError:
        return "error"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mirror")
    ap.add_argument("--samples", type=int, default=100)
    a = ap.parse_args()
    rng = random.Random(7)
    texts = {name: lines(a.mirror, code) for name, (code, _) in SETS.items()}
    print("| language | code page | sentences | right | wrong | error | unencodable |\n|---|---|---|---|---|---|---|")
    for name, (_, encodings) in SETS.items():
        ls = texts[name]
        for k in (1, 3, 10):
            starts = [rng.randrange(len(ls) - k) for _ in range(a.samples)]
            for enc in encodings:
                c = collections.Counter(verdict("\n".join(ls[i : i + k]), enc) for i in starts)
                print(f"| {name} | {enc} | {k} | {c['right']} | {c['wrong']} | {c['error']} | {c['unencodable']} |")
    print("\nEvery single sentence (not pure ASCII once encoded):\n\n| language | code page | sentences | wrong | error |\n|---|---|---|---|---|")
    for name in ("Chinese (Simplified)", "Chinese (Traditional)", "Cantonese", "French", "German", "Spanish", "Russian",
                 "Greek", "Turkish", "Polish", "Czech"):
        enc = SETS[name][1][0]
        vs = [verdict(s, enc) for s in texts[name] if not s.encode(enc, errors="ignore").isascii()]
        c = collections.Counter(vs)
        print(f"| {name} | {enc} | {len(vs) - c['unencodable']} | {c['wrong']} | {c['error']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
