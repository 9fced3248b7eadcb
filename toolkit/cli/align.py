"""``toolkit align ZH_FILE EN_FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError
from ..model import Pair


def _sentences(path: str, presplit: bool) -> list[str]:
    from ..io.decode import decode_bytes
    from ..stages.segment import split_sentences

    try:
        text, _ = decode_bytes(Path(path).read_bytes(), path)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if presplit:
        return lines
    from ..lang import detect_lang

    out: list[str] = []
    for ln in lines:
        out.extend(split_sentences(ln, detect_lang(ln)))
    return out


def cmd_align(args: argparse.Namespace) -> int:
    from ..alignment.aligner import align
    from ..glossary import default_glossary_paths
    from ..io.writers import BitextWriter, JsonlWriter

    zh = _sentences(args.zh_file, args.presplit)
    en = _sentences(args.en_file, args.presplit)
    glossary = None
    paths = args.glossary or [str(p) for p in default_glossary_paths()]
    if paths:
        from ..glossary import Glossary

        glossary = Glossary.load(paths)
    pairs = align(zh, en, glossary=glossary)
    if args.format == "beads":
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
        for p in pairs:
            out.write(p.bead_line() + "\n")
        if out is not sys.stdout:
            out.close()
        return 0
    doc = Path(args.zh_file).stem
    kept = [p for p in pairs if p.zh and p.en and p.score >= args.min_score]
    if args.output:
        w = BitextWriter(args.output)
        for p in kept:
            w.write(Pair(doc, p.zh, p.en, p.beads, p.score, "parallel", p.flags))
        w.close()
    else:
        jw = JsonlWriter(None)
        for p in kept:
            jw.write(Pair(doc, p.zh, p.en, p.beads, p.score, "parallel", p.flags).to_dict())
        jw.close()
    print(f"toolkit: {len(zh)} zh and {len(en)} en sentences, {len(kept)} pairs written", file=sys.stderr)
    return 0
