"""The words of a text that can tell one fact from another: no grammar words, no hedges or
number words, crudely stemmed ("killed" and "killing" meet), each with its offsets; and the
words around a figure weighted by their distance to it (`suggest` scores with them)."""

from __future__ import annotations

import re

from mou_reconcile.text.fold import fold_text

_TOKEN = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
# Words that say nothing about which fact a figure is: grammar, and the hedges.
_STOP = frozenset("""
a an the and or but of to in on at by for from with as than that which who whom whose is
are was were be been being has have had will would could should may might can this these
those it its their his her they them he she we our you your said says say told according
after before about around some nearly almost more less least most over under up down
just also into out not no nor all any each other such only very so then there here when
where while what how per cent one two three four five six seven eight nine ten eleven
twelve hundred thousand million billion dozen dozens hundreds thousands millions
estimated approximately roughly
""".split())  # noqa: SIM905 (a list of words reads better)
NEAR = 6  # words either side of a figure that describe it
FAR = 0.15  # the weight of the sentence's other words ("the death toll ... has risen to")


def stem(word: str) -> str:
    """A crude stem, enough to meet "killed"/"killing"/"kills", "injured"/"injuries"."""
    w = word.strip("'’-").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ies", "ied", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            return w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return w


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each word that is not a grammar or number word; start and end
    are the offsets in `text` of the run of non-space characters holding it."""
    out = []
    for m in re.finditer(r"\S+", text):
        for w in _TOKEN.finditer(fold_text(m.group())):
            word = w.group()
            if word not in _STOP and len(word) > 1:
                out.append((stem(word), m.start(), m.end()))
    return out


def near_words(text: str, start: int, end: int) -> dict[str, float]:
    """The words of `text` around the span [start, end), each weighted by its distance in
    words: 1 next to it, falling to 0 at NEAR words, then FAR for the rest; words after a
    figure (its noun) a little more than words before it."""
    before = tokens(text[:start])[::-1]
    after = tokens(text[end:])
    weights: dict[str, float] = {}
    for words, lean in ((before, 0.8), (after, 1.0)):
        for k, (word, _, _) in enumerate(words):
            w = lean * (1 - k / NEAR) if k < NEAR else FAR
            weights[word] = max(weights.get(word, 0.0), w)
    return weights


def spelled(text: str) -> dict[str, str]:
    """Each stem of `text` with the word it came from, as written (for showing)."""
    out: dict[str, str] = {}
    for stem_, start, end in tokens(text):
        out.setdefault(stem_, text[start:end].strip(".,;:!?\"'“”‘’()[]"))
    return out
