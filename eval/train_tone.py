"""Train the target-dependent tone model on NewsMTSC and write src/backstory/data/framing/tone_weights.tsv.

    .venv/bin/python eval/train_tone.py [--data ../shared/eval/newsmtsc/train.jsonl] [--no-write]

Sentences are split by a hash of their id into five folds. Fold 0 is the test split: nothing is
tuned on it, and it is scored once, by a model trained on folds 1-4, next to the VADER sentence
baseline on the same targets. The L2 strength is chosen by cross-validation over folds 1-4 only.
The shipped weights are then trained on every sentence. The data is read from ../shared at run
time and never copied into the repository.

The trainer is a few lines of numpy (softmax regression over sparse features, Adam, balanced class
weights) rather than scikit-learn, which would add scipy and joblib to the install for this alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from backstory.evaluate.tone import gold_label, macro_f1, vader_label
from backstory.nlp import load_model
from backstory.tone import LABELS, WEIGHTS, target_features, valence_lexicon

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "newsmtsc" / "train.jsonl"
FOLDS = 5
TEST_FOLD = 0
L2_GRID = (3e-4, 1e-3, 3e-3)
MIN_COUNT = 2                    # a feature must occur this often in training to get a weight
ITERATIONS = 300
LEARNING_RATE = 0.05
HEADER = """\
# Target-dependent tone weights: feature, then softmax weights for negative, neutral, positive.
# Written by eval/train_tone.py; features are built by backstory.tone.target_features.
# Trained on NewsMTSC train.jsonl (sha256 {sha256}, {targets} targets):
#   Felix Hamborg and Karsten Donnay (2021). NewsMTSC: (Multi-)Target-dependent Sentiment
#   Classification in News Articles. Proceedings of EACL 2021. https://github.com/fhamborg/NewsMTSC
#   Copyright 2020 Felix Hamborg. MIT licence: Permission is hereby granted, free of charge, to any
#   person obtaining a copy of this software and associated documentation files (the "Software"), to
#   deal in the Software without restriction, including without limitation the rights to use, copy,
#   modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
#   persons to whom the Software is furnished to do so, subject to the following conditions: The above
#   copyright notice and this permission notice shall be included in all copies or substantial
#   portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
# Word polarities: VADER lexicon (C.J. Hutto, vaderSentiment package, MIT licence), read at run time.
# Held-out test split (fold {test_fold} of {folds} by sha1 of the sentence id, {test_targets} targets):
#   macro-F1 {test_f1:.3f} (negative {f1_neg:.3f}, neutral {f1_neu:.3f}, positive {f1_pos:.3f});
#   VADER sentence compound on the same targets: macro-F1 {vader_f1:.3f}. L2 {l2:g} chosen by CV on the other folds.
"""


def read_targets(path: Path) -> tuple[list[Counter], np.ndarray, np.ndarray, list[str]]:
    """Features, gold label index, fold and VADER label of every target in the file."""
    nlp = load_model()
    valence = valence_lexicon()
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    features, labels, folds, vader = [], [], [], []
    texts = (r["sentence_normalized"] for r in records)
    for record, doc in zip(records, nlp.pipe(texts, batch_size=256)):
        fold = int(hashlib.sha1(record["primary_gid"].encode()).hexdigest(), 16) % FOLDS
        sentence_vader = vader_label(doc.text)
        for target in record["targets"]:
            span = doc.char_span(target["from"], target["to"], alignment_mode="expand")
            features.append(target_features(doc[:], span, valence))
            labels.append(LABELS.index(gold_label(target["polarity"])))
            folds.append(fold)
            vader.append(sentence_vader)
    return features, np.array(labels), np.array(folds), vader


def build_vocabulary(features: list[Counter]) -> dict[str, int]:
    counts = Counter(name for f in features for name in f)
    return {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_COUNT))}


def sparse_matrix(features: list[Counter], vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row of each value, column of each value, value): a sparse matrix without scipy."""
    rows, columns, values = [], [], []
    for row, f in enumerate(features):
        for name, value in f.items():
            column = vocabulary.get(name)
            if column is not None and value:
                rows.append(row)
                columns.append(column)
                values.append(value)
    return np.array(rows), np.array(columns), np.array(values, dtype=np.float64)


def scores(matrix, weights: np.ndarray, n_rows: int) -> np.ndarray:
    rows, columns, values = matrix
    contributions = weights[columns] * values[:, None]
    return np.stack([np.bincount(rows, contributions[:, k], n_rows) for k in range(len(LABELS))], axis=1)


def train(features: list[Counter], labels: np.ndarray, l2: float) -> dict[str, np.ndarray]:
    """Softmax regression, balanced class weights, L2, full-batch Adam; weights per feature name."""
    vocabulary = build_vocabulary(features)
    matrix = sparse_matrix(features, vocabulary)
    rows, columns, values = matrix
    n, k = len(labels), len(LABELS)
    class_weight = n / (k * np.bincount(labels, minlength=k))
    sample_weight = class_weight[labels][:, None] / n
    onehot = np.eye(k)[labels]
    weights = np.zeros((len(vocabulary), k))
    moment, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, ITERATIONS + 1):
        z = scores(matrix, weights, n)
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        residual = ((p - onehot) * sample_weight)[rows] * values[:, None]
        gradient = np.stack([np.bincount(columns, residual[:, j], len(vocabulary)) for j in range(k)], axis=1)
        gradient += l2 * weights
        moment = 0.9 * moment + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient ** 2
        weights -= LEARNING_RATE * (moment / (1 - 0.9 ** step)) / (np.sqrt(second / (1 - 0.999 ** step)) + 1e-8)
    return {name: weights[i] for name, i in vocabulary.items()}


def predict(weights: dict[str, np.ndarray], features: list[Counter]) -> np.ndarray:
    vocabulary = {name: i for i, name in enumerate(weights)}
    matrix = sparse_matrix(features, vocabulary)
    table = np.array(list(weights.values()))
    return scores(matrix, table, len(features)).argmax(axis=1)


def held_out_f1(features, labels, train_mask, test_mask, l2) -> tuple[float, list[float]]:
    weights = train([f for f, m in zip(features, train_mask) if m], labels[train_mask], l2)
    predicted = predict(weights, [f for f, m in zip(features, test_mask) if m])
    return macro_f1([LABELS[i] for i in labels[test_mask]], [LABELS[i] for i in predicted])


def choose_l2(features, labels, folds) -> float:
    """Cross-validation over the non-test folds only."""
    dev_folds = [f for f in range(FOLDS) if f != TEST_FOLD]
    best = None
    for l2 in L2_GRID:
        mean = np.mean([held_out_f1(features, labels, (folds != f) & (folds != TEST_FOLD), folds == f, l2)[0]
                        for f in dev_folds])
        print(f"  L2 {l2:g}: cross-validated macro-F1 {mean:.3f} over folds {dev_folds}", file=sys.stderr)
        if best is None or mean > best[1]:
            best = (l2, mean)
    return best[0]


def write_weights(weights: dict[str, np.ndarray], header: str, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for name, row in weights.items():
            if np.abs(row).max() >= 5e-4:  # features the regulariser drove to nothing carry no information
                out.write(name + "\t" + "\t".join(f"{w:.4f}" for w in row) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NewsMTSC train.jsonl")
    parser.add_argument("--no-write", action="store_true", help="report the held-out figures only")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"train_tone: {args.data} not found", file=sys.stderr)
        return 2
    features, labels, folds, vader = read_targets(args.data)
    l2 = choose_l2(features, labels, folds)
    test = folds == TEST_FOLD
    f1, per_class = held_out_f1(features, labels, ~test, test, l2)
    gold_test = [LABELS[i] for i in labels[test]]
    vader_f1, _ = macro_f1(gold_test, [v for v, t in zip(vader, test) if t])
    figures = dict(test_f1=f1, f1_neg=per_class[0], f1_neu=per_class[1], f1_pos=per_class[2], vader_f1=vader_f1,
                   l2=l2, test_fold=TEST_FOLD, folds=FOLDS, test_targets=int(test.sum()))
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}))
    if not args.no_write:
        weights = train(features, labels, l2)
        sha256 = hashlib.sha256(args.data.read_bytes()).hexdigest()
        write_weights(weights, HEADER.format(sha256=sha256, targets=len(labels), **figures), WEIGHTS)
        print(f"wrote {WEIGHTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
