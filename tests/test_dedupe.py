"""The same article ingested twice is recognised in the stream (backstory.dedupe)."""

from __future__ import annotations

import json
from pathlib import Path

from backstory.dedupe import body_key, mark_duplicates, minhash
from backstory.records import Article

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _body(name: str) -> str:
    return json.loads((PAGES / f"{name}.gold.json").read_text(encoding="utf-8"))["body"]


def _article(doc_id: str, body: str, errors: list[str] | None = None) -> Article:
    return Article(id=doc_id, source=doc_id, body=body, errors=errors or [])


def test_same_body_however_wrapped_is_a_duplicate():
    body = _body("chrome_heavy")
    rewrapped = body.replace("\n\n", " ").replace(". ", ".\n")  # same words, other line breaks
    assert body_key(body) == body_key(rewrapped)
    first, again, other = mark_duplicates([_article("a", body), _article("b", rewrapped), _article("c", _body("figures"))])
    assert (first.duplicate_of, again.duplicate_of, other.duplicate_of) == (None, "a", None)
    assert again.notes == ["duplicate of a: the same body as an earlier document, not analysed again"]
    assert first.notes == [] and other.notes == []


def test_lightly_edited_copy_is_a_near_duplicate():
    body = _body("wire_reprint")
    edited = body.replace("about 40%", "about 41%") + "\n\nThis story has been corrected."
    original, copy = mark_duplicates([_article("wire-1", body), _article("site-2", edited)])
    assert original.duplicate_of is None
    assert copy.duplicate_of == "wire-1" and "nearly the same body" in copy.notes[0]


def test_different_articles_on_one_topic_are_not_duplicates():
    # two of our pages report the same Kenyan court ruling in different words
    articles = list(mark_duplicates([_article("p", _body("portal_dump")), _article("h", _body("hard_wrapped"))]))
    assert [a.duplicate_of for a in articles] == [None, None]


def test_every_fixture_body_is_distinct():
    names = sorted(p.name.removesuffix(".gold.json") for p in PAGES.glob("*.gold.json"))
    articles = list(mark_duplicates(_article(name, _body(name)) for name in names))
    assert [a.id for a in articles if a.duplicate_of] == []


def test_short_bodies_are_compared_exactly_only():
    assert minhash("Officials said the bridge would reopen in May.") is None
    one, two = mark_duplicates([_article("1", "The bridge reopened on Monday."), _article("2", "The bridge reopened on Tuesday.")])
    assert two.duplicate_of is None


def test_failed_documents_and_exact_only_mode():
    body = _body("figures")
    failed = _article("bad", "", errors=["binary data, not text"])
    stream = mark_duplicates([failed, _article("x", body), _article("y", body + " Updated.")], near=False)
    assert [a.duplicate_of for a in stream] == [None, None, None]


def test_it_streams():
    def articles():
        yield _article("first", _body("figures"))
        raise AssertionError("read beyond the first article before it was asked for")

    assert next(mark_duplicates(articles())).id == "first"
