"""The body's language, by py3langid (a pure-Python langid.py with its model bundled: offline).

English, the analysis target and most of the input, is recognised first by a cheaper test:
py3langid costs about a millisecond per document, a quarter of trafilatura's time on a page,
while English prose is a third or more English function words ("the", "of", "was"), which
Spanish, French, German, Italian or Portuguese prose almost never reaches (under an eighth).
"""

from __future__ import annotations

import re

import py3langid

from backstory.clean.lexicon import function_words

SAMPLE_CHARS = 1_500           # two or three paragraphs decide the language; langid's cost grows with the sample
MIN_LETTERS = 20               # below this any guess is noise
ENGLISH_FUNCTION_SHARE = 0.25  # English news prose: 0.33-0.49 on our pages; other languages: < 0.12
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(body: str) -> str | None:
    """ISO 639-1 code of the body's language, or None when there is too little text to tell."""
    sample = body[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return None
    words = _WORD.findall(sample.lower())
    english = function_words()
    if sum(word in english for word in words) >= ENGLISH_FUNCTION_SHARE * len(words):
        return "en"
    code, _score = py3langid.classify(sample)
    return code
