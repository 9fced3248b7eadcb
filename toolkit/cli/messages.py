"""What the command line prints to standard error: one line each, never a traceback."""

from __future__ import annotations

import sys


def err(msg: str) -> None:
    """A user error: ``toolkit: error: MESSAGE``."""
    print(f"toolkit: error: {msg}", file=sys.stderr)
