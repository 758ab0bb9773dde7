#!/usr/bin/env python3
"""Time and memory of `textfold.fold` on a folder of articles, and of `fold_text` on quotes.

    python benchmarks/fold_speed.py [FOLDER] [--repeat 3]

FOLDER holds the articles (*.txt, searched recursively); by default the benchmarks' 10,000
article corpus (/tmp/mou-reconcile-bench/corpus-n10000-seed1/articles, made by
benchmarks/run) when present, else the sample articles in data/articles. Measures the
mou_reconcile of this checkout (src/), not an installed one. Wall times are the best of
--repeat runs (the machine may be shared); memory is measured by tracemalloc in a separate
pass (tracemalloc slows allocation), keeping every result alive as `Article.folded` does.
"""

from __future__ import annotations

import argparse
import sys
import time
import timeit
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mou_reconcile.text.fold import fold, fold_text  # noqa: E402

_CORPUS = Path("/tmp/mou-reconcile-bench/corpus-n10000-seed1/articles")
_QUOTE = "The ministry said 12 MoUs were signed on"  # 40 characters of plain ASCII
_QUOTE_UNICODE = "The ministry’s “12 MoUs” were signed—café"
# Mostly non-ASCII text, so the per-cluster path shows too (accents, quotes, CJK, NFD).
_UNICODE_TEXT = ("Le ministère a signé « 12 protocoles » — coût : 3 000 €.\n"
                 "Za\u0308hlung ﬁnale\u00a0\u00a0ＡＢＣ 北京签署了协议。\n\n") * 2000


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=_CORPUS if _CORPUS.is_dir() else ROOT / "data" / "articles")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.folder.rglob("*.txt"))]
    chars = sum(map(len, texts))
    utf8 = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{args.folder}: {len(texts):,} articles, {chars:,} characters, {_mb(utf8)} UTF-8")

    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        kept = [fold(t) for t in texts]
        best = min(best, time.perf_counter() - t0)
        del kept
    print(f"fold, all articles:     {best:.3f} s  ({best / chars * 1e9:.0f} ns per character)")

    tracemalloc.start()
    kept = [fold(t) for t in texts]
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    folded = sum(len(f.text) for f in kept)
    print(f"memory, all articles:   peak {_mb(peak)}, retained {_mb(retained)}"
          f" (the folded text itself: {folded:,} characters)")
    del kept

    t0 = time.perf_counter()
    fold(_UNICODE_TEXT)
    t = time.perf_counter() - t0
    print(f"fold, non-ASCII text:   {t:.3f} s for {len(_UNICODE_TEXT):,} characters")

    for label, func, text in [("fold_text, ASCII quote ", fold_text, _QUOTE),
                              ("fold, ASCII quote      ", fold, _QUOTE),
                              ("fold_text, typographic", fold_text, _QUOTE_UNICODE)]:
        timer = timeit.Timer(lambda f=func, s=text: f(s))
        number, _ = timer.autorange()
        per = min(timer.repeat(repeat=5, number=number)) / number
        print(f"{label}: {per * 1e6:.2f} µs per call ({len(text)} characters)")


if __name__ == "__main__":
    main()
