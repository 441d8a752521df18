"""Events: who did what to whom, coded in PLOVER over the dependency parse.

A trigger is an event verb ("attacked", "was expelled"), an event noun in an eventive
context ("carried out bombings", "the expulsion of the MEK", "MEK terror attacks on ..."),
or a "forced to" construction ("was forced to leave France" is France coercing the subject).
Source and target come from the parse: subject and object for active verbs, the "by" agent
and the subject for passives, possessors and "of"/"on"/"against" phrases for nouns, with
subjects inherited through control, coordination, participles and relative clauses. When the
object is no actor, the target is its party (the author of a rejected appeal, the partner of
suspended talks), the one a complaint is about, whom a threat is conditioned on or a protest
makes demands of, a recipient, or the place an arrival, curfew or withdrawal aims at.

Not every trigger is an event: acts in "if"/"unless" clauses, sport's figurative fights,
natural forces, amounts and suppositions ("demand weakened", "the truce could collapse") and
candidates with no actor are left out; events told in adjuncts rank below the main clause.

This is written by hand because no maintained, offline Python coder does PLOVER over spaCy
parses (PETRARCH2 is Python 2 and needs CoreNLP); the vocabulary lives in data/plover/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from backstory.actors import PARTITIVES, ActorIndex, prep_object
from backstory.lexicon import Lexicon, Trigger
from backstory.records import Event

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "dative", "attr", "oprd")
# Prepositions that introduce the target of a verb or an event noun.
TARGET_PREPS = {"on", "against", "at", "upon", "toward", "towards", "into", "with", "to", "from", "over"}
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "between", "among", "for", "behind"}  # "support for", "aid for"
# A light verb carries its noun's target phrase: "voiced support on Monday for the government".
GOVERNOR_TARGET_PREPS = TARGET_PREPS | {"for", "behind"}
# Inside a non-actor object, these lead to the actor it concerns: first a party to it ("a pact
# with Japan", "restrictions on exports to South Korea", "calls by the opposition", "an offer
# from Kabul"), else the place it stands in or belongs to ("a depot in the Saudi city of Jeddah").
PARTY_PREPS = {"with", "on", "against", "to", "by", "from", "of"}
PLACE_PREPS = {"in", "at"}
PARTNER_PREPS = {"with", "to", "against", "on", "from"}
# A protest's purpose, told in the same breath: "struck to demand ...", "in protest at ...".
PURPOSE_TYPES = {"PROTEST", "REQUEST"}
PURPOSE_NOUNS = {"protest", "defiance", "solidarity", "opposition"}
PROTESTED_PREPS = {"over", "against"}   # "struck over the pay freeze", "marched against the junta"
PROTESTED_AFTER = {"at", "against", "over", "of"}  # "in protest at/against/over/of ..."
# Prepositions that give what a complaint or accusation is about: "complained over the raids".
ACCUSATION_PREPS = {"over", "about", "for", "against"}
# Event types whose noun's "of" phrase names the one who acts ("the withdrawal of troops").
INTRANSITIVE_TYPES = {"RETREAT", "PROTEST", "MOBILIZE"}
# Nouns that count or group events: "a host of bombings" is bombings.
CONTAINERS = {"host", "series", "number", "wave", "spate", "string", "campaign", "couple", "lot",
              "dozens", "hundreds", "scores", "flurry", "round", "cycle", "pattern", "part", "kind", "type",
              "ton", "tonne", "kg", "kilogram", "million", "billion", "shipment", "consignment", "package",
              "batch", "load", "grant", "days", "weeks", "state"}  # "a state of emergency"
# Verbs of leaving: "forced to leave France" names France as the one who expels.
DEPARTURE_VERBS = {"leave", "quit", "exit", "abandon", "vacate"}
# Modals that make an embedded act a demand: "Caracas must free the detained reporters".
OBLIGATION_MODALS = {"must", "should", "ought"}
# Subordinators that make a promised act a threat: PLOVER codes "will withdraw unless ..." as THREATEN
# ("if" is left out: "would meet the mediator if he ..." is still an offer).
CONDITION_MARKS = {"unless"}
# Subordinators of a condition: whoever must act for it is the one a threat or demand is aimed at,
# and what the clause says is no event.
CONDITION_PARTY_MARKS = {"unless", "if"}
MAX_CLAUSE_CLIMB = 6
# What each modality effect (data/plover/light_verbs.tsv, modifiers.tsv) sets on an event.
FLAG_EFFECTS = {"attempted": ("attempted",), "future": ("future",), "negated": ("negated",),
                "failed": ("attempted", "negated")}
# Verbs of being and staying: "X must remain united" demands nothing of anyone.
STATE_VERBS = {"be", "remain", "stay", "become", "seem", "appear", "feel", "look", "continue", "keep", "have"}
# The CAMEO root of the types an intention is recoded to.
CAMEO_ROOTS = {"AGREE": "03", "REJECT": "12", "THREATEN": "13", "REQUEST": "10"}
# Event types whose target may be given as a place, and the prepositions that give it: a visit to,
# a deployment or aid sent to, a withdrawal from, a curfew lifted or imposed in. Not "met in Geneva"
# or "protests in Paris": that is where it happens, not whom it is aimed at.
PLACE_TARGET_PREPS = {
    "CONSULT": frozenset({"to"}), "AID": frozenset({"to", "into"}),
    "MOBILIZE": frozenset({"to", "into", "near", "along", "toward", "towards", "on"}),
    "RETREAT": frozenset({"from"}), "CONCEDE": frozenset({"in"}), "SANCTION": frozenset({"in", "on"}),
    "COERCE": frozenset({"in"}),
}
FORCE_MOVING_VERBS = {"mobilize", "mobilise", "deploy", "redeploy", "withdraw", "pull", "evacuate", "station",
                      "send", "dispatch", "move", "recall", "mass", "amass", "concentrate"}
HANDING_VERBS = {"extradite", "hand", "transfer", "return", "repatriate", "deport", "surrender", "grant", "give",
                 "donate", "deliver", "supply", "provide", "send", "fly"}
# Participles that name who carried out an event noun, besides the transparent light verbs.
PERFORMING_VERBS = {"call", "organise", "organize", "lead", "claim", "order", "orchestrate", "mount", "impose"}
SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b(?!\s*(?:year|month|day|hour|member|seat|page|point|jan|feb|mar|apr|may|jun"
                   r"|jul|aug|sep|oct|nov|dec))", re.I)  # "3-1", "35-20"; not "12-13 May", "a 10-day truce"
MOVEMENT_TYPES = {"RETREAT", "MOBILIZE"}
SUBORDINATE_PENALTY = 0.2
CROWD_WORDS = {"rioter", "protester", "protestor", "demonstrator", "mob", "crowd", "looter", "marcher"}
# Verbs of a change in amount, and modals of supposition (_measured_or_supposed).
QUANTITY_VERBS = {"rise", "fall", "weaken", "strengthen", "slow", "grow", "increase", "decrease", "decline",
                  "drop", "surge", "slump", "soar", "plunge", "jump", "dip", "ease", "recover", "rebound", "double",
                  "halve", "shrink", "expand"}
SUPPOSING_MODALS = {"could", "might", "may", "would"}
# Verbs whose "to" complement is an attempt, not the act asked for: "seeks to reduce costs".
TRYING_VERBS = {"seek"}
# Prepositions whose gerund takes the verb's object as its subject: "accused X of killing".
CONTROL_PREPS = {"of", "for", "with"}
ARRIVAL_VERBS = {"arrive", "land"}       # "arrived in Amman": the visit's host is the target
ARRIVAL_PREPS = frozenset({"in", "at"})
# Verbs that lay an act at someone's door: "blame X on Y", "attribute X to Y", "pin X on Y".
BLAME_VERBS = {"blame", "attribute", "pin", "ascribe"}
PARTICLE_DEPS = ("prt", "prep", "agent", "advmod", "acomp", "oprd", "npadvmod")  # npadvmod: "test-fired"
CLIMB_DEPS = {"xcomp", "advcl", "conj", "pcomp", "prep", "acomp", "ccomp", "dep"}


@dataclass
class Modality:
    attempted: bool = False
    negated: bool = False
    future: bool = False
    governor: Token | None = None     # the light verb that passes the event on, if any
    conditional: bool = False         # "... unless X": a promise with a condition is a threat
    suppressed: bool = False          # the event is part of its governor's own event ("threatened to attack")


@dataclass
class _Found:
    trigger: Trigger
    tokens: list[Token]
    source: list[str]
    target: list[str]
    modality: Modality
    confidence: float
    extra: dict = field(default_factory=dict)


def find_events(doc: Doc, actors: ActorIndex, lexicon: Lexicon) -> list[Event]:
    """Every event in the document, one per real action, in text order."""
    found: list[_Found] = []
    claimed: set[int] = set()
    for sentence in doc.sents:
        sporting = _sporting(sentence, lexicon)
        for token in sentence:
            if token.i in claimed:
                continue
            event = (_forced(token, actors, lexicon) or _obligation(token, actors, lexicon)
                     or _verbal(token, actors, lexicon) or _nominal(token, actors, lexicon))
            if event is None or event.modality.suppressed or _in_condition(token) \
                    or _natural_cause(event.tokens[0], event.modality.governor, lexicon):
                continue  # part of another event, a condition ("unless ..."), or no one's act ("the earthquake killed")
            if event.trigger.type == "ASSAULT" and event.source and all(_crowd(actors.actor(a)) for a in event.source):
                # "rioters set cars on fire": PLOVER codes riots as PROTEST (mode riot), not ASSAULT
                event.trigger = Trigger(event.trigger.lemma, "PROTEST", "riot", "14")
            if not _stands(event, sporting, actors):
                continue
            if event.trigger.type in MOVEMENT_TYPES:
                event.target = _not_own_state(event.target, event.source, actors)
            if _subordinate(event.tokens[0], lexicon):
                # "went on strike over the subsidy cut, shutting banks": the clause a sentence is
                # about comes before what its adjuncts add
                event.confidence = round(event.confidence - SUBORDINATE_PENALTY, 2)
            claimed.update(t.i for t in event.tokens)
            claimed.update(event.extra.get("absorbs", ()))
            found.append(event)
    # A promise or threat needs someone making it: "the relief would allow Venezuela to sell more"
    # is an analyst's hypothetical, not an event.
    found = sorted((f for f in found if f.source or not f.modality.future), key=lambda f: f.tokens[0].i)
    events = [_to_event(doc, n, f) for n, f in enumerate(found, start=1)]
    for event, origin in zip(events, found):
        _code_intention(event, origin.modality.conditional, lexicon)
    return events


def _stands(event: _Found, sporting: bool, actors: ActorIndex) -> bool:
    """Whether a candidate is an event someone did: not sport's figurative violence ("Real Madrid
    beat Liverpool", "led the attack"; but "rebels attacked the stadium"), not without any actor
    or place, and, for a protest, retreat or visit told by a verb, with someone doing it ("shares
    rallied", "the jet arrives in Tokyo")."""
    trigger = event.tokens[0]
    if sporting and not any(actors.actor(a).sector for a in (*event.source, *event.target)):
        return False
    if not event.source and not event.target and not _placed(event):
        return False
    needs_agent = event.trigger.type in INTRANSITIVE_TYPES or trigger.lemma_.lower() in ARRIVAL_VERBS
    return not (needs_agent and trigger.pos_ == "VERB" and not _agentive(subject_of(trigger), actors))


def _subordinate(trigger: Token, lexicon: Lexicon) -> bool:
    """Whether an event is told in an adverbial, participial or relative clause ("..., shutting
    banks", "to press for his release", "which seized the airport") rather than the clause the
    sentence is about (reported content counts as main: "said its forces shelled the town")."""
    node = trigger
    for _ in range(MAX_CLAUSE_CLIMB):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            break
        node = node.head
    return node.dep_ in ("advcl", "acl", "relcl") and not _infinitive_complement(node, lexicon)


def _not_own_state(target: list[str], source: list[str], actors: ActorIndex) -> list[str]:
    """Targets less the source's own state: troops withdrawing from a town of their own country,
    or deployed in their own capital, aim at no one there (a curfew imposed there still aims at
    its people)."""
    own = {actors.actor(a).country for a in source} - {None}
    return [a for a in target if not (actors.actor(a).kind == "state" and actors.actor(a).country in own)]


def _crowd(actor) -> bool:
    """Whether an actor is a crowd of protesters or rioters (CROWD_WORDS), not an armed group."""
    return any(word.rstrip("s") in CROWD_WORDS for word in actor.name.lower().split())


def _natural_cause(trigger: Token, governor: Token | None, lexicon: Lexicon) -> bool:
    """Whether the one who "acts" is a natural force (figurative.tsv, "nature"): "the storm
    killed 40", "Typhoon Haiyan slammed into the coast", "floods forced thousands to flee"."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governor
    subject = subject_of(verb) if verb is not None else None
    if subject is not None and subject.lower_ in ("that", "which") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "landslides that buried villages and killed 100"
    if subject is None:
        return False
    words = {t.lemma_.lower() for t in subject.subtree if t.i <= subject.i}
    return bool(words & lexicon.figurative.get("nature", frozenset()))


def _sporting(sentence: Span, lexicon: Lexicon) -> bool:
    """Whether a sentence reports sport: sport words (figurative.tsv) worth two, a name of several
    words ("World Cup", "semi-final") counting double, or a score ("beat Liverpool 3-1")."""
    found = set(lexicon.sport_cues.findall(sentence.text.lower()))
    weight = sum(2 if " " in cue or "-" in cue else 1 for cue in found)
    return weight >= 2 or SCORE.search(sentence.text) is not None


def _condition(clause: Token, marks: set[str]) -> bool:
    """Whether a clause is an adverbial clause opened by one of ``marks`` ("unless ...", "if ...")."""
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children)


def _in_condition(token: Token) -> bool:
    """Whether the token is in an "if" or "unless" clause: "unless the government withdraws the
    tax" states a condition, not an act that happened or was promised."""
    node = token
    for _ in range(MAX_CLAUSE_CLIMB):
        if _condition(node, CONDITION_PARTY_MARKS):
            return True
        if node.dep_ not in ("conj", "xcomp", "dobj", "pobj", "prep", "compound", "amod") or node.head is node:
            return False
        node = node.head
    return False


def _code_intention(event: Event, conditional: bool, lexicon: Lexicon) -> None:
    """PLOVER codes a promise or threat by what it is (data/plover/intentions.tsv); a promise
    with a condition ("will withdraw its force unless ...") is a threat."""
    if_future, if_negated = lexicon.intentions.get(event.type, (None, None))
    if event.future and conditional and event.type not in ("REQUEST", "THREATEN"):
        if_future = "THREATEN"
    recoded = if_negated if event.negated else (if_future if event.future else None)
    if recoded and recoded != event.type:
        event.intended, event.type, event.mode = event.type, recoded, None
        event.cameo = CAMEO_ROOTS.get(recoded, event.cameo)
        event.negated = False if recoded == "REJECT" else event.negated


# ---------------------------------------------------------------------- verbs


def verb_trigger(token: Token, lexicon: Lexicon, actors: ActorIndex | None = None) -> Trigger | None:
    """The lexicon entry a verb token matches, checking its particle and what it needs."""
    if token.pos_ not in ("VERB", "AUX") and not (token.pos_ == "NOUN" and token.tag_ == "VBG"):
        return None
    particles = _particle_lemmas(token)
    frame = _frame(token, particles, lexicon)
    if frame is not None:
        return frame
    entries = lexicon.verbs.get(token.lemma_.lower(), ())
    if not entries:
        return None
    for entry in entries:
        if entry.particle and entry.particle not in particles:
            continue
        if entry.needs and not _needs_hold(token, entry.needs, actors, lexicon):
            continue
        return entry
    return None


def _frame(token: Token, particles: set[str], lexicon: Lexicon) -> Trigger | None:
    """The event a verb names through what it acts on (data/plover/object_frames.tsv): its objects,
    what they hold or are compounded with ("mediation efforts"), and its prepositions' objects."""
    objects = _objects(token) + [c for c in token.children if c.dep_ == "nsubjpass"]  # "the curfew was lifted"
    nouns = [*objects, *(c for c in map(_contained, objects) if c not in objects)]
    nouns += [o for p in token.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    # lemma and word as written: the small model lemmatises "bases" to "basis"
    acted_on = {form for n in nouns for form in (n.lemma_.lower(), n.lower_)}
    acted_on |= {c.lemma_.lower() for n in nouns for c in n.lefts if c.dep_ == "compound"}
    return lexicon.frame(token.lemma_.lower(), particles, acted_on)


def _particle_lemmas(token: Token) -> set[str]:
    """Words that complete a verb's meaning: particles and prepositions ("call for", "walk out"),
    and complements ("declared ineligible", "listed as")."""
    return {c.lemma_.lower() for c in token.children if c.dep_ in PARTICLE_DEPS}


def _needs_hold(token: Token, needs: str, actors: ActorIndex | None, lexicon: Lexicon | None = None) -> bool:
    # An embedded act or clause counts as an object: "refused to meet", "warned that troops would".
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "xcomp", "ccomp")]
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
    if needs == "object":
        return bool(objects or preps)
    if needs == "no_object":
        return not objects
    if needs in ("person_object", "act_object"):
        # the object itself names someone ("welcomed the delegation"), not a thing of theirs
        # ("welcomed Reagan's statement")
        someone = any(o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or o.pos_ == "PRON"
                      or (actors is not None and (actors.is_role(o) or actors.is_named(o))) for o in objects)
        if needs == "person_object" or someone or lexicon is None:
            return someone
        # "promised to send aid", "offered on Monday to host talks" (an act to do), "warned it
        # would retaliate", "warned that the army would not allow marches" (someone's act),
        # "sought talks", "sought help from Kenya"; not "promising a device", "warned that
        # output would fall"
        to_do = token.lemma_.lower() not in TRYING_VERBS and any(
            c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children) for c in token.children)
        return to_do or any(c.dep_ == "prep" and c.lower_ == "from" for c in token.children) or any(
            (verb_trigger(o, lexicon) is not None or _actor_subject(o, actors)) if o.dep_ == "ccomp"
            else noun_trigger(_contained(o), lexicon) is not None for o in objects if o.dep_ != "xcomp")
    return True


def _actor_subject(verb: Token, actors: ActorIndex) -> bool:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.pos_ != "PRON" and _agentive(subject, actors)


def _verbal(token: Token, actors: ActorIndex, lexicon: Lexicon) -> _Found | None:
    trigger = verb_trigger(token, lexicon, actors)
    if trigger is None:
        return None
    particles = _particle_lemmas(token)
    if lexicon.light_effect(token.lemma_.lower(), particles) not in (None, "suppress") \
            and _event_noun_object(token, lexicon) and _frame(token, particles, lexicon) is None:
        return None  # "launched an attack": the noun carries the event ("prevented the demonstration" is a frame)
    modality = _modality(token, lexicon)
    # "the truce, brokered by the United Nations": a participle on a noun is a passive of that noun.
    participle = token.dep_ == "acl" and token.tag_ == "VBN"
    passive = participle or is_passive(token)
    subject = token.head if participle else subject_of(token)
    agent = _agent(token)
    if passive:
        source = actors.resolve(agent) if agent is not None else []
        moved = subject is not None and _moved(token, subject, actors)  # "soldiers were sent to the border"
        if moved and not source:
            source = actors.resolve(subject)  # "riot police were deployed": the force stands for whoever sent it
        target = actors.resolve(subject) if subject is not None and not moved else []
        if not target and subject is not None and not moved:
            target = _phrase_target(subject, actors, lexicon, source)  # "a ban on the newspaper was lifted"
        target = target or _recipient(token, actors, lexicon)  # "vessels were handed over to the navy"
    else:
        source = _actors_of(subject, actors)
        if not source and subject is not None and noun_trigger(subject, lexicon) is not None:
            source = _noun_source(subject, actors, Modality(), lexicon)  # "raids by the militia killed 12"
        target = (_recipient(token, actors, lexicon) or _verb_target(token, actors, lexicon, own=source)
                  or _addressee(token, actors, lexicon, source))
        if trigger.type == "ACCUSE" and not any(_resolve(o, actors, lexicon) for o in _objects(token)):
            target = _accused(token, actors, lexicon, source) or target
    if not target and modality.future:
        target = [a for a in _conditioned(token, actors, lexicon) if a not in source]
    if not target:
        target = [a for a in _place_target(token, actors, _place_preps(token, trigger.type)) if a not in source]
    tokens = [token, *_particles(token)]
    # "gave Tanzania a grant": the act is the giving; the grant is not a second event, and
    # "declared a state of siege" (a frame, whose trigger needs its object) is one event, not two.
    absorbs = [c.i for o in _objects(token) for c in (o, _contained(o)) if c.lemma_.lower() in lexicon.nouns] \
        if trigger.needs == "object" else []
    means = _means(token, trigger, lexicon)
    if means is not None:
        # "retaliated with air strikes on Sanaa": one act, told by a verb and the noun of its means
        tokens += [t for t in means.subtree if t.i <= means.i and (t == means or t.dep_ == "compound")]
        target = target or _noun_target(means, actors, lexicon, source)
    # "Farmers blocked the roads in protest at cheap imports": an act done in protest is a protest.
    purposes = _purposes(token, lexicon)
    if any(p.lemma_.lower() == "protest" for p in purposes) and trigger.type not in ("PROTEST", "ASSAULT"):
        trigger = Trigger(trigger.lemma, "PROTEST", "obstruct" if trigger.type == "COERCE" else "demo", "14")
    # A protest is aimed at whom it makes demands of, more than at the streets it blocks.
    purposes = purposes if trigger.type == "PROTEST" else []
    target = _purpose_target(purposes, actors, lexicon, source) or target
    found = _Found(trigger, tokens, source, target, modality, _confidence(source, target, verbal=True))
    found.extra["absorbs"] = absorbs + [p.i for p in purposes if p.lemma_.lower() in PURPOSE_NOUNS]
    return found


def _purposes(head: Token, lexicon: Lexicon) -> list[Token]:
    """What a protest is for, told as part of the same act: "went on hunger strike to demand the
    governor's removal", "marched through the capital demanding reforms", "blocked the road in
    protest at the closures". It says whom the protest is aimed at. A demand stays an event of its
    own (the dossier of whoever is asked needs it); the noun of "in protest at" does not."""
    found = []
    # The parser hangs the purpose on the verb or on the noun before it ("blocked the road in
    # protest", "marched through the capital demanding").
    holders = [head, *(o for c in head.children if c.dep_ in ("dobj", "prep")
                       for o in ([c] if c.dep_ == "dobj" else c.children) if o.dep_ in ("dobj", "pobj"))]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("advcl", "xcomp", "acl") and child.pos_ == "VERB":
                trigger = verb_trigger(child, lexicon)
                if trigger is not None and trigger.type in PURPOSE_TYPES:
                    found.append(child)
            elif child.dep_ == "prep" and child.lower_ == "in":
                nouns = [o for o in child.children if o.dep_ == "pobj" and o.lemma_.lower() in PURPOSE_NOUNS]
                found += nouns
                if nouns and not any(c.dep_ == "prep" for c in nouns[0].children):
                    # "blocked the road in protest at the new fees", the parser hanging "at" on the verb
                    found += [o for p in head.children if p.dep_ == "prep" and p.lower_ in PROTESTED_AFTER
                              and p.i > nouns[0].i for o in p.children if o.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ in PROTESTED_PREPS and holder is head:
                found += [o for o in child.children if o.dep_ == "pobj"]
    return found


def _purpose_target(purposes: list[Token], actors: ActorIndex, lexicon: Lexicon, source: list[str]) -> list[str]:
    for purpose in purposes:
        if purpose.pos_ == "VERB":
            found = (_verb_target(purpose, actors, lexicon, own=source) or _addressee(purpose, actors, lexicon, source)
                     or _accused(purpose, actors, lexicon, source))
        else:
            found = (_resolve(purpose, actors, lexicon) or _noun_target(purpose, actors, lexicon, source)
                     or _phrase_target(purpose, actors, lexicon, source))
        found = [a for a in found if a not in source]
        if found:
            return found
    return []


def _accused(verb: Token, actors: ActorIndex, lexicon: Lexicon, source: list[str]) -> list[str]:
    """Whom a complaint is about, rather than whom it is made to: "complained to the UN over
    Israeli air raids" accuses those who carried out the raids (CAMEO's target of a complaint)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ACCUSATION_PREPS:
            continue
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if noun_trigger(obj, lexicon) is not None:
                found = _noun_source(obj, actors, Modality(), lexicon)
            else:
                found = _resolve(obj, actors, lexicon) or _phrase_target(obj, actors, lexicon, source)
            found = [a for a in found if a not in source]
            if found:
                return found
    return []


def _place_preps(trigger: Token, event_type: str) -> frozenset[str]:
    """The prepositions that give an event's target as a place (PLACE_TARGET_PREPS), and "arrived
    in Amman" for a visit."""
    preps = PLACE_TARGET_PREPS.get(event_type, frozenset())
    return preps | ARRIVAL_PREPS if trigger.lemma_.lower() in ARRIVAL_VERBS else preps


def _place_target(verb: Token, actors: ActorIndex, preps: frozenset[str]) -> list[str]:
    """The country an act is aimed at through where it goes: "a visit to Amman" (Jordan's
    government), "sent personnel to Bosnia", "lifted the curfew in Montenegro", "pulled its troops
    out of Estonia", "massed troops near Ukraine's border", as CAMEO codes it."""
    outs = [c for c in verb.children if c.lower_ == "out" and c.dep_ in ("prt", "advmod", "prep")]
    for prep in [*verb.children, *(p for out in outs for p in out.children)]:
        if prep.dep_ == "prep" and (prep.lower_ in preps or (prep.lower_ == "of" and prep.head in outs and "from" in preps)):
            for place in prep.children:
                if place.dep_ == "pobj" and place.ent_type_ in ("GPE", "LOC"):
                    return actors.resolve(place)
                owner = next((c for c in place.children if c.dep_ == "poss" and c.ent_type_ == "GPE"), None)
                if place.dep_ == "pobj" and owner is not None:
                    return actors.resolve(owner)  # "near Ukraine's border"
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        found = _place_target(obj, actors, preps) if obj.pos_ == "NOUN" else []
        if found:
            return found  # "lifted the curfew in Montenegro"
    return []


def _means(verb: Token, trigger: Trigger, lexicon: Lexicon) -> Token | None:
    """An event noun of the verb's own type in its "with"/"by"/"through" phrase."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "by", "through"):
            for noun in prep.children:
                found = noun_trigger(noun, lexicon) if noun.dep_ == "pobj" else None
                if found is not None and found.type == trigger.type:
                    return noun
    return None


def _verb_target(token: Token, actors: ActorIndex, lexicon: Lexicon, own: list[str] = ()) -> list[str]:
    for obj in _objects(token):
        if _belongs_to(obj, own, actors) or _moved(token, obj, actors):
            continue  # "France pulled its soldiers out of the country": its own soldiers are no target
        found = _resolve(obj, actors, lexicon)
        if found:
            return found
    # The object's own party, before where it went or what it was over: an act's target
    # ("demanded the pullout of Rwandan troops from Goma", "to suspend talks with Canberra over
    # ..."), a thing's partner ("brought a case against Russia at the court").
    for obj in _objects(token):
        partner = _noun_target(obj, actors, lexicon, list(own)) if noun_trigger(obj, lexicon) else _partner(obj, actors, lexicon)
        found = [a for a in partner if a not in own]
        if found:
            return found
    # "blames the attacks on a splinter group": a non-actor object, the target follows in a phrase.
    found = _prep_target(token, actors, lexicon) or _object_author(token, actors, lexicon)
    for obj in _objects(token):
        # "signed a memorandum of understanding with Somaliland", "fired at a depot in the Saudi city of Jeddah"
        found = found or _phrase_target(obj, actors, lexicon, own)
    return found or _purpose_act_target(token, actors, lexicon, own)


def _purpose_act_target(verb: Token, actors: ActorIndex, lexicon: Lexicon, own: list[str]) -> list[str]:
    """"mobilised reservists for a war against Iraq": the target of the act prepared for."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for noun in (o for o in prep.children if o.dep_ == "pobj" and noun_trigger(o, lexicon) is not None):
                found = [a for a in _noun_target(noun, actors, lexicon, list(own)) if a not in own]
                if found:
                    return found
    return []


def _recipient(verb: Token, actors: ActorIndex, lexicon: Lexicon) -> list[str]:
    """Whom something is handed to: "extradited the suspect to the United States", "handed the
    bronzes back to Nigeria"; the one handed over is what the act moves, not whom it is aimed at."""
    return _prep_actors(verb, {"to"}, actors, lexicon) if verb.lemma_.lower() in HANDING_VERBS else []


def _prep_actors(head: Token, words: set[str], actors: ActorIndex, lexicon: Lexicon, after: int = -1) -> list[str]:
    """The actors named by the first of ``head``'s prepositions among ``words`` (after token
    ``after``) that names any."""
    for prep in head.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in words and prep.i > after:
            found = [a for o in prep.children if o.dep_ == "pobj" for a in _resolve(o, actors, lexicon)]
            if found:
                return found
    return []


def _moved(verb: Token, obj: Token, actors: ActorIndex) -> bool:
    """"mobilised reservists for a war against Iraq", "will withdraw the inspectors from Iraq": the
    people a deployment or withdrawal moves are the source's own, not its target."""
    return verb.lemma_.lower() in FORCE_MOVING_VERBS and not actors.is_named(obj)


def _object_author(verb: Token, actors: ActorIndex, lexicon: Lexicon) -> list[str]:
    """"accepted a proposal by Tokyo": in an active clause, a "by" phrase after the object that the
    parser hung on the verb names the object's author."""
    objects = _objects(verb)
    if not objects or is_passive(verb):
        return []
    return _prep_actors(verb, {"by"}, actors, lexicon, after=objects[0].i)


def _belongs_to(noun: Token, owners: list[str], actors: ActorIndex) -> bool:
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    return bool(owners) and any(set(actors.resolve(p)) & set(owners) for p in possessors)


def _phrase_target(noun: Token, actors: ActorIndex, lexicon: Lexicon, own: list[str] = ()) -> list[str]:
    """An actor inside a non-actor object's phrase, nearest first: first a party to it, its author
    ("welcomed Tokyo's statement", "rejected an appeal from the president", "backed the reform
    proposed by the president"), members or partner ("a meeting of Palestinian factions",
    "discussed the war in Syria with Putin"); then the place it stands in ("a depot in the Saudi
    city of Jeddah"). The source's own things are not a target: "strengthened its forces in Lebanon"."""
    for preps in (PARTY_PREPS, PLACE_PREPS):
        for node in _breadth_first(noun):
            if node.dep_ == "poss" and node.head.pos_ in ("NOUN", "PROPN") and preps is PARTY_PREPS:
                found = [a for a in _resolve(node, actors, lexicon) if a not in own]
            elif (node.dep_ == "prep" and node.lower_ in preps and node.head.pos_ in ("NOUN", "PROPN")) \
                    or (node.dep_ == "agent" and preps is PARTY_PREPS):
                found = [a for obj in node.children if obj.dep_ == "pobj"
                         and (obj.ent_type_ or obj.pos_ == "PROPN" or actors.resolve(obj))
                         for a in _resolve(obj, actors, lexicon)]
            else:
                continue
            if found:
                return found
    return []


def _breadth_first(token: Token) -> list[Token]:
    """The token's subtree, nearest nodes first (in text order within a level)."""
    order, level = [], [token]
    while level:
        order += level
        level = sorted((c for node in level for c in node.children), key=lambda t: t.i)
    return order


def _partner(noun: Token, actors: ActorIndex, lexicon: Lexicon) -> list[str]:
    """The other party of what an event noun acts on: "the suspension of ferry services with Albania",
    "the end of arms sales to Riyadh". Only the noun's own phrases: "allegations of treason for
    playing in Lagos" aims at no one in Lagos."""
    return _prep_actors(noun, PARTNER_PREPS, actors, lexicon)


def _addressee(token: Token, actors: ActorIndex, lexicon: Lexicon, own: list[str] = ()) -> list[str]:
    """Who a demand, threat or promise is aimed at, from the clause it embeds: "demanded that
    Britain do more" (the clause's subject), "threatened to end a pact with Japan", "promised to
    send 200 million euros to Ukraine" (the embedded act's target; not the source's own ties)."""
    if lexicon.light_effect(token.lemma_.lower(), _particle_lemmas(token)) not in ("suppress", "future"):
        return []
    for child in token.children:
        if child.dep_ == "ccomp":
            subject = subject_of(child)
            found = _resolve(subject, actors, lexicon) if subject is not None else []
            if found:
                return found
        if child.dep_ == "xcomp" or _infinitive_complement(child, lexicon):
            found = (_verb_target(child, actors, lexicon, own) or _recipient(child, actors, lexicon)
                     or _conditioned(child, actors, lexicon) or _embedded_place_target(child, lexicon, actors))
            found = [a for a in found if a not in own]
            if found:
                return found
        if child.dep_ == "prep":
            # "called for an embargo against Myanmar": the target of the act asked for
            for noun in (o for o in child.children if o.dep_ == "pobj" and noun_trigger(o, lexicon) is not None):
                found = _noun_target(noun, actors, lexicon, [])
                if found:
                    return found
    return _conditioned(token, actors, lexicon)


def _embedded_place_target(verb: Token, lexicon: Lexicon, actors: ActorIndex) -> list[str]:
    """"threatened to impose a curfew in Algiers": the place target of the act threatened."""
    trigger = verb_trigger(verb, lexicon) or next(
        filter(None, (noun_trigger(_contained(o), lexicon) for o in _objects(verb))), None)
    if trigger is None or trigger.type not in PLACE_TARGET_PREPS:
        return []
    return _place_target(verb, actors, _place_preps(verb, trigger.type))


def _conditioned(verb: Token, actors: ActorIndex, lexicon: Lexicon) -> list[str]:
    """Whose conduct a threat or demand is conditioned on: "threatened to strike unless the
    government withdrew the tax", "will walk out of the talks if Moscow insists" (the party the
    pressure is aimed at, as CAMEO codes a threat)."""
    for clause in verb.children:
        if _condition(clause, CONDITION_PARTY_MARKS):
            subject = subject_of(clause)
            found = _resolve(subject, actors, lexicon) if subject is not None else []
            if found:
                return found
    return []


def _prep_target(token: Token, actors: ActorIndex, lexicon: Lexicon, preps: set[str] = TARGET_PREPS) -> list[str]:
    for prep in (c for c in token.children if c.dep_ in ("prep", "dative") and c.lower_ in preps):
        for obj in prep.children:
            if obj.dep_ == "pobj":
                found = _resolve(obj, actors, lexicon) or _phrase_target(obj, actors, lexicon)
                if found:
                    return found
    return []


def _resolve(token: Token, actors: ActorIndex, lexicon: Lexicon) -> list[str]:
    """Actors of a noun phrase, leaving out coordinated events ("the outlawing of MEK and the exile of ...")."""
    return actors.resolve(token, skip=lambda t: noun_trigger(t, lexicon) is not None)


def _objects(token: Token) -> list[Token]:
    """Direct objects, shared across coordinated verbs ("assault and destroy villages")."""
    own = [c for c in token.children if c.dep_ in OBJECTS]
    if own:
        return own
    # Only a direct object is shared, and only between verbs ("had been members ..., and the new
    # group split from" shares nothing); a clause of its own, with its own subject or complement,
    # shares none ("Tokyo tightened controls, and Seoul threatened to end the pact").
    if _own_clause(token) and (token.dep_ == "conj" or any(c.dep_ in ("xcomp", "ccomp") for c in token.children)):
        return []
    neighbours = [token.head] if token.dep_ == "conj" else []
    neighbours += [c for c in token.conjuncts if c.i > token.i and not _own_clause(c)]
    for verb in neighbours:
        shared = [c for c in verb.children if c.dep_ == "dobj"] if verb.pos_ == "VERB" else []
        if shared:
            return shared
    return []


def _own_clause(verb: Token) -> bool:
    """Whether a verb has a subject or a clausal complement of its own."""
    return any(c.dep_ in (*SUBJECTS, "xcomp", "ccomp") for c in verb.children)


def _particles(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "prt"]


# ---------------------------------------------------------------------- "forced to"


def _forced(token: Token, actors: ActorIndex, lexicon: Lexicon) -> _Found | None:
    """"X was forced to leave France" is France expelling X; "Y forced X to resign" is Y coercing X."""
    if token.dep_ != "xcomp" or lexicon.light_effect(token.head.lemma_.lower(), set()) != "forced":
        return None
    force = token.head
    passive = is_passive(force)
    coerced = subject_of(force) if passive else next((c for c in force.children if c.dep_ == "dobj"), None)
    coercer = _agent(force) if passive else subject_of(force)
    source = actors.resolve(coercer) if coercer is not None else []
    departure = token.lemma_.lower() in DEPARTURE_VERBS
    if not source and departure:
        place = next((c for c in token.children if c.dep_ == "dobj"), None)
        source = actors.resolve(place) if place is not None else []
    if not source:
        return None  # "troops were forced to withdraw after heavy fighting": no one named compels; the withdrawal stands
    target = actors.resolve(coerced) if coerced is not None else []
    mode = "deport" if departure or token.lemma_.lower() == "flee" else None
    trigger = Trigger(f"force to {token.lemma_.lower()}", "COERCE", mode, "17")
    return _Found(trigger, [force, token], source, target, _modality(force, lexicon),
                  _confidence(source, target, verbal=True))


# ---------------------------------------------------------------------- "must"


def _obligation(token: Token, actors: ActorIndex, lexicon: Lexicon) -> _Found | None:
    """"X declared that Brazil must cut tariffs" is X's demand on Brazil (REQUEST), whatever the act."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("ccomp", "xcomp", "acl"):
        return None
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in token.children):
        return None
    if token.lemma_.lower() in STATE_VERBS and not any(t.dep_ == "xcomp" for t in token.subtree):
        return None  # "Kenya should be proud", "must remain united": a wish; "must be prepared to negotiate" is a demand
    head = token.head
    # "sent a formal warning to Minsk that it must comply": the demand hangs on a noun
    speaker = subject_of(head.head if head.pos_ == "NOUN" and head.head.pos_ == "VERB" else head)
    obliged = subject_of(token)
    source = _actors_of(speaker, actors)
    target = [a for a in _actors_of(obliged, actors) if a not in source]
    if not source or not target:
        return None
    act = verb_trigger(token, lexicon, actors)
    trigger = Trigger(token.lemma_.lower(), "REQUEST", None, "10")
    found = _Found(trigger, [token], source, target, _modality(token.head, lexicon),
                   _confidence(source, target, verbal=True))
    found.extra["intended"] = act.type if act else None
    return found


# ---------------------------------------------------------------------- nouns


def noun_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The lexicon entry an event noun matches: a common noun ("March" the month is no march), or a
    gerund in a noun's place ("the outlawing of the group", not "according to"), and not a
    figurative compound ("a price war")."""
    if token.pos_ != "NOUN" and not _gerund_noun(token):
        return None
    compounds = lexicon.figurative.get("compound", frozenset())
    if any(f"{c.lemma_.lower()} {token.lemma_.lower()}" in compounds or f"{token.lemma_.lower()} {c.lemma_.lower()}" in compounds
           for c in token.children if c.dep_ in ("compound", "amod")):
        return None
    if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
        return None  # "riot police", "protest movement": a noun that only names another
    for entry in lexicon.nouns.get(token.lemma_.lower(), ()) or lexicon.nouns.get(token.lower_, ()):
        words = entry.lemma.split()
        if len(words) > 1:
            left = [form for c in token.lefts if c.dep_ in ("compound", "amod") for form in (c.lemma_.lower(), c.lower_)]
            if not all(w in left for w in words[:-1]):
                continue
        return entry
    return None


def _measured_or_supposed(noun: Token) -> bool:
    """An event noun that is the subject of a change in amount ("demand from Chinese factories
    weakened", "support for the bill fell") names a quantity, and one that is the subject of a
    "could"/"might" ("the truce could collapse") a supposition; neither is an event."""
    if noun.dep_ != "nsubj" or noun.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = noun.head
    return verb.lemma_.lower() in QUANTITY_VERBS or any(
        c.dep_ == "aux" and c.lower_ in SUPPOSING_MODALS for c in verb.children)


def _gerund_noun(token: Token) -> bool:
    return token.tag_ == "VBG" and any(c.dep_ == "det" for c in token.children)


def _nominal(token: Token, actors: ActorIndex, lexicon: Lexicon) -> _Found | None:
    trigger = noun_trigger(token, lexicon)
    if trigger is None or _measured_or_supposed(token):
        return None
    modality = _modality(token, lexicon)
    source = _noun_source(token, actors, modality, lexicon)
    target = _noun_target(token, actors, lexicon, source)
    if not target and modality.governor is not None and not _accuses(modality.governor, lexicon):
        # "waging war on U.S. interests": the light verb carries the noun's target phrase.
        target = [a for a in _prep_target(modality.governor, actors, lexicon, GOVERNOR_TARGET_PREPS) if a not in source]
    if trigger.type in INTRANSITIVE_TYPES and not source and target:
        source, target = target, []
    if not target and trigger.type in PLACE_TARGET_PREPS:
        # "blockades in Gaza", "imposed a curfew in Algiers" (the place on the noun or on its verb)
        holders = [token] if modality.governor is None else [token, modality.governor]
        target = next(filter(None, ([a for a in _place_target(h, actors, PLACE_TARGET_PREPS[trigger.type])
                                     if a not in source] for h in holders)), [])
    purposes = [*_purposes(token, lexicon), *(_purposes(modality.governor, lexicon) if modality.governor is not None else [])] \
        if trigger.type == "PROTEST" else []
    target = target or _purpose_target(purposes, actors, lexicon, source)
    if trigger.type == "CONSULT" and not target and len(source) == 1 \
            and any(c.dep_ == "poss" for c in token.children):
        return None  # "the central bank's meeting next week": one body meeting, no one consulted
    eventive = modality.governor is not None or source or target or _placed_noun(token)
    if not eventive or (trigger.needs == "of_object" and not target and modality.governor is None):
        return None
    tokens = [t for t in token.lefts if t.dep_ == "compound" and t.lemma_.lower() in trigger.lemma.split()] + [token]
    found = _Found(trigger, tokens, source, target, modality, _confidence(source, target, verbal=False))
    found.extra["absorbs"] = [p.i for p in purposes if p.lemma_.lower() in PURPOSE_NOUNS]
    if _placed_noun(token):
        found.extra["placed"] = True
    return found


def _noun_source(token: Token, actors: ActorIndex, modality: Modality, lexicon: Lexicon) -> list[str]:
    for child in token.children:
        if child.dep_ == "poss" and actors.resolve(child) and not _possessor_undergoes(token, child, actors):
            return actors.resolve(child)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if objects:
                return actors.resolve(objects[0])
        if child.dep_ == "acl" and child.tag_ == "VBN" and _performs(child, lexicon):
            # "a strike called by the unions", "raids carried out by the militia"
            agent = _agent(child)
            if agent is not None and actors.resolve(agent):
                return actors.resolve(agent)
    for child in token.lefts:
        # "Houthi attacks", "a rebel attack", "army shelling"
        if child.dep_ in ("compound", "amod", "nmod") and (child.ent_type_ or child.pos_ == "PROPN" or actors.is_role(child)):
            found = actors.resolve(child)
            if found:
                return found
    blamed = _blamed(_container_head(token), actors)
    if blamed:
        return blamed
    governor = modality.governor
    if governor is not None:
        subject = subject_of(governor)
        passive = is_passive(governor)
        if passive:
            agent = _agent(governor)
            return actors.resolve(agent) if agent is not None else []
        return _actors_of(subject, actors)
    head = _container_head(token)
    if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
        return _noun_source(head.head, actors, Modality(), lexicon)
    return []


def _performs(participle: Token, lexicon: Lexicon) -> bool:
    """Whether a participle on an event noun says who carried the event out ("called by",
    "carried out by", "imposed by"), not who reacted to it ("condemned by")."""
    lemma = participle.lemma_.lower()
    return lexicon.light_effect(lemma, _particle_lemmas(participle)) == "-" or lemma in PERFORMING_VERBS


def _blamed(token: Token, actors: ActorIndex) -> list[str]:
    """"blames the attacks on a splinter group": the group is the one said to have acted."""
    verb = token.head
    if token.dep_ != "dobj" or verb.lemma_.lower() not in BLAME_VERBS:
        return []
    blamed = prep_object(verb, ("on", "to"))
    return actors.resolve(blamed) if blamed is not None else []


def _possessor_undergoes(noun: Token, possessor: Token, actors: ActorIndex) -> bool:
    """"his deportation", "her arrest": a person's possessive on an act done to people names
    who undergoes it; "France's expulsion of the MEK" (with its own "of") names who acts."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return False
    ids = actors.resolve(possessor)
    return bool(ids) and actors.actor(ids[0]).kind == "person"


def _noun_target(token: Token, actors: ActorIndex, lexicon: Lexicon, source: list[str]) -> list[str]:
    for child in token.children:
        # "her arrest"; but not "the bishops renewed their demand", where they are who acts
        if child.dep_ == "poss" and _possessor_undergoes(token, child, actors) \
                and not set(actors.resolve(child)) <= set(source):
            return actors.resolve(child)
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ not in NOUN_TARGET_PREPS:
            continue
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            found = _resolve(obj, actors, lexicon) or (
                _partner(obj, actors, lexicon) if child.lower_ == "of" else
                [] if child.lower_ in ("between", "among") else _phrase_target(obj, actors, lexicon, source))
            if child.lower_ == "between" and len(found) > 1 and not source:
                # "an agreement between Tehran and Paris": both sides act; list the first as source.
                source.append(found[0])
                return found[1:]
            if found:
                return [a for a in found if a not in source]
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "with" else None
    if verb is not None and is_passive(verb) and subject_of(verb) is not None:
        # "Belarus was hit with new sanctions", "the editor was charged with sedition"
        found = [a for a in actors.resolve(subject_of(verb)) if a not in source]
        if found:
            return found
    for clause in token.children:
        # "its demand that Israel ease the restrictions": who is asked, in the noun's own clause
        if clause.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            subject = subject_of(clause)
            found = [a for a in _resolve(subject, actors, lexicon) if a not in source] if subject is not None else []
            if found:
                return found
    return []


def _placed_noun(token: Token) -> bool:
    """"protests in cities like Paris": a located event noun is an event even before its actors are
    known; the place may hang on the verb the noun is the object of ("showed protests in Paris")."""
    holders = [token, token.head] if token.dep_ == "dobj" else [token]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "across", "outside", "near"):
                if any(obj.ent_type_ in ("GPE", "LOC", "FAC") for obj in child.subtree):
                    return True
    return False


def _placed(found: _Found) -> bool:
    return bool(found.extra.get("placed")) and found.trigger.type in INTRANSITIVE_TYPES


def _event_noun_object(token: Token, lexicon: Lexicon) -> bool:
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            inner = _contained(child)
            if noun_trigger(inner, lexicon):
                return True
    return False


def _contained(token: Token) -> Token:
    """"a host of bombings" → bombings."""
    if token.lemma_.lower() in CONTAINERS:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    return token


def _container_head(token: Token) -> Token:
    """The inverse of _contained: from "bombings" in "a host of bombings" up to "host"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in CONTAINERS:
        return token.head.head
    return token


# ---------------------------------------------------------------------- shared argument logic


def subject_of(token: Token) -> Token | None:
    """The subject of a verb, inherited through control, coordination, participles and prepositions."""
    current = token
    for _ in range(8):
        for child in current.children:
            if child.dep_ in SUBJECTS:
                return child
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "acl" and current.tag_ == "VBG":
            return current.head
        if current.dep_ == "xcomp":
            objects = [c for c in current.head.children if c.dep_ == "dobj"]
            if objects:
                return objects[0]  # object control: "urged the rebels to withdraw"
        if current.dep_ == "pcomp" and current.head.lower_ in CONTROL_PREPS and current.head.dep_ == "prep":
            objects = [c for c in current.head.head.children if c.dep_ == "dobj"]
            if objects:
                return objects[0]  # "accused the soldiers of killing", "arrested two men for smuggling"
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
            return None
        if current.dep_ == "ccomp":
            return None
        current = current.head
    return None


def _agentive(subject: Token | None, actors: ActorIndex) -> bool:
    """Whether a subject names someone who can act: a name, a pronoun, a role noun ("protesters"),
    not a thing that merely belongs to someone ("the Chilean peso")."""
    if subject is None or not actors.resolve(subject):
        return False
    return subject.pos_ != "NOUN" or actors.is_role(subject) or subject.lower_ in PARTITIVES


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _agent(token: Token) -> Token | None:
    """The "by" phrase of a passive, also where the parser hung it on a later noun
    ("was listed as a terrorist organization by the U.S.")."""
    for child in token.children:
        if child.dep_ == "agent":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    frontier = [c for c in token.rights if c.dep_ in ("prep", "oprd", "attr", "dobj", "pobj")]
    while frontier:
        node = frontier.pop(0)
        if node.dep_ in ("prep", "agent") and node.lower_ == "by":
            return next((o for o in node.children if o.dep_ == "pobj"), None)
        frontier.extend(c for c in node.children if c.dep_ in ("prep", "pobj", "agent"))
    return None


def _actors_of(token: Token | None, actors: ActorIndex) -> list[str]:
    return actors.resolve(token) if token is not None else []


def _modality(token: Token, lexicon: Lexicon) -> Modality:
    """Attempted, negated and future flags from the trigger, its light verb and their auxiliaries."""
    modality = Modality()
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    node = _container_head(node)
    _flags_from(node, lexicon, modality)
    governor = None
    if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("dobj", "nsubjpass", "pobj") and node.head.pos_ in ("VERB", "AUX"):
        governor = node.head
    elif node.pos_ in ("NOUN", "PROPN") and node.dep_ == "pobj" and node.head.head.pos_ in ("VERB", "AUX"):
        governor = node.head.head if lexicon.light_effect(node.head.head.lemma_.lower(), {node.head.lower_}) else None
    elif node.dep_ == "xcomp" or _infinitive_complement(node, lexicon):
        governor = node.head
    for _ in range(4):
        if governor is None:
            break
        particles = {c.lemma_.lower() for c in governor.children if c.dep_ in ("prt", "prep")}
        effect = lexicon.light_effect(governor.lemma_.lower(), particles)
        if effect is None:
            # "is prepared to withdraw", "ready to sign": the governing adjective marks intent.
            if lexicon.modifiers.get(governor.lower_) == "future":
                modality.future = True
                _flags_from(governor, lexicon, modality)
            # "threatened to end the pact": the noun is part of the act threatened, which the
            # threat already codes
            outer = governor.head
            if (governor.dep_ == "xcomp" or _infinitive_complement(governor, lexicon)) and outer is not governor \
                    and lexicon.light_effect(outer.lemma_.lower(), _particle_lemmas(outer)) == "suppress" \
                    and not _accuses(outer, lexicon) and verb_trigger(governor, lexicon) is None:
                modality.suppressed = True
            break
        if modality.governor is None:
            modality.governor = governor
        if effect in FLAG_EFFECTS:
            _flag(modality, effect)
        elif effect == "suppress":
            # "threatened to attack" is one THREATEN event; but the attacks in "blamed the attacks
            # on X" are events in their own right, the blamer's claim.
            modality.suppressed = not _accuses(governor, lexicon)
        _flags_from(governor, lexicon, modality)
        governor = governor.head if governor.dep_ in ("xcomp", "conj") else None
    return modality


def _infinitive_complement(verb: Token, lexicon: Lexicon) -> bool:
    """"threatened on Monday to block the roads": the parser often takes a "to" infinitive set off
    from its verb for a purpose clause (advcl). Under a light verb that is not transparent it is the
    complement; under a transparent one ("staged a strike to demand reforms") it is a purpose."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    effect = lexicon.light_effect(verb.head.lemma_.lower(), _particle_lemmas(verb.head))
    return effect not in (None, "-", "forced")


def _accuses(token: Token, lexicon: Lexicon) -> bool:
    return any(t.type == "ACCUSE" for t in lexicon.verbs.get(token.lemma_.lower(), ()))


def _flags_from(token: Token, lexicon: Lexicon, modality: Modality) -> None:
    for child in token.children:
        if _condition(child, CONDITION_MARKS):
            modality.conditional = True
        effect = lexicon.modifiers.get(child.lower_)
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") or _no_longer(child):
            modality.negated = True
        elif child.dep_ in ("aux", "amod", "advmod") and effect in FLAG_EFFECTS:
            _flag(modality, effect)


def _no_longer(adverb: Token) -> bool:
    """"would no longer recognise": "longer" under its "no" negates the verb."""
    return adverb.dep_ == "advmod" and adverb.lower_ in ("longer", "more") and any(
        c.lower_ in ("no", "not") for c in adverb.children)


def _flag(modality: Modality, effect: str) -> None:
    """Set the flags a modality word or light verb marks ("failed to" is both tried and not done)."""
    for flag in FLAG_EFFECTS[effect]:
        setattr(modality, flag, True)


def _confidence(source: list[str], target: list[str], verbal: bool) -> float:
    score = 0.45 + (0.25 if source else 0.0) + (0.15 if target else 0.0) + (0.1 if verbal else 0.0)
    return round(min(score, 0.95), 2)


def _to_event(doc: Doc, number: int, found: _Found) -> Event:
    first, last = min(found.tokens, key=lambda t: t.i), max(found.tokens, key=lambda t: t.i)
    # "Kishida and Yoon held talks": all the parties of a joint act are its sources, as the
    # PLOVER gold records code them.
    source, target = found.source, [t for t in found.target if t not in found.source]
    sentence: Span = first.sent
    return Event(
        id=f"e{number}",
        type=found.trigger.type,
        mode=found.trigger.mode,
        cameo=found.trigger.cameo,
        source=source,
        target=target,
        trigger=doc[first.i:last.i + 1].text,
        span=(first.idx, last.idx + len(last.text)),
        sentence=sentence.text,
        sentence_span=(sentence.start_char, sentence.end_char),
        attempted=found.modality.attempted,
        negated=found.modality.negated,
        future=found.modality.future,
        confidence=found.confidence,
        intended=found.extra.get("intended"),
    )
