"""Stories, their facts, and what each source says about them, discrepancies planted.

A story is one subject (a project, an incident, a programme in some city) told by 3 to 8
sources. Each fact (subject.property) has one true value; every source states it in its own
words, in forms whose intervals all contain the truth, so two honest sources never conflict
and never differ tenfold. In about half the stories one fact is planted: one source gives a
value that cannot be true with the others' (conflict), a value for another phase or date
(scope), a ceiling 20-200 times the count (magnitude), or a breakdown that does not add up
(arithmetic). The planted facts and the kinds `report` must find are the manifest.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from typing import Any

from synth import quantities as Q
from synth.names import slug
from synth.schema import KINDS, PROPS, Prop, StoryKind, split_template
from synth.shape import PADDING, Shape
from synth.world import Entity, World

CLAIMS_PER_SOURCE = 10
PLANT_RATE = 0.5  # share of stories with one planted discrepancy
COPY_RATE = 0.02  # share of sources that are declared copies; as many again undeclared
POPULATION_RATE = 0.12  # sources that also give their city's population
# Sources that also give the country's population: one fact whose claims grow with the
# archive (500 at N=10,000), as national figures do, so grouping a big fact is measured.
NATIONAL_RATE = 0.05
NATIONAL_TEMPLATE = "y:home to {v} people"
BREAKDOWN = "o:signed {v} contracts: {a} for roads, {b} for bridges and {c} for drainage"
SCOPE_EVENTS = {"project": ("pilot-phase", "full-rollout"),
                "programme": ("pilot-phase", "full-rollout")}
SCOPE_LEADS = {"pilot-phase": "In the pilot phase, ", "full-rollout": "Once fully rolled out, "}


@dataclass
class Claim:
    source: str
    subject: str
    prop: Prop
    stated: Q.Stated
    template: str
    context: dict[str, str] = field(default_factory=dict)
    breakdown: dict[str, int] | None = None
    breakdown_text: dict[str, str] | None = None
    lead: str | None = None  # a fixed sentence lead (scope plantings name their phase)
    pad: str = ""  # plain words after the template (Shape.quote_length)

    @property
    def fact(self) -> str:
        return f"{self.subject}.{self.prop.id}"

    @property
    def form(self) -> str:
        """How a sentence leads into the quote (schema.LEADS)."""
        return split_template(BREAKDOWN if self.breakdown_text else self.template)[0]

    @property
    def quote(self) -> str:
        if self.breakdown_text:
            parts = dict(zip("abc", self.breakdown_text.values()))
            return split_template(BREAKDOWN)[1].format(v=self.stated.text, **parts)
        return split_template(self.template)[1].format(v=self.stated.text) + self.pad


@dataclass
class Story:
    kind: StoryKind
    city: Entity
    subject: Entity
    day: tuple[int, int, int]
    truths: dict[str, Any]  # prop id -> true value (a list of entity ids for multi)
    agency: Entity  # the local agency articles quote
    sources: list[Source] = field(default_factory=list)


@dataclass
class Source:
    id: str
    outlet: str
    story: Story
    published: tuple[int, int, int] | None
    claims: list[Claim] = field(default_factory=list)
    copy_of: Source | None = None
    declared: bool = False  # a copy that says so (derived_from)


@dataclass
class Planted:
    fact: str
    kinds: list[str]
    how: str


def _day(rng: random.Random, base: dt.date, spread: int) -> tuple[int, int, int]:
    d = base + dt.timedelta(days=rng.randint(-spread, spread))
    return d.year, d.month, d.day


class Teller:
    """Makes stories and their sources' claims in one world, deterministically."""

    def __init__(self, world: World, rng: random.Random, shape: Shape) -> None:
        self.world, self.rng, self.shape = world, rng, shape
        self.used_subjects: set[str] = set()
        self.population: dict[str, int] = {}
        self.outlet_counts: dict[str, int] = {}

    # -- truths ------------------------------------------------------------------------
    def truth(self, prop: Prop, story_day: tuple[int, int, int], city: Entity) -> Any:
        rng = self.rng
        if prop.type in ("count", "number"):
            # Log-uniform, rounded as reported figures are (3 significant digits).
            x = prop.low * (prop.high / prop.low) ** rng.random()
            if prop.decimals:
                return round(x, 1)
            return max(int(Q.round_sig(x, 3)), int(prop.low))
        if prop.type == "date":
            return _day(rng, dt.date(*story_day), 200)
        if prop.type == "text":
            return rng.choice(prop.texts)
        if prop.multi:
            picks = [self.pick(prop, city) for _ in range(rng.randint(2, 4))]
            return list(dict.fromkeys(e.id for e in picks))
        return self.pick(prop, city).id

    def pick(self, prop: Prop, city: Entity, other_than: str | None = None) -> Entity:
        for _ in range(100):
            e = (self.world.agency(city, self.rng) if prop.pool == "agency"
                 else self.world.company(self.rng))
            if e.id != other_than:
                return e
        return self.world.company(self.rng, other_than=other_than)

    def story(self) -> Story:
        rng = self.rng
        kind = rng.choice(KINDS)
        while True:
            city = rng.choice(self.world.cities)
            name = rng.choice(kind.subjects).format(city=city.name)
            if name.casefold() not in self.used_subjects:
                self.used_subjects.add(name.casefold())
                break
        subject = self.world.add(Entity(slug(name), name, kind.entity_kind))
        day = _day(rng, dt.date(2025, 1, 1), 360)
        props = rng.sample(kind.props, k=min(len(kind.props), rng.randint(12, 16)))
        truths = {p: self.truth(PROPS[p], day, city) for p in props}
        return Story(kind, city, subject, day, truths, self.world.agency(city, rng))

    # -- sources and claims -------------------------------------------------------------
    def source(self, story: Story) -> Source:
        rng = self.rng
        outlet = rng.choice(self.world.outlets)
        self.outlet_counts[outlet] = self.outlet_counts.get(outlet, 0) + 1
        sid = f"{slug(outlet).removeprefix('the-')}-{self.outlet_counts[outlet]:05d}"
        published = None
        if rng.random() < 0.7:
            published = _day(rng, dt.date(*story.day) + dt.timedelta(days=3), 3)
        return Source(sid, outlet, story, published)

    def honest(self, prop: Prop, value: Any) -> Q.Stated:
        rng = self.rng
        if prop.type in ("count", "number"):
            return Q.state_number(value, rng, money=prop.money)
        if prop.type == "date":
            return Q.state_date(value, rng)
        if prop.type == "text":
            return Q.Stated(value, value)
        entity = self.world.entities[value]
        return Q.Stated(entity.spelled(rng), entity.id)

    def claims(self, source: Source) -> None:
        """Ten claims: facts of the story (a multi fact once per value), perhaps the
        country's and the city's population."""
        rng, story = self.rng, source.story
        out: list[Claim] = []
        country = self.world.country
        if country is not None and rng.random() < NATIONAL_RATE:
            truth = self.population.setdefault(
                country.id, int(Q.round_sig(rng.uniform(5e6, 9e7), 3)))
            national = self.claim(source, country.id, PROPS["population"], truth)
            national.template = NATIONAL_TEMPLATE
            out.append(national)
        if rng.random() < POPULATION_RATE:
            city = story.city
            truth = self.population.setdefault(
                city.id, self.truth(PROPS["population"], story.day, city))
            out.append(self.claim(source, city.id, PROPS["population"], truth))
        for pid in rng.sample(list(story.truths), k=len(story.truths)):
            prop, truth = PROPS[pid], story.truths[pid]
            values = rng.sample(truth, k=min(len(truth), rng.choice((1, 1, 2)))) \
                if prop.multi else [truth]
            out += [self.claim(source, story.subject.id, prop, v) for v in values]
        source.claims = out[:CLAIMS_PER_SOURCE]

    def claim(self, source: Source, subject: str, prop: Prop, value: Any) -> Claim:
        rng = self.rng
        shape = self.shape
        c = Claim(source.id, subject, prop, self.honest(prop, value), rng.choice(prop.templates))
        if shape.context_on == "all":
            if rng.random() < shape.context_share:
                y, m, d = source.published or source.story.day
                c.context = {"as_of": f"{y}-{m:02d}-{d:02d}"}
        elif prop.type in ("count", "number") and source.published and \
                rng.random() < shape.context_share:
            y, m, d = source.published
            c.context = {"as_of": f"{y}-{m:02d}-{d:02d}"}
        if prop.id == "contracts" and c.stated.bound is None and rng.random() < 0.3:
            self.set_breakdown(c, _parts(value, value, rng))
        if shape.quote_length and c.breakdown is None:
            while len(c.quote) < shape.quote_length:
                c.pad += " " + rng.choice(PADDING)
        return c

    def set_breakdown(self, c: Claim, parts: dict[str, int] | None) -> None:
        c.breakdown = parts
        c.breakdown_text = None if parts is None else {
            k: Q.number_forms(v, self.rng) for k, v in parts.items()}

    def copy(self, original: Source, story: Story, declared: bool) -> Source:
        twin = self.source(story)
        twin.copy_of, twin.declared = original, declared
        twin.claims = [replace(c, source=twin.id) for c in original.claims]
        return twin

    # -- planting -------------------------------------------------------------------------
    def plantable(self, story: Story) -> dict[str, list[Claim]]:
        """The story's facts two sources state, with their claims."""
        covered: dict[str, list[Claim]] = {}
        for source in story.sources:
            for c in source.claims:
                if not c.prop.multi and c.subject == story.subject.id:
                    covered.setdefault(c.prop.id, []).append(c)
        return {p: cs for p, cs in covered.items() if len({c.source for c in cs}) >= 2}

    def plant(self, story: Story, skip: frozenset[str] = frozenset()) -> Planted | None:
        """Pick a fact two independent sources state (not in `skip`) and make one of them
        disagree."""
        rng = self.rng
        covered = self.plantable(story)
        choices = sorted(p for p in covered if p not in skip)
        # The kind first, then a fact it suits, so rare kinds (a breakdown needs a count of
        # contracts) are planted as often as their weight says whenever the story allows.
        how = rng.choices(["conflict", "scope", "magnitude", "arithmetic"], [4, 2, 2, 1.5])[0]
        numeric = {p for p in choices if PROPS[p].type in ("count", "number")}
        suits = {"arithmetic": {"contracts"} & numeric, "scope": numeric, "magnitude": numeric}
        fitting = sorted(suits.get(how, set(choices)))
        if not fitting:
            how, fitting = "conflict", choices
        if not fitting:
            return None
        pid = rng.choice(fitting)
        claims, prop, truth = covered[pid], PROPS[pid], story.truths[pid]
        dissent = rng.choice(claims)
        others = [c for c in claims if c.source != dissent.source]
        # A differing as_of would turn a conflict into a scope difference: one for all.
        same: dict[str, str] = {}
        if self.shape.context_on == "all" and rng.random() < self.shape.context_share:
            y, m, d = story.day
            same = {"as_of": f"{y}-{m:02d}-{d:02d}"}
        for c in claims:
            c.context = dict(same)
        fact = dissent.fact
        if prop.type not in ("count", "number"):
            return self._plant_other(story, prop, truth, dissent, fact)
        for c in others:  # the honest side states the truth exactly: a sharp contrast
            c.stated = Q.state_exact(truth, rng, money=prop.money)
        self.set_breakdown(dissent, None)
        if how == "magnitude":
            ceiling = int(Q.round_sig(truth * rng.uniform(20, 200), 2))
            dissent.stated = Q.state_ceiling(ceiling, rng, money=prop.money)
            return Planted(fact, ["magnitude"], f"{truth} vs up to {ceiling}")
        if how == "arithmetic":
            dissent.stated = Q.state_exact(truth, rng)
            self.set_breakdown(dissent, _parts(truth, truth + rng.choice((-2, -1, 1, 3)), rng))
            assert dissent.breakdown is not None
            return Planted(fact, ["arithmetic"],
                           f"{truth} but parts add to {sum(dissent.breakdown.values())}")
        wrong = Q.as_int(Q.round_sig(truth * rng.choice((0.5, 0.6, 0.7, 1.4, 1.7, 2.2)), 2),
                         truth)
        if wrong == truth or wrong < 3:
            wrong = truth * 2
        dissent.stated = Q.state_exact(wrong, rng, money=prop.money)
        if how == "scope":
            _scope(story, [c for c in claims if c is not dissent], dissent)
            return Planted(fact, ["scope"], f"{truth} vs {wrong} in another context")
        return Planted(fact, ["conflict"], f"{truth} vs {wrong}")

    def _plant_other(self, story: Story, prop: Prop, truth: Any, dissent: Claim,
                     fact: str) -> Planted:
        rng = self.rng
        if prop.type == "entity":
            other = self.pick(prop, story.city, other_than=truth)
            dissent.stated = Q.Stated(other.spelled(rng), other.id)
            return Planted(fact, ["conflict"], f"{truth} vs {other.id}")
        if prop.type == "date":
            y, m, d = truth
            moved = dt.date(y, m, min(d, 28)) + dt.timedelta(days=rng.choice((-75, -40, 45, 90)))
            dissent.stated = Q.state_date((moved.year, moved.month, moved.day), rng,
                                          partial=False)
            return Planted(fact, ["conflict"], f"{Q.format_day(truth)} vs {moved.isoformat()}")
        other_text = rng.choice([t for t in prop.texts if t != truth])
        dissent.stated = Q.Stated(other_text, other_text)
        return Planted(fact, ["conflict"], f"{truth!r} vs {other_text!r}")


def _scope(story: Story, others: list[Claim], dissent: Claim) -> None:
    """Every claim of the fact names its phase, or its date; the dissent names another."""
    events = SCOPE_EVENTS.get(story.kind.name)
    if events:
        for c in others:
            c.context, c.lead = {"event": events[0]}, SCOPE_LEADS[events[0]]
        dissent.context, dissent.lead = {"event": events[1]}, SCOPE_LEADS[events[1]]
        return
    first = dt.date(*story.day)
    later = first + dt.timedelta(days=3)
    for c in others:
        c.context, c.lead = {"as_of": first.isoformat()}, f"As of {Q.format_day(story.day)}, "
    dissent.context = {"as_of": later.isoformat()}
    dissent.lead = f"By {Q.format_day((later.year, later.month, later.day))}, "


def _parts(value: int, total: int, rng: random.Random) -> dict[str, int]:
    """Three parts adding up to `total` (the breakdown of `value`, maybe a wrong one)."""
    a = rng.randint(2, max(2, total // 3))
    b = rng.randint(2, max(2, (total - a) // 2))
    parts = {"roads": a, "bridges": b, "drainage": total - a - b}
    if min(parts.values()) < 1 or value in parts.values():
        parts = {"roads": total - 4, "bridges": 2, "drainage": 2}
    return parts


def tell(world: World, n_sources: int, rng: random.Random,
         shape: Shape | None = None) -> tuple[list[Source], list[Planted]]:
    """N sources in stories of 3 to 8, with copies and planted discrepancies."""
    shape = shape or Shape()
    teller = Teller(world, rng, shape)
    sources: list[Source] = []
    planted: list[Planted] = []
    while len(sources) < n_sources:
        story = teller.story()
        size = min(rng.randint(3, 8), n_sources - len(sources))
        originals: list[Source] = []
        copies: list[tuple[int, bool]] = []  # (index of the original, declared)
        for _ in range(size):
            roll = rng.random()
            if originals and roll < 2 * COPY_RATE:
                copies.append((rng.randrange(len(originals)), roll < COPY_RATE))
            else:
                originals.append(teller.source(story))
                teller.claims(originals[-1])
        story.sources = originals
        if shape.discrepancy_share is None:
            if rng.random() < PLANT_RATE and (found := teller.plant(story)) is not None:
                planted.append(found)
        else:
            facts = teller.plantable(story)
            done: set[str] = set()
            for _ in range(round(shape.discrepancy_share * len(facts))):
                found = teller.plant(story, frozenset(done))
                if found is None:
                    break
                done.add(found.fact.rsplit(".", 1)[1])
                planted.append(found)
        for index, declared in copies:
            story.sources.append(teller.copy(originals[index], story, declared))
        sources += story.sources
    return sources, planted
