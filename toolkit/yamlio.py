"""YAML loading that remembers where every value came from.

Config files and glossaries are written by people; their errors must point at
``PATH:LINE:COL``. :func:`load` composes the YAML with the C loader when it is
available and builds plain Python values whose mappings and sequences carry the
1-based line and column of each key and item.

Hostile input is bounded: an alias is expanded into a copy each time it is used,
so a "billion laughs" file (a few hundred bytes of nested aliases) would grow
exponentially; :func:`load` counts the nodes it builds and stops at
:data:`MAX_NODES` (or ``max_nodes``) with a one-line error, and a recursive alias
(``&a [*a]``) is an error rather than a ``RecursionError``.
"""

from __future__ import annotations

from typing import Any

import yaml

try:  # the C composer is ~10x faster on large glossaries
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .errors import ToolkitError

#: How many values aliases may add to one document (each use of an alias counts its whole value).
MAX_ALIAS_NODES = 100_000
#: How deeply collections may nest.
MAX_DEPTH = 200


class LMap(dict):  # type: ignore[type-arg]
    """A mapping with ``pos`` (its own line, col) and ``key_pos``/``value_pos`` per key.

    ``duplicates`` lists ``(key, line, col, first_line, first_col)`` for every key that
    occurs again in the same mapping (YAML forbids it; the later value wins here, so
    lint reports it).
    """

    pos: tuple[int, int]
    key_pos: dict[str, tuple[int, int]]
    value_pos: dict[str, tuple[int, int]]
    duplicates: list[tuple[str, int, int, int, int]]


class LList(list):  # type: ignore[type-arg]
    """A sequence with ``pos`` and ``item_pos`` (line, col of each item)."""

    pos: tuple[int, int]
    item_pos: list[tuple[int, int]]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_constructor = yaml.SafeLoader("")


class _Expansion(Exception):
    def __init__(self, message: str, node: yaml.Node) -> None:
        self.message = message
        self.node = node


class _Builder:
    """Builds values from nodes, counting every node built (aliases at each use)."""

    def __init__(self) -> None:
        self.active: set[int] = set()

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return _constructor.construct_object(node, deep=True)  # type: ignore[no-untyped-call]
        if id(node) in self.active:
            raise _Expansion("a recursive alias (a collection that contains itself)", node)
        if len(self.active) >= MAX_DEPTH:
            raise _Expansion(f"collections nest more than {MAX_DEPTH} deep", node)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                m = LMap()
                m.pos = _mark(node)
                m.key_pos = {}
                m.value_pos = {}
                m.duplicates = []
                for knode, vnode in node.value:
                    key = self.build(knode)
                    if isinstance(key, (dict, list)):
                        key = str(key)
                    if key in m.key_pos:
                        m.duplicates.append((key, *_mark(knode), *m.key_pos[key]))
                    m[key] = self.build(vnode)
                    m.key_pos[key] = _mark(knode)
                    m.value_pos[key] = _mark(vnode)
                return m
            seq = LList(self.build(n) for n in node.value)
            seq.pos = _mark(node)
            seq.item_pos = [_mark(n) for n in node.value]
            return seq
        finally:
            self.active.discard(id(node))


class YamlSyntaxError(ToolkitError):
    """The file is not valid YAML; ``line``/``column`` point at the problem."""

    def __init__(self, message: str, *, path: str, line: int | None, column: int | None) -> None:
        self.column = column
        super().__init__(message, path=path, line=line)


def _expanded_size(root: yaml.Node, max_alias_nodes: int) -> None:
    """Raise :class:`_Expansion` when aliases would add more than ``max_alias_nodes`` values.

    Sizes are memoised per node, so this is linear in the file however the aliases nest.
    """
    size: dict[int, int] = {}
    seen_once: set[int] = set()
    extra = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, done = stack.pop()
        nid = id(node)
        if done:
            on_path.discard(nid)
            kids = [x for kv in node.value for x in kv] if isinstance(node, yaml.MappingNode) else node.value
            size[nid] = 1 + sum(size[id(k)] for k in kids)
            continue
        if nid in size or isinstance(node, yaml.ScalarNode):
            if nid in seen_once:
                extra += size.get(nid, 1)
                if extra > max_alias_nodes:
                    raise _Expansion(f"aliases expand to more than {max_alias_nodes:,} values (an alias bomb?)", node)
            seen_once.add(nid)
            size.setdefault(nid, 1)
            continue
        if nid in on_path:
            raise _Expansion("a recursive alias (a collection that contains itself)", node)
        if len(on_path) >= MAX_DEPTH:
            raise _Expansion(f"collections nest more than {MAX_DEPTH} deep", node)
        seen_once.add(nid)
        on_path.add(nid)
        stack.append((node, True))
        kids = [x for kv in node.value for x in kv] if isinstance(node, yaml.MappingNode) else node.value
        for k in reversed(kids):
            if id(k) in on_path:
                raise _Expansion("a recursive alias (a collection that contains itself)", k)
            stack.append((k, False))


def load(text: str, path: str, *, max_alias_nodes: int = MAX_ALIAS_NODES) -> Any:
    """Parse ``text`` (from ``path``, for messages) keeping positions.

    >>> d = load("a: 1\\nb:\\n  - x\\n  - y\\n", "demo.yaml")
    >>> d["b"], d.key_pos["b"], d["b"].item_pos[1]
    (['x', 'y'], (2, 1), (4, 5))
    >>> load("a: &a [x, x]\\nb: [*a, *a, *a]\\n", "bomb.yaml", max_alias_nodes=5)
    Traceback (most recent call last):
    ...
    toolkit.yamlio.YamlSyntaxError: bomb.yaml:1: YAML error: aliases expand to more than 5 values (an alias bomb?)
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        msg = (exc.problem or exc.context or "invalid YAML").strip()
        raise YamlSyntaxError(f"YAML syntax error: {msg}", path=path, line=line, column=col) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML syntax error: {exc}", path=path, line=None, column=None) from None
    if node is None:
        return None
    try:
        if "&" in text and "*" in text:  # no anchor and alias, no expansion to bound
            _expanded_size(node, max_alias_nodes)
        return _Builder().build(node)
    except _Expansion as exc:
        line, col = _mark(exc.node)
        raise YamlSyntaxError(f"YAML error: {exc.message}", path=path, line=line, column=col) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise YamlSyntaxError(
            f"YAML error: {exc.problem}", path=path, line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None


def pack_rules(data: Any, where: str, *, kind: str, pack_keys: tuple[str, ...],
               rule_keys: tuple[str, ...]) -> list[tuple[LMap, str, int | None]]:
    """The rules of a rule pack (``{pack: ..., rules: [...]}``) as ``(rule, id, line)``, after the
    checks every pack shares: a mapping with a ``rules`` list, no unknown pack or rule key (with a
    did-you-mean), every rule a mapping with an ``id``. Problems are :class:`ConfigError` naming
    ``where`` and the line; the caller checks the fields of its own kind of rule.

    >>> pack_rules(load("rules:\\n  - id: a\\n    lines: [x]\\n", "p.yaml"), "p.yaml", kind="rule pack",
    ...            pack_keys=("rules",), rule_keys=("id", "lines"))[0][1:]
    ('a', 2)
    """
    from .errors import ConfigError, did_you_mean

    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"a {kind} is a mapping with 'pack' and a 'rules' list", path=where, line=1)
    for k in data:
        if k not in pack_keys:
            line = data.key_pos[k][0] if isinstance(data, LMap) else None
            raise ConfigError(f"unknown key {k!r}{did_you_mean(k, pack_keys)}; allowed: {', '.join(pack_keys)}",
                              path=where, line=line)
    out: list[tuple[LMap, str, int | None]] = []
    items = data["rules"]
    for i, r in enumerate(items):
        line = items.item_pos[i][0] if isinstance(items, LList) else None
        if not isinstance(r, dict):
            raise ConfigError(f"each rule of a {kind} is a mapping with an 'id'", path=where, line=line)
        for k in r:
            if k not in rule_keys:
                kl = r.key_pos[k][0] if isinstance(r, LMap) else line
                raise ConfigError(f"unknown rule key {k!r}{did_you_mean(k, rule_keys)}; allowed: {', '.join(rule_keys)}",
                                  path=where, line=kl)
        rid = r.get("id")
        if not isinstance(rid, str) or not rid:
            raise ConfigError("rule has no 'id'", path=where, line=line)
        out.append((r, rid, line))  # type: ignore[arg-type]
    return out
