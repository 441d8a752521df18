"""Recognising an article ingested twice, so that it is not analysed twice.

    from backstory.dedupe import mark_duplicates
    for article in mark_duplicates(cleaned_articles):   # a streaming filter, input order kept
        if article.duplicate_of is None:
            ...analyse...

A cleaned article whose body was seen earlier in the stream gets ``duplicate_of`` (the id of the
first one) and a note; everything else passes through untouched. Articles without a body (failed
documents) are never duplicates.

Two bodies are the same article when:
- exact: they are equal once whitespace is normalised (one set of SHA-1 digests, 20 bytes per
  article), the case of a page fetched twice or a file given twice;
- near (``near=True``): their word 5-shingles overlap by NEAR_JACCARD or more, estimated with a
  MinHash signature and found through LSH bands, the case of the same wire story on two sites
  with a changed sentence or a correction line. About 1 kB per article.

Written here rather than taken from a library because the installed ones (trafilatura's
``duplicate_test``, jusText) test paragraphs, not whole documents, and keep process-wide state.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator

import numpy as np

from backstory.records import Article

SHINGLE_WORDS = 5         # word n-grams: long enough that unrelated articles share almost none
NEAR_JACCARD = 0.9        # shingle overlap at which two bodies are one article lightly edited
MIN_SHINGLES = 20         # shorter bodies are compared exactly only: a few shared phrases are not a copy
BANDS, ROWS = 8, 8        # 64 hash functions; at Jaccard 0.9 a pair shares a band with p = 0.99, at 0.5 with p = 0.03
_PRIME = 4_294_967_311    # the first prime above 2**32: shingle hashes are 32-bit
_WORD = re.compile(r"[^\W_]+")
_rng = np.random.default_rng(20240601)  # fixed: signatures must be comparable across runs and processes
_A = _rng.integers(1, 2**31, size=BANDS * ROWS, dtype=np.uint64)
_B = _rng.integers(0, 2**31, size=BANDS * ROWS, dtype=np.uint64)


def body_key(body: str) -> bytes:
    """SHA-1 of the body with runs of whitespace made one space: equal for the same text however wrapped."""
    return hashlib.sha1(" ".join(body.split()).encode("utf-8")).digest()


def minhash(body: str) -> np.ndarray | None:
    """The MinHash signature of the body's word shingles, or None when it has too few."""
    words = _WORD.findall(body.lower())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles))
    # (a * h + b) mod p for 64 (a, b): below 2**63 + 2**31, so uint64 never overflows.
    return ((np.outer(_A, hashes) + _B[:, None]) % _PRIME).min(axis=1)


class Deduplicator:
    """The bodies seen so far in one stream (one process: see mark_duplicates)."""

    def __init__(self, near: bool = True) -> None:
        self.near = near
        self.exact: dict[bytes, str] = {}
        self.signatures: list[tuple[str, np.ndarray]] = []
        self.bands: list[dict[bytes, list[int]]] = [{} for _ in range(BANDS)]

    def original_of(self, article: Article) -> tuple[str, str] | None:
        """(id of an earlier article with the same body, "same" or "near"), else None; a body
        seen for the first time is remembered."""
        key = body_key(article.body)
        if key in self.exact:
            return self.exact[key], "same"
        self.exact[key] = article.id
        signature = minhash(article.body) if self.near else None
        if signature is None:
            return None
        found = self._near_match(signature)
        if found is None:
            self._remember(article.id, signature)
            return None
        return found, "near"

    def _band_keys(self, signature: np.ndarray) -> list[bytes]:
        return [signature[b * ROWS:(b + 1) * ROWS].tobytes() for b in range(BANDS)]

    def _near_match(self, signature: np.ndarray) -> str | None:
        candidates = {index for band, key in zip(self.bands, self._band_keys(signature)) for index in band.get(key, ())}
        for index in sorted(candidates):
            earlier_id, earlier = self.signatures[index]
            if np.mean(earlier == signature) >= NEAR_JACCARD:
                return earlier_id
        return None

    def _remember(self, article_id: str, signature: np.ndarray) -> None:
        index = len(self.signatures)
        self.signatures.append((article_id, signature))
        for band, key in zip(self.bands, self._band_keys(signature)):
            band.setdefault(key, []).append(index)


def mark_duplicates(articles: Iterable[Article], near: bool = True,
                    seen: Deduplicator | None = None) -> Iterator[Article]:
    """Every article, in order; one whose body was seen earlier gets ``duplicate_of`` and a note.

    State lives in ``seen`` (a new Deduplicator unless one is given), so duplicates are found within
    one stream: run it where the documents of a batch come together (before they are split across
    worker processes), and give it what an earlier run already stored when carrying that run on.
    """
    seen = seen if seen is not None else Deduplicator(near=near)
    for article in articles:
        found = seen.original_of(article) if article.body and not article.errors else None
        if found is not None:
            article.duplicate_of, how = found
            body = "the same body" if how == "same" else f"nearly the same body (over {NEAR_JACCARD:.0%} of its phrases)"
            article.notes.append(f"duplicate of {article.duplicate_of}: {body} as an earlier document, not analysed again")
        yield article
