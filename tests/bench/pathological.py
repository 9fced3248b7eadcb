"""Linear time on 1 MB pathological inputs (issue 13): each input is cleaned twice, at 0.5 MB and
1 MB, by the default pipeline; the time ratio must stay near 2 (quadratic would be 4).

    python tests/bench/pathological.py
"""

from __future__ import annotations

import random
import sys
import time

from toolkit import Document, Pipeline


def _inputs(n: int) -> dict[str, str]:
    rng = random.Random(13)
    return {
        "mixed punctuation (encoding, one paragraph)": "".join(rng.choice("，。！？：；（）“”‘’a b.,!?&amp;ＡＢ１２") for _ in range(n)),
        "Traditional Chinese with ASCII punctuation": "".join(rng.choice("國家經濟發展,:;()a1，") for _ in range(n)),
        "circled footnote markers, no notes": "The economy grew." + "①" * (n - 17),
        "repeated share-bar words": " ".join(["qq"] * (n // 3)),
        # (spaced numbers such as "5 %" are left out: punctuation.spaced_number is still quadratic,
        # see the xfail in tests/hostile/test_hostile.py)
        "one long English paragraph": ("The economy grew quickly ,and exports rose.Imports fell. " * (n // 57 + 1))[:n],
    }


def main() -> int:
    pipe = Pipeline.default()
    pipe.run(Document(id="warm", source="warm", raw="Warm up."))
    worst = 0.0
    print(f"{'input':48} {'0.5 MB':>8} {'1 MB':>8} {'ratio':>6}")
    for name in _inputs(1000):
        times = []
        for n in (500_000, 1_000_000):
            text = _inputs(n)[name]
            t0 = time.perf_counter()
            pipe.run(Document(id="x", source="x", raw=text))
            times.append(time.perf_counter() - t0)
        ratio = times[1] / max(times[0], 1e-9)
        worst = max(worst, ratio)
        print(f"{name:48} {times[0]:7.1f}s {times[1]:7.1f}s {ratio:6.2f}")
    return 0 if worst < 3.0 else 1


if __name__ == "__main__":
    sys.exit(main())
