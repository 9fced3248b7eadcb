"""Stages, the stage registry, pipeline configs and the :class:`Pipeline` itself.

A stage is a class with a ``name`` (the same word in the registry, the config
file, ``toolkit stages`` and the ``stage`` field of every record it writes), a
``version`` (recorded in every output's signature), a one-line ``description``
and a frozen ``Options`` dataclass whose fields are the options a config may
set. Stage order is data: the default order lives in ``toolkit/data/pipeline.yaml``.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from . import __version__, yamlio
from .errors import ConfigError, ToolkitError, did_you_mean
from .model import Document


@dataclass(frozen=True, slots=True, kw_only=True)
class NoOptions:
    """This stage has no options."""


class Resources:
    """Shared, lazily built things stages need: the loaded glossary, word lists."""

    def __init__(self, glossary_paths: Iterable[str | Path] = ()) -> None:
        self.glossary_paths = [Path(p) for p in glossary_paths]
        self._glossary: Any = None

    @property
    def glossary(self) -> Any:
        if self._glossary is None:
            from .glossary import Glossary

            self._glossary = Glossary.load(self.glossary_paths)
        return self._glossary


class Stage:
    """Base class: subclasses implement :meth:`run`; the base counts and times."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    description: ClassVar[str] = ""
    Options: ClassVar[type] = NoOptions

    def __init__(self, options: Any = None, resources: Resources | None = None) -> None:
        self.options = options if options is not None else self.Options()
        self.resources = resources or Resources()
        self.seconds = 0.0
        self.documents = 0

    def run(self, doc: Document) -> None:
        raise NotImplementedError

    def __call__(self, doc: Document) -> None:
        t0 = time.perf_counter()
        self.run(doc)
        self.seconds += time.perf_counter() - t0
        self.documents += 1

    @classmethod
    def option_fields(cls) -> list[dataclasses.Field[Any]]:
        return list(dataclasses.fields(cls.Options))


REGISTRY: dict[str, type[Stage]] = {}


def register(cls: type[Stage]) -> type[Stage]:
    """Class decorator adding a stage to :data:`REGISTRY` under its ``name``."""
    if not cls.name or not cls.description:
        raise TypeError(f"stage {cls.__name__} needs a name and a description")
    if cls.name in REGISTRY and REGISTRY[cls.name] is not cls:
        raise TypeError(f"two stages are called {cls.name!r}")
    REGISTRY[cls.name] = cls
    return cls


def _load_stages() -> None:
    from . import stages  # noqa: F401  (importing registers every built-in stage)


@dataclass(frozen=True, slots=True)
class StageSpec:
    """One configured stage: its name and option values."""

    name: str
    options: dict[str, Any] = field(default_factory=dict)


_TOP_KEYS = ("stages", "glossaries")


def _coerce(value: Any, f: dataclasses.Field[Any], where: str) -> Any:
    default = f.default if f.default is not dataclasses.MISSING else None
    if default is None and f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        default = f.default_factory()  # type: ignore[misc]
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: option {f.name!r} takes true or false, not {value!r}")
        return value
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: option {f.name!r} takes a number, not {value!r}")
        return type(default)(value)
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ConfigError(f"{where}: option {f.name!r} takes a list, not {value!r}")
        return tuple(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ConfigError(f"{where}: option {f.name!r} takes a string, not {value!r}")
        return value
    return value


def build_options(cls: type[Stage], given: dict[str, Any], where: str, positions: dict[str, tuple[int, int]] | None = None,
                  path: str | None = None) -> Any:
    """Turn a mapping of option values into ``cls.Options``; unknown keys are errors."""
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
            kwargs[key] = _coerce(value, fields[key], f"stage {cls.name!r}")
        except ConfigError as exc:
            raise ConfigError(exc.message, path=path, line=line) from None
    try:
        return cls.Options(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"stage {cls.name!r}: {exc}", path=path) from None


def default_config_text() -> str:
    return resources.files("toolkit").joinpath("data/pipeline.yaml").read_text(encoding="utf-8")


def parse_config(text: str, path: str) -> tuple[list[StageSpec], list[str]]:
    """Read a pipeline config: ``stages`` (names or mappings with ``name`` and options).

    Returns the stage specs and glossary paths. Unknown keys anywhere are a
    :class:`ConfigError` naming the line.
    """
    _load_stages()
    try:
        data = yamlio.load(text, path)
    except ToolkitError as exc:
        raise ConfigError(exc.message, path=path, line=exc.line) from None
    if not isinstance(data, dict):
        raise ConfigError("a pipeline config is a mapping with a 'stages' list", path=path, line=1)
    for key in data:
        if key not in _TOP_KEYS:
            line = data.key_pos[key][0] if isinstance(data, yamlio.LMap) else None
            raise ConfigError(
                f"unknown key {key!r}{did_you_mean(key, _TOP_KEYS)}; allowed: {', '.join(_TOP_KEYS)}", path=path, line=line
            )
    items = data.get("stages")
    if not isinstance(items, list) or not items:
        raise ConfigError("'stages' must be a non-empty list of stage names", path=path,
                          line=data.key_pos.get("stages", (1, 1))[0] if isinstance(data, yamlio.LMap) else None)
    specs: list[StageSpec] = []
    for i, item in enumerate(items):
        line = items.item_pos[i][0] if isinstance(items, yamlio.LList) else None
        if isinstance(item, str):
            name, opts, pos = item, {}, {}
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            name = item["name"]
            opts = {k: v for k, v in item.items() if k != "name"}
            pos = item.key_pos if isinstance(item, yamlio.LMap) else {}
        else:
            raise ConfigError("each stage is a name or a mapping with 'name' and its options", path=path, line=line)
        if name not in REGISTRY:
            raise ConfigError(
                f"unknown stage {name!r}{did_you_mean(name, REGISTRY)}; run 'toolkit stages' for the list",
                path=path, line=line,
            )
        build_options(REGISTRY[name], opts, f"stage {name!r}", pos, path)
        specs.append(StageSpec(name, dict(opts)))
    glossaries = data.get("glossaries") or []
    if isinstance(glossaries, str):
        glossaries = [glossaries]
    if not isinstance(glossaries, list) or not all(isinstance(g, str) for g in glossaries):
        raise ConfigError("'glossaries' must be a list of paths", path=path)
    base = Path(path).parent if path != "<default>" else Path(".")
    return specs, [str(base / g) for g in glossaries]


class Pipeline:
    """An ordered list of configured stages and the resources they share.

    >>> p = Pipeline.default()
    >>> p.stage_names()[:3]
    ['ingest', 'normalize-whitespace', 'encoding']
    """

    def __init__(self, stages: list[Stage], resources: Resources) -> None:
        self.stages = stages
        self.resources = resources
        self._signature: str | None = None

    @classmethod
    def from_specs(cls, specs: list[StageSpec], glossary_paths: Iterable[str | Path] = (),
                   overrides: dict[str, dict[str, Any]] | None = None, path: str | None = None) -> Pipeline:
        _load_stages()
        res = Resources(glossary_paths)
        stages: list[Stage] = []
        for spec in specs:
            cls_ = REGISTRY[spec.name]
            opts = dict(spec.options)
            for key, value in (overrides or {}).get(spec.name, {}).items():
                opts[key] = value
            stages.append(cls_(build_options(cls_, opts, f"stage {spec.name!r}", path=path), res))
        return cls(stages, res)

    @classmethod
    def from_config(cls, path: str | Path | None = None, glossary_paths: Iterable[str | Path] | None = None,
                    overrides: dict[str, dict[str, Any]] | None = None) -> Pipeline:
        """Build from a YAML config file (``None``: the default pipeline).

        ``glossary_paths`` replaces the config's glossaries when given; with neither,
        the shipped glossaries are used.
        """
        if path is None:
            text, where = default_config_text(), "<default>"
        else:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot read config: {exc.strerror}", path=str(path)) from None
            except UnicodeDecodeError:
                raise ConfigError("config is not UTF-8 text", path=str(path)) from None
            where = str(path)
        from .glossary import default_glossary_paths

        specs, config_glossaries = parse_config(text, where)
        paths: list[str | Path]
        if glossary_paths is not None and list(glossary_paths):
            paths = list(glossary_paths)
        elif config_glossaries:
            paths = list(config_glossaries)
        else:
            paths = list(default_glossary_paths())
        return cls.from_specs(specs, paths, overrides, where)

    @classmethod
    def default(cls, **kwargs: Any) -> Pipeline:
        return cls.from_config(None, **kwargs)

    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    @property
    def signature(self) -> str:
        """``toolkit:VERSION|stages:a@1,b@1|glossary:DIGEST`` (like sacreBLEU's signature)."""
        if self._signature is None:
            stages = ",".join(f"{s.name}@{s.version}" for s in self.stages)
            digest = "none"
            if any(s.name in ("terms", "qa", "punctuation", "encoding") for s in self.stages):
                digest = self.resources.glossary.digest[:12]
            self._signature = f"toolkit:{__version__}|stages:{stages}|glossary:{digest}"
        return self._signature

    def run(self, doc: Document) -> Document:
        """Run every stage over ``doc`` in place and return it."""
        doc.signature = self.signature
        for stage in self.stages:
            stage(doc)
        return doc

    def clean(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self.run(doc)
