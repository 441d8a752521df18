"""Cleaning an HTML page: trafilatura for the body, htmldate for the date, and what they miss.

trafilatura finds the article container well but (a) keeps headline-plus-blurb teasers placed
inside it, (b) often returns the <title> with its "- Site Name" suffix or no author when the
byline is only visible text, (c) leaves out a standfirst printed above the article container,
(d) squeezes pages laid out in tables into a few cells, and (e) says nothing about what it
dropped. So its paragraphs (tables as tab-separated rows) go through the plain-text block
classifier (text.py); a layout-table page is classified from our own walk of the page instead;
title, byline and date come from the page's markup and printed header first; a standfirst under
the <h1> is put back; and every visible page block missing from the body is listed as
boilerplate.
Nothing here touches the network: htmldate gets a parsed tree (given a string that looks like
a URL it would fetch it). trafilatura and htmldate share that tree, parsed once (library_tree).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import htmldate
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement
from trafilatura.settings import Extractor

from backstory.clean.blocks import Block, normalise_text, remove_invisible
from backstory.clean.errors import DocumentError
from backstory.clean.lexicon import html_hints
from backstory.clean.meta import (
    is_time_line,
    parse_byline,
    parse_date_line,
    parse_kicker_byline,
    split_title_parts,
    strip_site_name,
)
from backstory.clean.text import (
    Extraction,
    chrome_kind,
    classify_blocks,
    extract_text,
    label_kind,
    mark_author_note,
)
from backstory.records import Boilerplate

# trafilatura settings, chosen on tests/fixtures/pages (see eval/extraction.py):
# - comments=False: reader comments are not the article.
# - tables=True: old sites lay the whole article out in <table>; without tables trafilatura
#   loses those bodies, and data tables in modern articles are rare.
# - dedup=False: trafilatura's deduplication remembers paragraphs across documents in the
#   process, so a result would depend on what was cleaned before; we want the same page to give
#   the same body every time.
# - precision/recall left at their balance point: on our fixtures precision mode drops the
#   linked headline of an in-article teaser but keeps its blurb, which hides the
#   headline-then-blurb pair our classifier recognises (teasers_inside: body F1 0.90 against
#   1.00); the extra chrome recall mode might let through is what our classifier removes.
# - fast=False: when its own heuristics fail, trafilatura compares with readability and jusText;
#   that rescues unusual layouts. It is a third of trafilatura's time, but with fast=True two of
#   our pages lost a table or paragraphs (business_table F1 1.00 -> 0.97, magazine_divs 1.00 -> 0.95).
# - images/links/formatting off: we want plain paragraphs.
# - with_metadata=False: title, author and date come from our own readers and htmldate below;
#   trafilatura's metadata pass would only repeat that work (it runs htmldate again).
# Built once: given keyword settings, trafilatura builds this object on every call, reading its
# configuration anew (35 µs, 2% of its time on a small page). trafilatura only reads it.
TRAFILATURA_OPTIONS = Extractor(
    output_format="python",
    comments=False,
    tables=True,
    dedup=False,
    precision=False,
    recall=False,
    fast=False,
    images=False,
    links=False,
    formatting=False,
    with_metadata=False,
)
# trafilatura's cost grows faster than the page: a 5 MB page of 120,000 list items took 48 s.
# Real article pages have a few thousand elements (tens of thousands for long live pages), so a
# page beyond this goes straight to our own block classifier, which is linear.
MAX_TRAFILATURA_ELEMENTS = 60_000
# A table cell holding a whole paragraph means the page is laid out in a table (old sites):
# trafilatura then returns menus, headline and body run together, so we read the page ourselves.
LAYOUT_CELL_WORDS = 40
INVISIBLE_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "button", "select", "option"}
BLOCK_TAGS = {
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "blockquote", "pre", "table", "tr",
    "td", "th", "dt", "dd", "dl", "address", "form", "br", "hr", "summary", "details", "caption",
}
TAG_KINDS = {"nav": "navigation", "footer": "navigation", "aside": "related", "figcaption": "caption",
             "figure": "caption", "form": "newsletter", "h1": "title"}
BYLINE_ATTRS = re.compile(r"byline|author|writer|contributor", re.I)
# Furniture whose author names are not the article's (_outside_article).
FURNITURE_TAGS = {"aside", "footer", "nav"}
FURNITURE_ATTRS = re.compile(r"comment|related|teaser|recommend|sidebar|most-read|popular|promo|more-from", re.I)
SHORT_BLOCK_WORDS = 5  # shorter page blocks count as in the body only when equal to a body paragraph
STANDFIRST_SEARCH = 4  # page blocks after the headline searched for a standfirst
STANDFIRST_WORDS = 8   # a standfirst is a sentence, not a label
HEADLINE_MIN_WORDS = 4  # a printed headline is longer than a masthead ("The Courier")
HEADLINE_OVERLAP = 0.3  # shared words (Jaccard) that make a printed headline and a meta title one story's
MIN_ENTRY_STAMPS = 2   # a live blog's entries: more than one time stamp over body paragraphs
# Hints (html_hints.tsv, tag kinds) of blocks that are never a standfirst.
BROAD_HINTS = {"navigation", "related"}  # hints of containers that hold other kinds too
CHROME_HINTS = {"caption", "share", "related", "teaser", "navigation", "advert", "newsletter", "byline", "comments",
                "most-read", "copyright"}


@dataclass
class PageBlock:
    text: str
    hint: str | None     # the chrome kind its markup suggests (class, id, enclosing tag)
    tag: str


def parse_html(html: str) -> tuple[etree._Element, bool]:
    """(the page as an lxml tree, whether it was cut for nesting too deep).

    A plain lxml.etree tree, not lxml.html's: lxml.html looks up a Python element class for
    every element it hands out, which doubled the cost of walking the page. Encoded as UTF-8
    bytes because lxml refuses a str that carries an XML encoding declaration. libxml2 stops
    descending at 256 levels, which is what keeps a 10,000-deep page cheap; we only need to
    know it happened to explain an empty result.
    """
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        tree = etree.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise DocumentError(f"unreadable HTML ({error})") from None
    if tree is None:
        raise DocumentError("unreadable HTML (no document)")
    too_deep = any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log)
    return tree, too_deep


def _no_text_reason(tree: etree._Element, too_deep: bool) -> str:
    if too_deep:
        return "no article text found (HTML nested too deep: over 255 levels)"
    if tree.find(".//script") is not None:
        return "no article text found (page is only scripts)"
    return "no article text found (page has no visible text)"


def _element_hint(element: etree._Element) -> str | None:
    attrib = element.attrib
    if attrib:  # most elements have no attributes at all, which one test says
        attrs = " ".join(filter(None, (attrib.get("class"), attrib.get("id"), attrib.get("role")))).lower()
        if attrs and _any_hint().search(attrs):
            return next(kind for needle, kind in html_hints() if needle in attrs)  # the first hint in file order
    return TAG_KINDS.get(element.tag)


@functools.cache
def _any_hint() -> re.Pattern[str]:
    """All html_hints needles in one pattern: most elements match none, and one search says so."""
    return re.compile("|".join(re.escape(needle) for needle, _ in html_hints()))


def visible_blocks(tree: etree._Element) -> list[PageBlock]:
    """The page's visible text as blocks in reading order, each with the hint of its markup.

    Walks the tree with start/end events rather than recursion, so deep nesting cannot
    exhaust the stack; an invisible element's subtree is skipped (its tail is visible).
    """
    blocks: list[PageBlock] = []
    parts: list[str] = []
    open_elements: list[tuple[str | None, str]] = [(None, "html")]  # (hint, enclosing block tag)

    def flush() -> None:
        # str.split() takes every Unicode space (no-break, thin, ideographic); only the
        # invisible characters it leaves need removing.
        text = " ".join(remove_invisible(" ".join(parts)).split())
        parts.clear()
        if text:
            blocks.append(PageBlock(text, *open_elements[-1]))

    body = tree.find("body")
    root = body if body is not None else tree
    walk = etree.iterwalk(root, events=("start", "end"))
    for event, element in walk:
        tag = element.tag  # a function, not a str, for a processing instruction: in neither set
        if tag in INVISIBLE_TAGS:
            if event == "start":
                walk.skip_subtree()  # its end event still comes
            elif element is not root and (tail := element.tail):
                parts.append(tail)
            continue
        is_block = tag in BLOCK_TAGS
        if is_block and parts:
            flush()
        if event == "start":
            hint, block_tag = open_elements[-1]
            open_elements.append((_element_hint(element) or hint, tag if is_block else block_tag))
            if text := element.text:
                parts.append(text)
        else:
            open_elements.pop()
            if element is not root and (tail := element.tail):
                parts.append(tail)
    if parts:
        flush()
    return blocks


def meta_tags(tree: etree._Element) -> dict[str, str]:
    """The page's <meta> values by property, name or itemprop (the first non-empty one of each)."""
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = " ".join((element.get("content") or "").split())
        for attr in ("property", "name", "itemprop"):
            key = element.get(attr)
            if key and content:
                tags.setdefault(key, content)
    return tags


def _meta(tags: dict[str, str], *names: str) -> str | None:
    return next((tags[name] for name in names if name in tags), None)


def _text(element: etree._Element) -> str:
    """An element's visible text on one line. Block-level children and <br> separate words, as a
    browser shows them: "<address>By Gwen Tolliver<br>Staff Reporter</address>" is "By Gwen
    Tolliver Staff Reporter", not "...TolliverStaff Reporter"."""
    if not any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS for child in element.iterdescendants()):
        return " ".join(remove_invisible("".join(element.itertext())).split())
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if not isinstance(node.tag, str):
            if event == "end" and node.tail and node is not element:
                parts.append(node.tail)
            continue
        if node.tag in BLOCK_TAGS:
            parts.append(" ")
        if event == "start" and node.text:
            parts.append(node.text)
        elif event == "end" and node is not element and node.tail:
            parts.append(node.tail)
    return " ".join(remove_invisible("".join(parts)).split())


def find_title(tree: etree._Element, printed: Collection[str] = (),
               tags: dict[str, str] | None = None) -> tuple[str | None, set[str]]:
    """(title, every form of it the page prints): the headline as the reader sees it.

    Preference: the <h1> of the article, a printed <h1> that shares its words with og:title or
    <title> (the visible headline, where the social title is a rewrite of it), og:title, any
    <h1>, twitter:title, <title>. Each is stripped of a "- Site Name" part; a candidate equal to
    the site name is skipped. When a candidate is "Site | Headline" and one of its parts is a
    block of the page (``printed``, visible block texts), that part is the headline. ``tags``:
    meta_tags(tree), if already read.
    """
    tags = meta_tags(tree) if tags is None else tags
    site = _meta(tags, "og:site_name", "application-name")
    title_element = tree.find(".//title")
    page_title = _text(title_element) if title_element is not None else ""
    candidates: list[str] = []
    for path in (".//article//h1", ".//main//h1", ".//*[@itemprop='headline']"):
        candidates += [_text(e) for e in tree.iterfind(path)][:1]
    metas = [strip_site_name(m, site) for m in (_meta(tags, "og:title"), page_title) if m]
    h1s = [_text(e) for e in tree.iterfind(".//h1")]
    candidates += [h for h in h1s if _echoes(h, metas)][:1]
    candidates.append(_meta(tags, "og:title") or "")
    candidates += h1s[:1]
    candidates.append(_meta(tags, "twitter:title") or "")
    candidates.append(page_title)
    forms = {c for c in candidates if c}
    printed_keys: set[str] = set()
    for candidate in candidates:
        parts = split_title_parts(candidate)
        if len(parts) > 1 and not printed_keys:
            printed_keys = {_key(text) for text in printed}  # needed for a title in parts only
        title = _printed_part(parts, printed_keys) or strip_site_name(candidate, site)
        if title and 1 <= len(title.split()) <= 40 and title.lower() != (site or "").lower():
            return title, forms | {title}
    return None, forms


def _echoes(headline: str, titles: list[str]) -> bool:
    """Whether a printed headline (of a headline's length, not a logo) shares enough words with
    one of the page's titles to be the same story's headline."""
    words = set(headline.lower().split())
    if len(words) < HEADLINE_MIN_WORDS:
        return False
    return any(len(words & set(t.lower().split())) >= HEADLINE_OVERLAP * len(words | set(t.lower().split()))
               for t in titles if t)


def _printed_part(parts: list[str], printed_keys: set[str]) -> str | None:
    """The part of a "Site | Headline" title (``parts``) that the page prints as a block of its
    own (the longest, when the masthead prints the site name too)."""
    printed = [part for part in parts if len(parts) > 1 and _key(part) in printed_keys]
    return max(printed, key=len, default=None)


def _json_ld_authors(node: object, depth: int = 0) -> Iterator[list[str]]:
    """The author names of each item anywhere in a JSON-LD block (objects, lists, @graph): one
    list per item, so that two authors of one article stay together."""
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            yield from _json_ld_authors(item, depth + 1)
    elif isinstance(node, dict):
        author = node.get("author") or node.get("creator")
        names = []
        for person in author if isinstance(author, list) else [author]:
            if isinstance(person, dict) and isinstance(person.get("name"), str):
                names.append(person["name"])
            elif isinstance(person, str):
                names.append(person)
        if names:
            yield names
        for key in ("@graph", "mainEntity", "itemListElement"):
            yield from _json_ld_authors(node.get(key), depth + 1)


def _meta_byline(tree: etree._Element, tags: dict[str, str]) -> str | None:
    """The author named by a meta tag or JSON-LD, if it reads as person names."""
    groups = [[_meta(tags, "author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author")]]
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            groups += list(_json_ld_authors(json.loads(script.text or "")))
        except (ValueError, RecursionError):
            continue
    for group in groups:
        names = [found.names for value in group if value and not value.startswith("http")
                 if (found := parse_byline(value, bare_name=True))]
        if names:
            return " and ".join(dict.fromkeys(names))  # every author of the article, in order
    return None


def _visible_byline(tree: etree._Element, blocks: list[PageBlock]) -> str | None:
    """A byline printed on the page: in an element marked as byline/author, or a "By ..." or
    "Analysis | Name" line near the headline."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in INVISIBLE_TAGS:
            continue
        attrs = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("rel"), element.get("itemprop"))))
        if attrs and BYLINE_ATTRS.search(attrs) and not _outside_article(element):
            text = _text(element)
            found = text and len(text) <= 160 and (parse_byline(text, bare_name=True) or parse_kicker_byline(text))
            if found:
                return _with_coauthors(element, found.names)
    h1 = next((i for i, block in enumerate(blocks) if block.tag == "h1"), 0)
    for block in blocks[max(0, h1 - 3): h1 + 10]:
        if block.hint in CHROME_HINTS - {"byline"}:
            continue  # "By Gordon Phillips" on a reader comment under a short article
        found = parse_byline(block.text) or parse_kicker_byline(block.text)
        if found:
            return found.names
    return None


def _with_coauthors(element: etree._Element, names: str) -> str:
    """The names of a byline element, or of its parent line when that names more authors: each
    author is often a link of its own ("By <a>Dana Lee</a> and <a>Sam Roe</a>")."""
    parent = element.getparent()
    if parent is None:
        return names
    text = _text(parent)
    found = len(text) <= 160 and parse_byline(text)
    return found.names if found and found.names.startswith(names) and len(found.names) > len(names) else names


def _outside_article(element: etree._Element) -> bool:
    """Whether an element sits in page furniture that names other people's bylines: reader
    comments ("comment-author"), teaser cards, sidebars, footers."""
    for node in (element, *element.iterancestors()):
        if node.tag in FURNITURE_TAGS:
            return True
        attrs = " ".join(filter(None, (node.get("class"), node.get("id"))))
        if attrs and FURNITURE_ATTRS.search(attrs):
            return True
    return False


def _headline_at(page: list[PageBlock]) -> int | None:
    return next((i for i, block in enumerate(page) if block.tag == "h1"), None)


def _standfirst(page: list[PageBlock], ex: Extraction) -> str | None:
    """The standfirst printed under the headline when trafilatura left it out of the body.

    It is the first block of STANDFIRST_WORDS or more words among the few after the <h1>, past
    bylines, dates, labels and blocks marked as chrome (captions, share bars), and before the
    first block the body already holds. Our convention keeps a standfirst in the body (as the
    plain-text classifier does); trafilatura keeps it only when it sits inside the article's
    container.
    """
    h1 = _headline_at(page)
    if h1 is None:
        return None
    flat_body = " ".join(_key(b.text) for b, kind in zip(ex.blocks, ex.kinds) if kind is None)
    for block in page[h1 + 1: h1 + 1 + STANDFIRST_SEARCH]:
        key = _key(block.text)
        if key in flat_body:
            return None  # the body has begun
        candidate = Block(block.text)
        if block.hint in CHROME_HINTS or chrome_kind(candidate) or candidate.n_words < STANDFIRST_WORDS:
            continue
        if candidate.ends_with_ellipsis or parse_byline(block.text) or parse_date_line(block.text):
            continue
        return block.text
    return None


def _restore_entry_stamps(page: list[PageBlock], ex: Extraction) -> None:
    """Put back a live blog's entry stamps ("12:41 a.m.") that trafilatura dropped: a page block
    that is only a time, right above a block that opens a body paragraph, or above the entry's
    heading over one (trafilatura drops such a heading too). Stamps and entry headings are part
    of the body (the plain-text classifier keeps "14.31 BST" too); a live blog has several
    stamps, so a single time beside the byline ("Updated 5:20 PM") is not taken for one."""
    body_at = {_key(b.text): k for k, (b, kind) in enumerate(zip(ex.blocks, ex.kinds)) if kind is None}
    entries: list[tuple[int, list[str]]] = []
    for i, block in enumerate(page[:-1]):
        if not is_time_line(block.text) or _key(block.text) in body_at or block.hint in CHROME_HINTS:
            continue
        restored = [block.text]
        following = page[i + 1]
        heading = Block(following.text)
        if _key(following.text) not in body_at and i + 2 < len(page) and heading.is_headline_like \
                and following.hint not in CHROME_HINTS and not chrome_kind(heading):
            restored.append(following.text)
            following = page[i + 2]
        at = body_at.get(_key(following.text))
        if at is not None:
            entries.append((at, restored))
    if len(entries) < MIN_ENTRY_STAMPS:
        return
    for at, texts in sorted(entries, reverse=True):  # from the end, so earlier indices stay right
        for text in reversed(texts):
            ex.insert(at, Block(text))


def _visible_date(page: list[PageBlock]) -> str | None:
    """A date printed near the headline: a date line, or the date of a dated byline."""
    h1 = _headline_at(page) or 0
    for block in page[max(0, h1 - 3): h1 + 10]:
        byline = parse_byline(block.text)
        date = parse_date_line(block.text) or (byline.date if byline else None)
        if date:
            return date
    return None


def _page_date(tree: HtmlElement | None, page: list[PageBlock]) -> str | None:
    """The publication date: htmldate's reading of the page's markup (meta tags, JSON-LD, date
    elements, the canonical URL) when that is a full date; else a full date printed near the
    headline, unless htmldate has a year (it writes YYYY-01-01 for a year alone, from a copyright
    line say) that disagrees; a year alone found only in the page text is no date at all. htmldate's search of the page text is asked only when there is no
    printed date or it disagrees: that search is most of htmldate's time (tens of ms on a large
    page), and a date printed beside the headline is surer than one found in the text."""
    markup = found = _find_date(tree, extensive_search=False)
    if found and not found.endswith("-01-01"):
        return found
    printed = _visible_date(page)
    if not _agrees(printed, found):
        found = _find_date(tree, extensive_search=True) or found
    if _agrees(printed, found):
        return printed
    # A year alone found in the page text (a copyright line, "since 2025") dates nothing.
    return found if found and (found == markup or not found.endswith("-01-01")) else None


def _agrees(printed: str | None, found: str | None) -> bool:
    return printed is not None and (found is None or found[:4] == printed[:4])


def _find_date(tree: HtmlElement | None, extensive_search: bool) -> str | None:
    """Publication date by htmldate: original (not last-modified) date. htmldate gets a parsed
    lxml.html tree (the kind it requires), never the string: given a string that looks like a URL
    it would fetch it. It copies the tree before pruning it."""
    if tree is None:
        return None
    try:
        return htmldate.find_date(tree, extensive_search=extensive_search, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, RecursionError, etree.LxmlError):
        return None


def library_tree(html: str) -> HtmlElement | None:
    """The page as trafilatura and htmldate read it (trafilatura's loader: lxml.html after its
    repairs of the markup), parsed once for both; None if trafilatura refuses it as not HTML (a
    lone fragment, text without tags). Our own walks use parse_html's plain tree, which is
    cheaper to walk."""
    try:
        return trafilatura.load_html(html)
    except (ValueError, TypeError, etree.LxmlError):
        return None


def _date_tree(shared: HtmlElement | None, html: str) -> HtmlElement | None:
    """The tree htmldate reads: the one shared with trafilatura, else (a page trafilatura
    refused) lxml.html's own parse, in which htmldate can still find a date in the text."""
    if shared is not None:
        return shared
    try:
        return lxml_html.document_fromstring(html.encode("utf-8", "replace"))
    except (ValueError, etree.LxmlError):
        return None


def trafilatura_lines(tree: HtmlElement) -> list[str]:
    """Body lines from trafilatura, table rows as tab-separated cells; [] when it finds
    nothing, fails, or returns a layout table (the whole page squeezed into table cells).
    trafilatura copies the tree before changing it."""
    try:
        document = trafilatura.bare_extraction(tree, options=TRAFILATURA_OPTIONS)
    except (RecursionError, ValueError, TypeError, etree.LxmlError):
        return []
    if document is None or not document.text:
        return []
    lines = []
    for line in normalise_text(document.text).split("\n"):
        cells = _table_cells(line)
        if cells is None:
            lines.append(line)
        elif any(len(cell.split()) > LAYOUT_CELL_WORDS for cell in cells):
            return []
        elif any(cells):
            lines.append("\t".join(cell for cell in cells if cell))
    return [line for line in lines if line]


def _table_cells(line: str) -> list[str] | None:
    """The cells of a table row as trafilatura writes it ("| Revenue | 38.2 |"), [] for its
    "|---|---|" rule, None for a line that is not a table row."""
    if not (line.startswith("|") and line.endswith("|") and len(line) > 1):
        return None
    cells = [cell.strip() for cell in line[1:-1].split("|")]
    return [] if all(set(cell) <= set("-: ") for cell in cells) else cells


def _key(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .")


def _dropped(page: list[PageBlock], ex: Extraction) -> list[Boilerplate]:
    """Every visible page block that is not in the body, with its kind, in page order."""
    paragraphs = {_key(b.text) for b, kind in zip(ex.blocks, ex.kinds) if kind is None}
    classified = {_key(b.text): kind for b, kind in zip(ex.blocks, ex.kinds) if kind}
    flat_body = " ".join(sorted(paragraphs))  # whole blocks, the first one still with its dateline
    body_words = set(flat_body.split(" "))
    out: list[Boilerplate] = []
    seen: set[str] = set()
    for block in page:
        key = _key(block.text)
        if key in paragraphs or key in seen:
            continue
        words = key.split(" ")
        # A block inside a body paragraph has its inner words (all but the first and last,
        # which may be cut) among the body's words: a few set lookups rule out most chrome
        # before the whole body is searched for it.
        if len(words) >= SHORT_BLOCK_WORDS and body_words.issuperset(words[1:-1]) and key in flat_body:
            continue
        seen.add(key)
        kind = classified.get(key) or _label_or_hint(block)
        out.append(Boilerplate(block.text, kind))
    return out


def _label_or_hint(block: PageBlock) -> str:
    """A dropped block's kind: its wording's label, else its markup's hint. A specific hint (an
    ad slot, a most-read list, reader comments) is taken as it is: a real page drops hundreds of
    such lines, and matching each against the label lexicon would be most of this step's time;
    a broad one (a footer or nav is "navigation") may hold a copyright line or a newsletter box."""
    if block.hint and block.hint not in BROAD_HINTS:
        return block.hint
    label = label_kind(Block(block.text))
    return label[0] if label else block.hint or "other"


def extract_html(html: str, find_date: bool = True) -> tuple[Extraction, list[Boilerplate]]:
    """Classify an HTML page: (the extraction, the boilerplate list in page order). Without
    ``find_date`` (the caller knows the publication date) the page's own date is not looked for."""
    tree, too_deep = parse_html(html)
    page = visible_blocks(tree)
    if not page:
        raise DocumentError(_no_text_reason(tree, too_deep))
    tags = meta_tags(tree)
    title, title_forms = find_title(tree, [block.text for block in page], tags)
    shared = library_tree(html)
    too_big = sum(1 for _ in tree.iter()) > MAX_TRAFILATURA_ELEMENTS
    lines = [] if too_big or shared is None else trafilatura_lines(shared)
    if lines:
        ex = classify_blocks([Block(line) for line in lines], known_titles=title_forms)
        _restore_entry_stamps(page, ex)
    else:
        # trafilatura found no article (a very short page, an odd layout) or the page is too
        # big for it: classify the visible page text as we would a plain-text page.
        ex = extract_text("\n\n".join(block.text for block in page))
    ex.title = title or ex.title
    standfirst = _standfirst(page, ex)
    if standfirst:
        ex.prepend(Block(standfirst))
    ex.byline = _meta_byline(tree, tags) or _visible_byline(tree, page) or ex.byline
    mark_author_note(ex)
    if find_date:
        ex.published = _page_date(_date_tree(shared, html), page) or ex.published
    boilerplate = _dropped(page, ex)
    if ex.dateline_text:
        boilerplate.insert(0, Boilerplate(ex.dateline_text.strip(), "dateline"))
    return ex, boilerplate
