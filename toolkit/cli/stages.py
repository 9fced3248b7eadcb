"""``toolkit stages [--config FILE] [--json]``: every stage's declaration."""

from __future__ import annotations

import argparse
import json


def cmd_stages(args: argparse.Namespace) -> int:
    from ..pipeline import Pipeline, load_registry

    registry = load_registry()
    pipe = Pipeline.from_config(args.config)
    configured = {s.name: s for s in pipe.stages}
    order = pipe.stage_names()
    names = order + sorted(n for n in registry if n not in order)
    if getattr(args, "json", False):
        out = []
        for name in names:
            decl = registry[name].declaration()
            stage = configured.get(name)
            decl["in_pipeline"] = stage is not None
            if stage is not None:
                decl["configured"] = {k: _plain(getattr(stage.options, k)) for k in decl["options"]}
            decl["options"] = {k: {**v, "default": _plain(v["default"])} for k, v in decl["options"].items()}
            out.append(decl)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if getattr(args, "yaml", False):
        print(config_yaml(pipe), end="")
        return 0
    where = f"the pipeline of {args.config}" if args.config else "the default pipeline"
    for name in names:
        cls = registry[name]
        mark = "" if name in order else f"  (not in {where})"
        print(f"{name} (v{cls.version}): {cls.description}{mark}")
        facts = []
        if cls.requires:
            facts.append("requires " + ", ".join(cls.requires))
        if cls.provides:
            facts.append("provides " + ", ".join(cls.provides))
        if cls.uses:
            facts.append("uses " + ", ".join(cls.uses))
        if cls.uses_glossary:
            facts.append("uses the glossary")
        if facts:
            print("    " + "; ".join(facts))
        stage = configured.get(name) or cls(None, pipe.resources)
        for f in cls.option_fields():
            print(f"    {f.name} = {getattr(stage.options, f.name)!r}")
        rules = cls.rule_ids(stage.options)
        if rules:
            print("    rules: " + ", ".join(rules))
        for line in stage.describe():
            print("    " + line)
    return 0


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def config_yaml(pipe: object) -> str:
    """The pipeline as a config file with every option written out and documented.

    ``toolkit/data/pipeline.yaml`` is this text for the default pipeline; a user copies it,
    reorders, drops or configures stages, and passes it with ``--config``.
    """
    import dataclasses
    import json
    import textwrap

    lines = [
        "# The pipeline: stage order is data. Copy this file, reorder, drop or configure",
        "# stages, and pass it with `toolkit clean --config FILE`. Every option is written out",
        "# with its value; `toolkit stages` shows what each stage requires and provides.",
        "# (Made by `toolkit stages --yaml`.)",
        "stages:",
    ]
    for stage in pipe.stages:  # type: ignore[attr-defined]
        cls = type(stage)
        fields = dataclasses.fields(cls.Options)
        lines.append("")
        lines.append(f"  # {cls.name}: {cls.description}")
        doc = " ".join((cls.Options.__doc__ or "").split())
        if fields and doc:
            lines.extend("  #   " + ln for ln in textwrap.wrap(doc, 92))
        if not fields:
            lines.append(f"  - {cls.name}")
            continue
        lines.append(f"  - name: {cls.name}")
        for f in fields:
            value = getattr(stage.options, f.name)
            lines.append(f"    {f.name}: {json.dumps(_plain(value), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
