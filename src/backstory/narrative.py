"""Narrative time: date each event by when it happened, not when it was reported.

``date_events(doc, events, timexes, published)`` sets ``event.date`` (an EventDate) for every
event, trying in order:

1. a stretch before something the text dates ("in the years leading up to the 1979
   revolution": an interval ending in 1979);
2. a time expression of the event's own clause (attached to the trigger's clause in the parse,
   or inside a nominal trigger: "the 1986 bombing") -> basis "explicit"; anaphoric ones ("two
   years later", "the next day") were resolved against the narrative -> basis "narrative";
3. present tense ("now blames", "says", "has criticised") or a present cue in the clause
   ("now", "currently") -> publication time; future ("will visit") -> after publication;
4. the only date in the sentence, when there is just one and it is not about something else
   (a noun's date: "replaces the 1991 agreement"; a report's date: "said on Monday that...");
5. the narrative's current time: the last date of the previous sentences, within a section
   (a heading resets it); "then"/"later"/"previously" and the past perfect place the event at,
   after or before it -> basis "narrative";
6. otherwise no date (basis "none"). Never the publication date for a past event.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from backstory.records import Event, EventDate, Timex
from backstory.timexes import (
    SIGNAL_BEFORE,
    clause_verb,
    heading_spans,
    is_anaphoric,
    parse_published,
    section_of,
    tense_direction,
)

CUES = json.loads((Path(__file__).parent / "data" / "time" / "narrative.json").read_text(encoding="utf-8"))
REPORTING_VERBS = set(CUES["reporting_verbs"])
# Dependencies that start a clause of their own: a date inside one belongs to that clause.
CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass", "pcomp"}
# A date that modifies a noun through these dates the noun ("the 1991 agreement", "Monday's email").
# Not npadvmod: a bare time phrase ("recalled its ambassador the following day") is the clause's,
# even where the parser hangs it on the nearest noun.
NOUN_MODIFIER_DEPS = {"nummod", "compound", "amod", "nmod", "poss", "appos"}
POINT_PRECISIONS = {"day", "month", "year", "decade"}
MODALS_AND_FUTURE = {"will", "shall", "'ll", "wo", "would", "should", "could", "may", "might", "must", "can", "ca"}


def _phrases(words: list[str]) -> re.Pattern:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + r")\b", re.IGNORECASE)


PRESENT_CUES = _phrases(CUES["present_cues"])
SAME_TIME_CUES = _phrases(CUES["same_time_cues"])
AFTER_CUES = _phrases(CUES["after_cues"])
BEFORE_CUES = _phrases(CUES["before_cues"])
LEADUP = re.compile(
    r"\b(?:in|during|over|throughout)\s+the\s+(?:\w+\s+)?(?:" + "|".join(map(re.escape, CUES["leadup"]["stretches"]))
    + r")\s+(?:" + "|".join(re.escape(link).replace(r"\ ", r"\s+") for link in CUES["leadup"]["links"]) + r")\s+",
    re.IGNORECASE)


@dataclass
class DatedTimex:
    """A time expression with what it dates in the parse."""

    timex: Timex
    root: Token
    clause: Token | None             # head of the clause it belongs to, None when it dates a noun
    noun: Token | None               # the noun it dates ("agreement" in "the 1991 agreement")

    @property
    def usable(self) -> bool:
        """Dates something: a DATE/TIME with a value and interval, or a duration anchored in time
        ("a few days later" has no value but starts at a known date)."""
        t = self.timex
        if t.value is None:
            return t.begin is not None or t.end_date is not None
        if t.type in ("DATE", "TIME"):
            return True
        return t.type == "DURATION" and t.begin is not None and t.end_date is not None

    @property
    def in_noun_clause(self) -> bool:
        """In a clause describing a noun ("Marib, where the Houthis launched an offensive in 2021")."""
        return self.clause is not None and self.clause.dep_ in ("relcl", "acl")

    @property
    def dates_a_clause(self) -> bool:
        """Dates a clause, or the subject of a past-tense clause ("the 1979 revolution toppled the shah"),
        rather than an object or other noun ("replaces the 1991 agreement")."""
        if self.noun is None:
            return True
        verb = self.noun.head
        return self.noun.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX") and tense_direction(verb) == "past"

    @property
    def sets_narrative(self) -> bool:
        """Can be the narrative's current time: a resolved calendar period that dates a main clause, not
        "since 1997", "recently", "the 1991 agreement" or a description of a place or thing."""
        t = self.timex
        if not self.usable or not self.dates_a_clause or self.in_noun_clause or t.type == "DURATION" \
                or (t.value or "").endswith("_REF"):
            return False
        if t.precision in POINT_PRECISIONS:
            return True
        return t.precision == "interval" and t.begin is not None and t.end_date is not None


# ---------------------------------------------------------------------------------------
# The parse


def clause_head(token: Token) -> Token:
    """The verb heading the clause ``token`` is in (the sentence root if none)."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in ("VERB", "AUX") and (candidate.dep_ in CLAUSE_DEPS or candidate.head == candidate):
            return candidate
    return token.sent.root


def _attachment(token: Token) -> tuple[Token | None, Token | None]:
    """(clause head, dated noun) for a time expression's root: through prepositions up to a verb or a noun."""
    if token.dep_ in NOUN_MODIFIER_DEPS and token.head.pos_ in ("NOUN", "PROPN") and token.head != token:
        return None, token.head
    if token.dep_ == "npadvmod":
        return clause_head(token.head), None
    head = token
    while head.dep_ in ("pobj", "pcomp", "prep") and head.head != head:
        head = head.head
    if head != token and head.pos_ in ("NOUN", "PROPN"):
        return None, head
    return clause_head(token), None


def dated_timexes(doc: Doc, timexes: list[Timex]) -> list[DatedTimex]:
    dated = []
    for timex in timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        clause, noun = _attachment(span.root)
        dated.append(DatedTimex(timex, span.root, clause, noun))
    return dated


def trigger_token(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.span[0], event.span[1], alignment_mode="expand")
    return span.root if span is not None else None


def _in_subtree(token: Token, head: Token) -> bool:
    return head.left_edge.i <= token.i <= head.right_edge.i and (token == head or head in token.ancestors)


def is_present(trigger: Token) -> bool:
    """A present-tense verb ("says", "blames"), present perfect ("has criticised") or progressive ("is
    blaming"); modals and the future are not present."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return False      # a noun's tense is its clause's: "now blames the government for the attack"
    verb = clause_verb(trigger)
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in MODALS_AND_FUTURE or a.tag_ == "MD" for a in auxiliaries):
        return False
    if auxiliaries:
        return auxiliaries[0].tag_ in ("VBZ", "VBP")
    return verb.tag_ in ("VBZ", "VBP")


def _will(trigger: Token) -> bool:
    """A finite future ("will visit", "is going to visit"), not an infinitive under a past verb."""
    verb = clause_verb(trigger)
    return verb is not None and tense_direction(verb) == "future" and not any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def is_past_perfect(trigger: Token) -> bool:
    verb = clause_verb(trigger)
    return verb is not None and any(c.lower_ in ("had", "'d") and c.dep_ == "aux" for c in verb.children)


def _clause_cue(sentence: Span, trigger: Token, pattern: re.Pattern, timexes: list[DatedTimex]) -> str | None:
    """A cue phrase in the trigger's own clause, outside time expressions ("later" in "two years later" is not one)."""
    head = clause_head(trigger)
    for m in pattern.finditer(sentence.text):
        start, end = sentence.start_char + m.start(), sentence.start_char + m.end()
        if any(d.timex.start < end and start < d.timex.end for d in timexes):
            continue
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and clause_head(span.root) == head:
            return m.group(0)
    return None


# ---------------------------------------------------------------------------------------
# EventDates


def _from_timex(timex: Timex, basis: str, text: str | None = None) -> EventDate:
    return EventDate(timex.begin, timex.end_date, timex.precision, text or timex.text, basis)


def _with_signal(doc_text: str, timex: Timex) -> str:
    """The expression with its signal word ("since 1997"), which the interval came from."""
    m = SIGNAL_BEFORE.search(doc_text, max(0, timex.start - 12), timex.start)
    return doc_text[m.start():timex.end] if m else timex.text


def _explicit(item: DatedTimex, doc_text: str) -> EventDate:
    timex = item.timex
    if timex.value == "PRESENT_REF":
        return EventDate(timex.begin, timex.end_date, "day", timex.text, "publication")
    basis = "narrative" if is_anaphoric(timex) else "explicit"
    return _from_timex(timex, basis, _with_signal(doc_text, timex))


def _relative_to(current: Timex, relation: str, cue: str) -> EventDate:
    """An event at, after or before the narrative's current time."""
    if relation == "after":
        return EventDate(current.begin, None, "interval", f"{cue} ({current.text})", "narrative")
    if relation == "before":
        return EventDate(None, current.begin, "interval", f"{cue} ({current.text})", "narrative")
    return _from_timex(current, "narrative")


# ---------------------------------------------------------------------------------------
# Steps


def is_nominal(trigger: Token) -> bool:
    """A noun trigger that is not its verb's object: a mention of an event ("victims of the bombing",
    "since the attack") that often points back to one told earlier, so the clause's time is not its own.
    An object is what its verb does ("staged a march", "granted asylum", "attempted a kidnapping ...
    and an assassination", "carried out a host of bombings") and shares the verb's time, and so does
    a noun that introduces a new event ("as part of an agreement between Tehran and Paris"); but
    what is blamed or condemned ("blames these attacks on") was told before."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    head = _coordination_head(trigger)
    if head.dep_ in ("dobj", "attr"):
        return _refers_back(trigger)
    return not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trigger.children)


def _refers_back(trigger: Token) -> bool:
    """An event named as what someone blames, condemns or denies: one told before."""
    head = _coordination_head(trigger)
    return trigger.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj" \
        and head.head.lemma_ in CUES["back_reference_verbs"]


def _coordination_head(token: Token) -> Token:
    """The phrase a noun stands in for its verb: its first conjunct, through "a host of" / "a series of"."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN" \
            and any(c.dep_ == "det" for c in token.head.head.children):
        return _coordination_head(token.head.head)
    return token


def own_clause_timex(trigger: Token, candidates: list[DatedTimex]) -> DatedTimex | None:
    """A date inside the trigger's phrase ("the 1986 bombing", "the attack on Friday"), or, for a verb
    or an object, a date of its clause; a clause without one shares the date of the clause it is
    coordinated with ("declared a truce in 2008 and handed over its weapons")."""
    own = [c for c in candidates if _in_subtree(c.root, trigger)] if trigger.pos_ in ("NOUN", "PROPN") else []
    head = clause_head(trigger)
    if not own and head.dep_ in ("relcl", "acl"):     # "July 11, 2021, when thousands took to the streets"
        own = [c for c in candidates if c.timex.start <= head.head.idx < c.timex.end]
    while not own and not is_nominal(trigger):
        own = [c for c in candidates if c.noun is None and c.clause == head]
        if head.dep_ != "conj" or head.head == head:
            break
        head = clause_head(head.head)
    return min(own, key=lambda c: abs(c.root.i - trigger.i)) if own else None


def reports_trigger(item: DatedTimex, trigger: Token) -> bool:
    """The date is a report's ("said on Monday") and the event is what is reported."""
    reporter = item.clause
    return reporter is not None and reporter.lemma_ in REPORTING_VERBS and reporter in trigger.ancestors


def sentence_timex(trigger: Token, candidates: list[DatedTimex]) -> DatedTimex | None:
    """The sentence's date when there is only one and it can be the event's.

    Not when it dates a noun that is not the clause's subject ("replaces the 1991 agreement") or a
    clause describing a noun ("the city, besieged since 2015"), a report of the event ("said on
    Monday that the group had attacked"), or when the event is in the past perfect, which puts it
    before that date.
    """
    if len(candidates) != 1 or is_past_perfect(trigger):
        return None
    only = candidates[0]
    if not only.dates_a_clause or reports_trigger(only, trigger):
        return None
    if only.in_noun_clause and only.clause != trigger and only.clause not in trigger.ancestors:
        return None
    return only


def report_bound(trigger: Token, candidates: list[DatedTimex]) -> EventDate | None:
    """What a dated report tells ("said on Sunday that aircraft had been seen") happened by then."""
    reports = [c for c in candidates if reports_trigger(c, trigger) and c.timex.end_date]
    if len(reports) != 1:
        return None
    timex = reports[0].timex
    return EventDate(None, timex.end_date, "interval", f"{reports[0].clause.text} {timex.text}", "explicit")


def leadup_interval(doc: Doc, trigger: Token, sentence: Span, dated: list[DatedTimex],
                    countries: Sequence[str] = ()) -> EventDate | None:
    """"in the years leading up to the 1979 revolution": the stretch ending at what the phrase names.

    The end is a date inside that phrase, else a date given earlier in the text to the same noun
    ("the revolution of 1979 ... in the years before the revolution"), else a well-known period of
    one of the article's countries (``known_period``); without one, None.
    """
    for m in LEADUP.finditer(sentence.text):
        start = sentence.start_char + m.start()
        target_start = sentence.start_char + m.end()
        opener = doc.char_span(start, start + 2, alignment_mode="expand")
        target = doc.char_span(target_start, target_start + 1, alignment_mode="expand")
        scope = clause_head(opener.root) if opener is not None else None
        if target is None or scope is None or (scope != clause_head(trigger) and scope not in trigger.ancestors):
            continue  # the phrase covers its own clause and the clauses under it
        noun = _phrase_head(target.root, target_start)
        if trigger.i >= noun.left_edge.i and trigger.i <= noun.right_edge.i:
            continue                     # the trigger is the thing led up to
        phrase = doc.text[start:noun.right_edge.idx + len(noun.right_edge.text)]
        inside = [d for d in dated if d.usable and noun.left_edge.i <= d.root.i <= noun.right_edge.i]
        if inside:
            return EventDate(None, inside[0].timex.begin, "interval", phrase, "explicit")
        earlier = [d for d in dated if d.usable and d.noun is not None and d.noun.lemma_ == noun.lemma_
                   and d.timex.end <= start]
        if earlier:
            return EventDate(None, earlier[-1].timex.begin, "interval", phrase, "narrative")
        known = known_period(noun, countries)
        if known is not None:
            return EventDate(None, known.end, "interval", f"{phrase} ({known.name}, {known.end})", "narrative")
        return None
    return None


@dataclass(frozen=True)
class Period:
    head: str
    words: tuple[str, ...]
    country: str | None
    start: str
    end: str
    name: str


def _read_periods() -> tuple[Period, ...]:
    rows = []
    with (Path(__file__).parent / "data" / "time" / "periods.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                head, words, country, start, end, name = line.rstrip("\n").split("\t")
                rows.append(Period(head, tuple(words.split()) if words != "-" else (), None if country == "-" else country,
                                   start, end, name))
    return tuple(rows)


PERIODS = _read_periods()


def known_period(noun: Token, countries: Sequence[str]) -> Period | None:
    """A well-known period the text names without dating it (data/time/periods.tsv): "the
    revolution" in an article about Iran, "the Gulf war"."""
    words = {t.lower_ for t in noun.subtree if t.i <= noun.i}
    for period in PERIODS:
        if period.head != noun.lemma_.lower() or not all(w in words for w in period.words):
            continue
        if period.country is None or period.country in countries:
            return period
    return None


def _phrase_head(token: Token, start: int) -> Token:
    """The head noun of the phrase starting at ``start``: climb while the head stays in that phrase."""
    while token.head != token and token.head.idx >= start:
        token = token.head
    return token


def narrative_time(dated: list[DatedTimex], sentence_start: int, section: int,
                   headings: list[tuple[int, int]]) -> Timex | None:
    """The narrative's current time before a sentence: the last date of the section's earlier sentences."""
    current = None
    for item in dated:
        if item.timex.end > sentence_start:
            break
        if item.sets_narrative and section_of(item.timex.start, headings) == section \
                and not any(s <= item.timex.start < e for s, e in headings):
            current = item.timex
    return current


def date_event(doc: Doc, doc_text: str, event: Event, dated: list[DatedTimex], published: str | None,
               headings: list[tuple[int, int]], countries: Sequence[str] = ()) -> EventDate:
    trigger = trigger_token(doc, event)
    s_start, s_end = event.sentence_span
    sentence = doc.char_span(s_start, s_end, alignment_mode="expand")
    if trigger is None or sentence is None:
        return EventDate()
    in_sentence = [d for d in dated if s_start <= d.timex.start < s_end and d.usable]

    leadup = leadup_interval(doc, trigger, sentence, dated, countries)
    if leadup is not None:
        return leadup
    own = own_clause_timex(trigger, in_sentence)
    if own is not None:
        return _explicit(own, doc_text)
    if _refers_back(trigger):
        return EventDate()  # "now blames these attacks on": the attacks were told before, not now
    day = parse_published(published)
    present_cue = _clause_cue(sentence, trigger, PRESENT_CUES, [])
    # "now" with a past verb is the narrative's now ("the MEK now joined the Iraqi government").
    if is_present(trigger) or (present_cue and tense_direction(trigger) != "past"):
        if day is None:
            return EventDate()    # at publication, which is unknown: the story's past says nothing about it
        return EventDate(day.isoformat(), day.isoformat(), "day", present_cue, "publication")
    # The events stage decides what is future (auxiliaries, "plans to", "vowed to"); an infinitive
    # under a past verb ("went so far as to assault") is not.
    if event.future or _will(trigger):
        return EventDate(day.isoformat(), None, "interval", None, "publication") if day else EventDate()
    if is_nominal(trigger):
        return EventDate()
    only = sentence_timex(trigger, in_sentence)
    if only is not None:
        return _explicit(only, doc_text)
    bound = report_bound(trigger, in_sentence)
    if bound is not None:
        return bound
    current = narrative_time(dated, s_start, section_of(event.span[0], headings), headings)
    if current is None:
        return EventDate()
    for relation, cues in (("after", AFTER_CUES), ("before", BEFORE_CUES), ("same", SAME_TIME_CUES)):
        cue = _clause_cue(sentence, trigger, cues, in_sentence)
        if cue:
            return _relative_to(current, relation, cue)
    if is_past_perfect(trigger):
        return _relative_to(current, "before", "had")
    return _from_timex(current, "narrative")


def date_events(doc: Doc, events: list[Event], timexes: list[Timex], published: str | None,
                countries: Sequence[str] = ()) -> None:
    """Set ``event.date`` for every event (see the module docstring for the order of rules).
    ``countries`` are the ones the article mentions, for periods it names without dating."""
    text = doc.text
    dated = dated_timexes(doc, sorted(timexes, key=lambda t: t.start))
    headings = heading_spans(text)
    for event in events:
        event.date = date_event(doc, text, event, dated, published, headings, countries)
