"""Token-level scoring of an extracted body against a gold body.

Bag-of-words precision, recall and F1 over lower-cased word tokens, the measure used by
article-extraction benchmarks: it rewards keeping every article word and no chrome word,
and ignores paragraph breaks and whitespace, which extractors legitimately disagree on.
Shared by the tests and eval/extraction.py so both report the same figures.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def token_prf(predicted: str, gold: str) -> Score:
    """Precision, recall and F1 of ``predicted`` tokens against ``gold`` tokens (multisets)."""
    pred, ref = Counter(tokens(predicted)), Counter(tokens(gold))
    overlap = sum((pred & ref).values())
    if not pred and not ref:
        return Score(1.0, 1.0, 1.0)
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)
