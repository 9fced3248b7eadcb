"""The stage contract: a stage declares itself, the base class counts and times it.

A stage is a class with class-level declarations that the pipeline builds from,
so no core module ever names a stage:

``name``
    the same word in the registry, the config file, ``toolkit stages`` and the
    ``stage`` field of every record the stage writes;
``version``
    recorded in every output's signature (bump it when output changes);
``description``
    one line for ``toolkit stages``;
``requires`` / ``provides``
    facts about a document (``blocks``, ``paragraphs``, ``sentences``...) that
    the stage needs from an earlier stage, and that it establishes. A config
    that runs a stage before anything provides what it requires is rejected
    before any document is read;
``uses``
    facts the stage takes when present (it works without them): if a stage
    that provides one is configured, it must run earlier;
``uses_glossary``
    the stage reads :attr:`Resources.glossary` (so the glossary's digest goes
    into the signature and the glossary is loaded before the run);
``Options``
    a frozen dataclass; its fields are the options a config may set, with
    types and defaults (the defaults also appear in ``toolkit/data/pipeline.yaml``);
``rules``
    the ids of the stage's named rules: the values an ``enable``/``disable``
    option may take (a stage whose rules come from data overrides
    :meth:`Stage.rule_ids`).

Third-party stages register the same way (:func:`register`), from their own
package, found through the ``toolkit.stages`` entry-point group.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from .errors import ConfigError, did_you_mean
from .model import Document


@dataclass(frozen=True, slots=True, kw_only=True)
class NoOptions:
    """This stage has no options."""


class Resources:
    """Shared, lazily built things stages need: the loaded glossary."""

    def __init__(self, glossary_paths: Iterable[str | Path] = ()) -> None:
        self.glossary_paths = [Path(p) for p in glossary_paths]
        self._glossary: Any = None

    @property
    def glossary(self) -> Any:
        if self._glossary is None:
            from .glossary import Glossary

            self._glossary = Glossary.load(self.glossary_paths)
        return self._glossary


#: Option names whose values are rule ids of the stage (checked against :meth:`Stage.rule_ids`).
RULE_OPTIONS = ("enable", "disable")


class Stage:
    """Base class: subclasses declare themselves and implement :meth:`run`; the base counts and times."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    description: ClassVar[str] = ""
    Options: ClassVar[type] = NoOptions
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()
    uses: ClassVar[tuple[str, ...]] = ()
    uses_glossary: ClassVar[bool] = False
    rules: ClassVar[tuple[str, ...]] = ()

    def __init__(self, options: Any = None, resources: Resources | None = None) -> None:
        self.options = options if options is not None else self.Options()
        self.resources = resources or Resources()
        self.seconds = 0.0
        self.documents = 0

    def run(self, doc: Document) -> None:
        raise NotImplementedError

    def __call__(self, doc: Document) -> None:
        t0 = time.perf_counter()
        removed = len(doc.removed)
        self.run(doc)
        if len(doc.removed) > removed:
            self.after_removal(doc)
        self.seconds += time.perf_counter() - t0
        self.documents += 1

    def after_removal(self, doc: Document) -> None:
        """Called after :meth:`run` took lines out of the body: decisions an earlier stage made from
        the lines beside a paragraph can be made again (see ``structure.relist``)."""

    def describe(self) -> list[str]:
        """Extra lines for ``toolkit stages`` (e.g. the rule packs a stage loaded)."""
        return []

    @classmethod
    def rule_ids(cls, options: Any = None) -> tuple[str, ...]:
        """The rule ids ``enable``/``disable`` may name (``options``: for rules that come from data)."""
        return cls.rules

    @classmethod
    def option_fields(cls) -> list[dataclasses.Field[Any]]:
        return list(dataclasses.fields(cls.Options))

    @classmethod
    def declaration(cls) -> dict[str, Any]:
        """Everything the stage declares, as plain data (what ``toolkit stages --json`` prints)."""
        return {
            "name": cls.name,
            "version": cls.version,
            "description": cls.description,
            "requires": list(cls.requires),
            "provides": list(cls.provides),
            "uses": list(cls.uses),
            "uses_glossary": cls.uses_glossary,
            "options": {f.name: {"type": option_type(f), "default": option_default(f)} for f in cls.option_fields()},
            "rules": list(cls.rule_ids()),
        }


REGISTRY: dict[str, type[Stage]] = {}


def register(cls: type[Stage]) -> type[Stage]:
    """Class decorator adding a stage to :data:`REGISTRY` under its ``name``.

    The declaration is checked here, at import, so a broken stage fails loudly
    and early rather than mid-run.
    """
    if not cls.name or not cls.description:
        raise TypeError(f"stage {cls.__name__} needs a name and a description")
    if cls.name in REGISTRY and REGISTRY[cls.name] is not cls:
        raise TypeError(f"two stages are called {cls.name!r}")
    if not dataclasses.is_dataclass(cls.Options):
        raise TypeError(f"stage {cls.name!r}: Options must be a dataclass")
    for attr in ("requires", "provides", "uses", "rules"):
        value = getattr(cls, attr)
        if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
            raise TypeError(f"stage {cls.name!r}: {attr} must be a tuple of strings")
    REGISTRY[cls.name] = cls
    return cls


def option_default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None


def option_type(f: dataclasses.Field[Any]) -> str:
    """The option's type as a word a config writer understands: bool, int, float, str, list."""
    t = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    t = t.replace(" ", "")
    if t.startswith(("tuple[", "list[")) or t in ("tuple", "list"):
        return "list"
    return {"bool": "bool", "int": "int", "float": "float", "str": "str"}.get(t, t)


def _coerce(value: Any, f: dataclasses.Field[Any], stage: str) -> Any:
    """Check ``value`` against the option's declared type (bool/int/float/str/list) and convert it."""
    kind = option_type(f)
    what = f"stage {stage!r}: option {f.name!r}"
    if kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{what} takes true or false, not {value!r}")
        return value
    if kind in ("int", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{what} takes a number, not {value!r}")
        if kind == "int" and isinstance(value, float) and not value.is_integer():
            raise ConfigError(f"{what} takes a whole number, not {value!r}")
        return int(value) if kind == "int" else float(value)
    if kind == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{what} takes a list of strings, not {value!r}")
        return tuple(value)
    if kind == "str":
        if not isinstance(value, str):
            raise ConfigError(f"{what} takes a string, not {value!r}")
        return value
    return value


def _item_line(value: Any, i: int) -> int | None:
    pos = getattr(value, "item_pos", None)
    return pos[i][0] if pos and i < len(pos) else None


def build_options(cls: type[Stage], given: dict[str, Any], *, path: str | None = None,
                  positions: dict[str, tuple[int, int]] | None = None) -> Any:
    """Turn a mapping of option values into ``cls.Options``.

    Unknown options, values of the wrong type and unknown rule ids in
    ``enable``/``disable`` are :class:`ConfigError` naming the file, the line
    and the nearest valid name.
    """
    fields = {f.name: f for f in cls.option_fields()}
    kwargs: dict[str, Any] = {}
    for key, value in given.items():
        line = positions[key][0] if positions and key in positions else None
        if key not in fields:
            allowed = ", ".join(sorted(fields)) or "none"
            raise ConfigError(
                f"unknown option {key!r} for stage {cls.name!r}{did_you_mean(key, fields)}; allowed: {allowed}",
                path=path, line=line,
            )
        try:
            kwargs[key] = _coerce(value, fields[key], cls.name)
        except ConfigError as exc:
            raise ConfigError(exc.message, path=path, line=line) from None
    try:
        options = cls.Options(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"stage {cls.name!r}: {exc}", path=path) from None
    for key in RULE_OPTIONS:
        if key not in kwargs:
            continue
        known = cls.rule_ids(options)
        for i, rid in enumerate(kwargs[key]):
            if rid not in known:
                line = _item_line(given[key], i) or (positions[key][0] if positions and key in positions else None)
                raise ConfigError(
                    f"unknown rule {rid!r} in {cls.name}.{key}{did_you_mean(rid, known)}; "
                    f"rules: {', '.join(known) or 'none'}",
                    path=path, line=line,
                )
    return options
