"""Framing: where the wording itself takes a side, and the tone toward each actor.

``find_framing`` flags loaded or evaluative language in the body (labels, intensifiers,
emotional appeals, the writer's own judgements, unverifiable generalisations, hedges and scare
quotes) from the word lists in data/framing/ plus rules over the parse: a label or intensifier
is flagged together with the word it modifies, generality adverbs with their verb, vague sources
("many say", "critics argue") only as the subject of a claim or belief verb, and short quoted
phrases that nobody is quoted as saying as scare quotes. Each span names whose wording it is:
the author's, the speaker of the claim it sits in, or "quoted" inside quotation marks.

It also sets each actor's ``tone`` (target-dependent, see tone.py) and sums the body up: the share
of sentences and characters that carry the author's own evaluative language, that report what
others say, and that are plain statements.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span, Token

from backstory.claims import DATA as CLAIMS_DATA
from backstory.claims import Cues
from backstory.datafile import rows
from backstory.records import AUTHOR, Actor, Claim
from backstory.tone import ToneModel

DATA = Path(__file__).parent / "data" / "framing"
LEXICON_FILES = {
    "labeling": "labeling.tsv",
    "intensifier": "intensifiers.tsv",
    "emotional": "emotional.tsv",
    "evaluative": "evaluative.tsv",
    "generalisation": "generalisations.tsv",
    "hedge": "hedges.tsv",
    "scare_quote": "scare_quotes.tsv",
}
# Hedges mark uncertainty, not a judgement: they do not make a sentence the author's evaluation.
EVALUATIVE_KINDS = ("labeling", "intensifier", "emotional", "evaluative", "generalisation", "scare_quote")
QUOTED = "quoted"
MODIFIER_DEPS = ("amod", "compound", "nmod", "advmod", "npadvmod", "predet")
MAX_MODIFIER_REACH = 3           # a flagged modifier takes in its head only when this close after it
SCARE_QUOTE_MAX_WORDS = 4        # longer quoted stretches are quotations, not scare quotes
QUOTE_PAIRS = re.compile(r"“[^“”\n]{1,400}”|\"[^\"\n]{1,400}\"")


@dataclass(frozen=True)
class LoadedSpan:
    start: int
    end: int
    text: str
    kind: str                    # one of LEXICON_FILES' keys
    source: str = AUTHOR         # "author", the id of the actor whose claim it is in, or "quoted"


@dataclass
class Framing:
    loaded: list[LoadedSpan] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


Phrase = tuple[str, ...]


@dataclass(frozen=True)
class FramingLexicon:
    phrases: dict[str, list[tuple[Phrase, str]]]     # first word -> (words, kind), longest first
    neutral: dict[str, list[tuple[Phrase, str]]]     # fixed expressions never flagged
    vague_sources: frozenset[str]
    belief_verbs: frozenset[str]
    quote_verbs: frozenset[str]                      # verbs whose short quoted words are someone's

    @classmethod
    @functools.lru_cache(maxsize=2)
    def load(cls, folder: Path = DATA) -> "FramingLexicon":
        cues = Cues.load(CLAIMS_DATA)  # claims.py's cue verbs and hedge words: one list for both stages
        entries = [(phrase, kind) for kind, name in LEXICON_FILES.items() for phrase in _lines(folder / name)]
        entries += [(word, "hedge") for word in cues.hedges]
        vague = _rows(folder / "vague_sources.tsv")
        return cls(
            phrases=_phrase_table(entries),
            neutral=_phrase_table([(phrase, "neutral") for phrase in _lines(folder / "neutral_terms.tsv")]),
            vague_sources=frozenset(w for w, role in vague if role == "source"),
            belief_verbs=frozenset(w for w, role in vague if role == "verb") | frozenset(cues.verbs),
            quote_verbs=frozenset(_lines(folder / "quote_verbs.tsv")) | frozenset(cues.verbs),
        )


def _rows(path: Path) -> list[list[str]]:
    return [[cell.lower() for cell in row] for row in rows(path)]


def _lines(path: Path) -> list[str]:
    return [row[0] for row in _rows(path)]


def _phrase_table(entries: list[tuple[str, str]]) -> dict[str, list[tuple[Phrase, str]]]:
    # Entries are split by spaCy's own English tokenizer so "so-called" or "cult-like" break into
    # the same tokens as in a parsed body.
    tokenizer = spacy.blank("en").tokenizer
    table: dict[str, list[tuple[Phrase, str]]] = {}
    for text, kind in entries:
        words = tuple(t.lower_ for t in tokenizer(text))
        table.setdefault(words[0], []).append((words, kind))
    for candidates in table.values():
        candidates.sort(key=lambda entry: -len(entry[0]))
    return table


def find_framing(doc: Doc, actors: list[Actor], claims: list[Claim]) -> Framing:
    """Loaded-language spans and the body's summary; sets ``tone`` on every actor with mentions."""
    lexicon = FramingLexicon.load()
    quotations = _quotations(doc)
    spans = _lexicon_spans(doc, lexicon) + _vague_source_spans(doc, lexicon) + _scare_quote_spans(doc, quotations, lexicon)
    spans = _without_overlaps(spans)
    reported = _reported_ranges(claims, quotations)
    text = doc.text  # joined from the tokens on every access: once
    loaded = [LoadedSpan(s, e, text[s:e], kind, _source(s, e, claims, quotations)) for s, e, kind in spans]
    set_actor_tones(doc, actors, ToneModel.load())
    return Framing(loaded=loaded, summary=summarise(doc, loaded, reported))


# ---------------------------------------------------------------------- lexicon matches


def _forms(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


def _phrase_matches(doc: Doc, table: dict[str, list[tuple[Phrase, str]]]) -> list[tuple[int, int, str]]:
    """Token ranges whose words match an entry, word by word, as written or by lemma.

    spaCy's PhraseMatcher compares one attribute (LOWER or LEMMA); lexicon entries need either
    ("thugs" matches "thug", "was said to" matches "be said to"), so this small matcher does both.
    """
    matches = []
    for token in doc:
        candidates = {entry for form in set(_forms(token)) for entry in table.get(form, ())}
        for words, kind in sorted(candidates, key=lambda entry: -len(entry[0])):
            end = token.i + len(words)
            if end <= len(doc) and all(w in _forms(doc[token.i + k]) for k, w in enumerate(words)):
                matches.append((token.i, end, kind))
                break
    return matches


def _lexicon_spans(doc: Doc, lexicon: FramingLexicon) -> list[tuple[int, int, str]]:
    neutral = {i for start, end, _ in _phrase_matches(doc, lexicon.neutral) for i in range(start, end)}
    spans = []
    for start, end, kind in _phrase_matches(doc, lexicon.phrases):
        if neutral.intersection(range(start, end)):
            continue
        token_range = _shape(doc, start, end, kind)
        if token_range is not None:
            first, last = token_range
            spans.append((doc[first].idx, doc[last - 1].idx + len(doc[last - 1]), kind))
    return spans


def _shape(doc: Doc, start: int, end: int, kind: str) -> tuple[int, int] | None:
    """The token range a match flags, or None when the rule for its kind rejects it."""
    last = doc[end - 1]
    if kind == "labeling" and end - start == 1 and last.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None  # "terror" or "regime" as a name for something, not a verb that shares the word
    if kind == "intensifier":
        head = _modified_word(last)
        if head is None or not _intensifiable(last, head):
            return None  # "so" as a conjunction, "really" as a discourse word
        return start, head.i + 1
    if kind in ("labeling", "generalisation", "scare_quote"):
        head = _modified_word(last)
        if head is not None:
            return start, head.i + 1
    return start, end


def _modified_word(token: Token) -> Token | None:
    """The word a modifier bears on, when it follows closely: "fringe group", "even more aggressive"."""
    head = token
    while head.dep_ in MODIFIER_DEPS and head.head.i > head.i and head.head.i - token.i <= MAX_MODIFIER_REACH:
        head = head.head
    return head if head is not token else None


def _intensifiable(intensifier: Token, head: Token) -> bool:
    if head.pos_ in ("ADJ", "ADV") or head.tag_ in ("VBN", "JJR", "RBR"):
        return True
    # "utterly reject", "deeply regret": manner adverbs in -ly intensify verbs too; "so" does not.
    return head.pos_ == "VERB" and intensifier.lower_.endswith("ly")


def _vague_source_spans(doc: Doc, lexicon: FramingLexicon) -> list[tuple[int, int, str]]:
    """"Many say", "critics argue", "some people believe": statements given no checkable source."""
    spans = []
    for token in doc:
        verb = token.head
        if token.dep_ != "nsubj" or verb.i < token.i or verb.lemma_.lower() not in lexicon.belief_verbs:
            continue
        if token.lower_ not in lexicon.vague_sources and token.lemma_.lower() not in lexicon.vague_sources:
            continue
        if any(t.pos_ == "PROPN" for t in token.subtree):
            continue  # "many in the Labour Party say" names whom it means
        start = min(t.i for t in token.subtree)
        spans.append((doc[start].idx, verb.idx + len(verb), "generalisation"))
    return spans


# ---------------------------------------------------------------------- quotations


def _quotations(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of quoted stretches, quote marks included."""
    return [(m.start(), m.end()) for m in QUOTE_PAIRS.finditer(doc.text)]


def _scare_quote_spans(doc: Doc, quotations: list[tuple[int, int]],
                       lexicon: FramingLexicon) -> list[tuple[int, int, str]]:
    """A short quoted phrase in the writer's own sentence, with nobody reported as saying it."""
    spans = []
    for start, end in quotations:
        inner = doc.char_span(start + 1, end - 1, alignment_mode="expand")
        if inner is None:
            continue
        words = [t for t in inner if not t.is_punct]
        if not words or len(words) > SCARE_QUOTE_MAX_WORDS or inner[-1].is_punct:
            continue  # a quoted remark ends in its own punctuation: "We will stay."
        if _in_reported_speech(doc, inner, lexicon.quote_verbs):
            continue
        spans.append((start, end, "scare_quote"))
    return spans


def _in_reported_speech(doc: Doc, inner: Span, quote_verbs: frozenset[str]) -> bool:
    """Quoted words that someone is reported as saying: a partial quote governed by a speech verb
    ("said the deal was "an important step"", "rejected the report as "biased""), or words after a
    colon or heading their sentence. Other short quotes are the writer's scare quotes."""
    before = [t for t in doc[inner.sent.start:inner.start] if not t.is_space and t.text not in "“\""]
    if not before or before[-1].text == ":":
        return True
    return any(a.lemma_.lower() in quote_verbs for a in inner.root.ancestors)


def _source(start: int, end: int, claims: list[Claim], quotations: list[tuple[int, int]]) -> str:
    """Whose wording a span is: inside quotation marks it is quoted, inside a claim the claimant's."""
    if any(q_start < start and end < q_end for q_start, q_end in quotations):
        return QUOTED
    containing = [c for c in claims if c.speaker != AUTHOR and c.content[0] <= start and end <= c.content[1]]
    if containing:
        return min(containing, key=lambda c: c.content[1] - c.content[0]).speaker
    return AUTHOR


def _reported_ranges(claims: list[Claim], quotations: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [c.content for c in claims if c.speaker != AUTHOR] + quotations


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest spans first; a span inside or across one already kept is dropped."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= k[0] or k[1] <= span[0] for k in kept):
            kept.append(span)
    return sorted(kept)


# ---------------------------------------------------------------------- summary and tone


def summarise(doc: Doc, loaded: list[LoadedSpan], reported: list[tuple[int, int]]) -> dict:
    """Shares of sentences and characters that are the author's evaluation, reported, or plain."""
    sentences: Counter[str] = Counter()
    characters: Counter[str] = Counter()
    for sentence in doc.sents:
        text = sentence.text.strip()
        if not text:
            continue
        kind = _sentence_kind(sentence, loaded, reported)
        sentences[kind] += 1
        characters[kind] += len(text)
    n_sentences, n_characters = sum(sentences.values()), sum(characters.values())
    summary = {"sentences": n_sentences, "characters": n_characters}
    for kind in ("evaluative", "reported", "factual"):
        summary[kind] = {
            "sentences": round(sentences[kind] / n_sentences, 3) if n_sentences else 0.0,
            "characters": round(characters[kind] / n_characters, 3) if n_characters else 0.0,
        }
    summary["kinds"] = dict(Counter(span.kind for span in loaded))
    return summary


def _sentence_kind(sentence: Span, loaded: list[LoadedSpan], reported: list[tuple[int, int]]) -> str:
    start, end = sentence.start_char, sentence.end_char
    if any(start <= s.start < end and s.source == AUTHOR and s.kind in EVALUATIVE_KINDS for s in loaded):
        return "evaluative"
    covered = sum(max(0, min(end, r_end) - max(start, r_start)) for r_start, r_end in reported)
    return "reported" if covered * 2 >= end - start else "factual"


def set_actor_tones(doc: Doc, actors: list[Actor], model: ToneModel) -> None:
    """Each actor's tone: the mean of the model's tone toward each of its mentions in its sentence."""
    for actor in actors:
        tones = []
        for start, end in actor.mentions:
            mention = doc.char_span(start, end, alignment_mode="expand")
            if mention is not None:
                tones.append(model.tone(mention.sent, mention))
        actor.tone = round(sum(tones) / len(tones), 3) if tones else None
