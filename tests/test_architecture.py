"""The package's shape: layers from bottom to top, nothing imports upward, no import circle,
no core module names a stage, and a stage added from outside runs without touching the core.

Imports are read from the source (every ``import``, including those inside functions), so a
lazy import that reaches upward counts as much as one at the top of a file.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "toolkit"

# Bottom to top. A module may import its own layer or lower ones, never a higher one.
LAYERS: list[tuple[str, ...]] = [
    ("toolkit._version", "toolkit.errors", "toolkit.recache", "toolkit.gates", "toolkit.chars", "toolkit.datacache",
     "toolkit.wordlists"),
    ("toolkit.model", "toolkit.yamlio", "toolkit.lang"),
    ("toolkit.io", "toolkit.glossary"),
    ("toolkit.alignment",),
    ("toolkit.stage",),
    ("toolkit.stages",),
    ("toolkit.pipeline",),
    ("toolkit.runner", "toolkit.adapters", "toolkit"),
    ("toolkit.report", "toolkit.cli", "toolkit.__main__"),
]


def layer_of(module: str) -> int:
    best, best_len = -1, -1
    for i, prefixes in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best_len:
                best, best_len = i, len(p)
    if best < 0:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")
    return best


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every toolkit module ``path`` imports (``from . import x`` resolved to the submodule when it is one)."""
    mod = module_name(path)
    package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "toolkit")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "toolkit":
                continue
            for a in node.names:  # `from . import stages` imports the submodule toolkit.stages
                sub = f"{target}.{a.name}"
                subpath = ROOT / Path(*sub.split("."))
                out.add(sub if subpath.is_dir() or subpath.with_suffix(".py").exists() else target)
    out.discard(mod)
    return out


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in PKG.rglob("*.py")}


def test_nothing_imports_a_higher_layer():
    upward = []
    for mod, deps in sorted(graph().items()):
        for dep in sorted(deps):
            if layer_of(dep) > layer_of(mod):
                upward.append(f"{mod} (layer {layer_of(mod)}) imports {dep} (layer {layer_of(dep)})")
    assert not upward, "\n".join(upward)


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for d in sorted(g.get(n, ())):
            if state.get(d) == 1:
                return stack[stack.index(d):] + [d]
            if d not in state:
                found = visit(d)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(g):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_no_import_circle():
    cycle = find_cycle(graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_checks_catch_an_upward_import_and_a_circle():
    assert layer_of("toolkit.glossary.loader") < layer_of("toolkit.pipeline")
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_core_module_names_a_stage():
    from toolkit.pipeline import load_registry

    names = sorted(load_registry(plugins=False))
    # model.py is left out: its strings are the contract's vocabulary (record keys such as
    # "footnotes", removal reasons such as "boilerplate"), which some stages share as names.
    for core in ("pipeline.py", "cli/__init__.py", "cli/clean.py", "cli/stages.py", "stage.py", "runner.py"):
        path = PKG / core
        if not path.exists():
            continue
        strings = [n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        named = sorted({s for s in strings for name in names if s == name})
        assert not named, f"{core} names stage(s) {named}"


# -- a stage from outside -------------------------------------------------------------------------
PLUGIN = '''
from dataclasses import dataclass

from toolkit.stage import Stage


class Shout(Stage):
    """Upper-cases the body: a stage from another distribution."""

    name = "shout"
    description = "Upper-case every body paragraph (a third-party example)."
    requires = ("blocks",)
    uses = ("paragraphs",)
    rules = ("letters",)

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``marker``: appended to every shouted paragraph. ``disable``: rule ids to switch off."""

        marker: str = "!"
        disable: tuple[str, ...] = ()

    def run(self, doc):
        from toolkit.model import apply_edits

        if "letters" in self.options.disable:
            return
        for b in doc.body():
            apply_edits(b, self.name, [(0, len(b.text), b.text.upper() + self.options.marker, "letters")])
'''


@pytest.fixture()
def plugin_site(tmp_path: Path) -> Path:
    """A tiny installed distribution: a module and a dist-info with a ``toolkit.stages`` entry point."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "toolkit_shout.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    info = site / "toolkit_shout-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toolkit-shout\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[toolkit.stages]\nshout = toolkit_shout:Shout\n", encoding="utf-8")
    return site


def run_cli(site: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]))
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


def test_a_third_party_stage_runs_from_the_cli(plugin_site: Path, tmp_path: Path):
    cfg = tmp_path / "p.yaml"
    cfg.write_text("stages:\n  - ingest\n  - structure\n  - name: shout\n    marker: ' (!)'\n", encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("Trade rose in May.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli(plugin_site, "clean", str(doc), "--config", str(cfg), "-o", str(out))
    assert r.returncode == 0, r.stderr
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["text"] == "TRADE ROSE IN MAY. (!)"
    assert rec["edits"][0]["stage"] == "shout" and "shout@1" in rec["signature"]
    listed = run_cli(plugin_site, "stages", "--json")
    shout = next(d for d in json.loads(listed.stdout) if d["name"] == "shout")
    assert shout["rules"] == ["letters"] and shout["in_pipeline"] is False


def test_a_third_party_stage_is_validated_like_a_built_in(plugin_site: Path, tmp_path: Path):
    cfg = tmp_path / "p.yaml"
    cfg.write_text("stages:\n  - ingest\n  - name: shout\n    disable: [leters]\n", encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("x\n", encoding="utf-8")
    r = run_cli(plugin_site, "clean", str(doc), "--config", str(cfg))
    assert r.returncode == 2
    assert f"{cfg}:4: unknown rule 'leters' in shout.disable (did you mean 'letters'?)" in r.stderr
    assert "Traceback" not in r.stderr


# -- configs are validated before any document is read -------------------------------------------
BAD_CONFIGS = [
    ("mis-ordered", "stages:\n  - ingest\n  - segment\n  - structure\n", 3,
     "stage 'segment' uses 'paragraphs', which 'structure' provides later; put 'structure' before it"),
    ("missing requirement", "stages:\n  - structure\n  - ingest\n", 2,
     "stage 'structure' requires 'blocks', which no earlier stage provides; put 'ingest' before it"),
    ("unknown option", "stages:\n  - ingest\n  - name: dedupe\n    treshold: 0.5\n", 4,
     "unknown option 'treshold' for stage 'dedupe' (did you mean 'threshold'?)"),
    ("unknown rule id", "stages:\n  - ingest\n  - name: punctuation\n    disable:\n      - time\n      - glued-sentnce\n", 6,
     "unknown rule 'glued-sentnce' in punctuation.disable (did you mean 'glued-sentence'?)"),
    ("wrong type", "stages:\n  - ingest\n  - name: dedupe\n    window: many\n", 4,
     "stage 'dedupe': option 'window' takes a number, not 'many'"),
    ("whole number", "stages:\n  - ingest\n  - name: dedupe\n    window: 2.5\n", 4,
     "stage 'dedupe': option 'window' takes a whole number, not 2.5"),
    ("unknown stage", "stages:\n  - ingest\n  - dedup\n", 3, "unknown stage 'dedup' (did you mean 'dedupe'?)"),
    ("listed twice", "stages:\n  - ingest\n  - ingest\n", 3, "stage 'ingest' is listed twice"),
]


@pytest.mark.parametrize("label,text,line,message", BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_exits_2_naming_file_line_and_fix(tmp_path: Path, label: str, text: str, line: int, message: str):
    cfg = tmp_path / "p.yaml"
    cfg.write_text(text, encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("Trade rose.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli(tmp_path, "clean", str(doc), "--config", str(cfg), "-o", str(out))
    assert r.returncode == 2, label
    assert f"toolkit: error: {cfg}:{line}: {message}" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()  # nothing was read or written


def test_default_pipeline_yaml_states_every_option_default():
    """Every threshold is a named option whose default is written in toolkit/data/pipeline.yaml."""
    import dataclasses

    from toolkit import yamlio
    from toolkit.pipeline import default_config_text, load_registry
    from toolkit.stage import option_default

    registry = load_registry(plugins=False)
    data = yamlio.load(default_config_text(), "pipeline.yaml")
    written = {}
    for item in data["stages"]:
        name = item if isinstance(item, str) else item["name"]
        written[name] = {} if isinstance(item, str) else {k: v for k, v in item.items() if k != "name"}
    for name, cls in registry.items():
        for f in dataclasses.fields(cls.Options):
            assert f.name in written[name], f"toolkit/data/pipeline.yaml: {name}.{f.name} is not written out"
            value = written[name][f.name]
            expect = option_default(f)
            assert (tuple(value) if isinstance(value, list) else value) == expect, f"{name}.{f.name}"
            assert f.name in (cls.Options.__doc__ or ""), f"{name}.{f.name} is not documented in Options"
