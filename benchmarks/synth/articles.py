"""Article texts: each claim's quote inside a sentence of its own, filler around them.

A quote is the template with its value filled in; the sentence adds a lead ("Officials
said ", "The Veloria Light Rail is expected to ") and a tail (", a statement said."), which
are free to hold other names. Some outlets hard-wrap their lines, as copied web text often
is: the tool must match quotes across line breaks.
"""

from __future__ import annotations

import random
import textwrap

from synth.schema import FILLERS, LEADS, REFERENCES, TAILS
from synth.stories import Claim, Source
from synth.world import World

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WRAP_RATE = 0.3  # outlets whose articles are hard-wrapped at 78 columns


def _fill(text: str, source: Source, world: World, rng: random.Random,
          place: str = "") -> str:
    story = source.story
    if rng.random() < 0.35:
        subject = "the " + story.subject.spelled(rng)
    else:
        subject = "the " + rng.choice(REFERENCES[story.kind.name])
    return text.format(s=subject, S=subject[0].upper() + subject[1:],
                       agency=story.agency.spelled(rng),
                       company=world.company(rng).spelled(rng), city=story.city.name,
                       place=place,
                       outlet=source.outlet.removeprefix("The "))


def sentence(claim: Claim, source: Source, world: World, rng: random.Random) -> str:
    if claim.lead:  # "In the pilot phase, the project ..." names the claim's context
        lead = _fill(LEADS[claim.form][0], source, world, rng)
        if lead.split(" ", 1)[0] in ("The", "Officials", "Authorities"):
            lead = lead[0].lower() + lead[1:]
        lead = claim.lead + lead
    else:
        place = world.entities[claim.subject].spelled(rng)  # for "Veloria is home to ..."
        lead = _fill(rng.choice(LEADS[claim.form]), source, world, rng, place)
    tail = _fill(rng.choice(TAILS), source, world, rng)
    text = lead + claim.quote + tail
    return text[0].upper() + text[1:]


def headline(source: Source, rng: random.Random) -> str:
    story = source.story
    text = rng.choice(story.kind.headline).format(s=story.subject.name)
    return text[0].upper() + text[1:]


def compose(source: Source, world: World, rng: random.Random) -> tuple[str, str]:
    """(title, text) of an original source's article."""
    title = headline(source, rng)
    sentences = [sentence(c, source, world, rng) for c in source.claims]
    sentences += [_fill(f, source, world, rng) for f in rng.sample(FILLERS, k=3)]
    rng.shuffle(sentences)
    paragraphs: list[str] = []
    while sentences:
        take = rng.randint(2, 3)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    if source.published:
        _, m, d = source.published
        month = MONTHS[m - 1]
        paragraphs[0] = f"{source.story.city.name.upper()}, {d} {month} — " + paragraphs[0]
    if rng.random() < WRAP_RATE:
        # Break at spaces only: a real wrap never splits "twenty-three" across lines.
        paragraphs = [textwrap.fill(p, width=78, break_on_hyphens=False,
                                    break_long_words=False) for p in paragraphs]
    return title, title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def copied(source: Source, original_text: str, rng: random.Random) -> tuple[str, str]:
    """A copy's article: the original's body under a new headline, plus a closing line
    (a declared copy credits its origin; an undeclared one adds a sentence of its own)."""
    assert source.copy_of is not None
    title = headline(source, rng)
    body = original_text.split("\n\n", 1)[1]
    if source.declared:
        extra = f"This article first appeared in {source.copy_of.outlet}."
    else:
        extra = "Readers can send tips and corrections to our newsroom."
    return title, f"{title}\n\n{body.rstrip()}\n\n{extra}\n"
