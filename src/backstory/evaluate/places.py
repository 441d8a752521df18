"""Score place mentions against MEANTIME's gold locations (``backstory eval places FILE.jsonl``).

Detection: a predicted mention and a gold location match when their spans overlap; precision is over
predicted mentions, recall over gold ones, both only inside ``text[:annotated_end]`` (the part the
annotators covered). MEANTIME annotates nationality and regional adjectives ("American",
"European"), pronouns and "the government" as locations too, while find_places deliberately reports
only place names, so recall is also given by kind of gold mention.

Country: for gold locations whose DBpedia link names a place the gazetteer can put in a country
(".../resource/Paris" -> FRA, ".../Victoria_(Australia)" -> AUS), the share of matched predictions
resolved to that country.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote

from spacy.tokens import Doc

from backstory.evaluate import overlaps, read_gold
from backstory.gazetteer import Gazetteer, name_key
from backstory.nlp import load_model
from backstory.places import find_places
from backstory.records import PlaceMention

KINDS = ("name", "adjective", "other")
EXAMPLES = 8                      # errors of each sort kept in the result for the report


def score_places(path: str | Path, limit: int | None = None) -> dict:
    """Detection precision/recall and country accuracy of ``find_places`` on a MEANTIME JSONL file."""
    nlp = load_model()
    gaz = Gazetteer.load()
    counts: Counter[str] = Counter()
    errors: dict[str, list[str]] = {"spurious": [], "missed_names": [], "wrong_country": []}
    for record in read_gold(path, limit):
        end = record["annotated_end"]
        doc = nlp(record["text"])
        predicted = [m for m in find_places(doc) if m.start < end]
        gold = [g for g in record["locations"] if g["start"] < end]
        counts["documents"] += 1
        _score_detection(doc, predicted, gold, gaz, counts, errors)
        _score_countries(predicted, gold, gaz, counts, errors)
    return _summary(counts, errors)


def _gold_kind(doc: Doc, gold: dict, gaz: Gazetteer) -> str:
    """ "name" for a proper name ("the United States"), "adjective" for a nationality or regional
    adjective ("American", "North American"), else "other" (pronouns, "the government", "the world")."""
    text = gold["text"]
    if gaz.country_name(text):                     # "US" is a demonym too, but here a name
        return "name"
    words = doc.char_span(gold["start"], gold["end"], alignment_mode="expand")
    if gaz.demonym_country(text) or (words and all(t.pos_ == "ADJ" or t.ent_type_ == "NORP" for t in words)):
        return "adjective"
    key = name_key(text)
    return "name" if key[:1].isupper() and not any(t.pos_ == "PRON" for t in words or ()) else "other"


def _score_detection(doc: Doc, predicted: Sequence[PlaceMention], gold: Sequence[dict], gaz: Gazetteer,
                     counts: Counter[str], errors: dict[str, list[str]]) -> None:
    counts["predicted"] += len(predicted)
    for mention in predicted:
        if any(overlaps(mention.start, mention.end, g["start"], g["end"]) for g in gold):
            counts["predicted_matched"] += 1
        else:
            errors["spurious"].append(mention.text)
    for g in gold:
        kind = _gold_kind(doc, g, gaz)
        found = any(overlaps(m.start, m.end, g["start"], g["end"]) for m in predicted)
        counts[f"gold_{kind}"] += 1
        counts[f"found_{kind}"] += found
        if kind == "name" and not found:
            errors["missed_names"].append(g["text"])


def gold_country(uri: str | None, gaz: Gazetteer) -> str | None:
    """The country of the place a DBpedia resource names, where the gazetteer can tell."""
    if not uri:
        return None
    name = unquote(uri.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ")
    if name.endswith(")") and " (" in name:   # "Victoria (Australia)": the qualifier disambiguates
        head, qualifier = name[:-1].split(" (", 1)
        name = f"{head}, {qualifier}"
    place = gaz.resolve(name)
    return place.country if place is not None else gaz.country_code(name)


def _score_countries(predicted: Sequence[PlaceMention], gold: Sequence[dict], gaz: Gazetteer,
                     counts: Counter[str], errors: dict[str, list[str]]) -> None:
    for g in gold:
        if g.get("external_ref"):
            counts["gold_linked"] += 1
        country = gold_country(g.get("external_ref"), gaz)
        if country is None:
            continue
        counts["gold_with_country"] += 1
        matched = [m for m in predicted if overlaps(m.start, m.end, g["start"], g["end"])]
        if not matched:
            continue
        counts["country_scored"] += 1
        if matched[0].place.country == country:
            counts["country_correct"] += 1
        else:
            errors["wrong_country"].append(f"{g['text']}: {matched[0].place.country} for {country}")


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def _summary(counts: Counter[str], errors: dict[str, list[str]]) -> dict:
    gold = sum(counts[f"gold_{k}"] for k in KINDS)
    found = sum(counts[f"found_{k}"] for k in KINDS)
    precision = _ratio(counts["predicted_matched"], counts["predicted"])
    recall = _ratio(found, gold)
    return {
        "documents": counts["documents"],
        "gold": gold,
        "predicted": counts["predicted"],
        "precision": precision,
        "recall": recall,
        "f1": round(2 * precision * recall / (precision + recall), 3) if precision and recall else None,
        "recall_by_kind": {
            k: {"found": counts[f"found_{k}"], "gold": counts[f"gold_{k}"],
                "recall": _ratio(counts[f"found_{k}"], counts[f"gold_{k}"])}
            for k in KINDS
        },
        "country": {
            "gold_linked": counts["gold_linked"],
            "gold_with_country": counts["gold_with_country"],
            "scored": counts["country_scored"],
            "correct": counts["country_correct"],
            "accuracy": _ratio(counts["country_correct"], counts["country_scored"]),
        },
        "errors": {kind: found_errors[:EXAMPLES] for kind, found_errors in errors.items()},
        "error_counts": {kind: len(found_errors) for kind, found_errors in errors.items()},
    }


def _report(result: dict) -> str:
    lines = [
        f"places: {result['documents']} documents, {result['gold']} gold locations, "
        f"{result['predicted']} predicted mentions (inside the annotated part)",
        f"  detection  precision {result['precision']}  recall {result['recall']}  F1 {result['f1']}",
    ]
    for kind, r in result["recall_by_kind"].items():
        lines.append(f"  recall of {kind:9s} {r['recall']}  ({r['found']}/{r['gold']})")
    c = result["country"]
    lines.append(
        f"  country accuracy {c['accuracy']}  ({c['correct']}/{c['scored']} matched; "
        f"{c['gold_with_country']} of {c['gold_linked']} linked gold locations have a country)"
    )
    for kind, examples in result["errors"].items():
        if examples:
            lines.append(f"  {kind} ({result['error_counts'][kind]}): " + "; ".join(examples))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="backstory eval places", description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="MEANTIME JSONL (e.g. ../shared/eval/meantime/meantime-dev.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    args = parser.parse_args(argv)
    print(_report(score_places(args.gold, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
