"""YAML loading that remembers where every value came from.

Config files and glossaries are written by people; their errors must point at
``PATH:LINE:COL``. :func:`load` composes the YAML with the C loader when it is
available and builds plain Python values whose mappings and sequences carry the
1-based line and column of each key and item.
"""

from __future__ import annotations

from typing import Any

import yaml

try:  # the C composer is ~10x faster on large glossaries
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .errors import ToolkitError


class LMap(dict):  # type: ignore[type-arg]
    """A mapping with ``pos`` (its own line, col) and ``key_pos``/``value_pos`` per key."""

    pos: tuple[int, int]
    key_pos: dict[str, tuple[int, int]]
    value_pos: dict[str, tuple[int, int]]


class LList(list):  # type: ignore[type-arg]
    """A sequence with ``pos`` and ``item_pos`` (line, col of each item)."""

    pos: tuple[int, int]
    item_pos: list[tuple[int, int]]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_constructor = yaml.SafeLoader("")


def _build(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        m = LMap()
        m.pos = _mark(node)
        m.key_pos = {}
        m.value_pos = {}
        for knode, vnode in node.value:
            key = _build(knode)
            if isinstance(key, (dict, list)):
                key = str(key)
            m[key] = _build(vnode)
            m.key_pos[key] = _mark(knode)
            m.value_pos[key] = _mark(vnode)
        return m
    if isinstance(node, yaml.SequenceNode):
        seq = LList(_build(n) for n in node.value)
        seq.pos = _mark(node)
        seq.item_pos = [_mark(n) for n in node.value]
        return seq
    return _constructor.construct_object(node, deep=True)  # type: ignore[no-untyped-call]


class YamlSyntaxError(ToolkitError):
    """The file is not valid YAML; ``line``/``column`` point at the problem."""

    def __init__(self, message: str, *, path: str, line: int | None, column: int | None) -> None:
        self.column = column
        super().__init__(message, path=path, line=line)


def load(text: str, path: str) -> Any:
    """Parse ``text`` (from ``path``, for messages) keeping positions.

    >>> d = load("a: 1\\nb:\\n  - x\\n  - y\\n", "demo.yaml")
    >>> d["b"], d.key_pos["b"], d["b"].item_pos[1]
    (['x', 'y'], (2, 1), (4, 5))
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
        return _build(node)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise YamlSyntaxError(
            f"YAML error: {exc.problem}", path=path, line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
