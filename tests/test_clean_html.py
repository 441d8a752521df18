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


def test_the_printed_headline_beats_a_rewritten_social_title():
    page = (PAGES / "cases" / "social_title_rewrite.html").read_text(encoding="utf-8")
    article = clean(RawDocument(source="social", html=page))
    assert article.title == "Ferry operator cuts winter sailings to the northern islands"


def test_a_copyright_year_is_no_publication_date():
    page = (PAGES / "cases" / "social_title_rewrite.html").read_text(encoding="utf-8")
    assert clean(RawDocument(source="social", html=page)).published is None


def test_a_reader_comment_s_author_is_not_the_byline():
    page = (PAGES / "cases" / "comment_author_only.html").read_text(encoding="utf-8")
    article = clean(RawDocument(source="comments", html=page))
    assert article.byline is None
    assert article.body.startswith("The harbour board voted")


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


def test_data_tables_are_kept_as_rows():
    article = _clean("business_table.html")
    assert "Operating profit\t2.6\t3.8\t-31.6%" in article.body.split("\n\n")


def test_page_laid_out_in_a_table_is_read_from_its_own_blocks():
    article = _clean("old_table_layout.html")
    assert article.title == "Flood warnings lifted along the river as waters fall"   # the <title> part the page prints
    assert article.byline == "Gerald Okafor"
    assert article.body.startswith("Flood warnings for towns along the lower river")
    assert "Contact Us" not in article.body


def test_standfirst_left_out_by_trafilatura_is_put_back():
    article = _clean("magazine_divs.html")
    assert article.body.startswith("In southern Portugal, harvesters still strip bark by hand")


def test_printed_date_beats_a_year_only_guess():
    # htmldate finds only the copyright year (2023-01-01); the page prints the day under the headline
    assert _clean("u_local_tv.html").published == "2023-09-06"


def test_printed_date_beats_a_date_from_the_page_text():
    # No date in the markup: htmldate's search of the page text would take the related story's
    # older date (it looks for the original date); the date under the headline is the article's.
    page = ("<html><head><title>Ferry service resumes on the north route</title></head><body><article>"
            "<h1>Ferry service resumes on the north route</h1><p>By Dana Whitfield</p><p>September 6, 2023</p>"
            "<p>The ferry between the two harbours runs again from Monday after repairs to the landing ramp, "
            "the operator said on Wednesday.</p><p>Tickets bought for the temporary service remain valid until "
            "the end of the month, the operator added in a statement.</p></article><aside><h2>Related</h2><ul>"
            "<li><a href='/a'>Storm closes the north ferry ramp</a> <span>March 14, 2021</span></li></ul></aside>"
            "</body></html>")
    assert clean(RawDocument(source="-", html=page)).published == "2023-09-06"


def test_date_not_looked_for_when_given():
    page = (PAGES / "u_local_tv.html").read_text(encoding="utf-8")
    assert clean(RawDocument(source="-", html=page, published="2023-09-07")).published == "2023-09-07"


def _clean_case(name: str):
    return clean(RawDocument(source=name, html=(PAGES / "cases" / name).read_text(encoding="utf-8")))


def test_address_byline_keeps_the_space_of_its_line_break():
    # "By <a>Ruth Calloway</a><br>Staff Reporter" is "Ruth Calloway", not "Ruth CallowayStaff"
    assert _clean_case("address_byline.html").byline == "Ruth Calloway"


def test_every_json_ld_author_and_live_blog_entry_stamps():
    article = _clean_case("live_blog_stamps.html")
    assert article.byline == "Nadia Ferreira and Colm Byrne"
    paragraphs = article.body.split("\n\n")
    # trafilatura drops each entry's <time> stamp (and the first entry's heading); they are the body's
    assert paragraphs[:3] == ["9:40 p.m.", "Council approves the crossing, 7-2", paragraphs[2]]
    assert paragraphs[2].startswith("The city council voted")
    assert "8:15 p.m." in paragraphs and "6:05 p.m." in paragraphs


def test_linked_coauthors_in_a_visible_byline():
    html = ("<html><body><article><h1>Dam repairs finished early</h1>"
            "<div class='meta'>By <a class='author' href='/a'>Dana Lee</a> and <a class='author' href='/b'>Sam Roe</a></div>"
            + "<p>Crews finished repairs to the dam on Friday, two weeks ahead of schedule, the county said in a statement.</p>" * 3
            + "</article></body></html>")
    assert clean(RawDocument(source="coauthors", html=html)).byline == "Dana Lee and Sam Roe"
