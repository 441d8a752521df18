"""Refusals: DocumentError for input without a usable article, never a hang or a crash."""

from __future__ import annotations

import pytest

from backstory.clean import DocumentError, clean
from backstory.records import RawDocument


def _refusal(raw: RawDocument, max_chars: int = 1_000_000) -> str:
    with pytest.raises(DocumentError) as error:
        clean(raw, max_chars=max_chars)
    message = str(error.value)
    assert message and "\n" not in message
    return message


def test_document_error_is_a_value_error():
    assert issubclass(DocumentError, ValueError)


def test_empty_documents():
    assert _refusal(RawDocument(source="-", text="")) == "empty document"
    assert _refusal(RawDocument(source="-", text=" \n\n \t")) == "empty document"
    assert _refusal(RawDocument(source="-", html="")) == "empty document"
    assert _refusal(RawDocument(source="-")) == "empty document"


def test_reader_error_is_passed_on():
    assert _refusal(RawDocument(source="x.gz", error="not gzip data\nmore")) == "not gzip data"


def test_page_of_only_scripts():
    html = "<html><head><script>var a = 1;</script></head><body><script>run()</script><style>p{}</style></body></html>"
    assert "only scripts" in _refusal(RawDocument(source="-", html=html))


def test_too_long_is_refused_by_length():
    message = _refusal(RawDocument(source="-", text="word " * 10_000_000))
    assert message.startswith("document too long: 50,000,000 characters")
    assert _refusal(RawDocument(source="-", html="<p>" + "x" * 200 + "</p>"), max_chars=10).startswith("HTML page too long")


def test_body_longer_than_the_limit():
    text = "The council met on Monday and agreed the budget after a long debate. " * 40
    message = _refusal(RawDocument(source="-", text=text), max_chars=2_000)
    assert message.startswith("body too long: 2,7") and message.endswith("characters (limit 2,000)")


def test_binary_junk():
    junk = bytes(range(256)).decode("latin-1") * 200
    assert _refusal(RawDocument(source="-", text=junk)) == "binary data, not text"
    assert _refusal(RawDocument(source="-", html=junk)) == "binary data, not text"


def test_html_nested_ten_thousand_deep():
    deep = "<html><body>" + "<div>" * 10_000 + "<p>Officials said the bridge would reopen in May.</p>" + "</div>" * 10_000
    assert "too deep" in _refusal(RawDocument(source="-", html=deep))


def test_deep_nesting_after_a_readable_article_keeps_the_article():
    story = "<p>The city council approved the new bus routes on Tuesday after months of consultation with residents.</p>"
    deep = "<html><body><article><h1>Bus routes approved</h1>" + story + "</article>" + "<div>" * 10_000 + "</div>" * 10_000
    article = clean(RawDocument(source="-", html=deep))
    assert article.body.startswith("The city council approved")


def test_html_that_looks_like_a_url_is_not_fetched():
    assert _refusal(RawDocument(source="-", html="http://example.com/story")).startswith("no article text found")


def test_markup_soup_does_not_crash():
    for soup in ("<<<>>>", "<p", "</div></div>", "<?xml version='1.0' encoding='utf-8'?><p>Ships sank.</p>", "\x00<p>a</p>"):
        try:
            clean(RawDocument(source="-", html=soup))
        except DocumentError:
            pass


def test_page_with_more_elements_than_trafilatura_handles_is_read_by_our_classifier():
    story = "".join(f"<p>Paragraph {i}: the port reopened on Monday after a week of repairs to the main quay.</p>" for i in range(5))
    filler = "<i></i>" * 61_000
    article = clean(RawDocument(source="-", html=f"<html><body><h1>Port reopens</h1>{story}<div>{filler}</div></body></html>"))
    assert article.title == "Port reopens"
    assert len(article.body.split("\n\n")) == 5
