"""HTML cleaning: trafilatura's body plus our title, byline, teaser and boilerplate handling."""

from __future__ import annotations

from pathlib import Path

from backstory.clean import clean
from backstory.clean.html import find_title, parse_html, visible_blocks
from backstory.records import RawDocument

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _clean(name: str):
    return clean(RawDocument(source=name, html=(PAGES / name).read_text(encoding="utf-8")))


def test_title_prefers_the_headline_to_the_title_tag():
    tree, _ = parse_html("<html><head><title>Big fire downtown - The Courier</title></head>"
                         "<body><h1>The Courier</h1><article><h1>Big fire downtown</h1></article></body></html>")
    assert find_title(tree)[0] == "Big fire downtown"


def test_title_from_title_tag_when_the_only_h1_is_the_site_logo():
    assert _clean("title_suffix.html").title == "Breakwater repairs approved after storm damage"


def test_visible_byline_when_no_meta_tag_names_the_author():
    article = _clean("visible_byline.html")
    assert article.byline == "Megan Torres"
    assert article.published == "2024-03-05"


def test_kicker_byline_and_json_ld_author():
    assert _clean("analysis_byline.html").byline == "Lucas Ferreira"
    assert _clean("json_ld.html").byline == "Ingrid Solberg"


def test_teasers_inside_the_article_are_removed_and_listed():
    article = _clean("teasers_inside.html")
    teasers = [b.text for b in article.boilerplate if b.kind == "teaser"]
    assert "Jakarta is sinking. Can a giant sea wall save it?" in teasers
    assert not any(line.endswith("...") for line in article.body.split("\n\n"))
    assert article.body.endswith("Jakarta will remain the country's commercial centre, the government said.")


def test_dropped_page_blocks_are_listed_with_their_kind():
    kinds = {b.kind for b in _clean("chrome_heavy.html").boilerplate}
    assert {"navigation", "title", "byline", "share", "related", "newsletter", "advert", "comments", "copyright"} <= kinds


def test_captions_are_boilerplate():
    article = _clean("figures.html")
    captions = [b.text for b in article.boilerplate if b.kind == "caption"]
    assert len(captions) == 2
    assert all(c not in article.body for c in captions)


def test_wire_dateline_in_html():
    article = _clean("wire_meta.html")
    assert article.dateline == "Islamabad"
    assert article.body.startswith("Pakistan's election commission")
    assert article.boilerplate[0].kind == "dateline"


def test_visible_blocks_skip_scripts_and_keep_reading_order():
    tree, _ = parse_html("<body><p>One <b>two</b> three</p><script>x()</script><div>Four<p>Five</p>Six</div></body>")
    assert [b.text for b in visible_blocks(tree)] == ["One two three", "Four", "Five", "Six"]


def test_short_page_that_trafilatura_rejects_is_still_read():
    html = "<html><body><h1>Ferry service resumes</h1><p>The island ferry resumed sailings on Monday, the operator said.</p></body></html>"
    article = clean(RawDocument(source="-", html=html))
    assert article.title == "Ferry service resumes"
    assert article.body == "The island ferry resumed sailings on Monday, the operator said."
