"""One error hierarchy for everything a user can get wrong.

Every message names the file, the line where there is one, the bad value and
what to do next. The CLI turns these into ``toolkit: error: ...`` lines and an
exit status; the library raises them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ToolkitError(Exception):
    """Base class: a problem the user can fix (bad input, bad config, bad glossary)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.location() + message)

    def location(self) -> str:
        if self.path is None:
            return ""
        if self.line is None:
            return f"{self.path}: "
        return f"{self.path}:{self.line}: "


class ConfigError(ToolkitError):
    """A pipeline config file or option is unusable (exit status 2)."""


class GlossaryError(ToolkitError):
    """A glossary file cannot be loaded (exit status 2)."""


class InputError(ToolkitError):
    """One input document (or line of a JSONL input) cannot be read; it is skipped."""


class InputWarning(InputError):
    """An input was read but deserves a word (an empty file became an empty document); not an error.

    A subclass of :class:`InputError` so a reader's consumer that knows only errors skips it safely.
    """


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``did you mean 'x'?`` hint, or an empty string.

    >>> did_you_mean("varients", ["variants", "note"])
    " (did you mean 'variants'?)"
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
