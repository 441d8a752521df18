"""The clean stage: separate the article from page chrome.

    from backstory.clean import clean, DocumentError
    article = clean(raw, published=None, max_chars=1_000_000)

``clean`` takes a ``RawDocument`` holding plain text (``raw.text``) or HTML (``raw.html``) and
returns an ``Article`` with ``title``, ``byline``, ``published``, ``language``, ``dateline``,
``body`` (paragraphs separated by a blank line) and ``boilerplate`` (every removed block with
its kind). The analysis fields stay empty for later stages.

Conventions:
- A wire dateline ("HAVANA —", "LONDON (Reuters) -") is cut from the start of the body's first
  paragraph; its place goes to ``article.dateline`` and its text to boilerplate (kind
  "dateline"). Body offsets therefore start at the story's first real word.
- ``published``: the ``published`` argument, else ``raw.published``, else the page's own date
  (htmldate for HTML; a date line or a dated byline near the top for text), as YYYY-MM-DD.
- Every language is cleaned; ``language`` (py3langid, ISO 639-1) tells the pipeline whether
  to analyse it (only "en" is analysed), and an article in another language (or too short to
  tell) carries a note in ``notes`` saying it was not analysed and why.

Modules: guard (refusals before work), blocks (splitting and block features), meta (bylines,
dates, datelines, titles on single lines), text (the plain-text block classifier), html
(trafilatura + htmldate + our additions), language, score (token F1 for tests and eval).
"""

from __future__ import annotations

import hashlib

from backstory.clean.errors import DocumentError
from backstory.clean.guard import check_body, check_input
from backstory.clean.html import extract_html
from backstory.clean.language import detect_language
from backstory.clean.text import extract_text
from backstory.records import Article, RawDocument

__all__ = ["clean", "DocumentError"]

ANALYSED_LANGUAGE = "en"  # the pipeline's analysis target; other languages get a note (language_notes)


def content_id(body: str) -> str:
    """A stable id from the body text, for inputs that carry none."""
    return "sha1:" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:16]


def clean(raw: RawDocument, published: str | None = None, max_chars: int = 1_000_000) -> Article:
    """The article in ``raw``, separated from page chrome; DocumentError if there is none."""
    if raw.error:
        raise DocumentError(raw.error.splitlines()[0] if raw.error.strip() else "unreadable document")
    is_html = raw.html is not None
    content = check_input(raw.html if is_html else raw.text, is_html, max_chars)
    if is_html:
        extraction, boilerplate = extract_html(content, find_date=not (published or raw.published))
    else:
        extraction = extract_text(content)
        boilerplate = extraction.boilerplate
    body = check_body("\n\n".join(extraction.paragraphs), max_chars)
    language = detect_language(body)
    return Article(
        id=raw.id or content_id(body),
        source=raw.source,
        title=extraction.title,
        byline=extraction.byline,
        published=published or raw.published or extraction.published,
        language=language,
        body=body,
        boilerplate=boilerplate,
        dateline=extraction.dateline,
        notes=language_notes(language),
    )


def language_notes(language: str | None) -> list[str]:
    """The note an article outside the analysis language carries (the pipeline analyses only
    English): stored and cleaned, but with no actors or events, and the reader is told why."""
    if language == ANALYSED_LANGUAGE:
        return []
    if language is None:
        return ["language unknown (too little text to tell): cleaned, not analysed"]
    return [f"language {language!r}, not English: cleaned, not analysed (backstory analyses English only)"]
