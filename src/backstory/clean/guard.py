"""Cheap checks that refuse hopeless input before any parsing.

They run first so that a 50 MB single line or a binary file costs a length check and a
sample scan, never a parse.
"""

from __future__ import annotations

import re

from backstory.clean.errors import DocumentError

# Raw input may carry chrome and markup around the body, so it gets more room than the body
# itself: a text page twice the body limit, an HTML page ten times (markup is most of a page).
TEXT_ALLOWANCE = 2
HTML_ALLOWANCE = 10
SAMPLE_CHARS = 20_000
MAX_JUNK_SHARE = 0.05  # control characters and U+FFFD in a real page are a rounding error


_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")  # controls but tab and newlines, U+FFFD


def _junk_share(sample: str) -> float:
    return len(_JUNK.findall(sample)) / max(len(sample), 1)


def check_input(content: str | None, is_html: bool, max_chars: int) -> str:
    """The content to clean, or DocumentError when it is missing, far too long or binary."""
    if content is None or not content.strip():
        raise DocumentError("empty document")
    limit = max_chars * (HTML_ALLOWANCE if is_html else TEXT_ALLOWANCE)
    if len(content) > limit:
        what = "HTML page" if is_html else "document"
        raise DocumentError(f"{what} too long: {len(content):,} characters (limit {limit:,} before cleaning)")
    sample = content[:SAMPLE_CHARS]
    if _junk_share(sample) > MAX_JUNK_SHARE:
        raise DocumentError("binary data, not text")
    return content


def check_body(body: str, max_chars: int) -> str:
    """The cleaned body, or DocumentError when nothing (or too much) is left."""
    if not body.strip():
        raise DocumentError("no article text found")
    if len(body) > max_chars:
        raise DocumentError(f"body too long: {len(body):,} characters (limit {max_chars:,})")
    return body
