"""Pipeline configs and the :class:`Pipeline`: built from the stages' declarations alone.

Stage order is data: the default order and every option's default live in
``toolkit/data/pipeline.yaml``. A config is validated before any document is
read: unknown stages, options and rule ids, values of the wrong type, and a
stage placed before the stage that provides what it requires are all
:class:`ConfigError` naming the file, the line and the nearest valid name.

Stages come from the built-in package :mod:`toolkit.stages` and from the
``toolkit.stages`` entry-point group of installed distributions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from . import yamlio
from ._version import __version__
from .errors import ConfigError, ToolkitError, did_you_mean
from .model import Document
from .stage import REGISTRY, Resources, Stage, build_options, register

__all__ = ["ENTRY_POINT_GROUP", "Pipeline", "StageSpec", "load_registry", "parse_config", "register"]

#: Installed distributions add stages under this entry-point group (``name = "module:Class"``).
ENTRY_POINT_GROUP = "toolkit.stages"

_plugins_loaded = False


def load_registry(*, plugins: bool = True) -> dict[str, type[Stage]]:
    """The stage registry: the built-in stages, and with ``plugins`` the entry-point ones.

    Scanning installed distributions for entry points costs tens of milliseconds at start-up,
    so configs look there only for a name that is not a built-in stage.
    """
    global _plugins_loaded
    from . import stages  # noqa: F401  (importing the package registers every built-in stage)

    if plugins and not _plugins_loaded:
        from importlib import metadata  # ~30 ms to import: only when a plugin may be needed

        _plugins_loaded = True
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            try:
                cls = ep.load()
            except Exception as exc:  # a broken plugin names itself instead of a traceback
                raise ConfigError(f"cannot load stage {ep.name!r} from {ep.value}: {type(exc).__name__}: {exc}") from None
            if not (isinstance(cls, type) and issubclass(cls, Stage)):
                raise ConfigError(f"entry point {ep.name!r} ({ep.value}) is not a toolkit Stage class")
            if cls.name != ep.name:
                raise ConfigError(f"entry point {ep.name!r} ({ep.value}) names a stage called {cls.name!r}")
            if REGISTRY.get(cls.name) is not cls:
                try:
                    register(cls)
                except TypeError as exc:
                    raise ConfigError(f"stage {ep.name!r} from {ep.value}: {exc}") from None
    return REGISTRY


@dataclass(frozen=True, slots=True)
class StageSpec:
    """One configured stage: its name, option values and the config line it came from."""

    name: str
    options: dict[str, Any] = field(default_factory=dict)
    line: int | None = None


_TOP_KEYS = ("stages", "glossaries")


def default_config_text() -> str:
    return resources.files("toolkit").joinpath("data/pipeline.yaml").read_text(encoding="utf-8")


def check_order(specs: list[StageSpec], path: str | None = None) -> None:
    """Every stage's ``requires`` is provided by an earlier stage; ``uses`` is not provided later.

    >>> check_order([StageSpec("segment", line=3), StageSpec("ingest", line=4)], "p.yaml")
    Traceback (most recent call last):
    ...
    toolkit.errors.ConfigError: p.yaml:3: stage 'segment' requires 'blocks', which no earlier stage provides; put 'ingest' before it
    """
    registry = load_registry(plugins=False)
    provided: dict[str, str] = {}
    later: dict[str, str] = {}
    for spec in specs:
        for fact in registry[spec.name].provides:
            later.setdefault(fact, spec.name)
    for spec in specs:
        cls = registry[spec.name]
        for fact in cls.requires:
            if fact not in provided:
                who = [n for n, c in registry.items() if fact in c.provides]
                hint = f"put {' or '.join(repr(w) for w in who)} before it" if who else "no known stage provides it"
                raise ConfigError(
                    f"stage {spec.name!r} requires {fact!r}, which no earlier stage provides; {hint}",
                    path=path, line=spec.line,
                )
        for fact in cls.uses:
            giver = later.get(fact)
            if fact not in provided and giver is not None and giver != spec.name:
                raise ConfigError(
                    f"stage {spec.name!r} uses {fact!r}, which {giver!r} provides later; put {giver!r} before it",
                    path=path, line=spec.line,
                )
        for fact in cls.provides:
            provided.setdefault(fact, spec.name)


def parse_config(text: str, path: str) -> tuple[list[StageSpec], list[str]]:
    """Read and validate a pipeline config: ``stages`` (names or mappings with ``name`` and options).

    Returns the stage specs and glossary paths. Every problem is a
    :class:`ConfigError` naming the line.
    """
    registry = load_registry(plugins=False)
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
    seen: set[str] = set()
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
        if name not in registry:
            registry = load_registry(plugins=True)
        if name not in registry:
            raise ConfigError(
                f"unknown stage {name!r}{did_you_mean(name, registry)}; run 'toolkit stages' for the list",
                path=path, line=line,
            )
        if name in seen:
            raise ConfigError(f"stage {name!r} is listed twice", path=path, line=line)
        seen.add(name)
        build_options(registry[name], opts, path=path, positions=pos)
        specs.append(StageSpec(name, dict(opts), line))
    check_order(specs, path)
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
        """Build from validated specs; ``overrides`` maps stage name -> options that replace the config's.

        The key ``"*"`` in ``overrides`` sets an option on every configured stage that has it
        (how ``--keep-boilerplate`` reaches every stage with a ``keep`` option).
        """
        registry = load_registry(plugins=False)
        res = Resources(glossary_paths)
        everywhere = (overrides or {}).get("*", {})
        stages: list[Stage] = []
        for spec in specs:
            cls_ = registry[spec.name]
            names = {f.name for f in cls_.option_fields()}
            opts = dict(spec.options)
            opts.update({k: v for k, v in everywhere.items() if k in names})
            opts.update((overrides or {}).get(spec.name, {}))
            stages.append(cls_(build_options(cls_, opts, path=path), res))
        return cls(stages, res)

    @classmethod
    def from_config(cls, path: str | Path | None = None, glossary_paths: Iterable[str | Path] | None = None,
                    overrides: dict[str, dict[str, Any]] | None = None) -> Pipeline:
        """Build from a YAML config file (``None``: the default pipeline).

        ``glossary_paths`` replaces the config's glossaries when given; with neither,
        the shipped glossaries are used.
        """
        from .glossary import default_glossary_paths

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
    def uses_glossary(self) -> bool:
        return any(s.uses_glossary for s in self.stages)

    def prepare(self) -> None:
        """Load what the stages need now (the glossary), so errors surface before any document."""
        if self.uses_glossary:
            _ = self.resources.glossary

    @property
    def signature(self) -> str:
        """``toolkit:VERSION|stages:a@1,b@1|glossary:DIGEST`` (like sacreBLEU's signature)."""
        if self._signature is None:
            stages = ",".join(f"{s.name}@{s.version}" for s in self.stages)
            digest = self.resources.glossary.digest[:12] if self.uses_glossary else "none"
            self._signature = f"toolkit:{__version__}|stages:{stages}|glossary:{digest}"
        return self._signature

    def run(self, doc: Document) -> Document:
        """Run every stage over ``doc`` in place and return it."""
        doc.signature = self.signature
        for stage in self.stages:
            stage(doc)
        return doc

    def process(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """Clean one input record ``{"id", "text"|"html"|"markdown"}`` into contract records (for map-style engines)."""
        markdown = record.get("markdown") if record.get("text") is None and record.get("html") is None else None
        doc = Document(id=str(record.get("id", "doc")), source=str(record.get("source", record.get("id", "doc"))),
                       raw=record.get("text") or markdown or "", html=record.get("html"),
                       markup="markdown" if markdown is not None else "text")
        return self.run(doc).to_records()

    def clean(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self.run(doc)
