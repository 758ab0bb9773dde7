"""The invented world a corpus is about: cities, companies, agencies, outlets.

Each is an entity of the claims file with the spellings articles use: companies go by
their full name, a short name and sometimes their root alone ("Tarrow"); agencies by their
name or an acronym. Spellings are unique across the world (the tool warns, MR203, when one
spelling names two entities).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from synth.names import NamePool, slug
from synth.shape import Shape

INDUSTRIES = ("Engineering", "Construction", "Logistics", "Energy", "Systems", "Holdings",
              "Infrastructure", "Consulting", "Technologies", "Builders", "Partners")
AGENCY_TYPES = ("Transport Authority", "Water Board", "Energy Commission", "Health Department",
                "Disaster Management Agency", "Planning Office", "Fire Service",
                "Education Department", "Development Corporation", "Skills Council")
OUTLET_STYLES = ("The {r} Courier", "{r} Daily", "The {r} Herald", "{r} Wire", "{r} Post",
                 "{r} Insider", "The {r} Observer")


@dataclass
class Entity:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)

    @property
    def spellings(self) -> list[str]:
        return [self.name, *self.aliases]

    def spelled(self, rng: random.Random) -> str:
        """A spelling for one mention: mostly the name, sometimes an alias."""
        if self.aliases and rng.random() < 0.45:
            return rng.choice(self.aliases)
        return self.name


@dataclass
class World:
    rng: random.Random
    names: NamePool
    entities: dict[str, Entity] = field(default_factory=dict)
    cities: list[Entity] = field(default_factory=list)
    companies: list[Entity] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    agencies: dict[tuple[str, str], Entity] = field(default_factory=dict)  # (city, type)
    country: Entity | None = None  # every story happens in it; its figures recur everywhere
    _spellings: set[str] = field(default_factory=set)

    def add(self, entity: Entity) -> Entity:
        # An alias another entity already uses is dropped: two entities, one spelling.
        keys = [s.casefold() for s in entity.spellings]
        if keys[0] in self._spellings or entity.id in self.entities:
            raise ValueError(f"duplicate entity {entity.name!r}")
        entity.aliases = [a for a, k in zip(entity.aliases, keys[1:])
                          if k not in self._spellings and k != keys[0]]
        self._spellings.update(s.casefold() for s in entity.spellings)
        self.entities[entity.id] = entity
        return entity

    def agency(self, city: Entity, rng: random.Random) -> Entity:
        """An agency of `city`, created the first time a story needs it."""
        kind = rng.choice(AGENCY_TYPES)
        key = (city.id, kind)
        if key not in self.agencies:
            name = f"{city.name} {kind}"
            acronym = "".join(w[0] for w in name.split()).upper()
            self.agencies[key] = self.add(Entity(slug(name), name, "organization", [acronym]))
        return self.agencies[key]

    def company(self, rng: random.Random, *, other_than: str | None = None) -> Entity:
        while True:
            pick = rng.choice(self.companies)
            if pick.id != other_than:
                return pick


def _roots(pool: NamePool, count: int, shape: Shape) -> list[tuple[str, bool]]:
    """`count` roots, each with whether it twins the one before; with Shape.twin_share,
    some roots are followed by a twin one letter apart."""
    out: list[tuple[str, bool]] = []
    while len(out) < count:
        root = pool.take(2, 3)
        out.append((root, False))
        if shape.twin_share and pool.rng.random() < shape.twin_share and len(out) < count:
            twin = pool.twin(root)
            if twin is not None:
                out.append((twin, True))
    return out


def build_world(n_sources: int, rng: random.Random, reserved: set[str],
                shape: Shape | None = None) -> World:
    """Cities and companies scale with the archive (a new story brings new names)."""
    shape = shape or Shape()
    pool = NamePool(rng)
    pool.reserve(reserved)
    world = World(rng, pool)
    root = pool.take()
    world.country = world.add(Entity(slug(root), f"Republic of {root}", "place", [root]))
    for root, _ in _roots(pool, max(12, n_sources // 20), shape):
        world.cities.append(world.add(Entity(slug(root), root, "place")))
    industry = ""
    for root, twin in _roots(pool, max(12, n_sources // 10), shape):
        # A twin keeps its original's industry: the whole names are one letter apart.
        industry = industry if twin else rng.choice(INDUSTRIES)
        name = f"{root} {industry}"
        aliases = []
        if rng.random() < 0.5:
            aliases.append(root)  # "Tarrow" for "Tarrow Engineering"
        if rng.random() < 0.3:
            aliases.append(f"{name} Group")
        world.companies.append(world.add(Entity(slug(name), name, "organization", aliases)))
    for _ in range(max(4, n_sources // 40)):
        world.outlets.append(rng.choice(OUTLET_STYLES).format(r=pool.take()))
    return world
