"""OpenCC in every mode: toward Simplified, phrase rules never rewrite text already Simplified;
toward Traditional, phrase rules (打印机 -> 印表機) still apply."""

from __future__ import annotations

import pytest

from toolkit import Document, Pipeline


def _clean(text: str, mode: str) -> str:
    pipe = Pipeline.from_config(None, None, {"encoding": {"opencc": mode}})
    return str(pipe.run(Document(id="x", source="x", raw=text)).to_records()[0]["text"])


@pytest.mark.parametrize("mode,text,expected", [
    ("t2s", "纪念碑的支持者被控破坏布里斯托尔的雕像。", "纪念碑的支持者被控破坏布里斯托尔的雕像。"),
    ("t2s", "這個壞人破壞了頭髮。", "这个坏人破坏了头发。"),
    ("s2twp", "我的打印机坏了。", "我的印表機壞了。"),
    ("s2t", "一包方便面。", "一包方便麪。"),
])
def test_opencc_modes(mode: str, text: str, expected: str) -> None:
    assert _clean(text, mode) == expected
