"""Score time expressions against MEANTIME's gold TIMEX3 (``backstory eval time FILE.jsonl``).

Each document is parsed with the spaCy model and run through ``find_timexes`` with its
publication date (``dct``). Only ``text[:annotated_end]`` was annotated, so only predictions
starting there count. The dateline's CREATION_TIME timex is the publication date itself: it is
left out of the span and value figures and scored on its own (is the dateline read as ``dct``?).

- Span: precision, recall and F1, strict (same offsets) and relaxed (overlap; each gold and
  predicted timex used once, largest overlap first).
- Value: accuracy of the TIMEX3 value over relaxed matches, and over strict matches.
- By gold type (DATE, TIME, DURATION, SET): relaxed recall and value accuracy.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from backstory.evaluate import overlaps, read_gold
from backstory.nlp import load_model
from backstory.records import Timex
from backstory.timexes import find_timexes

EXAMPLES = 40                     # errors of each sort kept in the result for the report


def score_time(path: str | Path, limit: int | None = None) -> dict:
    """Span F1 (strict and relaxed), value accuracy and per-type figures of ``find_timexes``."""
    nlp = load_model()
    counts: Counter[str] = Counter()
    errors: dict[str, list[str]] = {"wrong_value": [], "missed": [], "spurious": []}
    for record in read_gold(path, limit):
        counts["documents"] += 1
        text, end = record["text"], record["annotated_end"]
        dateline = _dateline_span(record)
        predicted = [t for t in find_timexes(nlp(text), record["dct"]) if t.start < end]
        _score_dateline(predicted, dateline, record["dct"], counts)
        predicted = [t for t in predicted if not overlaps(t.start, t.end, *dateline)]
        gold = [g for g in record["timex"] if g["function"] != "CREATION_TIME" and g["start"] < end
                and not overlaps(g["start"], g["end"], *dateline)]
        _score_document(predicted, gold, record, counts, errors)
    return _summary(counts, errors)


def _dateline_span(record: dict) -> tuple[int, int]:
    """The dateline: the annotated CREATION_TIME, else the paragraph after the title."""
    for gold in record["timex"]:
        if gold["function"] == "CREATION_TIME":
            return gold["start"], gold["end"]
    paragraphs = list(re.finditer(r"[^\n]+", record["text"]))
    if len(paragraphs) > 1:
        return paragraphs[1].start(), paragraphs[1].end()
    return 0, 0


def _score_dateline(predicted: list[Timex], dateline: tuple[int, int], dct: str, counts: Counter) -> None:
    found = [t for t in predicted if overlaps(t.start, t.end, *dateline)]
    counts["dateline_found"] += bool(found)
    counts["dateline_value"] += any(t.value == dct for t in found)


def _match(predicted: list[Timex], gold: list[dict]) -> list[tuple[Timex, dict]]:
    """One-to-one pairs of overlapping predicted and gold timexes, largest overlap first."""
    pairs = sorted(
        ((min(p.end, g["end"]) - max(p.start, g["start"]), i, j)
         for i, p in enumerate(predicted) for j, g in enumerate(gold) if overlaps(p.start, p.end, g["start"], g["end"])),
        reverse=True)
    used_p, used_g, matched = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((predicted[i], gold[j]))
    return matched


def _score_document(predicted: list[Timex], gold: list[dict], record: dict, counts: Counter,
                    errors: dict[str, list[str]]) -> None:
    counts["gold"] += len(gold)
    counts["predicted"] += len(predicted)
    matched = _match(predicted, gold)
    counts["relaxed"] += len(matched)
    for g in gold:
        counts[f"gold:{g['type']}"] += 1
    for p, g in matched:
        strict = (p.start, p.end) == (g["start"], g["end"])
        right = p.value == g["value"]
        counts["strict"] += strict
        counts["strict_value"] += strict and right
        counts["value"] += right
        counts["type"] += p.type == g["type"]
        counts[f"relaxed:{g['type']}"] += 1
        counts[f"value:{g['type']}"] += right
        if not right:
            errors["wrong_value"].append(f"{record['dct']} {g['text']!r}: gold {g['value']} got {p.value} ({p.text!r})")
    matched_p = {id(p) for p, _ in matched}
    matched_g = {id(g) for _, g in matched}
    errors["missed"] += [f"{record['dct']} {g['type']} {g['text']!r} {g['value']}" for g in gold if id(g) not in matched_g]
    errors["spurious"] += [f"{record['dct']} {p.type} {p.text!r} {p.value}" for p in predicted if id(p) not in matched_p]


def _prf(hits: int, predicted: int, gold: int) -> dict:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _summary(counts: Counter, errors: dict[str, list[str]]) -> dict:
    types = sorted(k.split(":", 1)[1] for k in counts if k.startswith("gold:"))
    return {
        "documents": counts["documents"],
        "gold": counts["gold"],
        "predicted": counts["predicted"],
        "strict": _prf(counts["strict"], counts["predicted"], counts["gold"]),
        "relaxed": _prf(counts["relaxed"], counts["predicted"], counts["gold"]),
        "value_accuracy": _ratio(counts["value"], counts["relaxed"]),
        "value_accuracy_strict": _ratio(counts["strict_value"], counts["strict"]),
        "value_f1": _prf(counts["value"], counts["predicted"], counts["gold"])["f1"],
        "type_accuracy": _ratio(counts["type"], counts["relaxed"]),
        "by_type": {
            t: {"gold": counts[f"gold:{t}"],
                "relaxed_recall": _ratio(counts[f"relaxed:{t}"], counts[f"gold:{t}"]),
                "value_accuracy": _ratio(counts[f"value:{t}"], counts[f"relaxed:{t}"])}
            for t in types
        },
        "dateline": {"found": _ratio(counts["dateline_found"], counts["documents"]),
                     "value_accuracy": _ratio(counts["dateline_value"], counts["documents"])},
        "errors": {kind: items[:EXAMPLES] for kind, items in errors.items()},
    }


def format_report(result: dict, show_errors: bool = False) -> str:
    lines = [
        f"documents {result['documents']}, gold timexes {result['gold']}, predicted {result['predicted']} "
        "(inside the annotated part, dateline excluded)",
    ]
    for kind in ("strict", "relaxed"):
        s = result[kind]
        lines.append(f"span {kind:8} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    lines.append(f"value accuracy {result['value_accuracy']:.3f} over relaxed matches, "
                 f"{result['value_accuracy_strict']:.3f} over strict; value F1 {result['value_f1']:.3f}; "
                 f"type accuracy {result['type_accuracy']:.3f}")
    for name, t in result["by_type"].items():
        lines.append(f"  {name:9} gold {t['gold']:4}  relaxed recall {t['relaxed_recall']:.3f}  "
                     f"value accuracy {t['value_accuracy']:.3f}")
    d = result["dateline"]
    lines.append(f"dateline found {d['found']:.3f}, read as the publication date {d['value_accuracy']:.3f}")
    if show_errors:
        for kind, items in result["errors"].items():
            lines.append(f"{kind} (first {len(items)}):")
            lines += [f"  {item}" for item in items]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="backstory eval time", description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="MEANTIME-style JSONL (text, dct, annotated_end, timex)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--errors", action="store_true", help="list wrong values, misses and spurious timexes")
    args = parser.parse_args(argv)
    print(format_report(score_time(args.path, args.limit), args.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
