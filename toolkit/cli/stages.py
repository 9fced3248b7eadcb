"""``toolkit stages [--config FILE]``: every stage's declaration."""

from __future__ import annotations

import argparse


def cmd_stages(args: argparse.Namespace) -> int:
    import dataclasses

    from ..pipeline import REGISTRY, Pipeline, _load_stages

    _load_stages()
    pipe = Pipeline.from_config(args.config)
    configured = {s.name: s for s in pipe.stages}
    order = pipe.stage_names()
    names = order + sorted(n for n in REGISTRY if n not in order)
    where = f"the pipeline of {args.config}" if args.config else "the default pipeline"
    for name in names:
        cls = REGISTRY[name]
        mark = "" if name in order else f"  (not in {where})"
        print(f"{name} (v{cls.version}): {cls.description}{mark}")
        stage = configured.get(name) or cls(None, pipe.resources)
        for f in dataclasses.fields(cls.Options):
            print(f"    {f.name} = {getattr(stage.options, f.name)!r}")
        if name == "boilerplate":
            print("    rule packs loaded: " + ", ".join(stage.describe_packs()))  # type: ignore[attr-defined]
    return 0


