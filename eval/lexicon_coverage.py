"""How much of a gold set's trigger vocabulary the PLOVER lexicon knows.

Usage: python eval/lexicon_coverage.py [GOLD.jsonl] [--misses]

For each gold sentence (PLOVER GSR format: ``text``, ``event``, ``event_text``) the words of
``event_text`` are found in the parsed sentence and looked up by lemma (and compound + head for
nouns) in ``src/backstory/data/plover``. Reported:

- typed: the gold type is among the types the lexicon gives the trigger lemmas;
- with modality: as typed, plus the PLOVER rules the coder applies on top of the lexicon: a
  cooperative act marked future is AGREE, a hostile one THREATEN, a negated cooperative act
  ("will not accept") REJECT, and an act someone "must" or "should" do REQUEST. This estimates
  what the coder can reach, not what it does;
- known tokens: share of content-word trigger tokens whose lemma is in any lexicon file;
- the trigger lemmas the lexicon does not know, most frequent first.

It reads the TSV files directly so that it measures the data, whatever the loader does.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from backstory.nlp import load_model

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "backstory" / "data" / "plover"
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "plover-gsr.jsonl"

COOPERATIVE = {"SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"}
HOSTILE = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "REJECT"}
OBLIGATION = {"must", "should"}


def tsv_rows(name: str):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def load_lexicon() -> dict:
    verbs, nouns = collections.defaultdict(set), collections.defaultdict(set)
    for lemma, _particle, type_, *_ in tsv_rows("verbs.tsv"):
        verbs[lemma].add(type_)
    for lemma, type_, *_ in tsv_rows("nouns.tsv"):
        nouns[lemma].add(type_)
    light = {row[0]: row[2] for row in tsv_rows("light_verbs.tsv")}
    modifiers = {row[0]: row[1] for row in tsv_rows("modifiers.tsv")}
    return {"verbs": verbs, "nouns": nouns, "light": light, "modifiers": modifiers}


def trigger_tokens(doc, event_text: str):
    words = set(event_text.replace("...", " ").lower().split())
    return [t for t in doc if t.lower_ in words and not t.is_stop and not t.is_punct]


def token_types(token, lex) -> set[str]:
    lemma = token.lemma_.lower()
    compounds = [c.lemma_.lower() for c in token.children if c.dep_ == "compound"]
    multi = " ".join(compounds + [lemma])
    return lex["verbs"].get(lemma, set()) | lex["nouns"].get(lemma, set()) | lex["nouns"].get(multi, set())


def is_known(token, lex) -> bool:
    lemma = token.lemma_.lower()
    return bool(token_types(token, lex)) or lemma in lex["light"] or lemma in lex["modifiers"]


def modality_types(doc, found: set[str], lex) -> set[str]:
    """The types PLOVER's modality rules would add on top of the lexicon's."""
    lemmas = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
    future = any(lex["modifiers"].get(w) == "future" or lex["light"].get(w) == "future" for w in lemmas)
    negated = any(lex["modifiers"].get(w) == "negated" for w in lemmas)
    extra = set()
    if negated and found & COOPERATIVE:
        extra.add("REJECT")
    if future and found & COOPERATIVE:
        extra.add("AGREE")
    if future and found & HOSTILE:
        extra.add("THREATEN")
    if lemmas & OBLIGATION and found:
        extra.add("REQUEST")
    return extra


def measure(gold_path: Path, show_misses: bool = False) -> dict:
    lex = load_lexicon()
    nlp = load_model()
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    per_type, typed_hits, modal_hits = collections.Counter(), collections.Counter(), collections.Counter()
    missing = collections.Counter()
    known = total = 0
    for record in gold:
        doc = nlp(record["text"])
        triggers = trigger_tokens(doc, record["event_text"] or "")
        found = set().union(*(token_types(t, lex) for t in triggers)) if triggers else set()
        for token in triggers:
            total += 1
            if is_known(token, lex):
                known += 1
            else:
                missing[token.lemma_.lower()] += 1
        gold_type = record["event"]
        per_type[gold_type] += 1
        typed_hits[gold_type] += gold_type in found
        with_modality = found | modality_types(doc, found, lex)
        modal_hits[gold_type] += gold_type in with_modality
        if show_misses and gold_type not in with_modality:
            print(f"MISS {gold_type:9s} {record['event_text']!r} -> {sorted(found)}")
    n = len(gold)
    return {
        "sentences": n,
        "typed": sum(typed_hits.values()) / n,
        "with_modality": sum(modal_hits.values()) / n,
        "known_tokens": known / total if total else 0.0,
        "per_type": {t: (typed_hits[t], modal_hits[t], per_type[t]) for t in per_type},
        "missing": missing.most_common(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--misses", action="store_true", help="list sentences whose gold type is not reached")
    args = parser.parse_args(argv)
    result = measure(args.gold, args.misses)
    print(f"{result['sentences']} sentences; gold type reached by trigger lemmas: {result['typed']:.3f}, "
          f"with modality rules: {result['with_modality']:.3f}; "
          f"trigger tokens known: {result['known_tokens']:.3f}")
    for type_, (typed, modal, count) in sorted(result["per_type"].items()):
        print(f"  {type_:10s} typed {typed:3d}  with modality {modal:3d}  of {count:3d}")
    print("unknown trigger lemmas:", ", ".join(f"{w} {c}" for w, c in result["missing"][:60]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
