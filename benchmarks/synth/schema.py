"""The properties of the synthetic world, how articles phrase them, and which ones each kind
of story has.

A template's `{v}` is the stated value (number with its hedge, entity spelling, date, text);
the quote is the whole template, so it holds the value and nothing else numeric. The lead
and tail around it (articles.py) may hold anything. No template puts a hedge word ("over",
"about", "some", "under") right before `{v}`, or the reader would see a bound the claim does
not record.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Prop:
    id: str
    type: str  # count | number | entity | text | date
    templates: tuple[str, ...]
    low: float = 0  # range of true values (numbers)
    high: float = 0
    unit: str | None = None
    multi: bool = False
    money: bool = False
    decimals: bool = False
    pool: str = ""  # entity values: "company" | "agency" | "city"
    texts: tuple[str, ...] = field(default_factory=tuple)  # text values


def _count(pid: str, low: int, high: int, unit: str, *templates: str) -> Prop:
    return Prop(pid, "count", templates, low, high, unit)


PROPS: dict[str, Prop] = {p.id: p for p in (
    _count("workers", 200, 6000, "workers", "v:employs {v} workers",
           "c:{v} workers are on site", "n:a workforce of {v}"),
    _count("jobs", 100, 20000, "jobs", "b:create {v} jobs", "n:{v} new jobs",
           "b:support {v} permanent jobs"),
    _count("contracts", 12, 60, "contracts", "o:signed {v} contracts",
           "c:{v} contracts were awarded"),
    _count("stations", 4, 40, "stations", "n:{v} new stations",
           "n:{v} stations along the route"),
    _count("beds", 50, 1500, "beds", "n:{v} hospital beds", "n:a capacity of {v} beds"),
    _count("vehicles", 20, 3000, "vehicles", "n:{v} new buses", "n:a fleet of {v} vehicles"),
    _count("trainees", 500, 300000, "people", "b:train {v} young people", "n:{v} trainees",
           "n:skills courses for {v} students"),
    _count("participants", 100, 20000, "delegates", "c:{v} delegates attended",
           "v:drew {v} participants"),
    _count("schools", 3, 200, "schools", "b:reach {v} schools",
           "pi:running in {v} schools across the region"),
    _count("households", 1000, 500000, "households", "b:connect {v} households",
           "c:{v} households were left without power"),
    _count("evacuated", 100, 100000, "people", "c:{v} residents were evacuated",
           "o:evacuated {v} people"),
    _count("injured", 3, 400, "people", "c:{v} people were injured", "v:injured {v} people"),
    _count("deaths", 3, 120, "people", "c:{v} people died", "v:killed {v} people",
           "c:the death toll rose to {v}"),
    _count("flights", 10, 900, "flights", "c:{v} flights were cancelled",
           "o:cancelled {v} flights"),
    _count("shelters", 3, 80, "shelters", "c:{v} shelters are open", "o:opened {v} shelters"),
    _count("homes_damaged", 50, 20000, "homes", "c:{v} homes were damaged",
           "v:damaged {v} homes"),
    _count("population", 40_000, 3_000_000, "people", "y:a city of {v} people",
           "y:home to {v} people"),
    Prop("cost", "number", ("v:will cost {v}", "n:a budget of {v}", "pi:valued at {v}"),
         5_000_000, 3_000_000_000, "USD", money=True),
    Prop("damage", "number", ("c:damage was estimated at {v}", "c:losses reached {v}"),
         1_000_000, 900_000_000, "USD", money=True),
    Prop("length_km", "number", ("v:will stretch {v} kilometres", "n:a route of {v} km"),
         2, 180, "km", decimals=True),
    Prop("capacity_mw", "number", ("n:{v} megawatts of capacity", "b:generate {v} megawatts"),
         20, 2000, "MW"),
    Prop("area_ha", "number", ("v:covers {v} hectares", "n:a site of {v} hectares"), 10, 5000,
         "ha"),
    Prop("local_share", "number", ("c:{v} percent of the materials will be sourced locally",
                                   "n:a local content share of {v}%"), 5, 90, "%"),
    Prop("rainfall_mm", "number", ("c:{v} millimetres of rain fell",
                                   "c:rainfall totalled {v} millimetres"), 50, 600, "mm"),
    Prop("contractor", "entity", ("pw:awarded to {v}", "pi:being built by {v}",
                                  "c:the contractor is {v}"), pool="company"),
    Prop("operator", "entity", ("c:{v} will operate it", "pi:to be run by {v}"),
         pool="company"),
    Prop("lead_agency", "entity", ("pi:led by the {v}", "c:the {v} is in charge"),
         pool="agency"),
    Prop("funder", "entity", ("pi:funded by {v}", "v:has financing from {v}"), pool="company"),
    Prop("partners", "entity", ("pi:being developed in partnership with {v}",
                                "c:{v} joined as a partner"), pool="company", multi=True),
    Prop("responders", "entity", ("c:the {v} sent teams", "c:crews from the {v} were deployed"),
         pool="agency", multi=True),
    # A date's words carry their preposition ("on 14 March 2025", "in March 2025").
    Prop("signing_date", "date", ("pw:signed {v}", "c:the agreement was signed {v}")),
    Prop("opening_date", "date", ("pi:due to open {v}", "c:it will open {v}")),
    Prop("start_date", "date", ("v:began {v}", "v:started {v}")),
    Prop("status", "text", ("c:the project is {v}", "c:work is {v}"),
         texts=("under construction", "suspended", "delayed", "in the design stage")),
    Prop("cause", "text", ("pw:blamed on {v}", "pw:caused by {v}"),
         texts=("a gas leak", "an electrical fault", "heavy rain", "a burst water main")),
)}

# How a sentence leads into a template of each form (the tag before ':'): c a clause,
# v a verb phrase after the subject, b a bare infinitive, n a noun phrase, pi/pw a
# participle after "is"/"was", o an action by officials, y a description of a place.
LEADS: dict[str, tuple[str, ...]] = {
    "c": ("", "Officials said ", "According to the {agency}, ", "A spokesperson confirmed that ",
          "Documents seen by the {outlet} show that ", "On Tuesday, officials said "),
    "v": ("{S} ", "{S} ", "So far, {s} "),
    "b": ("{S} is expected to ", "Planners say {s} will ", "Officials hope {s} will ",
          "Supporters say {s} should "),
    "n": ("{S} has ", "The plan for {s} includes ", "{S} comes with ",
          "Budget papers show {s} has "),
    "pi": ("{S} is ", "Officials confirmed that {s} is "),
    "pw": ("{S} was ", "Records show {s} was "),
    "o": ("Officials ", "The {agency} ", "Authorities "),
    "y": ("{place} is ",),
}
# After its first mention, a story's subject is mostly "the project", "the storm".
REFERENCES = {"project": ("project", "scheme", "development"),
              "incident": ("disaster", "emergency", "incident"),
              "programme": ("programme", "scheme", "initiative")}
TAILS = (".", ", officials said.", ", according to the {agency}.", ", a statement said.",
         ", the {outlet} understands.", ".")
FILLERS = ("A spokesperson for {company} declined to comment.",
           "Residents of {city} have raised concerns about noise and traffic.",
           "The {agency} will publish a full report next month.",
           "Critics say {s} has been poorly explained to the public.",
           "Further details are expected later this week.",
           "Opposition councillors have called for an independent review.",
           "{company} did not respond to a request for comment.",
           "The {agency} said it would keep the public informed.",
           "Local businesses say they have been kept in the dark.",
           "The mayor of {city} welcomed the announcement.",
           "Engineers from {company} visited the site on Tuesday.",
           "The council is expected to debate the matter again.")


def split_template(template: str) -> tuple[str, str]:
    """('v', 'employs {v} workers') from 'v:employs {v} workers'."""
    form, _, text = template.partition(":")
    return form, text


@dataclass(frozen=True)
class StoryKind:
    name: str
    entity_kind: str
    subjects: tuple[str, ...]  # "{city} ..." names of the story's subject
    props: tuple[str, ...]
    headline: tuple[str, ...]


KINDS: tuple[StoryKind, ...] = (
    StoryKind("project", "other",
              ("{city} Harbour Bridge", "{city} Light Rail", "{city} Ring Road",
               "{city} Solar Park", "{city} General Hospital extension", "{city} Water Works",
               "{city} Port expansion", "{city} Bus Rapid Transit", "{city} Wind Farm",
               "{city} Flood Barrier", "{city} Convention Centre", "{city} Data Park"),
              ("cost", "length_km", "capacity_mw", "area_ha", "workers", "jobs", "contracts",
               "stations", "beds", "vehicles", "contractor", "operator", "lead_agency",
               "funder", "partners", "signing_date", "opening_date", "status", "local_share"),
              ("work moves ahead on {s}", "questions over {s}", "{s} gets green light",
               "new details on {s}")),
    StoryKind("incident", "event",
              ("{city} floods", "{city} warehouse fire", "{city} storm", "{city} landslide",
               "{city} heatwave", "{city} rail collision", "{city} power cut"),
              ("deaths", "injured", "evacuated", "homes_damaged", "flights", "shelters",
               "households", "rainfall_mm", "damage", "lead_agency", "responders",
               "start_date", "cause"),
              ("{s}: what we know", "{s} leaves trail of damage", "latest on {s}")),
    StoryKind("programme", "programme",
              ("{city} Digital Skills Programme", "{city} Youth Apprenticeships",
               "{city} Clean Cooking Scheme", "{city} School Meals Plan",
               "{city} Housing Renewal Fund", "{city} Small Business Grants"),
              ("trainees", "participants", "schools", "cost", "jobs", "vehicles", "funder",
               "lead_agency", "partners", "start_date", "local_share", "status"),
              ("{s} expands", "{s} under scrutiny", "who benefits from {s}")),
)
