"""Scorers against gold-annotated corpora: ``backstory eval {events,time,places,tone} FILE.jsonl``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def read_gold(path: str | Path, limit: int | None = None) -> Iterator[dict]:
    """The records of a gold JSONL file, one per non-empty line; the first ``limit`` only."""
    with open(path, encoding="utf-8") as handle:
        count = 0
        for line in handle:
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            count += 1
            yield json.loads(line)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end
