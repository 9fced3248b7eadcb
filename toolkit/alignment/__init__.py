"""Bilingual sentence alignment (offline, CPU): lengths plus dictionary anchors, banded DP."""
