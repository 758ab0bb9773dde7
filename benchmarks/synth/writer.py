"""Writing a corpus: articles, claims.yaml and manifest.json.

The YAML is written by hand, not by a YAML library: it is fast at 100,000 claims, its layout
is what curators write (block mappings, flow lists), and every string is JSON-quoted, which
YAML reads as the same string.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from synth.names import slug
from synth.schema import PROPS
from synth.stories import Claim, Planted, Source
from synth.world import World

_q = json.dumps  # a double-quoted YAML scalar


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        raise TypeError("no booleans in claims")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return _q(value, ensure_ascii=False)


def _flow(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in mapping.items()) + "}"


def article_path(source: Source) -> str:
    return f"articles/{slug(source.outlet).removeprefix('the-')}/{source.id}.txt"


def source_yaml(source: Source, title: str) -> list[str]:
    lines = [f"  - id: {source.id}", f"    file: {article_path(source)}",
             f"    title: {_q(title, ensure_ascii=False)}", f"    outlet: {_q(source.outlet)}"]
    if source.published:
        y, m, d = source.published
        lines.append(f'    published: "{y}-{m:02d}-{d:02d}"')
    if source.copy_of is not None and source.declared:
        lines.append(f"    derived_from: [{source.copy_of.id}]")
    return lines


def claim_yaml(c: Claim) -> list[str]:
    lines = [f"  - source: {c.source}", f"    subject: {c.subject}",
             f"    property: {c.prop.id}", f"    value: {_scalar(c.stated.value)}"]
    if c.stated.bound:
        lines.append(f"    bound: {c.stated.bound}")
    if c.breakdown:
        lines.append(f"    breakdown: {_flow(c.breakdown)}")
    if c.context:
        lines.append(f"    context: {_flow(c.context)}")
    lines.append(f"    quote: {_q(c.quote, ensure_ascii=False)}")
    return lines


def claims_yaml(sources: list[Source], titles: dict[str, str], world: World,
                note: str) -> str:
    out = [f"# {note}", "version: 1", "", "sources:"]
    for s in sources:
        out += source_yaml(s, titles[s.id])
    out += ["", "entities:"]
    for e in world.entities.values():
        out += [f"  - id: {e.id}", f"    name: {_q(e.name, ensure_ascii=False)}"]
        if e.aliases:
            out.append("    aliases: [" + ", ".join(_q(a) for a in e.aliases) + "]")
        out.append(f"    kind: {e.kind}")
    out += ["", "properties:"]
    for p in PROPS.values():
        out += [f"  - id: {p.id}", f"    type: {p.type}"]
        if p.multi:
            out.append("    multi: true")
        if p.unit:
            out.append(f"    unit: {_q(p.unit)}")
    out += ["", "claims:"]
    for s in sources:
        for c in s.claims:
            out += claim_yaml(c)
    return "\n".join(out) + "\n"


def manifest(n: int, seed: int, sources: list[Source], world: World,
             planted: list[Planted]) -> dict[str, Any]:
    claims = [c for s in sources for c in s.claims]
    return {
        "generator": "benchmarks/generate.py",
        "n": n,
        "seed": seed,
        "sources": len(sources),
        "claims": len(claims),
        "entities": len(world.entities),
        "properties": len(PROPS),
        "facts": len({c.fact for c in claims}),
        "planted": {p.fact: {"kinds": p.kinds, "how": p.how} for p in planted},
        "copies": [{"original": s.copy_of.id, "copy": s.id, "declared": s.declared}
                   for s in sources if s.copy_of is not None],
    }


def write(out: Path, texts: dict[str, str], sources: list[Source], yaml_text: str,
          meta: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for s in sources:
        path = out / article_path(s)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[s.id], encoding="utf-8")
    (out / "claims.yaml").write_text(yaml_text, encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
