"""Score event coding against PLOVER-coded gold sentences (``backstory eval events FILE.jsonl``).

Each gold line holds one sentence and the one label its coders chose::

    {"id", "text", "event": "ASSAULT" | null | "NONE", "mode",
     "source": [{"text", "code", "sector"}], "target": [...]}

and ``code_sentence(text)`` returns the system's events for it, each a dict
``{"type", "mode", "source": [{"name", "aliases", "country", "sector"}], "target": [...], "confidence"}``.

Because gold has one label per sentence while a sentence may hold several events, precision is
given two ways: strict (predicted events of the gold type over all predicted events) and per
sentence (the most confident predicted event has the gold type). Recall is the share of event
sentences whose gold type is among the predicted types. Sentences labelled null or "NONE" are
non-event sentences: what counts there is the share left without any event.

Actors are compared on the predicted event that answers the gold label (the most confident event of
the gold type, else the most confident event): by country code (a gold code matches a predicted
actor's country, or its sector for non-state codes such as IGO), and by text (the gold words overlap
a predicted actor's name or one of its aliases).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from backstory.evaluate import read_gold
from backstory.records import EVENT_TYPES

NONE = "NONE"
ROLES = ("source", "target")
# Codes for actors that are not states (PLOVER's non-state actor codes); they match a predicted
# actor's sector or country code rather than a country.
NON_STATE_CODES = {"IGO", "NGO", "ISM", "IMG", "MNC"}
# Legacy CAMEO country codes still found in gold files, mapped to their ISO 3166 alpha-3 codes.
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
MISSES_KEPT = 12                  # wrongly coded sentences kept in the result for the report

CodeSentence = Callable[[str], list[dict]]


def score_events(path: str | Path, code_sentence: CodeSentence, limit: int | None = None) -> dict:
    """Type recall and precision, a confusion matrix, actor agreement and non-event silence."""
    tally = _Tally()
    for record in read_gold(path, limit):
        tally.add(record, code_sentence(record["text"]))
    return tally.summary()




def gold_type(record: dict) -> str:
    """The gold label, with null and "NONE" both meaning a sentence without an event."""
    label = record.get("event")
    return label.upper() if label and label.upper() != NONE else NONE


def top_event(events: Sequence[dict]) -> dict | None:
    """The most confident event; the first one on ties, so results are stable."""
    best = None
    for event in events:
        if best is None or event.get("confidence", 0.0) > best.get("confidence", 0.0):
            best = event
    return best


def answering_event(events: Sequence[dict], wanted: str) -> dict | None:
    """The event that answers the gold label: the most confident of the gold type, else the top one."""
    return top_event([e for e in events if e.get("type") == wanted]) or top_event(events)


def country_matches(code: str, actor: dict) -> bool:
    code = LEGACY_CODES.get(code.upper(), code.upper())
    if code in NON_STATE_CODES:
        return code in {(actor.get("sector") or "").upper(), (actor.get("country") or "").upper()}
    return (actor.get("country") or "").upper() == code


def text_matches(gold_text: str, actor: dict) -> bool:
    """Gold words and a predicted name overlap: one contains the other, ignoring case."""
    gold = " ".join(gold_text.lower().split())
    if not gold:
        return False
    for name in [actor.get("name") or "", *(actor.get("aliases") or [])]:
        name = " ".join(name.lower().split())
        if name and (name in gold or gold in name):
            return True
    return False


class _Tally:
    """Running counts over the gold file; ``summary`` turns them into rates."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.per_type: dict[str, Counter[str]] = defaultdict(Counter)
        self.confusion: dict[str, Counter[str]] = defaultdict(Counter)
        self.actors: dict[str, Counter[str]] = {role: Counter() for role in ROLES}
        self.misses: list[dict] = []

    def add(self, record: dict, events: list[dict]) -> None:
        wanted = gold_type(record)
        predicted = [e.get("type") for e in events]
        top = top_event(events)
        top_type = top.get("type") if top else NONE
        self.confusion[wanted][top_type] += 1
        self.counts["predicted"] += len(events)
        if events:
            self.counts["with_prediction"] += 1
            self.counts["top_correct"] += top_type == wanted
        if wanted == NONE:
            self.counts["non_event"] += 1
            self.counts["non_event_empty"] += not events
            if events and len(self.misses) < MISSES_KEPT:
                self.misses.append(_miss(record, wanted, predicted))
            return
        found = wanted in predicted
        self.counts["event"] += 1
        self.counts["found"] += found
        self.counts["correct_predictions"] += predicted.count(wanted)
        self.per_type[wanted]["gold"] += 1
        self.per_type[wanted]["found"] += found
        self.per_type[wanted]["top"] += top_type == wanted
        if not found and len(self.misses) < MISSES_KEPT:
            self.misses.append(_miss(record, wanted, predicted))
        answer = answering_event(events, wanted)
        matched = answer is not None and answer.get("type") == wanted
        for role in ROLES:
            self._add_actors(role, record.get(role) or [], (answer or {}).get(role) or [], matched)

    def _add_actors(self, role: str, gold: list[dict], predicted: list[dict], matched: bool) -> None:
        """Actor agreement over every gold event, and over those whose type was found (the
        coder's actor coding apart from its event recall)."""
        counts = self.actors[role]
        for actor in gold:
            code = (actor.get("code") or "").strip()
            if code:
                agrees = any(country_matches(code, p) for p in predicted)
                counts["coded"] += 1
                counts["country_match"] += agrees
                counts["coded_matched"] += matched
                counts["country_match_matched"] += agrees and matched
            text = (actor.get("text") or "").strip()
            if text:
                counts["named"] += 1
                counts["text_match"] += any(text_matches(text, p) for p in predicted)

    def summary(self) -> dict:
        c = self.counts
        return {
            "sentences": c["event"] + c["non_event"],
            "event_sentences": c["event"],
            "recall": _rate(c["found"], c["event"]),
            "precision": _rate(c["correct_predictions"], c["predicted"]),
            "sentence_precision": _rate(c["top_correct"], c["with_prediction"]),
            "top_accuracy": _rate(self._top_hits(), c["event"]),
            "predicted_events": c["predicted"],
            "per_type": {
                t: {"gold": n["gold"], "recall": _rate(n["found"], n["gold"]), "top": _rate(n["top"], n["gold"])}
                for t, n in sorted(self.per_type.items(), key=lambda item: _type_order(item[0]))
            },
            "confusion": {g: dict(row) for g, row in sorted(self.confusion.items(), key=lambda i: _type_order(i[0]))},
            "actors": {
                role: {
                    "coded": n["coded"], "country": _rate(n["country_match"], n["coded"]),
                    "coded_matched": n["coded_matched"],
                    "country_matched": _rate(n["country_match_matched"], n["coded_matched"]),
                    "named": n["named"], "text": _rate(n["text_match"], n["named"]),
                }
                for role, n in self.actors.items()
            },
            "non_events": {"sentences": c["non_event"], "left_empty": _rate(c["non_event_empty"], c["non_event"])},
            "misses": self.misses,
        }

    def _top_hits(self) -> int:
        return sum(row[gold] for gold, row in self.confusion.items() if gold != NONE)


def _miss(record: dict, wanted: str, predicted: list[str]) -> dict:
    return {"id": record.get("id"), "gold": wanted, "predicted": predicted, "text": record.get("text", "")}


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _type_order(type_: str) -> int:
    return EVENT_TYPES.index(type_) if type_ in EVENT_TYPES else len(EVENT_TYPES)


# ---------------------------------------------------------------------- report


def format_report(result: dict) -> str:
    lines = [
        f"{result['sentences']} sentences, {result['event_sentences']} with a gold event; "
        f"{result['predicted_events']} events predicted",
        f"type recall           {_pct(result['recall'])}   (gold type among the predicted types)",
        f"precision, strict     {_pct(result['precision'])}   (predicted events of the gold type / all predicted)",
        f"precision, sentence   {_pct(result['sentence_precision'])}   (top-confidence event has the gold type)",
        f"top-event accuracy    {_pct(result['top_accuracy'])}   (over all event sentences)",
    ]
    if result["non_events"]["sentences"]:
        lines.append(f"non-event sentences   {_pct(result['non_events']['left_empty'])}   left empty "
                     f"(of {result['non_events']['sentences']})")
    lines += ["", "per type      gold  recall  top"]
    for type_, row in result["per_type"].items():
        lines.append(f"  {type_:10s} {row['gold']:5d}  {_pct(row['recall'])}  {_pct(row['top'])}")
    lines += ["", "actors        gold  country   gold  text    found  country (events of the gold type)"]
    for role, row in result["actors"].items():
        lines.append(f"  {role:10s} {row['coded']:5d}  {_pct(row['country'])}  {row['named']:5d}  {_pct(row['text'])}"
                     f"  {row['coded_matched']:5d}  {_pct(row['country_matched'])}")
    lines += ["", "confusion (rows: gold type, columns: top predicted type)", *_confusion_table(result["confusion"])]
    if result["misses"]:
        lines += ["", "some misses:"]
        lines += [f"  {m['gold']:9s} <- {','.join(m['predicted']) or NONE:20s} {m['text'][:90]}" for m in result["misses"]]
    return "\n".join(lines)


def _confusion_table(confusion: dict[str, dict[str, int]]) -> list[str]:
    columns = sorted({p for row in confusion.values() for p in row}, key=_type_order)
    width = max([len(c) for c in columns] + [4])
    header = " " * 11 + " ".join(f"{c[:width]:>{width}s}" for c in columns)
    rows = [header]
    for gold, row in confusion.items():
        cells = " ".join(f"{(row.get(c) or '.')!s:>{width}s}" for c in columns)
        rows.append(f"  {gold[:9]:9s}{cells}")
    return rows


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="backstory eval events", description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="gold JSONL file, one sentence per line")
    parser.add_argument("--limit", type=int, help="score only the first N sentences")
    parser.add_argument("--json", action="store_true", help="print the result as JSON instead of a table")
    args = parser.parse_args(argv)
    # Imported here so that this module (and its tests) load without the whole pipeline.
    from backstory.pipeline import code_sentence

    result = score_events(args.gold, code_sentence, limit=args.limit)
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    return 0
