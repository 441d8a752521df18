"""The plain-text block classifier (backstory.clean.text) and block splitting (blocks)."""

from __future__ import annotations

from pathlib import Path

from backstory.clean import clean
from backstory.clean.blocks import Block, split_blocks
from backstory.clean.text import chrome_kind, extract_text, is_caption, label_kind, menu_kind
from backstory.records import RawDocument

CASES = Path(__file__).parent / "fixtures" / "pages" / "cases"


def _case(name: str):
    return extract_text((CASES / name).read_text(encoding="utf-8"))


def test_hard_wrapped_lines_are_joined_and_list_lines_are_not():
    wrapped = split_blocks("The minister said the plan would be\npresented to parliament next week,\nafter talks with unions.")
    assert len(wrapped) == 1 and "be presented" in wrapped[0].text
    listed = split_blocks("Floods force evacuations in the south\nPeru's congress censures interior minister\nMexico names cabinet")
    assert len(listed) == 3


def test_block_features():
    assert Block("Bolivia arrests former army chief").is_headline_like
    assert not Block("He declined to comment.").is_headline_like
    assert Block("Forecasters warned that the bay could see...").is_teaser_text
    assert Block("“We will not stop,” she said.").ends_sentence


def test_labels_and_menus():
    assert label_kind(Block("Most viewed")) == ("most-read", True)
    assert label_kind(Block("Read more: Why prices fell")) == ("related", False)
    assert label_kind(Block("Advertisement")) == ("advert", False)
    assert label_kind(Block("© 2024 Daily Courier. All rights reserved."))[0] == "copyright"
    assert label_kind(Block("Copy editors at the paper went on strike for better pay and conditions.")) is None
    assert label_kind(Block("Ana Ruiz and Tomas Reyes reported from Quito.")) == ("byline", False)
    assert label_kind(Block("Police reported from the scene.")) is None
    assert is_caption(Block("Crews clear the debris on Main Street on Sunday. (Ana Ruiz / Valley Courier)"))
    assert label_kind(Block("Enjoying Harbour Notes? Forward it to a friend."))[0] == "newsletter"
    assert label_kind(Block("Have a tip? Email the newsroom."))[0] == "other"
    assert label_kind(Block("Enjoying the sunshine, residents flocked to the beach on Sunday.")) is None
    assert label_kind(Block("Provided by the Coastal Research Institute")) == ("other", False)
    assert label_kind(Block("Provided by law, the council must publish its accounts.")) is None
    assert label_kind(Block("Reference: A. Ortiz and B. Lee, Ocean Letters, 2024."))[0] == "other"
    assert menu_kind(Block("Home | World | Business | Sport")) == "navigation"
    assert menu_kind(Block("Share on Facebook | Share on X | Email")) == "share"
    assert menu_kind(Block("World > Asia-Pacific")) == "navigation"


def test_article_resumes_after_a_list_of_headlines():
    ex = _case("resume_after_list.txt")
    assert ex.paragraphs[-2:] == [
        "The agreement raises wages by 9% over two years.",
        "The union said members had voted by a large majority to accept it.",
    ]
    assert [b.kind for b in ex.boilerplate if b.kind == "related"] == ["related"] * 4


def test_headline_blurb_pairs_without_a_label_are_teasers():
    ex = _case("pairs_without_label.txt")
    assert len(ex.paragraphs) == 2
    assert {b.kind for b in ex.boilerplate} == {"title", "teaser"}


def test_in_body_list_followed_by_prose_is_kept():
    ex = _case("in_body_list.txt")
    assert "Higher fines for using a phone at the wheel" in ex.paragraphs
    assert len(ex.paragraphs) == 6


def test_text_without_a_title():
    ex = _case("no_title.txt")
    assert ex.title is None and len(ex.paragraphs) == 2 and ex.boilerplate == []


def test_other_languages_are_cleaned_and_labelled():
    article = clean(RawDocument(source="spanish.txt", text=(CASES / "spanish.txt").read_text(encoding="utf-8")))
    assert article.language == "es"
    assert article.title == "El gobierno aprueba un nuevo plan de vivienda"
    assert len(article.body.split("\n\n")) == 2
    assert article.notes == ["language 'es', not English: cleaned, not analysed (backstory analyses English only)"]
    assert article.errors == []  # not a failure


def test_english_articles_carry_no_note():
    article = clean(RawDocument(source="captions.txt", text=(CASES.parent / "captions.txt").read_text(encoding="utf-8")))
    assert article.language == "en" and article.notes == []


def test_dateline_is_cut_from_the_body_and_listed():
    ex = extract_text("Storm hits coast\n\nMANILA (AP) — A typhoon made landfall on Monday, officials said.")
    assert ex.dateline == "Manila"
    assert ex.paragraphs == ["A typhoon made landfall on Monday, officials said."]
    assert ex.boilerplate[-1].kind == "dateline" and ex.boilerplate[-1].text == "MANILA (AP) —"


def test_buttons_and_links_run_together_are_chrome():
    assert menu_kind(Block("Share Save for later Comments (214)")) == "share"
    assert menu_kind(Block("Share on FacebookShare on TwitterShare via Email")) == "share"
    assert menu_kind(Block("Local News Schools Police & Courts High School Sports Opinion Events Classifieds")) == "navigation"
    assert menu_kind(Block("HomeU.S.WorldOpinionArtsLiving")) == "navigation"
    assert menu_kind(Block("Police say the suspect fled on foot towards the river")) is None


def test_a_tie_between_label_kinds_goes_to_the_first_label():
    # one navigation label and one newsletter label: the kind must not depend on string hashing
    assert menu_kind(Block("Sign in Subscribe")) == "navigation"
    assert menu_kind(Block("Subscribe Sign in")) == "newsletter"


def test_photo_credits():
    assert chrome_kind(Block("Kristinn Magnusson/AFP via Getty Images")) == ("caption", False)
    assert is_caption(Block("Smoke rises over the forest west of the city. Getty Images"))
    assert is_caption(Block("Shoppers on Oxford Street, February 10, 2024. REUTERS/Jane Bright/File Photo"))
    assert not is_caption(Block("The mayor thanked the fire crews. Officials said the road would reopen."))


def test_table_rows_are_not_headlines():
    row = split_blocks("Revenue\t38.2\t40.1\t-4.7%")[0]
    assert row.is_table_row and not row.is_headline_like


def test_the_header_is_read_up_from_the_article_prose():
    """Thirty lines of masthead and menus above the headline do not hide it (portal_dump.txt)."""
    ex = extract_text((CASES.parent / "portal_dump.txt").read_text(encoding="utf-8"))
    assert ex.title == "Kenya court blocks plan to send police officers to Haiti"
    assert (ex.byline, ex.published, ex.dateline) == ("Amina Yusuf", "2024-01-26", "Nairobi")
    assert ex.paragraphs[0].startswith("Kenya's High Court on Friday blocked")


def test_standfirst_under_the_headline_stays_and_the_headline_is_above_it():
    ex = extract_text((CASES.parent / "opinion_bio.txt").read_text(encoding="utf-8"))
    assert ex.title == "Our cities are overheating. Shade is the cheapest fix we have"
    assert ex.paragraphs[0].startswith("Planting trees and putting up awnings")
    assert "byline" in [b.kind for b in ex.boilerplate if b.text.startswith("Fatima Zahra is")]


def test_pull_quotes_are_removed_and_headings_kept():
    ex = _case("pull_quote.txt")
    assert "raises wages by 6% this year and 4% next year" not in ex.paragraphs
    assert "What happens next" in ex.paragraphs
    assert [b.kind for b in ex.boilerplate if b.text.startswith("raises")] == ["pull-quote"]


def test_headline_found_past_the_lead_photo_caption_and_under_a_cookie_banner():
    # cookie-banner heading and account line above; caption between standfirst and byline;
    # "Name Beat correspondent" without a comma; a day.month.year date with a reading time
    ex = _case("header_under_caption.txt")
    assert ex.title == "Night trains return to the northern line after a decade away"
    assert (ex.byline, ex.published) == ("Tomasz Wielgus", "2025-02-04")
    assert ex.paragraphs[0].startswith("The operator will run six sleepers a week from May")  # the standfirst
    assert ex.paragraphs[1].startswith("Night trains will return")


def test_blog_posted_on_line_is_the_byline_not_the_title():
    ex = _case("blog_posted_on.txt")
    assert ex.title == "Bakery on Mill Road reopens after the flood"
    assert (ex.byline, ex.published) == ("Ruth Okoye", "2024-04-02")
    assert ex.paragraphs[0].startswith("The bakery on Mill Road")


def test_two_short_sentences_over_a_longer_dek_are_the_headline():
    ex = _case("opinion_two_sentence_headline.txt")
    assert ex.title == "We taxed the parking lots. Now let's fix the buses."
    assert ex.paragraphs[0].startswith("The money from the new parking levy")  # the dek stays in the body


def test_rendered_page_chrome_inside_and_after_the_body():
    # share and tool rows with counts, "Listen 5 min", a "Key points" label over its bullets, a
    # "Read more" label over its linked headline, a quoted pull quote, a copied-link share row,
    # the author box (name, then bio), a letters prompt, a "Popular Business" sidebar and a
    # named newsletter box
    ex = _case("rendered_chrome_body.txt")
    assert (ex.byline, ex.published) == ("Dale Fournier and Ines Alvarado", "2025-05-08")
    assert ex.dateline == "Seattle"  # past the summary bullets
    assert ex.paragraphs == [
        "The port will run a third shift from June.",
        "About 40 ships are waiting offshore.",
        "Unions back the plan.",
        ex.paragraphs[3],
        ex.paragraphs[4],
        ex.paragraphs[5],
        ex.paragraphs[6],
    ]
    assert ex.paragraphs[3].startswith("The port authority voted on Wednesday")
    assert ex.paragraphs[5].startswith('"We cannot keep asking ships to wait a week for a berth," the authority')
    assert ex.paragraphs[6].startswith("Union leaders said")


def test_labels_of_rendered_tool_rows_and_link_lines():
    for row in ("Share WhatsApp X LinkedIn E-mail Bookmark", "Save Print this page Gift this article",
                "Share Gift this article Listen (7 min) Comments"):
        assert chrome_kind(Block(row)) is not None, row
    assert label_kind(Block("Listen 6 min"))[0] == "other"
    assert label_kind(Block("ALSO READ | Heatstroke closes schools in Odisha"))[0] == "related"
    assert label_kind(Block("Subscribe to continue reading")) == ("newsletter", True)
    assert label_kind(Block("Your privacy choices"))[0] == "other"
    assert is_caption(Block("Crews clear debris from the road on Monday. Photograph by Ana Ruiz"))
    assert is_caption(Block("Smoke rises over the school on Monday night. Submitted photo"))


def test_teaser_cards_rendered_into_one_paragraph_are_dropped():
    ex = _case("glued_teaser_cards.txt")
    body = "\n".join(ex.paragraphs)
    assert "fishermen who still row" not in body
    assert "Residents who spoke at the meetings" in body
    assert any(item.kind == "teaser" and "keeps turning green" in item.text for item in ex.boilerplate)


def test_a_press_release_dateline_dates_the_release():
    ex = _case("press_release_dateline.txt")
    assert (ex.dateline, ex.published) == ("Austin, Texas", "2024-01-09")
    assert ex.paragraphs[1].startswith("Lonestar Labs today opened")
