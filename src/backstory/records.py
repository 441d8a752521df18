"""Typed records shared by every stage.

Data flows read → clean → analyse (actors, events, time, place, claims) → output.
Each stage takes records and returns or fills records; nothing here knows about
spaCy, files or the command line, so the same records travel through a Ray
worker, the store and the web explorer.

All character offsets (``start``, ``end``, ``span``, ``mentions``) index into
``Article.body``; ends are exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The 16 PLOVER 2.0 event types, in codebook order.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# backstory's extension for an organisation's life cycle (found, split, merge, rename,
# dissolve), which PLOVER does not cover; kept out of pure-PLOVER exports.
EXTENSION_TYPES = ("ORGANIZE",)
EVENT_TYPES = PLOVER_TYPES + EXTENSION_TYPES

ACTOR_KINDS = ("person", "organization", "state", "group", "other")
DATE_PRECISIONS = ("day", "month", "year", "decade", "interval", "unknown")
DATE_BASES = ("explicit", "narrative", "publication", "none")
AUTHOR = "author"


@dataclass
class RawDocument:
    """One input document as read, before any cleaning.

    Exactly one of ``text`` or ``html`` is set, unless ``error`` says why neither could be read.
    """

    source: str                      # path, "path:line" for JSONL, "-" for stdin
    id: str | None = None            # the input's own id, if it has one
    text: str | None = None
    html: str | None = None
    published: str | None = None     # ISO date given with the input (JSONL field or --published)
    error: str | None = None         # why this document could not be read


@dataclass
class Boilerplate:
    """A block removed from the page, and why (``kind``: teaser, related, share, copyright, ...)."""

    text: str
    kind: str


@dataclass
class Timex:
    """A time expression in the body, normalised TimeML-style.

    ``value`` is the TIMEX3 value ("1986", "1986-04-12", "198", "P2Y", "PRESENT_REF");
    ``begin``/``end_date`` the calendar interval it covers (ISO, partial allowed) when it has one.
    """

    start: int
    end: int
    text: str
    value: str | None
    type: str                        # DATE, TIME, DURATION, SET
    begin: str | None = None
    end_date: str | None = None
    precision: str = "unknown"       # one of DATE_PRECISIONS
    anchored: bool = False           # resolved against another time (publication or narrative)


@dataclass
class Place:
    name: str
    country: str | None = None       # ISO 3166 alpha-3
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str = "city"            # city, country, region


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


@dataclass
class Actor:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "other"              # one of ACTOR_KINDS
    country: str | None = None       # ISO 3166 alpha-3, or an IGO code
    sector: str | None = None        # GOV, MIL, REB, OPP, PTY, MED, CVL, BUS, IGO, ...
    mentions: list[tuple[int, int]] = field(default_factory=list)
    wikidata: str | None = None
    tone: float | None = None        # tone toward the actor in this document, -1..1 (framing.py)


@dataclass
class EventDate:
    start: str | None = None         # ISO, partial allowed ("1986", "1986-04")
    end: str | None = None
    precision: str = "unknown"       # one of DATE_PRECISIONS
    text: str | None = None          # the expression the date came from
    basis: str = "none"              # one of DATE_BASES


@dataclass
class Event:
    id: str
    type: str                        # one of EVENT_TYPES
    mode: str | None
    cameo: str | None                # CAMEO root code, "01".."20"
    source: list[str]                # actor ids
    target: list[str]
    trigger: str                     # the words that name the event
    span: tuple[int, int]            # the trigger's offsets
    sentence: str
    sentence_span: tuple[int, int]
    attempted: bool = False
    negated: bool = False
    future: bool = False
    date: EventDate = field(default_factory=EventDate)
    place: Place | None = None
    asserted_by: str = AUTHOR        # "author" or an actor id
    confidence: float = 0.5
    intended: str | None = None      # for a promised, threatened or refused act: the act's own type


@dataclass
class Claim:
    """A statement the body attributes to someone other than the author, or the author's own."""

    speaker: str                     # actor id or "author"
    cue: str                         # the word that marks it: "said", "according to", "blames"
    content: tuple[int, int]         # offsets of what is claimed
    stance: str                      # asserts, denies, blames, claims
    events: list[str] = field(default_factory=list)


@dataclass
class Article:
    """The result for one document: the cleaned article and everything found in it."""

    id: str
    source: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None
    body: str = ""
    boilerplate: list[Boilerplate] = field(default_factory=list)
    dateline: str | None = None      # place named in a dateline ("HAVANA —"), if any
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: dict = field(default_factory=dict)  # {"loaded": [{"start", "end", "text", "kind", "source"}], "summary"}
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)    # not failures: why a readable article was not analysed
    duplicate_of: str | None = None  # id of an earlier article with the same body (backstory.dedupe)

    def to_dict(self) -> dict[str, Any]:
        """The output contract's JSON shape (see README, "Output")."""
        out = asdict(self)
        out["places"] = [
            {"start": m.start, "end": m.end, "text": m.text, **asdict(m.place)} for m in self.places
        ]
        for actor in out["actors"]:
            actor["mentions"] = [list(m) for m in actor["mentions"]]
        for event in out["events"]:
            event["span"] = list(event["span"])
            event["sentence_span"] = list(event["sentence_span"])
        for claim in out["claims"]:
            claim["content"] = list(claim["content"])
        return out
