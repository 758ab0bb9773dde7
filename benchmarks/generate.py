#!/usr/bin/env python3
"""Generate a synthetic claims corpus for the benchmarks.

    python benchmarks/generate.py N OUT_DIR [--seed S] [--mix default|hostile]
        [--context-share F] [--context-on numeric|all] [--twin-share F]
        [--discrepancy-share F] [--quote-length N]

writes OUT_DIR/claims.yaml (N sources, 10N claims), OUT_DIR/articles/<outlet>/<id>.txt and
OUT_DIR/manifest.json (the planted discrepancies and copies `benchmarks/run` checks the
report against). The same N and seed always give the same bytes. `mou-reconcile check` finds
the corpus free of errors: every quote is in its article and states its value. --mix picks
a shape (synth/shape.py: default, or issue 20's hostile mix); the knobs change one shape.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from synth import schema
from synth.articles import compose, copied
from synth.shape import MIXES, PADDING, Shape
from synth.stories import Source, tell
from synth.world import AGENCY_TYPES, INDUSTRIES, OUTLET_STYLES, build_world
from synth.writer import claims_yaml, manifest, write

_MONTHS = ("January February March April May June July August September October November "
           "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


def _template_words() -> set[str]:
    """Every word the templates write, so invented names stay clear of them."""
    texts = [*schema.FILLERS, *schema.TAILS, _MONTHS, *INDUSTRIES, *AGENCY_TYPES, *PADDING,
             *OUTLET_STYLES, *(t for leads in schema.LEADS.values() for t in leads)]
    for prop in schema.PROPS.values():
        texts += [*prop.templates, *prop.texts]
    for kind in schema.KINDS:
        texts += [*kind.subjects, *kind.headline]
    return {w for t in texts for w in re.findall(r"[A-Za-z]+", t)}


def generate(n: int, out: Path, seed: int, shape: Shape | None = None) -> dict[str, Any]:
    shape = shape or Shape()
    # str seeds hash deterministically (no PYTHONHASHSEED); the default mix keeps its seed
    rng = random.Random(f"{seed}:{n}" + ("" if shape == Shape() else f":{shape}"))
    world = build_world(n, rng, _template_words(), shape)
    sources, planted = tell(world, n, rng, shape)
    texts: dict[str, str] = {}
    titles: dict[str, str] = {}
    for s in sources:  # originals come before their copies in each story
        if s.copy_of is None:
            titles[s.id], texts[s.id] = compose(s, world, rng)
        else:
            titles[s.id], texts[s.id] = copied(s, texts[s.copy_of.id], rng)
    _verify(sources, texts)
    note = (f"Synthetic corpus: benchmarks/generate.py {n} --seed {seed}. Invented world; "
            "planted discrepancies in manifest.json.")
    meta = manifest(n, seed, sources, world, planted)
    meta["shape"] = {"name": shape.name, "describe": shape.describe(),
                     "context_claims": sum(bool(c.context) for s in sources for c in s.claims),
                     "mean_quote": round(sum(len(c.quote) for s in sources for c in s.claims)
                                         / max(1, meta["claims"]), 1)}
    write(out, texts, sources, claims_yaml(sources, titles, world, note), meta)
    return meta


def _verify(sources: list[Source], texts: dict[str, str]) -> None:
    """Every quote is in its article, white space and case folded as the tool does: a
    broken template shows here, not as thousands of MR401s in the benchmark."""
    for s in sources:
        folded = " ".join(texts[s.id].split()).casefold()
        for c in s.claims:
            if " ".join(c.quote.split()).casefold() not in folded:
                raise AssertionError(f"{s.id}: quote not in article: {c.quote!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of sources (claims: 10 per source)")
    parser.add_argument("out", type=Path, help="output folder (created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mix", choices=sorted(MIXES), default="default")
    parser.add_argument("--context-share", type=float, help="share of claims with a context")
    parser.add_argument("--context-on", choices=("numeric", "all"))
    parser.add_argument("--twin-share", type=float,
                        help="share of names with a twin one letter apart")
    parser.add_argument("--discrepancy-share", type=float,
                        help="share of facts (stated twice) with a planted discrepancy")
    parser.add_argument("--quote-length", type=int, help="pad quotes to this many characters")
    args = parser.parse_args(argv)
    if args.n < 3:
        parser.error("N must be at least 3")
    knobs = {k: getattr(args, k) for k in ("context_share", "context_on", "twin_share",
                                            "discrepancy_share", "quote_length")
             if getattr(args, k) is not None}
    shape = replace(MIXES[args.mix], **knobs)
    if knobs:
        shape = replace(shape, name=f"{args.mix}+" + ",".join(sorted(knobs)))
    started = time.perf_counter()
    meta = generate(args.n, args.out, args.seed, shape)
    print(f"{args.out}: {meta['sources']} sources, {meta['claims']} claims, "
          f"{meta['entities']} entities, {meta['facts']} facts, "
          f"{len(meta['planted'])} planted discrepancies, {len(meta['copies'])} copies, "
          f"{meta['shape']['context_claims']} claims with a context, mean quote "
          f"{meta['shape']['mean_quote']} chars "
          f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
