"""Actors: people, organisations, states and groups, with their aliases merged and coded.

Named actors come from spaCy's NER plus an editable registry of well-known groups applied
through an EntityRuler (data/actors/registry.jsonl). Within a document, mentions are merged
when the text introduces an alias ("Full Name, or ACR", "Full Name (ACR)"), when an acronym
spells a name's initials, when a one-word name repeats part of a full personal name, and
when a definite description or pronoun ("the group", "it") points back to the salient actor.
Nominal actors ("the Iraqi government", "Iranian villages") are made on demand when an event
needs them, coded CAMEO-style by country and sector (IRQGOV, IRNCVL).

Country and sector coding is done here by hand because no library maps news noun phrases to
CAMEO actor codes; the vocabulary lives in data files (roles.tsv, anaphors.tsv).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from backstory.datafile import rows
from backstory.gazetteer import Gazetteer
from backstory.records import Actor

DATA = Path(__file__).parent / "data" / "actors"
RULER_NAME = "backstory_registry"

KIND_OF_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}
# What a definite description of a kind may refer to: "the group" may be an organisation or an armed group.
KINDS_REFERRED = {"organization": {"organization", "group"}, "state": {"state"},
                  "group": {"group", "organization"}, "person": {"person"}}
# Sectors whose unnamed actors are institutions, told apart by the noun that names them.
INSTITUTION_SECTORS = {"GOV", "JUD", "LEG", "MED", "BUS", "EDU", "HLH", "IGO", "NGO"}
# Heads that stand for part of a group: "any of the protesters", "some of its members".
PARTITIVES = {"any", "some", "many", "most", "all", "several", "none", "few", "each", "both", "one",
              "dozens", "hundreds", "thousands", "scores", "members", "majority", "rest", "group"}
PERSONAL_PRONOUNS = {"he": "person", "him": "person", "his": "person", "she": "person", "her": "person"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
# "We did not attack anyone," he said: in a quote, "we" is the speaker's side, the group last named.
FIRST_PLURAL_PRONOUNS = {"we", "us", "our", "ourselves"}
# People who speak for a body: "a spokesman for the Northern Front" speaks as the Front.
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "representative", "envoy", "delegation"}
RELATIVE_PRONOUNS = {"which", "who", "whom", "that", "whose"}
# Text between two names that makes the second an alias of the first.
ALIAS_LINK = re.compile(
    r"^(?:,?\s*(?:S\.A\.|Inc\.|Ltd\.?|plc|LLC|Co\.|AG|GmbH|S\.p\.A\.|N\.V\.|B\.V\.))?"  # "Petróleos de Venezuela, S.A. (PDVSA)"
    r"\s*(?:,\s*(?:or|aka|a\.k\.a\.|also known as|known as|also called|formerly)\s+|\(\s*|,\s*or\s+the\s+|\s+or\s+)(?:the\s+)?$",
    re.IGNORECASE,
)
# Capitalised words that are not names of actors, for the untagged-acronym rule.
NOT_ACRONYMS = frozenset(
    line.strip() for line in (DATA / "not_acronyms.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
# People and bodies that act abroad for their country: see envoys.txt.
ENVOYS = frozenset(
    line.strip() for line in (DATA / "envoys.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
LEGAL_SUFFIX = re.compile(r"^(?:S\.A\.|Inc\.|Ltd\.?|plc|LLC|Co\.|AG|GmbH|S\.p\.A\.|N\.V\.|B\.V\.)$")
ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$")  # "U.S.", "U.N."
# "Full Name, or ACR" / "Full Name (ACR)": a definition NER may have missed half of.
ALIAS_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’\-]*)(?:\s+(?:(?:of|the|for|and|in|on|de|al|el|e)\s+)*[A-Z][\w'’\-]*)*)"
    r"(?:,\s*(?:or|also known as|known as)\s+|\s*\(\s*)(?:the\s+)?([A-Z][A-Za-z]?[A-Z0-9]{1,7})\b"
)
ACRONYM = re.compile(r"^[A-Z][A-Za-z]?[A-Z0-9&.\-]{0,8}$")
# "anti-Syria journalist", "pro-Iranian militia": a stance toward a country, not membership of it.
STANCE_PREFIXES = {"anti", "pro"}
# "Vietnamese-led forces", "a Trinidad-based group": the country leads or hosts the actor, which
# CAMEO codes with that country ("-backed" is left out: a proxy is not its sponsor).
COUNTRY_PARTICIPLES = {"led", "based"}
# Prepositions whose object is where something happens, not a party to it: a place named so is
# evidence of where a sentence's unnamed-country actors are ("police in Harare").
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "inside", "throughout", "across", "within", "outside", "around"}
# Nouns whose country modifier names a neighbour as much as the place: "the Syrian border".
BORDER_NOUNS = {"border", "frontier", "boundary", "crossing"}
# Tiers of government that make two bodies of one role word distinct.
TIERS = {"federal", "regional", "state", "provincial", "local", "municipal", "central", "county", "city", "national"}
# Dependencies that make a phrase a party to a verb's event (its subject, object, agent ...).
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "attr", "oprd", "iobj", "pobj"}
# Sectors of actors who act abroad as often as at home, or belong to no country: the country a
# sentence names says nothing about theirs ("refugees fled to Guinea", "peacekeepers in Bosnia").
NO_CONTEXT_SECTORS = {"IGO", "NGO", "INT", "REF"}
# Sectors of actors who deal with other states: when two of them meet ("Mitterrand welcomed South
# African leader de Klerk", "Iranian Foreign Minister X met Y"), one's nationality says nothing of
# the other's. A state acting on a domestic party (opposition, rebels, press, citizens, a group)
# mostly acts at home: "Kagame barred Rwandan opposition papers".
STATE_SECTORS = {"GOV", "MIL", "SPY", "ELI", "IGO", "INT"}
MODIFIER_DEPS = ("amod", "compound", "poss", "nmod", "npadvmod")
# Sectors of registry organisations whose officials speak for the organisation, not a country:
# "U.N. envoy Ana Ortiz", "African Union Commission chairman Moussa Diarra".
INTERNATIONAL_SECTORS = {"IGO", "NGO", "INT"}
NAME_STOPWORDS = {"of", "the", "and", "for", "in", "on", "de", "al", "el", "e", "du", "des", "la", "&"}


@dataclass(frozen=True)
class Role:
    sector: str
    kind: str


@dataclass(frozen=True)
class ActorData:
    """Everything actor coding needs besides the parse, loaded once per process."""

    registry: tuple[dict, ...]
    roles: dict[str, Role]
    anaphors: dict[str, str]
    gazetteer: Gazetteer

    @classmethod
    def load(cls, extra_registries: tuple[Path, ...] = ()) -> "ActorData":
        registry = []
        for path in (DATA / "registry.jsonl", *extra_registries):
            registry.extend(_read_registry(path))
        return cls(
            registry=tuple(registry),
            roles=_read_roles(DATA / "roles.tsv"),
            anaphors=dict(rows(DATA / "anaphors.tsv", 2)),
            gazetteer=Gazetteer.load(),
        )

    def registry_entry(self, key: str) -> dict | None:
        index = int(key.split(":", 1)[1]) if key.startswith("registry:") else -1
        return self.registry[index] if 0 <= index < len(self.registry) else None


def _read_roles(path: Path) -> dict[str, Role]:
    return {word.strip().lower(): Role(sector.strip(), kind.strip() or "group")
            for word, sector, kind in rows(path, 3)}


def _read_registry(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip() and not line.startswith("#")]


def add_registry_ruler(nlp: Language, data: ActorData) -> None:
    """Put the registry's names in front of the statistical NER, so known groups are always found."""
    if RULER_NAME in nlp.pipe_names:
        return
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before=before)
    patterns = []
    for index, entry in enumerate(data.registry):
        label = "PERSON" if entry.get("kind") == "person" else "ORG"
        for name in {entry["name"], *entry.get("aliases", [])}:
            patterns.append({"label": label, "pattern": name, "id": f"registry:{index}"})
            if not name.lower().startswith("the ") and not ACRONYM.match(name):
                for article in ("the", "The"):  # "The Shanghai Cooperation Organisation has ..."
                    patterns.append({"label": label, "pattern": f"{article} {name}", "id": f"registry:{index}"})
    ruler.add_patterns(patterns)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "actor"


def normalise_name(text: str) -> str:
    """A name as it should be listed: composed Unicode, no leading article, no possessive, single spaces."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = text.strip(" ,;:\"“”")
    return text if ABBREVIATION.match(text) else text.rstrip(".")


def initials(name: str) -> str:
    words = re.split(r"[\s\-]+", name)
    return "".join(w[0] for w in words if w and w.lower() not in NAME_STOPWORDS and w[0].isalpha()).upper()


class ActorIndex:
    """The actors of one document and the way from any token to the actors it refers to."""

    def __init__(self, doc: Doc, data: ActorData):
        self.doc = doc
        self.data = data
        self.home_country: str | None = None
        self._entities: list[Span] = []
        self._entity_at: dict[int, Span] = {}
        self.actors: list[Actor] = []
        self._by_key: dict[str, Actor] = {}
        self._by_id: dict[str, Actor] = {}
        self._token_actor: dict[int, str] = {}
        self._named_at: dict[str, list[int]] = {}   # where each actor is named (not just referred to)
        self._subject_at: dict[str, list[int]] = {}  # where each actor is the subject of a clause

    def build(self, home_country: str | None = None) -> list[Actor]:
        """Find the named actors. ``home_country`` is the story's own country (its dateline's):
        an unnamed "the government" or "police" in a story from Nairobi is Kenya's."""
        self.home_country = home_country
        repair_entities(self.doc, self.data)
        # doc.ents walks the whole document on every access: look entities up once.
        self._entities = list(self.doc.ents)
        self._entity_at = {i: ent for ent in self._entities for i in range(ent.start, ent.end)}
        self._build_named()
        return self.actors

    # ------------------------------------------------------------------ named actors

    def _build_named(self) -> None:
        entities = [ent for ent in self._entities if ent.label_ in KIND_OF_LABEL]
        keys = [self._entity_key(ent) for ent in entities]
        parent = {key: key for key in keys if key}

        def find(key: str) -> str:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        def union(a: str | None, b: str | None) -> None:
            if a and b and find(a) != find(b):
                ra, rb = find(a), find(b)
                # Keep registry and state keys as the representative: they carry the best coding.
                if rb.startswith(("registry:", "state:")) and not ra.startswith(("registry:", "state:")):
                    ra, rb = rb, ra
                parent[rb] = ra

        for (ent_a, key_a), (ent_b, key_b) in zip(zip(entities, keys), zip(entities[1:], keys[1:])):
            between = self.doc.text[ent_a.end_char:ent_b.start_char]
            if key_a and key_b and ALIAS_LINK.match(between) and _compatible(ent_a, ent_b):
                union(key_a, key_b)
        self._merge_acronyms(entities, keys, union)
        self._merge_partial_person_names(entities, keys, union)
        self._merge_short_organisation_names(entities, keys, union)

        groups: dict[str, list[Span]] = {}
        for ent, key in zip(entities, keys):
            if key:
                groups.setdefault(find(key), []).append(ent)
        for key, ents in groups.items():
            actor = self._make_named_actor(key, ents)
            for ent in ents:
                self._add_mention(actor, ent.start, ent.end, ent.text)
        self._find_missed_names()
        # Definite descriptions and unnamed subjects ("the organisation", "police") are resolved
        # in reading order, so that a later pronoun can continue them as readily as a name.
        for token in self.doc:
            if token.pos_ == "NOUN" and token.lemma_.lower() in self.data.anaphors:
                self._anaphor_actor(token)
            elif (token.dep_ in ("nsubj", "nsubjpass") and token.i not in self._token_actor
                  and (token.pos_ in ("NOUN", "PROPN") or token.ent_type_)):
                self._resolve_one(token)

    def _find_missed_names(self) -> None:
        """A known actor's surname or acronym where NER tagged nothing ("Sall postponed the vote"
        after "President Macky Sall"): the small model misses many repeated short names."""
        short: dict[str, Actor] = {}
        for actor in self.actors:
            for alias in actor.aliases:
                words = alias.split()
                if actor.kind == "person" and len(words) >= 2:
                    short.setdefault(words[-1], actor)
                elif len(words) == 1 and ACRONYM.match(alias) and alias.isupper():
                    short.setdefault(alias, actor)
        for token in self.doc:
            actor = short.get(unicodedata.normalize("NFC", token.text))
            if actor is not None and not token.ent_type_ and token.i not in self._token_actor:
                self._add_mention(actor, token.i, token.i + 1, token.text)

    def _entity_key(self, ent: Span) -> str | None:
        if ent.ent_id_.startswith("registry:"):
            return ent.ent_id_
        name = normalise_name(ent.text)
        if not name or not any(c.isalpha() for c in name):
            return None
        if ent.label_ in ("GPE", "NORP") and self._qualifier(ent.root) == "stance":
            return None  # "anti-Iran": a stance, no actor
        if ent.label_ in ("ORG", "FAC") and self.data.gazetteer.metonym_country(name):
            return None  # "the White House": its government, resolved on demand like a capital
        if ent.label_ in ("ORG", "NORP", "PERSON") and self._names_place(ent.root):
            return self._entity_key_of_place(name)
        if ent.label_ == "GPE":
            code = self._country_of_name(name)
            if code:
                return f"state:{code}"
            place = self.data.gazetteer.resolve(name)
            # A city or a capital is a place, an actor only when an event makes it one (see
            # _place_actor); a region ("Somaliland", "Puntland") or a name the gazetteer does not
            # know (often a person NER took for a place) is an actor of its own.
            return f"polity:{name.lower()}" if place is None or place.feature == "region" else None
        if ent.label_ == "NORP":
            code = self._country_of_name(name)
            return f"norp:{name.lower()}" if not code and _is_nominal(ent) else None
        return f"name:{name.lower()}"

    def _names_place(self, token: Token) -> bool:
        """A place NER took for an organisation or a person: for a person, only the name of a
        country or a capital ("Sri Lanka", "Bamako"), or one tagged as a place elsewhere in the text."""
        ent = self._entity_at.get(token.i)
        name = normalise_name(ent.text) if ent is not None else token.text
        if not self._is_place_name(name):
            return False
        gaz = self.data.gazetteer
        if ent is None or ent.label_ != "PERSON" or gaz.capital_country(name):
            return True
        if gaz.country_name(name):
            return True  # "Sri Lanka", "Mali": no one's name
        return any(e.label_ == "GPE" and normalise_name(e.text) == name for e in self._entities)

    def _is_place_name(self, name: str) -> bool:
        """A city or country NER took for an organisation ("Kisumu", "Mombasa")."""
        place = self.data.gazetteer.resolve(name)
        return place is not None and place.name == name and place.feature in ("city", "country")

    def _entity_key_of_place(self, name: str) -> str | None:
        code = self._country_of_name(name)
        return f"state:{code}" if code else None

    def _country_of_name(self, name: str) -> str | None:
        gaz = self.data.gazetteer
        code = gaz.country_code(name)
        if code and gaz.capital_country(name) == code and gaz.country(code).name != name:
            return None  # a capital names the government, resolved on demand (see _place_actor)
        return code

    def _merge_acronyms(self, entities, keys, union) -> None:
        full_names = {}
        for ent, key in zip(entities, keys):
            name = normalise_name(ent.text)
            if key and len(name.split()) >= 2:
                full_names.setdefault(initials(name), key)
                words = [w for w in re.split(r"[\s\-]+", name) if w.lower() not in NAME_STOPWORDS]
                # "National Liberation Army of Iran (NLA)": an acronym may leave out a trailing "of X".
                head = re.split(r"\s+of\s+", name)[0]
                if head != name and len(words) >= 2:
                    full_names.setdefault(initials(head), key)
        for ent, key in zip(entities, keys):
            name = normalise_name(ent.text).replace(".", "")
            if key and ACRONYM.match(name) and name.upper() == name and len(name) >= 2:
                target = full_names.get(name)
                if target and target != key:
                    union(target, key)

    def _merge_short_organisation_names(self, entities, keys, union) -> None:
        """"the Freedom Movement" after "the Freedom Movement of Iran": the same organisation."""
        full = {}
        for ent, key in zip(entities, keys):
            name = normalise_name(ent.text)
            if key and ent.label_ == "ORG" and " of " in name:
                full.setdefault(name.rsplit(" of ", 1)[0].lower(), key)
        for ent, key in zip(entities, keys):
            target = full.get(normalise_name(ent.text).lower())
            if key and ent.label_ == "ORG" and target and target != key:
                union(target, key)

    def _merge_partial_person_names(self, entities, keys, union) -> None:
        """"Sall" or "de Vries" after "Macky Sall" or "Sanne de Vries": the same person, also when
        NER took the short form for an organisation."""
        full = [(normalise_name(e.text).split(), k) for e, k in zip(entities, keys)
                if k and e.label_ == "PERSON" and len(e.text.split()) >= 2]
        for ent, key in zip(entities, keys):
            words = normalise_name(ent.text).split()
            if not key or key.startswith(("registry:", "state:")) or ent.label_ not in ("PERSON", "ORG"):
                continue
            matches = {k for parts, k in full if len(parts) > len(words)
                       and (parts[-len(words):] == words or parts[:len(words)] == words)}
            if len(matches) == 1:
                union(matches.pop(), key)

    def _make_named_actor(self, key: str, ents: list[Span]) -> Actor:
        entry = self.data.registry_entry(key)
        names = [normalise_name(e.text) for e in ents]
        if key.startswith("state:"):
            return self._country_actor(key.split(":", 1)[1])
        if entry:
            actor = Actor(
                id=slug(_short_name(entry)), name=entry["name"], kind=entry.get("kind") or "organization",
                country=entry.get("country"), sector=entry.get("sector"), wikidata=entry.get("wikidata"),
            )
        elif key.startswith("polity:"):
            place = self.data.gazetteer.resolve(names[0])
            # "South Lebanon", "Montenegro province": a part of a country is that country's
            country = place.country if place else (self.data.gazetteer.place_country(names[0])
                                                   or self._leading_place_country(ents[0]))
            kind = "state" if place is not None or country else ("person" if len(names[0].split()) >= 2 else "other")
            actor = Actor(id=slug(names[0]), name=names[0], kind=kind, country=country)
        else:
            full = [n for n in names if not ACRONYM.match(n.replace(".", "")) or " " in n]
            name = max(full or names, key=len)
            country, sector = self._code_entity(ents)
            kind = _majority_kind(ents)
            if country is None and sector not in NO_CONTEXT_SECTORS:
                # An office-holder, a body or an organisation is read against its whole sentence;
                # anyone else only against its own clause.
                domestic = bool(sector) or kind == "organization"
                country = self._context_country(ents[0].root, set(range(ents[0].start, ents[0].end)), wide=domestic,
                                                sector=sector, kind=kind)
            actor = Actor(id=slug(name), name=name, kind=kind, country=country, sector=sector)
        return self._register(key, actor)

    def _context_country(self, anchor: Token, own: set[int], wide: bool, sector: str | None, kind: str,
                         defer_home: bool = False) -> str | None:
        """An actor's country from where it is named, when its own words give none: the one
        country its clause places it in ("Faye ... has won Senegal's presidential election").
        For an office-holder, a body or an organisation (``wide``) then the one country the
        clauses governing it name ("Opposition parties in Zambia demanded that President
        Mugabe ..."), then the story's own country (its dateline, else the country it is mostly
        about, as CAMEO coders default domestic actors), then the one country the whole sentence
        names. Several countries at a level leave it unset: the sentence does not say which is its.
        ``sector`` and ``kind`` are the actor's (see STATE_SECTORS). ``defer_home``: return None where the story's country would be taken (the caller codes
        with it in its own way)."""
        clause = _clause_of(anchor)
        # the actor's own events: its clause and the verbs that share its subject ("offered to negotiate")
        own_clauses, frontier = {clause}, [clause]
        while frontier:
            for child in frontier.pop().children:
                if child.dep_ == "xcomp" and child not in own_clauses:
                    own_clauses.add(child)
                    frontier.append(child)
        own_arg = anchor
        while own_arg.head.i != own_arg.i and own_arg.head != clause:
            own_arg = own_arg.head
        self_stately = sector in STATE_SECTORS or (sector is None and kind == "person")
        relations = [(t, code, self._relation(t, own_clauses, own_arg, self_stately))
                     for t, code in self._country_evidence(anchor.sent, own)]
        if any(relation == "foreign" for _, _, relation in relations):
            # It deals with a foreign-facing party of a known country ("Iranian Foreign Minister X
            # met Y in Paris"): the sentence cannot tell whether it is that party's compatriot or host.
            return self.home_country if wide and not defer_home else None
        evidence = [(t, code) for t, code, relation in relations if relation == "setting" and self._is_setting(t)]
        # clauses it is subordinate to; a clause joined by "and" governs nothing ("It recalled its
        # ambassador from Addis Ababa, and President X signed ...")
        governing, current = {clause}, clause
        while current.dep_ != "conj" and current.head.i != current.i:
            current = current.head
            if current.pos_ in ("VERB", "AUX"):
                governing.add(current)
        levels = [lambda t: _clause_of(t) in own_clauses]
        if wide:
            levels += [lambda t: _clause_of(t) in governing, None, lambda t: True]
        for in_level in levels:
            if in_level is None:
                if self.home_country:
                    return None if defer_home else self.home_country
                continue
            found = {code for token, code in evidence if in_level(token)}
            if len(found) == 1:
                return found.pop()
            if found:
                return None if not wide or defer_home else self.home_country
        return None

    def _country_evidence(self, sentence: Span, own: set[int]) -> list[tuple[Token, str]]:
        """The countries a sentence places things in, each with the token that names it: country
        names, capitals, cities and regions (through the gazetteer), demonyms, and countries inside
        organisation names ("Kenya Anti-Corruption Commission"). Left out: the actor's own words,
        stances ("anti-Syria") and ethnicities ("ethnic Albanians"); _context_country judges the rest."""
        gaz = self.data.gazetteer
        found, done = [], set()
        for token in sentence:
            if token.i in own or token.i in done:
                continue
            ent = self._entity_at.get(token.i)
            if ent is not None:
                done.update(range(ent.start, ent.end))
                if ent.label_ in ("GPE", "NORP", "LOC", "FAC") or (ent.label_ == "ORG" and self._names_place(ent.root)) \
                        or self._metonym(ent.root):
                    code = gaz.place_country(normalise_name(ent.text))
                elif ent.label_ == "ORG":
                    code = next(filter(None, (self._country_of_token(t) for t in ent)), None)
                else:
                    continue
                anchor = ent.root
            else:
                code, anchor = self._country_of_token(token), token
            if code and not self._qualifier(anchor):
                found.append((anchor, code))
        return found

    def _is_setting(self, token: Token) -> bool:
        """Whether a country mention can say where a sentence happens at all: not one side of a
        border, not an envoy's own country ("the Moroccan ambassador"), not whom an act is aimed
        at ("urged a boycott against Eritrea") and not who reports it ("U.S. officials said",
        "a London-based daily reports")."""
        phrase = [token, *_heads_of_phrase(token)]
        for head in phrase[1:]:
            words = {head.lemma_.lower(), head.lower_}
            if head.i > 0:
                words |= {f"{head.doc[head.i - 1].lower_} {w}" for w in list(words)}
            if words & BORDER_NOUNS or words & ENVOYS:
                return False
        top = phrase[-1]
        if top.dep_ == "pobj" and top.head.lower_ in AIMED_PREPS and top is token:
            return False  # "sanctions against Nigeria"; but "investigations against Chilean officials" are domestic
        if top.dep_ == "pobj" and top.head.lower_ in ("with", "between") and top.head.head.lemma_.lower() in BORDER_NOUNS:
            return False  # "Peru's border with Bolivia"
        # "U.S. officials said", "a London-based daily reports"; but "the White House said" speaks
        # for its own government
        return not (top.dep_ == "nsubj" and top.head.lemma_.lower() in REPORTING_VERBS
                    and top.lemma_.lower() in REPORTER_NOUNS)

    def _relation(self, token: Token, own_clauses: set[Token], own_arg: Token, self_stately: bool) -> str:
        """What a country mention says about an actor: "setting" (where it is: any place around its
        own events, another event's place or party, the nationality of a party it deals with unless
        both are state-level, or of a thing it acts on, "won Senegal's election"), "foreign" (the
        country of a state-level party a state-level actor deals with, see STATE_SECTORS: "met South
        African leader de Klerk", "threatened action against Russia"), or "none" (a state named as
        a thing's own party)."""
        clause = _clause_of(token)
        if clause not in own_clauses:
            return "setting"  # "..., the White House said"; "rather than return to Sierra Leone"
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS:
            return "setting"  # "seized a police station in Kharkiv"
        arg = token
        while arg.head.i != arg.i and arg.head != clause:
            arg = arg.head
        if arg == own_arg or (arg.dep_ == "prep" and arg.lower_ in LOCATIVE_PREPOSITIONS):
            return "setting"
        if arg.dep_ not in ARGUMENT_DEPS and arg.dep_ != "prep":
            return "setting"
        party = token  # the noun phrase the mention names or modifies
        while party.dep_ in MODIFIER_DEPS + ("flat",) and party.head.i != party.i and party.head != clause:
            party = party.head
        sector = self._party_sector(party)
        if sector is None and party.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            return "setting" if party is not token else "none"  # a thing: "won Senegal's election"
        # a person of unknown office, or a state by name, capital or metonym ("Washington called on ...")
        stately = sector in STATE_SECTORS or (sector is None and (
            party.ent_type_ in ("PERSON", "GPE") or self._names_place(party) or bool(self._metonym(party))))
        return "foreign" if stately and self_stately else "setting"

    def _party_sector(self, head: Token) -> str | None:
        """The sector a party's role words give: "opposition candidates", "leader Jerry Mensah"."""
        for token in (head, *(c for c in head.children if c.dep_ in ("compound", "amod", "appos"))):
            role = self._role_of(token)
            if role is not None:
                return role.sector
        return None

    def _qualifier(self, token: Token) -> str | None:
        """"stance" for a name or demonym after "anti-"/"pro-" ("anti-Syria", "pro-Iranian"),
        "ethnic" after "ethnic" ("ethnic Albanians"): neither makes the phrase that country's."""
        ent = self._entity_at.get(token.i)
        start = ent.start if ent is not None and ent.label_ in ("GPE", "NORP") else token.i
        first = self.doc[start].lower_
        if first in STANCE_PREFIXES or first.startswith(tuple(f"{p}-" for p in STANCE_PREFIXES)):
            return "stance"
        if start >= 2 and self.doc[start - 1].text in ("-", "–") and self.doc[start - 2].lower_ in STANCE_PREFIXES:
            return "stance"
        if start >= 1 and self.doc[start - 1].lower_ == "ethnic":
            return "ethnic"
        return None

    def _register(self, key: str, actor: Actor) -> Actor:
        existing = self._by_key.get(key)
        if existing:
            return existing
        ids = {a.id for a in self.actors}
        base, n = actor.id, 2
        while actor.id in ids:
            actor.id = f"{base}-{n}"
            n += 1
        self.actors.append(actor)
        self._by_key[key] = actor
        self._by_id[actor.id] = actor
        return actor

    def _add_mention(self, actor: Actor, start: int, end: int, surface: str, alias: bool = True) -> None:
        span = self.doc[start:end]
        mention = (span.start_char, span.end_char)
        if mention not in actor.mentions:
            actor.mentions.append(mention)
            actor.mentions.sort()
        name = normalise_name(surface)
        if alias and name and name not in actor.aliases:
            actor.aliases.append(name)
        if alias:
            self._named_at.setdefault(actor.id, []).append(span.start_char)
        if _phrase_head(span.root).dep_ in ("nsubj", "nsubjpass"):
            self._subject_at.setdefault(actor.id, []).append(span.start_char)
        for token in span:
            self._token_actor.setdefault(token.i, actor.id)

    # ------------------------------------------------------------------ coding

    def _code_entity(self, ents: list[Span]) -> tuple[str | None, str | None]:
        """Country and sector of a named person or organisation from its name and its modifiers."""
        country = sector = None
        for ent in ents:
            for token in _coding_tokens(ent):
                body = self._international_body(token) if not ent.start <= token.i < ent.end else None
                if body:
                    return None, body  # "U.N. mediator X": the organisation's, not a country's
                role = self._role_of(token)
                if role and not sector:
                    sector = role.sector
                code = self._country_of_token(token)
                if code and not country and not (ent.start <= token.i < ent.end and ent.label_ in ("GPE", "PERSON")):
                    country = code
            if country and sector:
                break
        if not country:
            for ent in ents:
                place = re.search(r"\bof (?:the )?([A-Z][\w .'’-]+)$", normalise_name(ent.text))
                country = (place and self.data.gazetteer.country_code(place.group(1))) \
                    or (self._leading_place_country(ent) if ent.label_ != "PERSON" else None)
                if country:
                    break
        return country or None, sector

    def _international_body(self, token: Token) -> str | None:
        """The sector of a registry organisation without a country ("U.N.", "Arab League") that
        the token names, if any."""
        ent = self._entity_at.get(token.i)
        entry = self.data.registry_entry(ent.ent_id_) if ent is not None else None
        if entry and not entry.get("country") and entry.get("sector") in INTERNATIONAL_SECTORS:
            return entry["sector"]
        return None

    def is_named(self, token: Token) -> bool:
        """Whether the token is part of a name found for an actor (by NER or by backstory)."""
        return token.i in self._token_actor

    def is_role(self, token: Token) -> bool:
        """Whether a noun names people or a body by what they are ("protesters", "the ministry")."""
        return self._role_of(token) is not None or token.lemma_.lower() in self.data.anaphors

    def _role_of(self, token: Token) -> Role | None:
        roles = self.data.roles
        if token.i > 0:
            before = self.doc[token.i - 1].text.lower()
            for pair in (f"{before} {token.text.lower()}", f"{before} {token.lemma_.lower()}"):
                if pair in roles:
                    return roles[pair]
        word = token.text.lower()
        # A capitalised plural the tagger took for a name keeps its plural as lemma ("Rebels said")
        singular = (word[:-3] + "y" if word.endswith("ies") else word[:-3] + "man" if word.endswith("men")
                    else word[:-1] if word.endswith("s") else word)
        return roles.get(word) or roles.get(token.lemma_.lower()) or (
            roles.get(singular) if token.pos_ == "PROPN" and not token.ent_type_ else None)

    def _country_of_token(self, token: Token) -> str | None:
        gaz = self.data.gazetteer
        if self._qualifier(token):
            return None  # "anti-Syria", "ethnic Albanian": see _qualifier
        if token.ent_type_ == "ORG" and token.pos_ == "PROPN":
            # "China Coast Guard", "Kenya Airways": a country named inside an organisation's name
            return gaz.country_name(token.text) or gaz.demonym_country(token.text)
        if token.ent_type_ in ("GPE", "NORP"):
            ent = self._entity_at.get(token.i)
            if ent is not None:
                # a region or city stands for its country in a modifier: "Darfur rebels", "Kirkuk police"
                return gaz.place_country(normalise_name(ent.text))
        if token.pos_ in ("ADJ", "PROPN"):
            return gaz.demonym_country(token.text)
        return None

    # ------------------------------------------------------------------ resolution

    def resolve(self, token: Token, skip=None) -> list[str]:
        """Actor ids that the noun phrase headed by ``token`` refers to, coordination included;
        ``skip`` leaves out coordinated heads that are not actors (events, for the event coder)."""
        ids: list[str] = []
        for head in _conjuncts(token):
            if head is not token and skip is not None and skip(head):
                continue
            actor_id = self._resolve_one(head)
            if actor_id and actor_id not in ids:
                ids.append(actor_id)
            for other in self._other_nationalities(head) if actor_id else ():
                if other not in ids:
                    ids.append(other)
        return ids

    def _other_nationalities(self, head: Token) -> list[str]:
        """"Czech and Slovak officials": one role, two countries, two actors. The first is the
        phrase's own actor; the coordinated nationalities give the others."""
        role = self._role_of(head)
        if role is None:
            return []
        others = []
        for modifier in (c for c in head.children if c.dep_ == "amod"):
            for conj in modifier.conjuncts:
                code = self.data.gazetteer.demonym_country(conj.text)
                if code:
                    actor = self._register(f"nominal:{code}{role.sector}",
                                           Actor(id=f"{code}{role.sector}", name=f"{conj.text} {head.text}",
                                                 kind=role.kind, country=code, sector=role.sector))
                    self._add_mention(actor, conj.i, conj.i + 1, conj.text, alias=False)
                    others.append(actor.id)
        return others

    def _resolve_one(self, token: Token) -> str | None:
        lower = token.text.lower()
        if token.tag_ == "WDT" or (lower in RELATIVE_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "dobj")):
            antecedent = _relative_antecedent(token)
            return self._resolve_one(antecedent) if antecedent is not None else None
        if token.i in self._token_actor:
            return self._token_actor[token.i]
        if self._qualifier(token) == "stance":
            return None  # "anti-American protests", "an anti-Iran columnist" are no one's
        if token.ent_type_ == "GPE" or (token.ent_type_ in ("ORG", "PERSON") and self._names_place(token)) \
                or (token.ent_type_ in ("ORG", "FAC") and self._metonym(token)):
            return self._place_actor(token)
        if token.dep_ in ("amod", "compound", "nmod", "poss") and self._country_of_token(token):
            return self._state_actor(self._country_of_token(token), token)
        if token.ent_type_ == "NORP" and token.dep_ in ("amod", "compound", "nmod"):
            return self._community_actor(token)  # "Druze inhabitants", "Kurdish fighters", "ethnic Albanian"
        if token.pos_ == "PRON":
            return self._pronoun_actor(token)
        for name in _names_given(token, is_role=self._role_of(token) is not None):
            found = self._resolve_one(name)
            if found:
                return found
        if token.lower_ in PARTITIVES or token.pos_ == "NUM":
            part_of = prep_object(token, ("of",))  # "any of the protesters", "two of its leaders"
            if part_of is not None:
                return self._resolve_one(part_of)
        if token.ent_type_ == "NORP" and self._demonym_country(token):
            return self._people_actor(token)
        if token.pos_ in ("NOUN", "PROPN"):
            return self._anaphor_actor(token) or self._nominal_actor(token)
        return None

    def _community_actor(self, token: Token) -> str:
        """A people or faith that is no country's ("Druze", "Kurdish", "Shia"), as a group."""
        ent = self._entity_at.get(token.i)
        name = normalise_name(ent.text if ent is not None else token.text)
        actor = self._register(f"norp:{name.lower()}", Actor(id=slug(name), name=name, kind="group"))
        self._add_mention(actor, token.i, token.i + 1, token.text)
        return actor.id

    def _metonym(self, token: Token) -> str | None:
        ent = self._entity_at.get(token.i)
        return self.data.gazetteer.metonym_country(normalise_name(ent.text)) if ent is not None else None

    def _demonym_country(self, token: Token) -> str | None:
        """The country of the demonym a token is (part of): "Afghans", "Sierra Leonean"."""
        ent = self._entity_at.get(token.i)
        gaz = self.data.gazetteer
        return gaz.demonym_country(normalise_name(ent.text)) if ent is not None and ent.label_ == "NORP" \
            else gaz.demonym_country(token.text)

    def _people_actor(self, token: Token) -> str:
        """A nationality as a noun, "Afghans", "the Cubans": that country's people (CVL). An
        ethnicity ("ethnic Albanians") or a people "of" a place ("the Hungarians of northern Romania")
        is coded by where the sentence places them, not by its kin state."""
        ent = self._entity_at.get(token.i)
        start, end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
        text = self.doc[start:end].text
        local = self._of_place(token)
        if self._qualifier(token) == "ethnic" or local:
            start -= self._qualifier(token) == "ethnic"
            country = local or self._context_country(token, set(range(start, end)), wide=True, sector="CVL", kind="group")
            name = normalise_name(self.doc[start:end].text)
            actor = self._register(f"ethnic:{name.lower()}:{country}",
                                   Actor(id=slug(name), name=name, kind="group", country=country, sector="CVL"))
            self._add_mention(actor, start, end, name)
            return actor.id
        code = self._demonym_country(token)
        actor = self._register(
            f"nominal:{code}CVL",
            Actor(id=f"{code}CVL", name=text, kind="group", country=code, sector="CVL"),
        )
        self._add_mention(actor, start, end, text)
        return actor.id

    def _of_place(self, token: Token) -> str | None:
        """The country of the place in a people's "of" phrase, "the Hungarians of northern Romania"."""
        place = prep_object(token, ("of",))
        if place is None:
            return None
        return self._place_country(place) or self._country_of_token(place)

    def _place_actor(self, token: Token) -> str | None:
        """A place used as an actor: a capital is its government ("Tehran"), another city its country."""
        ent = self._entity_at.get(token.i)
        name = normalise_name(ent.text if ent is not None else token.text)
        gaz = self.data.gazetteer
        capital_of = gaz.capital_country(name) or gaz.metonym_country(name)
        if capital_of:
            actor = self._register(
                f"nominal:{capital_of}GOV",
                Actor(id=f"{capital_of}GOV", name=f"{gaz.country(capital_of).name} government",
                      kind="state", country=capital_of, sector="GOV"),
            )
        else:
            place = gaz.resolve(name)
            if place is None or not place.country:
                return None
            actor = self._country_actor(place.country)
        if ent is not None:
            self._add_mention(actor, ent.start, ent.end, ent.text)
        return actor.id

    def _pronoun_actor(self, token: Token) -> str | None:
        lower = token.text.lower()
        if lower in PERSONAL_PRONOUNS:
            wanted = {"person"}
        elif lower in THING_PRONOUNS:
            wanted = {"organization", "state", "group"}
        elif lower in PLURAL_PRONOUNS:
            wanted = {"organization", "group", "state", "person"}  # people only if plural: see _most_recent
        elif lower in FIRST_PLURAL_PRONOUNS:
            wanted = {"organization", "group", "state"}
        else:
            return None
        actor = self._most_recent(token, wanted)
        if actor is None and wanted != {"person"}:
            actor = self._most_salient(token, wanted)
        if actor is not None:
            self._add_mention(actor, token.i, token.i + 1, token.text, alias=False)
            return actor.id
        return None

    def _anaphor_actor(self, token: Token) -> str | None:
        """"the group" → the most salient organisation mentioned before."""
        kind = self.data.anaphors.get(token.lemma_.lower())
        determiners = [c for c in token.children if c.dep_ == "det"]
        if not kind or not determiners or determiners[0].lower_ not in ("the", "this", "that"):
            return None
        for child in token.lefts:
            # "the Taliban movement", "the Hamas group": the named group itself
            owner = self._token_actor.get(child.i) if child.dep_ in ("compound", "nmod") else None
            if owner and self.actor(owner).kind in ("organization", "group") and kind in ("organization", "group"):
                return self._refer(token, owner)
        if self._named_modifier(token):
            return self._described_actor(token, kind)  # "the Saudi-led coalition": a new actor, described
        actor = self._named_like(token) or self._most_salient(token, KINDS_REFERRED[kind])
        if actor is None:
            return None
        self._add_mention(actor, determiners[0].i, token.i + 1, "", alias=False)
        return actor.id

    def _country_of_modifiers(self, token: Token) -> str | None:
        """"the Saudi-led coalition": a country among the words in front of a noun."""
        for modifier in (t for t in token.subtree if t.i < token.i):
            code = self._country_of_token(modifier)
            if code:
                return code
        return None

    def _named_modifier(self, token: Token) -> bool:
        gaz = self.data.gazetteer
        return any(t.ent_type_ or gaz.demonym_country(t.text) for t in token.subtree if t.i < token.i)

    def _described_actor(self, token: Token, kind: str) -> str:
        """An unnamed group known by a description: "the Saudi-led coalition", "the Iraqi faction"."""
        modifiers = [t for t in token.subtree if t.i < token.i and t.dep_ not in ("det", "predet")]
        start = min([t.i for t in modifiers] + [token.i])
        name = normalise_name(self.doc[start:token.i + 1].text)
        actor = self._register(
            f"described:{name.lower()}",
            Actor(id=slug(name), name=name, kind=kind, country=self._country_of_modifiers(token)),
        )
        self._add_mention(actor, start, token.i + 1, name)
        return actor.id

    def _named_like(self, token: Token) -> Actor | None:
        """"the party" after "the Paraguayan Communist Party": the latest actor whose name ends in the noun."""
        noun = token.lemma_.lower()
        latest = None
        for actor in self.actors:
            before = [m for m in actor.mentions if m[0] < token.idx]
            words = actor.name.lower().split()
            if before and words and words[-1].rstrip("s") == noun and (latest is None or before[-1] > latest[0]):
                latest = (before[-1], actor)
        return latest[1] if latest else None

    def _most_recent(self, token: Token, kinds: set[str]) -> Actor | None:
        """The actor a pronoun refers to: the latest subject of a wanted kind within this or the
        previous sentence (subjects are what pronouns mostly continue), else the latest mention."""
        window_start = token.sent.start
        for _ in range(2):  # this sentence and the two before it
            window_start = self.doc[window_start - 1].sent.start if window_start > 0 else 0
        candidates = []
        for i in range(token.i - 1, window_start - 1, -1):
            actor = self._by_id.get(self._token_actor.get(i, ""))
            if actor is not None and (actor.kind in kinds or self._person_standing_for(self.doc[i], kinds)) \
                    and _agrees(token, self.doc[i], actor) and not _local_subject(self.doc[i], token):
                candidates.append((self.doc[i], actor))
        if token.dep_ == "poss":
            # "the outlawing of MEK and the exile of its leadership": a possessive mostly points to
            # the nearest fitting name in its own sentence.
            for mentioned, actor in candidates:
                if mentioned.sent == token.sent:
                    return actor
        for mentioned, actor in candidates:
            if _phrase_head(mentioned).dep_ in ("nsubj", "nsubjpass"):
                return actor
        return candidates[0][1] if candidates else None

    def _most_salient(self, token: Token, kinds: set[str]) -> Actor | None:
        """The wanted-kind actor the text has been about so far: named most often, and most often
        the subject (ties: the latest). Names weigh more than references, so that one pronoun
        resolved wrongly does not snowball."""
        counts: dict[str, tuple[int, int]] = {}
        for actor in self.actors:
            if actor.kind not in kinds:
                continue
            named = [start for start in self._named_at.get(actor.id, []) if start < token.idx]
            subject = [start for start in self._subject_at.get(actor.id, []) if start < token.idx]
            if named:
                counts[actor.id] = (len(named) + len(subject), max(named + subject))
        if not counts:
            return None
        return self.actor(max(counts, key=counts.get))

    def _nominal_actor(self, token: Token) -> str | None:
        """An unnamed actor headed by a role word: "the Iraqi government" → IRQGOV, "Iranian villages" → IRNCVL."""
        speaks_for = self._speaks_for(token) if token.lemma_.lower() in SPOKESPEOPLE else None
        if speaks_for:
            return self._refer(token, speaks_for)
        role = self._role_of(token)
        if role is None:
            return self._possessor_actor(token)
        earlier = self._same_description(token)
        if earlier is not None:
            return earlier
        for child in token.lefts:
            # "VRP gunmen", "Hamas fighters", "its fighters": members of a named group act as the group.
            if child.dep_ in ("compound", "poss"):
                owner = self._token_actor.get(child.i) or (self._resolve_one(child) if child.dep_ == "poss" else None)
                if owner and self.actor(owner).kind in ("organization", "group"):
                    return self._refer(token, owner)
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            # "rebels of the Northern Front", "members of the banned movement"
            for body in (o for o in prep.children if o.dep_ == "pobj" and (o.ent_type_ == "ORG" or o.i in self._token_actor)):
                owner = self._resolve_one(body)
                if owner and self.actor(owner).kind in ("organization", "group"):
                    return self._refer(token, owner)

        for child in token.lefts:
            # "army officers", "rebel official", "party leaders", "resistance forces": the modifier
            # says whose; but a body keeps its own sector ("military government" governs: GOV).
            modifier_role = self._role_of(child) if child.dep_ in ("compound", "amod") else None
            if modifier_role is not None and role.kind != "organization":
                role = Role(modifier_role.sector, role.kind)
        country = self._country_of_phrase(token)
        modifiers = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod")]
        start = min([c.left_edge.i for c in modifiers] + [token.i])
        name = normalise_name(self.doc[start:token.i + 1].text)
        # With a country of its own, CAMEO-style codes merge ("Iraqi government", "Baghdad's
        # ministers": IRQGOV); otherwise only the same role word does ("six members" is not "a
        # moderate party", "the embassy" is not the foreign ministry), and the story's own country
        # is the default (an unnamed "police" in a story from Nairobi is Kenya's).
        if not country and role.sector not in NO_CONTEXT_SECTORS:
            # "Opposition parties in Zambia demanded ...": the one country the sentence names
            # (the story's own country among the defaults: see _context_country)
            country = self._context_country(token, set(range(start, token.i + 1)), wide=True,
                                            sector=role.sector, kind=role.kind, defer_home=True)
        if country:
            code = f"{country}{role.sector}"
        else:
            country = self.home_country
            # Bodies of one sector are told apart by their noun ("the embassy", "the foreign
            # ministry"); groups of people are not ("police" and "officers" in one story).
            distinct = role.sector in INSTITUTION_SECTORS
            code = f"{country or ''}{role.sector}" + (f"-{token.lemma_.lower()}" if distinct or not country else "")
        # "the federal government" and "the regional government" are two bodies
        level = next((c.lower_ for c in token.lefts if c.dep_ in ("amod", "compound") and c.lower_ in TIERS), None)
        if level:
            code += f"-{level}"
        actor = self._register(
            f"nominal:{code}",
            Actor(id=code, name=name, kind=role.kind, country=country, sector=role.sector),
        )
        self._add_mention(actor, start, token.i + 1, name)
        return actor.id

    def _refer(self, token: Token, actor_id: str) -> str:
        """Record a role noun that stands for an actor ("its fighters", "a spokesman for X") as a mention."""
        self._add_mention(self.actor(actor_id), token.i, token.i + 1, token.text, alias=False)
        return actor_id

    def _person_standing_for(self, mention: Token, kinds: set[str]) -> bool:
        """"A spokesman for the Front ... he said": a person word that stands for a body is still a "he"."""
        head = _phrase_head(mention)
        role = self._role_of(head)
        return "person" in kinds and role is not None and role.kind == "person"

    def _speaks_for(self, token: Token) -> str | None:
        """"a spokesman for the Northern Front", "a Foreign Ministry spokeswoman", "a delegation from
        Egypt": the body speaking."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "from"):
                for body in child.children:
                    if body.dep_ == "pobj":
                        found = self._resolve_one(body)
                        if found:
                            return found
        for child in token.lefts:
            if child.dep_ == "compound" and child.i in self._token_actor:
                return self._token_actor[child.i]
        return None

    def _same_description(self, token: Token) -> str | None:
        """"The embassy" after "the U.S. embassy": a bare definite role noun continues the latest
        actor described with the same noun."""
        determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
        if determiners != ["the"] or any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in token.lefts):
            return None
        if any(c.dep_ == "prep" and c.lower_ in ("of", "in", "from") for c in token.children):
            return None  # "the government of Iran" says whose
        actor = self._named_like(token)
        return actor.id if actor is not None and actor.sector else None

    def _possessor_actor(self, token: Token) -> str | None:
        """A part or property of an actor stands for the actor: "its leadership", "U.S. interests"."""
        for child in sorted(token.children, key=lambda c: c.dep_ != "poss"):
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                found = self._resolve_one(child)
                if found:
                    return found
        return None

    def _state_actor(self, code: str, token: Token) -> str:
        """A country named by a demonym ("Iranian territory"), as its state actor."""
        actor = self._country_actor(code)
        self._add_mention(actor, token.i, token.i + 1, token.text, alias=False)
        return actor.id

    def _country_actor(self, code: str) -> Actor:
        """The state actor of a country (ISO-3), one per document."""
        name = self.data.gazetteer.country(code).name
        return self._register(f"state:{code}", Actor(id=code, name=name, kind="state", country=code))

    def _country_of_phrase(self, token: Token) -> str | None:
        """The country a role noun's own words give: a modifier ("Kenyan riot police", "Vietnamese-led
        forces") or an "of/in/from/at" phrase ("the government in Tehran", "students at Baghdad
        University", "rebels in West Darfur"). A role word that modifies another noun reads that
        noun's phrase too ("Opposition parties in Zambia")."""
        heads = [token]
        if token.dep_ in ("compound", "amod") and token.head.i != token.i:
            heads.append(_phrase_head(token))
        for head in heads:
            for modifier in (t for t in head.subtree if t.i < head.i):
                if modifier.dep_ in ("amod", "compound", "poss", "nmod") or (
                        modifier.dep_ == "npadvmod" and modifier.head.lower_ in COUNTRY_PARTICIPLES):
                    code = self._country_of_token(modifier)
                    if code:
                        return code
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "in", "from", "at"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            code = self._country_of_token(obj) or self._place_country(obj)
                            if code:
                                return code
        return None

    def _place_country(self, token: Token) -> str | None:
        """The country of the place or named body a token is part of: "Baghdad University",
        "West Darfur State", "the Montenegro Assembly", "South Lebanon"."""
        ent = self._entity_at.get(token.i)
        if ent is None or self._qualifier(token):
            return None
        gaz = self.data.gazetteer
        if ent.label_ in ("GPE", "LOC", "FAC", "NORP"):
            code = gaz.place_country(normalise_name(ent.text))
            if code:
                return code
        return self._leading_place_country(ent)

    def _leading_place_country(self, ent: Span) -> str | None:
        """The country of a place a name begins with: "Mosul University Teaching Hospital", "the
        Montenegro Assembly", "Kenya Anti-Corruption Commission". Only well-known places (cities of
        100,000 people or more, regions, countries, capitals) count: "Liberal Party" is no town's."""
        if ent.ent_id_ or ent.label_ not in ("ORG", "GPE", "LOC", "FAC"):
            return None  # a registry entry is coded by the registry
        words = [t for t in ent if t.lower_ not in ("the", "a", "an")]
        for size in range(min(len(words) - 1, 3), 0, -1):
            if not all(t.pos_ == "PROPN" for t in words[:size]):
                continue
            prefix = self.doc[words[0].i:words[size - 1].i + 1].text
            code = self.data.gazetteer.place_country(prefix, min_prominence=5.0)
            if code:
                return code
        return None

    def actor(self, actor_id: str) -> Actor:
        return self._by_id[actor_id]

    def mentioned_actors(self, referenced: set[str]) -> list[Actor]:
        """Named actors plus the nominal ones some event refers to, in order of first mention."""
        keep = [a for a in self.actors if a.aliases or a.id in referenced]
        return sorted(keep, key=lambda a: a.mentions[0] if a.mentions else (len(self.doc.text), 0))


# ---------------------------------------------------------------------- parse helpers


def repair_entities(doc: Doc, data: ActorData) -> None:
    """Fix two NER slips that break alias merging, adding to the doc's entities in place.

    A name cut before its "of X" ("the National Liberation Army of" + "Iran") is joined to
    its place, a full name introduced with its acronym ("Mujahideen-e-Khalq, or MEK") becomes
    an organisation when NER missed it or cut it up, and so does an untagged acronym.
    """
    ents = _demonym_entities(doc, [e for e in doc.ents if not LEGAL_SUFFIX.match(e.text)], data)  # "S.A." is no place
    starts = {e.start: e for e in ents}
    repaired, joined = [], []
    for ent in ents:
        if repaired and repaired[-1].end > ent.start:
            continue
        # "Freedom Movement" + "of" + "Iran", NER's own "National Liberation Army of" + "Iran",
        # or a national branch: "Amnesty International" + "Kenya"
        gap = 0 if ent[-1].lower_ == "of" or _branch(ent, starts) else 1
        place = starts.get(ent.end + gap)
        if (ent.label_ == "ORG" and place is not None and place.label_ == "GPE"
                and (gap == 0 or doc[ent.end].lower_ == "of")):
            repaired.append(Span(doc, ent.start, place.end, label="ORG"))
            joined.append(repaired[-1])
        else:
            repaired.append(ent)
    for match in ALIAS_DEFINITION.finditer(doc.text):
        span = doc.char_span(match.start(1), match.end(1), label="ORG", alignment_mode="contract")
        if span is None or len(span) == 0 or span[0].lower_ in ("the", "a", "an"):
            continue
        inside = [e for e in repaired if e.start < span.end and span.start < e.end]
        if inside and inside[0].start == span.start - 1 and doc[inside[0].start].lower_ == "the":
            span = Span(doc, span.start - 1, span.end, label="ORG")  # keep NER's "the" with the name
        # The defined name replaces the pieces NER cut it into ("United Nations" + "Mali" in
        # "United Nations ... Mission in Mali, or MINUSMA"), never a longer name around it.
        if all(span.start <= e.start and e.end <= span.end for e in inside) and len(span) > 1 or not inside:
            repaired = [e for e in repaired if e not in inside] + [span]
            joined.append(span)
    taken = {i for e in repaired for i in range(e.start, e.end)}
    repaired.extend(_untagged_names(doc, taken, data))
    doc.ents = sorted(repaired, key=lambda e: e.start)
    for span in joined:  # a longer name is no longer the registry entry its first part matched
        for token in span:
            token.ent_id_ = ""


def _demonym_entities(doc: Doc, ents: list[Span], data: ActorData) -> list[Span]:
    """Nationalities NER got wrong, as NORP entities: a demonym it took for a person, organisation
    or place ("Ugandan opposition candidates" with "Ugandan" a PERSON), and a demonym of several
    words it cut up or missed ("Sierra" + "Leonean"). A longer name around a demonym is kept
    ("South African Airways")."""
    gaz = data.gazetteer
    fixed = [Span(doc, e.start, e.end, label="NORP")
             if e.label_ in ("PERSON", "ORG", "GPE") and gaz.demonym_country(e.text) and not gaz.country_name(e.text)
             else e for e in ents]
    tagged = {i for e in fixed for i in range(e.start, e.end)}
    # "Ethnic Hungarians rallied": a capitalised demonym NER left untagged
    fixed += [Span(doc, t.i, t.i + 1, label="NORP") for t in doc
              if t.i not in tagged and t.text[:1].isupper() and t.pos_ in ("ADJ", "PROPN", "NOUN")
              and gaz.demonym_country(t.text)]
    for match in gaz.multiword_demonyms(doc.text):
        span = doc.char_span(match.start(), match.end(), label="NORP")
        if span is None:
            continue
        overlapping = [e for e in fixed if e.start < span.end and span.start < e.end]
        if all(span.start <= e.start and e.end <= span.end for e in overlapping):
            fixed = [e for e in fixed if e not in overlapping] + [span]
    return sorted(fixed, key=lambda e: e.start)


def _branch(ent: Span, starts: dict[int, Span]) -> bool:
    """An organisation name followed directly by a country: its national branch."""
    place = starts.get(ent.end)
    return place is not None and place.label_ == "GPE" and ent.label_ == "ORG" and ent[-1].whitespace_ != ""


def _title(run: list[Token], following: Token | None, data: ActorData) -> bool:
    """A run of capitalised words that is a title, not a name: role words ("Prime Minister",
    "Defense Secretary"), or words right before a person's name ("Brigadier General X")."""
    text = " ".join(t.lower_ for t in run)
    last_two = " ".join(t.lower_ for t in run[-2:])
    if text in data.roles or last_two in data.roles or all(data.roles.get(t.lower_) for t in run):
        return True
    return following is not None and following.ent_type_ == "PERSON"


def _untagged_names(doc: Doc, taken: set[int], data: ActorData) -> list[Span]:
    """Names the small model left untagged: a country or capital ("Kyiv accused Moscow"), an
    acronym ("the intelligence service AIVD"), a run of capitalised proper nouns that is no title
    ("The Liberation Tigers were founded")."""
    found, run = [], []
    for token in [*doc, None]:
        proper = token is not None and token.i not in taken and token.pos_ == "PROPN" and token.text[:1].isupper()
        if proper and not token.ent_type_:
            run.append(token)
            continue
        if len(run) >= 2 and not _title(run, token, data):
            found.append(Span(doc, run[0].i, run[-1].i + 1, label="ORG"))
        elif len(run) == 1:
            word = run[0]
            if data.gazetteer.country_name(word.text) or data.gazetteer.capital_country(word.text):
                found.append(Span(doc, word.i, word.i + 1, label="GPE"))
            elif ACRONYM.match(word.text) and word.is_upper and len(word.text) >= 3 and word.text not in NOT_ACRONYMS:
                found.append(Span(doc, word.i, word.i + 1, label="ORG"))
        run = []
    return found


# A country named as the aim of an act, or as the reporter of a story, places nothing (_is_setting).
AIMED_PREPS = {"against", "on", "upon", "toward", "towards"}
REPORTING_VERBS = {"say", "report", "tell", "announce", "quote", "cite", "write", "add", "state"}
REPORTER_NOUNS = {"official", "source", "diplomat", "newspaper", "weekly", "daily", "agency", "radio", "television",
                  "media", "report", "analyst", "expert", "observer", "witness", "broadcaster", "paper"}


def _heads_of_phrase(token: Token) -> list[Token]:
    """The nouns a modifier or "of" object describes, innermost first: "Morocco" in "the Ambassador
    of the Kingdom of Morocco" -> Kingdom, Ambassador."""
    heads, current = [], token
    while True:
        if current.dep_ in ("amod", "compound", "poss", "nmod", "flat") and current.head.i != current.i:
            current = current.head
        elif current.dep_ == "pobj" and current.head.lower_ == "of" and current.head.head.i != current.head.i:
            current = current.head.head
        else:
            return heads
        heads.append(current)


def _clause_of(token: Token) -> Token:
    """The verb heading the clause a token is in."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in ("VERB", "AUX"):
            return candidate
    return token.sent.root


def _agrees(pronoun: Token, mention: Token, actor: Actor) -> bool:
    """Number agreement: "his" is no "lawyers"; "they" is a group, an organisation or people in the plural."""
    plural = _phrase_head(mention).tag_ in ("NNS", "NNPS")
    if pronoun.lower_ in PLURAL_PRONOUNS | FIRST_PLURAL_PRONOUNS:
        return plural or actor.kind != "person"
    return not plural


def _local_subject(candidate: Token, pronoun: Token) -> bool:
    """Whether the candidate is the subject of the pronoun's own verb: "Washington designated it"
    cannot mean Washington designated Washington (reflexives aside)."""
    if pronoun.lower_.endswith(("self", "selves")) or pronoun.dep_ in ("nsubj", "nsubjpass", "poss"):
        return False
    head = _phrase_head(candidate)
    verbs = {pronoun.head, *pronoun.head.conjuncts}  # "imposed sanctions ... then lifted them"
    return head.dep_ in ("nsubj", "nsubjpass") and head.head in verbs


def _names_given(token: Token, is_role: bool) -> list[Token]:
    """Names the text gives a noun phrase: an apposition ("the UN refugee agency, UNHCR", which the
    parser sometimes calls npadvmod), "known as" ("the al-Qaeda affiliate known as JNIM"), and for
    a role noun a name the parser hung elsewhere ("the former commander of the army, General
    Zúñiga", on "army" or on the verb)."""
    names = []
    for child in token.children:
        if child.dep_ == "appos" or (child.dep_ == "npadvmod" and child.ent_type_ in ("ORG", "PERSON")):
            names.append(child)
        elif child.dep_ == "acl" and child.lemma_ in ("know", "call", "name") and prep_object(child, ("as",)) is not None:
            names.append(prep_object(child, ("as",)))
        elif child.dep_ == "prep" and child.lower_ == "of" and is_role:
            names.extend(a for obj in child.children if obj.dep_ == "pobj"
                         for a in obj.children if a.dep_ == "appos" and a.ent_type_ == "PERSON")
    if is_role and token.head != token:
        after = token.right_edge.i + 1
        names.extend(s for s in token.head.children if s.dep_ in ("npadvmod", "appos")
                     and s.ent_type_ == "PERSON" and after <= s.left_edge.i <= after + 1)
    return names


def prep_object(token: Token, words: Collection[str]) -> Token | None:
    """The object of the token's first preposition among ``words``: "known as X", "any of X"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in words:
            return next((o for o in prep.children if o.dep_ == "pobj"), None)
    return None


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase a token belongs to ("MEK" in "the MEK's leaders" → "MEK")."""
    while token.dep_ in ("compound", "flat", "nmod") and token.head.i != token.i:
        token = token.head
    return token


def _conjuncts(token: Token) -> list[Token]:
    """The token and every noun coordinated with it ("Turkey, the United States and the EU")."""
    return [token, *token.conjuncts] if token.dep_ != "conj" else [token]


def _relative_antecedent(token: Token) -> Token | None:
    """The noun a relative clause hangs on: "the CIA, which backed Saddam" → CIA."""
    clause = token.head
    while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
        if clause.dep_ not in ("conj", "xcomp", "aux"):
            return None
        clause = clause.head
    return clause.head if clause.dep_ in ("relcl", "acl") else None


def _coding_tokens(ent: Span) -> list[Token]:
    """The entity's own tokens, the modifiers in front of it ("U.S. Ambassador X", "former Iranian
    PM X"), the noun it is apposed to ("the opposition United Citizens Movement"), and what the
    sentence says it is ("X spent three decades as an armed movement", "X is a rebel group")."""
    tokens = list(ent)
    frontier = [ent.root]
    root = ent.root
    if root.dep_ == "appos":
        frontier.append(root.head)
    if root.dep_ in ("nsubj", "nsubjpass"):
        for child in root.head.children:
            if child.dep_ in ("attr", "oprd"):
                frontier.append(child)
            elif child.dep_ == "prep" and child.lower_ == "as":
                frontier.extend(o for o in child.children if o.dep_ == "pobj")
    tokens.extend(t for t in frontier[1:] if t not in tokens)
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod", "appos", "poss") and child not in tokens:
                tokens.append(child)
                frontier.append(child)
    return tokens


def _compatible(a: Span, b: Span) -> bool:
    """Whether two adjacent names can be one actor's: never a person with an organisation's acronym."""
    return a.label_ == b.label_ or "GPE" not in (a.label_, b.label_)


def _is_nominal(ent: Span) -> bool:
    return ent.root.pos_ in ("NOUN", "PROPN") and ent.root.dep_ not in ("amod", "compound")


def _majority_kind(ents: list[Span]) -> str:
    labels = [e.label_ for e in ents]
    if "ORG" in labels and (labels.count("ORG") * 2 >= len(labels) or any(ACRONYM.match(e.text) for e in ents)):
        return "organization"
    top = max(set(labels), key=labels.count)
    return KIND_OF_LABEL.get(top, "other")


def _short_name(entry: dict) -> str:
    """A registry entry's id: its shortest all-capitals alias (MEK, PKK), else its name."""
    acronyms = [a for a in entry.get("aliases", []) if ACRONYM.match(a) and a.upper() == a]
    return min(acronyms, key=len) if acronyms else entry["name"]
