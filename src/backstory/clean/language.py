"""The body's language, by py3langid (a pure-Python langid.py with its model bundled: offline)."""

from __future__ import annotations

import py3langid

SAMPLE_CHARS = 5_000  # a few paragraphs decide the language; the rest only costs time
MIN_LETTERS = 20      # below this any guess is noise


def detect_language(body: str) -> str | None:
    """ISO 639-1 code of the body's language, or None when there is too little text to tell."""
    sample = body[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    code, _score = py3langid.classify(sample)
    return code
