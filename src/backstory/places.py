"""Places: every place named in the body, and where each event happened.

``find_places`` resolves place names (spaCy GPE/LOC/FAC entities, country names the model labelled
otherwise, and named features such as "the Qandil mountains") against the gazetteer, using the
countries the article is about to choose between places of the same name.

``place_events`` then tells where an event HAPPENED from places merely mentioned with it: a place in
a locative phrase on the event's trigger or its clause ("protests in Paris"), the place an attack,
visit, deployment or withdrawal is aimed at ("destroy Iranian villages", "invaded Iraq"), the place
of the clause the event sits in ("In Berlin, police detained demonstrators who tried to block
traffic"), else the dateline of a wire story. A place that is only an argument ("sanctions against
Iran", "a plan for regime change in Tehran") places nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from backstory.gazetteer import Gazetteer, name_key
from backstory.records import Event, Place, PlaceMention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Nouns (lemmas) that make a proper name before them a place the gazetteer may not know ("the Qandil
# mountains", "Evin prison"); such places fall back to the place named with them.
FEATURE_NOUNS = frozenset({
    "mountain", "mountains", "hill", "hills", "heights", "highlands", "valley", "river", "lake", "sea",
    "gulf", "bay", "strait", "coast", "peninsula", "island", "islands", "desert", "plain", "plains",
    "basin", "delta", "marsh", "marshes", "region", "province", "district", "border", "enclave",
    "corridor", "camp", "base", "prison", "airport", "port", "square", "canal", "refinery", "plant",
    "facility", "dam",
})
# Nouns (lemmas) for ground that a nationality or a possessor locates: "Iranian villages" and
# "Iran's nuclear sites" are in Iran. Not "base" or "embassy": "US bases" are mostly abroad.
TERRITORY_NOUNS = frozenset({
    "village", "town", "city", "territory", "soil", "water", "airspace", "border", "province",
    "region", "countryside", "coast", "island", "port", "field", "site", "facility", "plant", "capital",
})
# Prepositions whose object is where something happens ("in Paris", "near the border", "off the
# coast of Somalia"). "on", "against", "for" and "of" mark targets and topics, not locations.
LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "inside", "outside", "across", "throughout", "within", "around", "along",
    "off", "beneath", "under", "over", "into",
})
# Prepositions of movement whose object is a place when the gazetteer knows the name ("flew in
# from Toulouse"). Not "to": "according to Mr Howard", "spoke to Jordan".
DIRECTION_PREPS = frozenset({"from"})
# Edges inside a locative phrase that still lead to its place: "in cities like Paris", "in the
# streets of Paris", "in the capital, Baghdad", "in Iraq and Syria", and a nested locative phrase
# ("outside petrol stations in Santiago"). Other prepositions start a new topic: "in exchange for
# intelligence on Tehran" is not in Tehran.
PHRASE_DEPS = frozenset({"conj", "appos", "compound", "poss", "nmod"})
PHRASE_PREPS = frozenset({"of", "like", "including", "as"})
# Event types that happen where the place their preposition names is: an attack on a place ("strikes
# on Tehran", "the bombing of Baghdad"), a deployment to one ("deployed officers to Kisumu"), a
# withdrawal from one ("withdrew from the ports of Hodeidah"). Other types aimed at a country
# (SANCTION, ACCUSE, THREATEN...) happen where the actor is.
TARGET_PREPS_BY_TYPE = {
    "ASSAULT": frozenset({"on", "against", "into", "of"}),
    "MOBILIZE": frozenset({"to", "into"}),
    "RETREAT": frozenset({"from"}),
}
# Types whose direct object, when it is a place, is where they happen ("invaded Iraq").
OBJECT_PLACED_TYPES = frozenset({"ASSAULT"})
# Verbs (lemmas) whose object is where they happen, whatever the event type.
PRESENCE_VERBS = frozenset({
    "visit", "tour", "enter", "invade", "occupy", "raid", "storm", "bomb", "shell", "besiege",
    "capture", "seize", "retake", "recapture", "overrun", "leave", "flee", "evacuate", "liberate",
})
# Prepositions before the target of a movement or an attack, all types together.
TARGET_PREPS = frozenset().union(*TARGET_PREPS_BY_TYPE.values())
# Nouns (lemmas) whose "to" names where they happen: "a visit to Paris".
VISIT_NOUNS = frozenset({"visit", "tour", "trip"})
# How far up the parse an event looks for the place of the clause that contains it.
MAX_CLIMB = 5
# Types whose event is where its object is, so a locative phrase the parser hung on the object
# places the event ("formed the army in Baghdad"). Not REQUEST, SUPPORT, ACCUSE...: "those who seek
# regime change in Iran" are not in Iran.
CO_LOCATED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "ORGANIZE", "AID", "PROTEST", "RETREAT"})
# Dependencies by which a noun trigger is an argument of the verb that heads its clause
# ("carried out bombings in Iran": the place hangs on "carried").
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
SUBJECT_DEPS = frozenset({"nsubj"})


# --- finding places ------------------------------------------------------------------------------


def find_places(
    doc: Doc, dateline: str | None = None, gazetteer: Gazetteer | None = None
) -> list[PlaceMention]:
    """Every place mention in ``doc``, resolved with the article's countries as context."""
    gaz = gazetteer or Gazetteer.load()
    context = _context_countries(doc, [e for e in doc.ents if e.label_ in PLACE_LABELS], dateline, gaz)
    spans = _candidate_spans(doc, context, gaz)
    resolved: dict[Span, Place] = {}
    unresolved: list[Span] = []
    for span in spans:
        found = _resolve_span(span, spans, context, gaz)
        if found is None:
            unresolved.append(span)
        else:
            resolved[found[0]] = found[1]
    for span in unresolved:
        place = _place_named_with(span, resolved) or _leading_place(span, context, gaz) or _unmapped(span)
        if place is not None:
            resolved[span] = place
    return [
        PlaceMention(start=s.start_char, end=s.end_char, text=s.text, place=p)
        for s, p in sorted(resolved.items(), key=lambda item: item[0].start)
    ]


def _resolve_span(
    span: Span, spans: Sequence[Span], context: Sequence[str], gaz: Gazetteer
) -> tuple[Span, Place] | None:
    """The span's place; for a GPE entity the model ran past a name's end ("San Jose - Cisco"),
    its longest leading part that is a known place, with the span cut to it."""
    place = gaz.resolve(_qualified_name(span, spans), context)
    if place is not None:
        return span, place
    return _known_prefix(span, context, gaz) if span.label_ == "GPE" else None


def _leading_place(span: Span, context: Sequence[str], gaz: Gazetteer) -> Place | None:
    """A feature named after its place: "Chiang Mai International Airport" is at Chiang Mai.
    Only for spans ending in a feature noun, so "Lincoln Memorial" does not land in Nebraska."""
    if span[-1].lower_ not in FEATURE_NOUNS:
        return None
    found = _known_prefix(span, context, gaz)
    return found[1] if found is not None else None


def _known_prefix(span: Span, context: Sequence[str], gaz: Gazetteer) -> tuple[Span, Place] | None:
    """The longest leading part of a span that the gazetteer knows as a place."""
    for end in range(span.end - 1, span.start, -1):
        place = gaz.resolve(span.doc[span.start:end].text, context)
        if place is not None:
            return span.doc[span.start:end], place
    return None


def _unmapped(span: Span) -> Place | None:
    """A named location or facility the gazetteer cannot place ("the Atlantic Ocean"): still a
    place mention, with no country or coordinates. Unknown GPEs are more often NER slips."""
    if span.label_ not in ("LOC", "FAC"):
        return None
    name = span[1:] if span[0].lower_ == "the" else span
    return Place(name=name.text, feature="region")


def _candidate_spans(doc: Doc, context: Sequence[str], gaz: Gazetteer) -> list[Span]:
    """Place-like spans, without overlaps, in text order."""
    spans: list[Span] = []
    taken: set[int] = set()

    def add(span: Span) -> None:
        span = _without_possessive(span)
        if len(span) and not taken.intersection(range(span.start, span.end)):
            spans.append(span)
            taken.update(range(span.start, span.end))

    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            add(ent)
    agents = {name_key(e.text) for e in doc.ents if e.root.dep_ in SUBJECT_DEPS}
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and _is_mislabelled_place(ent, context, agents, gaz):
            add(ent)
    for token in doc:
        if token.pos_ == "PROPN" and not token.ent_type_ and gaz.country_name(token.text):
            add(doc[token.i:token.i + 1])
    for span in _feature_spans(doc):
        add(span)
    return sorted(spans, key=lambda s: s.start)


def _without_possessive(span: Span) -> Span:
    """ "Iran's" as an entity: the place is "Iran"."""
    if len(span) > 1 and span[-1].tag_ == "POS":
        return span[:-1]
    return span


def _is_mislabelled_place(ent: Span, context: Sequence[str], agents: set[str], gaz: Gazetteer) -> bool:
    """A place the small model labelled PERSON or ORG. A seat of government ("the White House"), or a
    country's name not labelled PERSON, always; a person-like country name ("Jordan") or another
    known city or region when coordinated with a place entity
    ("Paris and Lyon"), governed by a locative preposition ("lifting off from Toulouse"), or the
    target of a movement or attack ("deployed officers to Kisumu", "seized Sanaa") in one of the
    article's countries, as long as the name is nowhere the subject of a verb ("Jackson said")."""
    if ent.label_ == "NORP":
        return False              # demonyms qualify actors and targets; they are not place mentions
    country = gaz.country_name(ent.text)
    if gaz.metonym_country(ent.text) or (country and ent.label_ != "PERSON"):
        return True
    if ent.label_ not in ("PERSON", "ORG"):
        return False
    root = ent.root
    partners = {root.head} if root.dep_ in ("conj", "appos") else set()
    partners |= {t for t in root.children if t.dep_ in ("conj", "appos")}
    coordinated = any(p.ent_type_ in PLACE_LABELS for p in partners)
    governed = root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS | DIRECTION_PREPS
    targeted = (
        (root.dep_ == "pobj" and root.head.lower_ in TARGET_PREPS)
        or (root.dep_ == "dobj" and root.head.lemma_.lower() in PRESENCE_VERBS)
    )
    if not (coordinated or governed or (targeted and name_key(ent.text) not in agents)):
        return False
    if country:                   # "Jordan" as PERSON: a place only where a place is expected
        return True
    place = gaz.resolve(ent.text, context)
    if place is None or place.feature not in ("city", "region"):
        return False
    return coordinated or governed or place.country in context


def _feature_spans(doc: Doc) -> Iterator[Span]:
    """ "the Qandil mountains", "Evin prison": proper-noun compounds before a feature noun."""
    for token in doc:
        if token.lower_ not in FEATURE_NOUNS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if start < token.i:
            yield doc[start:token.i + 1]


def _qualified_name(span: Span, spans: Sequence[Span]) -> str:
    """ "Paris, Texas" -> the whole name, so the gazetteer looks for Paris inside Texas."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        following = next((s for s in spans if s.start == span.end + 1), None)
        if following is not None and following.root.head == span.root and following.root.dep_ == "appos":
            return f"{span.text}, {following.text}"
    return span.text


def _context_countries(
    doc: Doc, spans: Sequence[Span], dateline: str | None, gaz: Gazetteer
) -> list[str]:
    """Countries the article is about: the dateline's, those of names that decide their own country
    ("Tehran", "Iraq"), and those of nationality adjectives ("Iranian")."""
    codes = []
    if dateline:
        place = gaz.resolve(dateline)
        if place is not None and place.country:
            codes.append(place.country)
    codes += [c for c in (gaz.decisive_country(s.text) for s in spans) if c]
    codes += [c for c in (gaz.demonym_country(e.text) for e in doc.ents if e.label_ == "NORP") if c]
    return codes


def _place_named_with(span: Span, resolved: dict[Span, Place]) -> Place | None:
    """For a place the gazetteer does not know, the nearest resolved place in its own phrase:
    "the Qandil mountains in northern Iraq", "Iraq's Qandil mountains", "Evin prison in Tehran"."""
    by_token = {i: place for s, place in resolved.items() for i in range(s.start, s.end)}
    inside = [t for t in span.root.subtree if not span.start <= t.i < span.end and t.i in by_token]
    if not inside:
        return None
    nearest = min(inside, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)))
    return by_token[nearest.i]


# --- placing events ------------------------------------------------------------------------------


def place_events(
    doc: Doc,
    events: list[Event],
    mentions: list[PlaceMention],
    dateline: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> None:
    """Set ``event.place`` to where each event happened, or the dateline's place, or None."""
    gaz = gazetteer or Gazetteer.load()
    places = _PlaceIndex(doc, mentions, gaz)
    fallback = gaz.resolve(dateline) if dateline else None
    for event in events:
        words = doc.char_span(event.span[0], event.span[1], alignment_mode="expand")
        place = _event_place(words, event.type, places) if words else None
        place = place or fallback
        event.place = replace(place) if place is not None else None


def _event_place(words: Span, event_type: str, places: _PlaceIndex) -> Place | None:
    """The event's own place (from the root, then the other words of a multi-word trigger such as
    "forced to leave"), else the place of the clause that contains it."""
    triggers = [words.root, *(t for t in words if t != words.root)]
    own = next(filter(None, (_where(t, event_type, places) for t in triggers)), None)
    return own or _enclosing_place(words.root, places)


class _PlaceIndex:
    """The places tokens name: mentions found by find_places, and demonyms' countries."""

    def __init__(self, doc: Doc, mentions: Sequence[PlaceMention], gaz: Gazetteer) -> None:
        self._gaz = gaz
        self._by_token: dict[int, Place] = {}
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                self._by_token[token.i] = mention.place

    def named(self, token: Token) -> Place | None:
        return self._by_token.get(token.i)

    def in_phrase(self, token: Token) -> Place | None:
        """The first place named in a noun phrase, through PHRASE_DEPS and PHRASE_PREPS only."""
        if token.i in self._by_token:
            return self._by_token[token.i]
        for child in token.children:
            if child.dep_ in PHRASE_DEPS:
                inner = [child]
            elif child.dep_ == "prep" and child.lower_ in PHRASE_PREPS | LOCATIVE_PREPS:
                inner = [g for g in child.children if g.dep_ == "pobj"]
            else:
                continue
            place = next(filter(None, (self.in_phrase(t) for t in inner)), None)
            if place is not None:
                return place
        return None

    def territory(self, noun: Token) -> Place | None:
        """Where ground is that a nationality or a name qualifies: "Iranian villages", "Iran's oil
        fields", "the port of Aden"; None for any other noun ("Iranian officials" may be anywhere)."""
        if noun.lemma_.lower() not in TERRITORY_NOUNS:
            return None
        for child in noun.children:
            code = self._gaz.demonym_country(child.text) if child.dep_ in ("amod", "compound") else None
            if code:
                return self._gaz.country(code)
        return self.in_phrase(noun)


def _where(trigger: Token, event_type: str, places: _PlaceIndex) -> Place | None:
    """The rules, strongest first: a locative phrase on the trigger (or on the noun it quantifies
    over: "a host of bombings"), then on the verb whose argument it is, then on its object, then
    the target of an attack or visit, then a locative phrase on the subject."""
    for noun in _with_quantifier_heads(trigger):
        clause = noun.head if noun.dep_ in ARGUMENT_DEPS and noun.head.pos_ in ("VERB", "AUX") else None
        place = _locative(noun, places) or (_locative(clause, places, skip=noun) if clause is not None else None)
        if place is not None:
            return place
    return (
        (_argument_locative(trigger, OBJECT_DEPS, places) if event_type in CO_LOCATED_TYPES else None)
        or _target(trigger, event_type, places)
        or _argument_locative(trigger, SUBJECT_DEPS, places)
    )


def _with_quantifier_heads(trigger: Token) -> Iterator[Token]:
    """The trigger, then the nouns it hangs on by "of": "carried out a host of bombings in Iran"
    puts the place on the verb of "host"."""
    token = trigger
    yield token
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "PROPN"):
        token = token.head.head
        yield token


def _argument_locative(trigger: Token, deps: frozenset[str], places: _PlaceIndex) -> Place | None:
    """A locative phrase on one of the trigger's arguments. On the object: "formed the army in
    Baghdad", where the parser hangs the event's place on the noun rather than the verb. On the
    subject: "Protesters in Paris denounced the decision"."""
    for child in trigger.children:
        if child.dep_ in deps:
            place = _locative(child, places)
            if place is not None:
                return place
    return None


def _locative(head: Token, places: _PlaceIndex, skip: Token | None = None) -> Place | None:
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS and prep is not skip:
            place = _preposition_object_place(prep, places)
            if place is not None:
                return place
    return None


def _preposition_object_place(prep: Token, places: _PlaceIndex) -> Place | None:
    """The place a preposition's object names, or ground it locates ("in Iranian waters")."""
    for obj in prep.children:
        if obj.dep_ in ("pobj", "pcomp"):
            place = places.in_phrase(obj) or places.territory(obj)
            if place is not None:
                return place
    return None


def _target(trigger: Token, event_type: str, places: _PlaceIndex) -> Place | None:
    """Where an attack's, a visit's, a deployment's or a withdrawal's target is: "invaded Iraq",
    "destroy Iranian villages", "stormed the embassy in Tehran", "strikes on Tehran", "a visit to
    Paris". A person targeted is not a place: "the kidnapping of U.S. Ambassador MacArthur" did not
    happen in the US."""
    lemma = trigger.lemma_.lower()
    by_object = event_type in OBJECT_PLACED_TYPES or lemma in PRESENCE_VERBS
    preps = TARGET_PREPS_BY_TYPE.get(event_type, frozenset()) | ({"to"} if lemma in VISIT_NOUNS else set())
    for child in trigger.children:
        if child.dep_ in OBJECT_DEPS and by_object:
            targets = [child]
        elif child.dep_ == "prep" and child.lower_ in preps:
            targets = [g for g in child.children if g.dep_ == "pobj"]
        else:
            continue
        for target in targets:
            place = places.named(target) or _locative(target, places) or places.territory(target)
            if place is not None:
                return place
    return None


def _enclosing_place(trigger: Token, places: _PlaceIndex) -> Place | None:
    """The place of the clause an unplaced event sits in: "In Berlin, police detained two
    demonstrators who tried to block traffic"; "in Marib, where the Houthis launched an offensive";
    and for reported events, where the report comes from ("In Taiz, officials said shelling ...",
    "Police in Mombasa said they had made no arrests")."""
    token = trigger
    for _ in range(MAX_CLIMB):
        head = token.head
        if head is token:
            return None
        if token.dep_ == "relcl" and any(c.lower_ == "where" for c in token.children):
            place = places.in_phrase(head)
            if place is not None:
                return place
        place = _locative(head, places, skip=token)
        if token.dep_ == "ccomp":      # reported content: the report's scene, then stop
            return place or _argument_locative(head, SUBJECT_DEPS, places)
        if place is not None:
            return place
        token = head
    return None
