from __future__ import annotations

from pathlib import Path

import pytest

GOOD = "A title line\n\nThe economy grew by 5% in 2023, and exports rose.\n"


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    box = tmp_path / "sandbox"
    box.mkdir()
    (box / "in").mkdir()
    (box / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    return box
