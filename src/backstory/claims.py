"""Claims: who asserts each event, and hedges that weaken it.

An event inside the complement of a speech or claim verb ("the MEK now blames these attacks on
Peykar", "officials said the army shelled the town", "claiming to have played a role in ...")
or in a sentence led by "according to X" is that speaker's claim, not the author's. The cue
words live in data/claims/ (cues.tsv, hedges.tsv); textacy's quotation extraction was not used
because it crashes on unbalanced quotes and misses indirect speech, which is most of news.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from backstory.actors import ActorIndex
from backstory.datafile import rows
from backstory.events import is_passive, subject_of
from backstory.records import AUTHOR, Claim, Event

DATA = Path(__file__).parent / "data" / "claims"
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "parataxis", "advcl")


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, str]        # lemma -> stance
    hedges: dict[str, float]     # word -> confidence factor

    @classmethod
    def load(cls, folder: Path = DATA) -> "Cues":
        return cls(
            verbs={lemma: stance for lemma, stance in rows(folder / "cues.tsv")},
            hedges={word: float(factor) for word, factor in rows(folder / "hedges.tsv")},
        )


def attribute(doc: Doc, events: list[Event], actors: ActorIndex, cues: Cues) -> list[Claim]:
    """Set each event's ``asserted_by`` and hedged confidence; return the document's claims."""
    claims = []
    cue_tokens = [t for t in doc if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in cues.verbs]
    # Innermost first: in "X said Y claimed Z attacked", Z's attack is Y's claim.
    for cue in sorted(cue_tokens, key=lambda t: len(list(t.subtree))):
        claim = _verb_claim(cue, actors, cues)
        if claim is not None:
            claims.append(claim)
    claims.extend(_according_to_claims(doc, actors))
    for claim in claims:
        for event in events:
            if claim.content[0] <= event.span[0] and event.span[1] <= claim.content[1]:
                if event.asserted_by == AUTHOR:
                    event.asserted_by = claim.speaker
                    claim.events.append(event.id)
    _apply_hedges(doc, events, cues)
    return sorted(claims, key=lambda c: c.content)


def _verb_claim(cue: Token, actors: ActorIndex, cues: Cues) -> Claim | None:
    if any(c.dep_ == "neg" for c in cue.children):
        return None  # "did not say": no claim is made
    speaker_token = _speaker(cue)
    speakers = actors.resolve(speaker_token) if speaker_token is not None else []
    if not speakers:
        return None
    content = [t for c in cue.children if c.dep_ in CONTENT_DEPS for t in c.subtree]
    content += [t for c in cue.children if c.dep_ == "prep" and c.lower_ in ("on", "to", "for", "of") for t in c.subtree]
    if not content:
        return None
    start = min(t.idx for t in content)
    end = max(t.idx + len(t.text) for t in content)
    return Claim(speaker=speakers[0], cue=cue.text, content=(start, end), stance=cues.verbs[cue.lemma_.lower()])


def _speaker(cue: Token) -> Token | None:
    if is_passive(cue):
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        return next((o for o in agent.children if o.dep_ == "pobj"), None) if agent is not None else None
    return subject_of(cue)


def _according_to_claims(doc: Doc, actors: ActorIndex) -> list[Claim]:
    """"According to rights groups, ..." makes the whole sentence the named party's claim."""
    claims = []
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        source = next((o for o in doc[token.i + 1].children if o.dep_ == "pobj"), None)
        speakers = actors.resolve(source) if source is not None else []
        if speakers:
            sentence = token.sent
            claims.append(Claim(speaker=speakers[0], cue="according to",
                                content=(sentence.start_char, sentence.end_char), stance="asserts"))
    return claims


def _apply_hedges(doc: Doc, events: list[Event], cues: Cues) -> None:
    for event in events:
        span = doc.char_span(*event.sentence_span, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            factor = cues.hedges.get(token.lower_)
            if factor is not None:
                event.confidence = round(event.confidence * factor, 2)
