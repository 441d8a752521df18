"""Explicit settings for a run; every stage takes what it needs from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    model: str | None = None             # spaCy model package; None picks the default (see nlp.py)
    max_chars: int = 1_000_000           # longer bodies are refused: spaCy's own limit, and a sign of bad input
    batch_size: int = 16                 # documents per nlp.pipe batch
    n_process: int = 1                   # processes for nlp.pipe
    published: str | None = None         # publication date forced for every document (ISO)
    registries: tuple[Path, ...] = field(default_factory=tuple)  # extra actor registry files (JSONL)
