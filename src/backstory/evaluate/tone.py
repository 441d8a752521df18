"""Score per-target tone against NewsMTSC-shaped gold (``backstory eval tone FILE.jsonl``).

Each line is a sentence (``sentence_normalized``) with targets (``from``, ``to``, ``polarity``:
2.0 negative, 4.0 neutral, 6.0 positive). backstory's tone model labels every target from the
sentence's parse; the score is macro-F1 over the three labels, with per-label precision, recall
and F1. The VADER compound score of the whole sentence (the usual ±0.05 thresholds) is scored on
the same targets as the baseline a target-blind method gets.

The shipped weights were trained on NewsMTSC's train.jsonl: scoring that file measures fit, not
generalisation, and the report says so (held-out figures come from ``eval/train_tone.py``).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from backstory.evaluate import read_gold
from backstory.nlp import load_model
from backstory.tone import LABELS, WEIGHTS, ToneModel

POLARITY_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
VADER_THRESHOLD = 0.05            # VADER's own documented cut-off for neutral compound scores


def gold_label(polarity: float) -> str:
    return POLARITY_LABELS[float(polarity)]


@functools.lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_label(sentence: str) -> str:
    compound = _vader().polarity_scores(sentence)["compound"]
    if compound >= VADER_THRESHOLD:
        return "positive"
    return "negative" if compound <= -VADER_THRESHOLD else "neutral"


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, list[float]]:
    """Macro-averaged F1 over ``LABELS``, and each label's F1 in that order."""
    per_label = [_prf(gold, predicted, label)[2] for label in LABELS]
    return sum(per_label) / len(per_label), per_label


def _prf(gold: Sequence[str], predicted: Sequence[str], label: str) -> tuple[float, float, float]:
    true_positive = sum(1 for g, p in zip(gold, predicted) if g == p == label)
    n_predicted = sum(1 for p in predicted if p == label)
    n_gold = sum(1 for g in gold if g == label)
    precision = true_positive / n_predicted if n_predicted else 0.0
    recall = true_positive / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_tone(path: str | Path, limit: int | None = None) -> dict:
    """Macro-F1 of the tone model (and of the VADER sentence baseline) on a NewsMTSC JSONL file."""
    nlp = load_model()
    model = ToneModel.load()
    gold, predicted, baseline = [], [], []
    records = list(read_gold(path, limit))
    for record, doc in zip(records, nlp.pipe((r["sentence_normalized"] for r in records), batch_size=256)):
        sentence_baseline = vader_label(doc.text)
        for target in record["targets"]:
            span = doc.char_span(target["from"], target["to"], alignment_mode="expand")
            gold.append(gold_label(target["polarity"]))
            predicted.append(model.label(doc[:], span))
            baseline.append(sentence_baseline)
    f1, _ = macro_f1(gold, predicted)
    return {
        "sentences": len(records),
        "targets": len(gold),
        "macro_f1": round(f1, 4),
        "labels": {label: _label_report(gold, predicted, label) for label in LABELS},
        "vader_macro_f1": round(macro_f1(gold, baseline)[0], 4),
        "trained_on_this_file": _training_file(path),
    }


def _label_report(gold: Sequence[str], predicted: Sequence[str], label: str) -> dict:
    precision, recall, f1 = _prf(gold, predicted, label)
    return {"gold": Counter(gold)[label], "predicted": Counter(predicted)[label],
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _training_file(path: str | Path) -> bool:
    """Whether the weights file's header names this file's sha256 as its training data."""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    with WEIGHTS.open(encoding="utf-8") as handle:
        header = "".join(line for line in handle if line.startswith("#"))
    return digest in header


def _report(result: dict) -> str:
    lines = [f"targets: {result['targets']} in {result['sentences']} sentences",
             f"macro-F1: {result['macro_f1']:.3f}   (VADER sentence baseline: {result['vader_macro_f1']:.3f})"]
    for label, row in result["labels"].items():
        lines.append(f"  {label:9} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}"
                     f"  (gold {row['gold']}, predicted {row['predicted']})")
    if result["trained_on_this_file"]:
        lines.append("note: the shipped weights were trained on this file, so this measures fit; "
                     "eval/train_tone.py reports a held-out split")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="backstory eval tone", description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="NewsMTSC JSONL (e.g. ../shared/eval/newsmtsc/train.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N sentences")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = score_tone(args.gold, args.limit)
    print(json.dumps(result, indent=2) if args.json else _report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
