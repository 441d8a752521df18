"""The plain-text block classifier: which blocks of a scraped page are the article.

No library separates article from chrome in plain text (trafilatura and jusText need the
HTML tree, and jusText's stopword test keeps headline-plus-blurb teasers because blurbs are
prose), so this is our own. It works on blocks (blocks.py) in three steps:

1. The article's prose (``article_start``): the page's main run of prose paragraphs (most
   prose words; runs break at long stretches of other blocks and at comments or copyright
   labels), so that a cookie notice above it or reader comments below never win.
2. Header (``_read_header``), read upwards from that prose, so any amount of masthead, menus
   and notices above it does not matter: the nearest run of header lines (a byline "By Jane
   Doe", "Jane Doe, Staff Writer", "WRITER: ...", a bare name beside them, a role, a date line,
   "Source · 3h") with a headline above it anchors the title; a standfirst may sit between
   them, and a shorter headline above a long (or multi-line) standfirst is the title rather
   than the standfirst. A standfirst above the byline that opens the prose is skipped first.
   Without header lines the title is the nearest headline above the prose; a page without
   prose is read from the top (``_anchored_title``). Blocks above the title are chrome (header
   lines only right above it). A standfirst stays in the body.
3. Body (``_read_body``), a two-state machine over the blocks after the header:
   - in the BODY state every block is article text except inline chrome (a "Read more: ..."
     line, "Advertisement", a photo caption or credit line, a menu or a row of buttons), which
     is removed alone. A standalone section label ("Most read", "Related stories",
     "Comments", a copyright line), a headline followed by a blurb that trails off ("... two
     NATO..."), or a run of three or more short headlines that leads to no prose, ends the
     body: the state turns CHROME. A lone blurb that trails off is removed alone.
   - in the CHROME state every block is chrome of the section's kind, unless it is clearly
     article text again (``_resumes``): a full prose paragraph right after the label, a
     finished sentence after a blurb that trailed off or after a list made only of headlines,
     a paragraph longer than any blurb, or a full prose paragraph followed by another one.
     Newsletter boxes and most-read lists after the article began resume only on the last.
     Where it resumes, an entry stamp ("14.31 BST") and a single heading just before come
     back to the body. After comments, a copyright line or an end mark (###) nothing does.
   Then short unfinished lines after the last sentence, pull quotes (a line repeated inside
   a paragraph) and an author note closing the article (with all after it) are chrome.

In-body section headings survive because a heading is followed by ordinary prose, never by a
trailing blurb, and because section labels come from a lexicon (data/clean/section_labels.tsv).

The wire dateline ("HAVANA —", "LONDON (Reuters) -") is cut from the start of the story's first
paragraph (the first body paragraph, or the second after a standfirst) and listed as
boilerplate of kind "dateline"; the place goes to ``dateline``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass

from backstory.clean.blocks import Block, split_blocks
from backstory.clean.lexicon import (
    caption_credits,
    function_words,
    not_names,
    section_labels,
)
from backstory.clean.meta import (
    find_date,
    is_age_line,
    is_person_name,
    is_role,
    is_source_age_line,
    is_time_line,
    parse_byline,
    parse_date_line,
    parse_kicker_byline,
    split_dateline,
)
from backstory.records import Boilerplate

BODY = None                      # the kind given to a block that is article text
FINAL_KINDS = {"comments", "copyright", "end"}   # after these the article never resumes
SHORT_BLOCK_WORDS = 40           # prefix labels ("Read more: ...") and captions are short
HEADER_WINDOW = 6                # blocks after the title searched for byline and date lines
HEADER_SEARCH = 12               # without prose to read up from, the title is looked for among the first blocks
HEADER_BACK = 20                 # the header is looked for among the blocks above the article's first prose
HEADER_CHROME = {"caption", "share", "advert", "other"}  # may sit between a headline and its byline
TITLE_TOP_LINES = 3              # a byline or date may sit this many blocks above the title
MAX_PROSE_GAP = 8                # other blocks that may separate two prose paragraphs of one article
STANDFIRST_BLOCKS = 2            # a standfirst is one or two paragraphs
TITLE_CASE_SHARE = 0.8           # of a headline's longer words capitalised in title case
TWO_SENTENCE_TITLE_WORDS = 16   # "We zoned our way into a shortage. We can zone our way out." over a dek
STANDFIRST_WORDS = 14            # a standfirst under a headline has at least this many words
LIST_TITLE_WORDS = 16            # headlines in a list of links are shorter than this
# Teaser cards rendered into one paragraph: each ends in an ellipsis, the next opens with a capital.
_TEASER_CARD_BREAK = re.compile(r"(?:(?<=\.\.\.)|(?<=…))\s+(?=[A-Z\"“‘'])")
TEASER_CARD_WORDS = 80
BLURB_WORDS = 40                 # a teaser's blurb is shorter than this
RESUME_WORDS = 4                 # a finished sentence this long after a label or blurb is article text
LABEL_RUN_WORDS = 12              # a row of buttons rendered as one line
LINK_RUN_WORDS = 8               # menus run together into one line have at least this many words
PULL_QUOTE_WORDS = 8            # shorter repeated lines are headings, kept
MAX_PULL_QUOTES = 50
DATELINE_PARAGRAPHS = 2          # a dateline opens the first or (after a standfirst) second paragraph
DATELINE_LEAD_LINES = 6          # ... past at most this many summary bullets or headings above them
AUTHOR_NOTE_SEARCH = 5           # an author note is among the article's last blocks
TAIL_WORDS = 12                  # unfinished lines after the article's last sentence are this short
_CAPTION_CREDIT = re.compile(r"\(([^()]{2,80})\)$|\b(?:Photo(?:graph)?|Image|Picture|Credit)s?:\s*[^.:]{2,60}$", re.I)
_TRAILING_CREDIT = re.compile(r"[.!?][\"”’]?\s+([A-Z][\w&.'’/ -]{1,60})$")  # "... on Tuesday. Getty Images"
_CREDIT_LINE = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} ?/ ?[A-Z][\w&.'’ -]*$")  # Photographer/Agency, "Name / Outlet"
_CREDIT_BY = re.compile(r"^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}) (?:by|for) [A-Z][\w&.'’ -]{1,50}$", re.I)
_GLUED_WORDS = re.compile(r"[a-z.][A-Z]")
_GLUED_WORDS_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z])")
_AGENCY_CREDIT = re.compile(r"\b[A-Z]{2,}(?: Photo)?/[A-Z][a-z]")  # "REUTERS/Jane Bright", "AFP Photo/Ali Hassan"
_NAV_SEPARATOR = re.compile(r"\s(?:\||•|·|»|›|/|>)\s")
_BREADCRUMB = re.compile(r"\s(?:»|›|>)\s")


@dataclass
class Extraction:
    """What the classifier found; ``kinds[i]`` is None for a body block, else a boilerplate kind."""

    blocks: list[Block]
    kinds: list[str | None]
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    dateline: str | None = None
    dateline_text: str | None = None
    dateline_at: int | None = None

    def prepend(self, block: Block) -> None:
        """Put a body block before all others (a standfirst the HTML extractor left out)."""
        self.insert(0, block)

    def insert(self, index: int, block: Block) -> None:
        """Put a body block before the block at ``index`` (text the HTML extractor left out)."""
        self.blocks.insert(index, block)
        self.kinds.insert(index, BODY)
        if self.dateline_at is not None and self.dateline_at >= index:
            self.dateline_at += 1

    @property
    def paragraphs(self) -> list[str]:
        out = []
        for index, (block, kind) in enumerate(zip(self.blocks, self.kinds)):
            if kind is BODY:
                text = block.text
                if index == self.dateline_at and self.dateline_text:
                    text = text[len(self.dateline_text):]
                out.append(text)
        return out

    @property
    def boilerplate(self) -> list[Boilerplate]:
        out = []
        for index, (block, kind) in enumerate(zip(self.blocks, self.kinds)):
            if index == self.dateline_at and self.dateline_text:
                out.append(Boilerplate(self.dateline_text.strip(), "dateline"))
            if kind is not BODY:
                out.append(Boilerplate(block.text, kind))
        return out


# The classifier asks about the same block several times (main prose run, header, body, title
# lists), and pages repeat the same chrome lines; blocks are immutable, so answers are cached.
@functools.lru_cache(maxsize=8192)
def label_kind(block: Block) -> tuple[str, bool] | None:
    """(kind, opens a section) when the block is page chrome by its wording alone."""
    if not _is_short(block):
        return None  # labels and captions are short: no need to match a paragraph against them
    match = section_labels().match(block.text)
    if match and match.match == "exact" and block.n_words <= 6:
        return match.kind, match.section
    if match and match.match != "exact":
        # A prefix such as "More from" opens a section only as a short heading; copyright
        # markers and the shapes a regex spells out ("12 thoughts on ...") are unambiguous.
        unambiguous = match.kind == "copyright" or match.match == "regex"
        opens = match.section and (unambiguous or (block.n_words <= 6 and not block.ends_sentence))
        return match.kind, opens
    if is_caption(block):
        return "caption", False
    return None


@functools.lru_cache(maxsize=8192)
def chrome_kind(block: Block) -> tuple[str, bool] | None:
    """label_kind, or a menu line's or photo credit's kind (removed alone, they open no section)."""
    label = label_kind(block)
    if label:
        return label
    menu = menu_kind(block)
    if menu:
        return menu, False
    return ("caption", False) if is_credit_line(block) else None


def _is_short(block: Block) -> bool:
    """At most SHORT_BLOCK_WORDS words. Words are separated, so a text of up to twice as many
    characters cannot hold more: most lines asked about are told without finding their words."""
    return len(block.text) <= 2 * SHORT_BLOCK_WORDS or block.n_words <= SHORT_BLOCK_WORDS


def is_credit_line(block: Block) -> bool:
    """A photo credit on a line of its own under a caption: "Kristinn Magnusson/AFP via Getty Images"."""
    return block.n_words <= 8 and not block.ends_sentence and _CREDIT_LINE.match(block.text) is not None


def is_caption(block: Block) -> bool:
    """A photo caption: a short block ending in a credit, "(AP Photo/Jane Roe)" or "Photo: Jane Roe/Reuters"."""
    if not _is_short(block):
        return False
    text = block.text
    # Both credit patterns need a character most blocks lack; testing it first spares a search.
    match = _CAPTION_CREDIT.search(text) if text.endswith(")") or ":" in text else None
    if match:
        return match.group(1) is None or _is_credit(match.group(1), loose=True)
    if "/" in text and _AGENCY_CREDIT.search(text):
        return True
    trailing = _TRAILING_CREDIT.search(text)
    return trailing is not None and _is_credit(trailing.group(1), loose=False)


def _is_credit(text: str, loose: bool) -> bool:
    """Whether text names a photo's source: "Jane Roe/Reuters", "Getty Images"; ``loose``
    (inside parentheses at the end of a caption) also any credit word: "(AP Photo)", "(File)"."""
    lowered = text.lower().strip()
    if _CREDIT_LINE.match(text.strip()) or lowered in caption_credits():
        return True
    # "Photograph by Jonas Eklund", "Jonas Eklund for The Quarterly": a credit word or a
    # photographer's name before "by" / "for" and a name.
    credit_by = _CREDIT_BY.match(text.strip())
    if credit_by and (credit_by.group(1).lower() in caption_credits() or is_person_name(credit_by.group(1))):
        return True
    return loose and any(word in lowered for word in caption_credits())


def menu_kind(block: Block) -> str | None:
    """The kind of a menu line: "Home | World | Business" (navigation), "World > Asia" (a
    breadcrumb), "Share on Facebook | Email | Copy link" (share, when its items are labels)."""
    items = [item for item in _NAV_SEPARATOR.split(block.text) if item.strip()]
    breadcrumb = len(items) >= 2 and _BREADCRUMB.search(block.text) is not None
    if not (len(items) >= 3 or breadcrumb):
        return _label_run_kind(block) or ("navigation" if _is_link_run(block) else None)
    if any(len(item.split()) > 5 for item in items):
        return None
    kinds = [label_kind(Block(item)) for item in items]
    labelled = [k[0] for k in kinds if k]
    if len(labelled) * 2 > len(items):
        return _majority(labelled)
    return "navigation"


def _majority(kinds: list[str]) -> str:
    """The most frequent kind; of equally frequent ones the first. (A set's order, which picked
    it before, follows the process's string hashing: "Sign in Subscribe" was navigation in one
    run and newsletter in the next.)"""
    return max(dict.fromkeys(kinds), key=kinds.count)


def _label_run_kind(block: Block) -> str | None:
    """The kind of labels run together on one line without separators, as a page's text
    renders a row of buttons ("Share Save for later Comments (214)", "Reply Report"), even
    glued ("Share on FacebookShare on TwitterShare via Email")."""
    words = _label_words(block.text)
    if len(words) > LABEL_RUN_WORDS:
        return None  # a paragraph, not a row of buttons; ungluing would only add words
    unglued = _GLUED_WORDS_SPLIT.sub(" ", block.text)
    return _label_sequence_kind(words) or (_label_sequence_kind(_label_words(unglued)) if unglued != block.text else None)


def _label_words(text: str) -> list[str]:
    """The words of a line as labels are written: lower case, plain apostrophes, no punctuation
    around them, no counts ("Comments (214)"). Only the first LABEL_RUN_WORDS + 1: more say
    the line is no row of labels, and most lines asked about are paragraphs."""
    words = (word.strip(".,:;()[]|") for word in text.lower().replace("’", "'").split())
    return list(itertools.islice((word for word in words if word and not _is_count(word)), LABEL_RUN_WORDS + 1))


def _is_count(word: str) -> bool:
    """A count or duration beside a button: "(214)", "1,482", "(7 min)"."""
    return word.replace(",", "").isdigit() or word in ("min", "mins")


def _label_sequence_kind(words: list[str]) -> str | None:
    """The majority kind when ``words`` are two or more exact labels one after another."""
    if not 2 <= len(words) <= LABEL_RUN_WORDS:
        return None
    exact = section_labels().exact
    kinds, i = [], 0
    while i < len(words):
        n = next((n for n in range(min(4, len(words) - i), 0, -1) if " ".join(words[i:i + n]) in exact), 0)
        if not n:
            return None
        kinds.append(exact[" ".join(words[i:i + n])][0])
        i += n
    return _majority(kinds) if len(kinds) >= 2 else None


def _is_link_run(block: Block) -> bool:
    """Menu links run together without separators, as a page's text often renders them
    ("Local News Schools Police & Courts Opinion Events Classifieds"): many capitalised
    words and not one function word, which any headline or sentence of that length has."""
    if block.n_words <= 3 and len(_GLUED_WORDS.findall(block.text)) >= 3:
        return True  # links rendered without spaces: "HomeU.S.WorldOpinionArtsLiving"
    if block.n_words < LINK_RUN_WORDS or block.core.endswith((".", "!", "?", ":")):
        return False
    if any(word.lower() in function_words() for word in block.words):
        return False
    return all(word[0].isupper() or word[0].isdigit() for word in block.words)


def is_kicker(block: Block) -> bool:
    """A section kicker above a headline ("Middle East", "Opinion"): 1-3 section words."""
    words = [w.lower() for w in block.words]
    return 0 < len(words) <= 3 and all(w in not_names() for w in words)


def _looks_like_title(block: Block, sentences: int = 2) -> bool:
    """A headline: at most two short sentences ("The plan works. Now pay for it"), never
    trailing off, never a dateline-led paragraph, a header line, a label or a menu."""
    if not 2 <= block.n_words <= 30 or block.ends_with_ellipsis or block.is_table_row:
        return False
    if block.n_sentences > sentences or (block.n_sentences == 2 and (block.n_words > 20 or block.core.endswith("."))
                                         and not _is_title_case(block)):
        return False
    if block.core.endswith((",", ";", ":")) or split_dateline(block.text):
        return False
    if is_role(block.text) or parse_byline(block.text) or parse_date_line(block.text):
        return False
    return label_kind(block) is None and menu_kind(block) is None and not is_kicker(block)


def _is_title_case(block: Block) -> bool:
    """Headline style that capitalises every longer word ("Fund Them Like It."), which a
    standfirst written in sentences never does."""
    long_words = [word for word in block.words if len(word) > 3]
    return len(long_words) >= 4 and sum(word[0].isupper() for word in long_words) >= TITLE_CASE_SHARE * len(long_words)


def _is_title(block: Block, following: Block | None) -> bool:
    """Without a byline or date to anchor it, the first block is the title when it reads as a
    headline: a one-sentence line ending in a full stop is a title only above a header line."""
    if not _looks_like_title(block):
        return False
    return not block.core.endswith(".") or (following is not None and _is_header_line(following, bare_name=True))


def _is_header_line(block: Block, bare_name: bool) -> bool:
    return (parse_byline(block.text, bare_name=bare_name) or parse_kicker_byline(block.text)
            or parse_date_line(block.text)) is not None or _is_undated_line(block.text)


def _is_undated_line(text: str) -> bool:
    """A header line that dates the story without a date: "Source · 3h", "Published 3 hours ago · 4 min read"."""
    return is_source_age_line(text) or is_age_line(text)


def _anchored_title(blocks: list[Block]) -> int | None:
    """Index of the title found by its byline or date line, searched from the top of the page
    (for pages without a run of prose to start from, see _title_above).

    The title is the headline-like block just above the first byline/date line in the top of
    the page, or the one above a single standfirst paragraph; a bare name counts as a byline
    only right under such a title (or under its standfirst).
    """
    for anchor in range(1, min(len(blocks), HEADER_SEARCH)):
        # Title then standfirst then byline: the headline is the block without a full stop.
        prefer_higher = anchor >= 2 and blocks[anchor - 1].core.endswith(".") and not blocks[anchor - 2].core.endswith(".")
        for title_at in ((anchor - 2, anchor - 1) if prefer_higher else (anchor - 1, anchor - 2)):
            if title_at < 0 or not _looks_like_title(blocks[title_at]):
                continue
            if title_at == anchor - 2 and not blocks[anchor - 1].ends_sentence:
                continue  # only a standfirst sentence may sit between title and byline
            if _is_header_line(blocks[anchor], bare_name=True):
                return title_at
    return None


def article_start(blocks: list[Block]) -> int | None:
    """Index of the first prose paragraph of the page's main run of prose, or None without prose.

    A run is prose paragraphs separated by at most MAX_PROSE_GAP other blocks and by no
    comments or copyright label; the main run has the most prose words, so a cookie notice
    above the article or reader comments below it never win.
    """
    best_start, best_words = None, 0
    start, words, gap = None, 0, 0
    for k, block in enumerate(blocks):
        if block.is_prose:
            if start is None:
                start, words = k, 0
            words, gap = words + block.n_words, 0
            if words > best_words:
                best_start, best_words = start, words
        elif start is not None:
            gap += 1
            label = label_kind(block)
            if gap > MAX_PROSE_GAP or (label is not None and label[1] and label[0] in FINAL_KINDS):
                start = None
    return best_start


def _header_top(blocks: list[Block], end: int, lo: int) -> int:
    """Start of the run of header lines ending just above ``end``: bylines, date lines, roles,
    and bare names beside them ("Amina Yusuf" over "Nairobi correspondent")."""
    top = end
    while top > lo and (_is_header_line(blocks[top - 1], bare_name=True) or is_role(blocks[top - 1].text)):
        top -= 1
    return top


def _is_standfirst(block: Block) -> bool:
    """A paragraph between a headline and the byline: a sentence, or too long for a headline."""
    return (block.ends_sentence or block.n_words >= STANDFIRST_WORDS) and chrome_kind(block) is None


def _over_standfirst(blocks: list[Block], at: int, lo: int) -> int:
    """The headline for a title-like block at ``at``: itself, or a shorter headline up to three
    blocks higher when the blocks from there down to ``at`` read as its standfirst (together
    at least STANDFIRST_WORDS words, more than the headline has; or, when the higher headline
    sits right under chrome, at least as many words as it has)."""
    candidates = []
    top = at
    while top - 1 >= lo and len(candidates) < 3:
        above = blocks[top - 1]
        if above.n_words < 5 or not (_looks_like_title(above) or _is_two_sentence_headline(above)):
            break
        top -= 1
        candidates.append(top)
    for title_at in reversed(candidates):  # the highest first
        standfirst = sum(b.n_words for b in blocks[title_at + 1: at + 1])
        if standfirst >= STANDFIRST_WORDS and blocks[title_at].n_words < standfirst:
            return title_at
        if _under_chrome(blocks, title_at, lo) and blocks[title_at].n_words <= standfirst:
            return title_at  # the first line after the masthead is the headline, not the line below it
    return at


def _is_two_sentence_headline(block: Block) -> bool:
    """Two short sentences with a full stop ("We zoned our way into a shortage. We can zone our
    way out."): a headline only above a longer standfirst, which is where it is asked about."""
    return (block.n_sentences == 2 and block.n_words <= TWO_SENTENCE_TITLE_WORDS and not block.ends_with_ellipsis
            and _looks_like_title(Block(block.text.rstrip(".")), sentences=3))


def _under_chrome(blocks: list[Block], at: int, lo: int) -> bool:
    """Whether the block at ``at`` opens the page's content: the top, or right under chrome, a
    kicker, or a short section word the kicker lexicon lacks ("Shipping", "NHS")."""
    if at == 0:
        return True
    if at <= lo:
        return False
    above = blocks[at - 1]
    short_label = above.n_words <= 2 and not above.ends_sentence and not above.is_table_row
    return chrome_kind(above) is not None or is_kicker(above) or short_label


def _title_above(blocks: list[Block], body_at: int) -> tuple[int | None, int]:
    """(index of the title, end of its header lines) for the article starting at ``body_at``.

    The header is read upwards from the first prose paragraph, so any amount of masthead,
    menus and notices above it does not matter: the nearest run of header lines with a
    headline above it (or a headline, a standfirst sentence, then the header lines) anchors
    the title; without header lines the title is the nearest headline above the body, past
    chrome lines, very short lines and lead sentences.
    """
    lo = max(0, body_at - HEADER_BACK)
    k = body_at - 1
    while k >= lo:
        if _is_header_line(blocks[k], bare_name=False):
            top = _header_top(blocks, k + 1, lo)
            above = top - 1
            while above > lo and chrome_kind(blocks[above]) is not None and chrome_kind(blocks[above])[0] in HEADER_CHROME:
                above -= 1  # the lead photo's caption or a share row between the headline and the byline
            if above >= lo and _looks_like_title(blocks[above]):
                return _over_standfirst(blocks, above, lo), k + 1
            if above - 1 >= lo and _is_standfirst(blocks[above]) and _looks_like_title(blocks[above - 1]):
                return above - 1, k + 1
            k = top - 1
        else:
            k -= 1
    for k in range(body_at - 1, lo - 1, -1):
        block = blocks[k]
        if chrome_kind(block) or is_kicker(block) or block.n_words <= 3:
            continue
        if _looks_like_title(block):
            return _over_standfirst(blocks, k, lo), k + 1
        if not _is_standfirst(block):
            break
    return None, 0


def _title_key(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .")


def _header_kind(block: Block, ex: Extraction, titles: set[str], after_header_line: bool) -> str | None:
    """The kind of a block in the header zone: title again, byline, date line, or a short label."""
    if _title_key(block.text) in titles:
        return "title"
    # A name first: "Priya Raman Health correspondent" also reads as a qualified role.
    byline = parse_byline(block.text, bare_name=after_header_line) or parse_kicker_byline(block.text)
    if byline:
        if ex.byline is None:
            ex.byline = byline.names
        ex.published = ex.published or byline.date
        return "byline"
    if after_header_line and is_role(block.text):
        return "byline"  # "By JOHN MWANGI" then "Associated Press" on its own line, or the agency alone
    date = parse_date_line(block.text)
    if date or _is_undated_line(block.text):
        ex.published = ex.published or date
        return "dateline"
    label = label_kind(block)
    return label[0] if label else None


def _leading_kind(block: Block, ex: Extraction, titles: set[str]) -> str | None:
    """The kind of a block above the title: a header line, a label, a menu, a kicker."""
    kind = _header_kind(block, ex, titles, after_header_line=False) or menu_kind(block)
    if kind is None and not titles and is_kicker(block):
        kind = "navigation"
    return kind


def _past_standfirst(blocks: list[Block], body_at: int) -> int:
    """Where the article proper starts when its first prose is a standfirst above the byline
    (title, standfirst, "By ...", date, text): just after those header lines."""
    for k in range(body_at + 1, min(len(blocks), body_at + 1 + STANDFIRST_BLOCKS)):
        if _is_header_line(blocks[k], bare_name=False):
            end = k
            while end + 1 < len(blocks) and _is_header_line(blocks[end + 1], bare_name=True):
                end += 1
            return end + 1
        if not _is_standfirst(blocks[k]):
            break
    return body_at


def _find_title(blocks: list[Block]) -> tuple[int | None, int]:
    """(index of the title, end of its header lines), read up from the article's prose when
    the page has some, else down from the top of the page."""
    body_at = article_start(blocks)
    if body_at is not None:
        title_at, header_end = _title_above(blocks, _past_standfirst(blocks, body_at))
        if title_at is not None:
            return title_at, header_end
    return _anchored_title(blocks), 0


def _mark_above_title(ex: Extraction, title_at: int, titles: set[str]) -> None:
    """Everything above the title is chrome; header lines count only right above it
    ("Analysis | Jane Doe" over the headline), so a date bar in the masthead sets nothing."""
    for k in range(title_at):
        block = ex.blocks[k]
        if k >= title_at - TITLE_TOP_LINES:
            kind = _leading_kind(block, ex, titles)
        else:
            kind = (chrome_kind(block) or (None,))[0]
        ex.kinds[k] = kind or ("other" if block.is_prose else "navigation")


def _read_header(ex: Extraction, known_titles: Collection[str]) -> int:
    """Label the header blocks; return the index where the body search starts (after the
    header lines found, so a standfirst between title and byline is never read as a list).

    With ``known_titles`` (the HTML page's headline forms) only a line equal to one of them is
    the title, and leading chrome is read from the top. Without, the title is found by
    _find_title; blocks above it are masthead, menus and notices. Without any title found,
    the first block after leading chrome is the title if it reads as a headline.
    """
    blocks, kinds = ex.blocks, ex.kinds
    titles = {_title_key(t) for t in known_titles}
    title_at, header_end = (None, 0) if titles else _find_title(blocks)
    i = 0
    if title_at is not None:
        _mark_above_title(ex, title_at, titles)
        i = title_at
    else:
        while i < min(len(blocks), HEADER_SEARCH):
            kind = _leading_kind(blocks[i], ex, titles)
            if kind is None:
                break
            if kind == "title":
                ex.title = ex.title or blocks[i].text
            kinds[i] = kind
            i += 1
    if not titles and i < len(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if i == title_at or _is_title(blocks[i], following):
            ex.title = blocks[i].text
            titles.add(_title_key(ex.title))
            kinds[i] = "title"
            i += 1
    body_seen = 0
    for j in range(i, min(len(blocks), max(i + HEADER_WINDOW, header_end))):
        # A bare name is a byline inside the header lines found, right under the title or a
        # header line, or under a standfirst that is under the title.
        after_header_line = j < header_end or (j > 0 and (
            kinds[j - 1] in ("title", "byline", "dateline") or (j > 1 and kinds[j - 2] == "title" and body_seen == 1)))
        kind = _header_kind(blocks[j], ex, titles, after_header_line)
        if kind is None:
            body_seen += 1
            if body_seen >= 2 and j >= header_end:
                break
        kinds[j] = kind
    return max(i, header_end)


def _starts_teaser(block: Block, following: Block | None) -> bool:
    """A headline whose next block is a blurb that trails off: a promoted story, not a section heading."""
    return block.is_headline_like and following is not None and following.ends_with_ellipsis and following.is_teaser_text


def _is_stray_blurb(block: Block) -> bool:
    """A short paragraph that trails off outside any quotation ("... the plan faces..."): the
    blurb of a promoted story whose headline the page (or trafilatura) already dropped; or a row
    of teaser cards rendered into one paragraph, each card trailing off ("Analysis Salt is
    creeping up the delta ... the sea... Explainer How Laos bet ... piling up...")."""
    if not block.text.endswith(("...", "…")):
        return False
    cards = _TEASER_CARD_BREAK.split(block.text)
    return block.is_teaser_text or (len(cards) >= 2 and all(len(card.split()) <= TEASER_CARD_WORDS for card in cards))


def _is_list_title(block: Block) -> bool:
    return block.is_headline_like and block.n_words <= LIST_TITLE_WORDS and label_kind(block) is None


def _title_runs(blocks: list[Block], positions: list[int]) -> list[int]:
    """For each position, how many list headlines start there in a row (counted once, from the end)."""
    runs = [0] * (len(positions) + 1)
    for at in range(len(positions) - 1, -1, -1):
        runs[at] = runs[at + 1] + 1 if _is_list_title(blocks[positions[at]]) else 0
    return runs


def _starts_title_list(blocks: list[Block], positions: list[int], runs: list[int], at: int) -> bool:
    """Three or more short headlines in a row that lead to no prose: a list of links, not headings."""
    if runs[at] < 3:
        return False
    after = at + runs[at]
    return after >= len(positions) or not blocks[positions[after]].is_prose


@dataclass
class _ChromeRun:
    """The chrome section being read: its kind, whether the article may resume, and its shape."""

    kind: str
    resumable: bool
    strict: bool = False           # only prose followed by more prose resumes the article
    titles_in_a_row: int = 0       # list headlines just before the current block
    has_blurbs: bool = False       # the section pairs headlines with blurbs
    after_label: bool = True       # the block before the current one was a label


def _resumes(block: Block, following: Block | None, run: _ChromeRun) -> bool:
    """Whether a block inside a chrome section is clearly the article again.

    A headline over a blurb that trails off never resumes it (it is the next teaser). In a
    strict section (a newsletter box, a most-read list after the article began) it takes a
    prose paragraph followed by another. Otherwise a prose paragraph of three or more
    sentences resumes it (blurbs have one or two); after a blurb that trailed off, or after a
    list made only of headlines, any finished sentence of a few words does; so does a paragraph
    longer than any blurb. Right after a label
    it takes a full prose paragraph (a label's own blurb is short), and right after a headline
    in a list of headline-plus-blurb pairs a paragraph is that headline's blurb unless another
    prose paragraph follows it.
    """
    if not run.resumable or block.is_teaser_text or not block.ends_sentence:
        return False
    if _starts_teaser(block, following):
        return False
    followed_by_prose = following is not None and following.is_prose and not following.is_teaser_text
    if run.strict:
        return block.is_prose and followed_by_prose
    if block.is_prose and (block.n_sentences >= 3 or block.n_words > BLURB_WORDS):
        return True
    if run.after_label:
        if run.kind == "related" and block.is_headline_like and not block.is_prose:
            return False  # the linked headline under "Read more" or "Explainer", even a question
    if run.kind == "related" and run.titles_in_a_row == 1 and not run.has_blurbs and block.is_prose:
        return True  # prose after a link label and its one headline: the article goes on
        return block.is_prose or followed_by_prose  # a label's own blurb ("Get our briefing daily.") is short
    if run.titles_in_a_row == 0 or (not run.has_blurbs and run.titles_in_a_row >= 2):
        return block.n_words >= RESUME_WORDS
    return block.is_prose and followed_by_prose


def _return_heading(ex: Extraction, positions: list[int], at: int, run: _ChromeRun) -> None:
    """Give back to the body what opens the paragraph where the article resumes: an entry stamp
    ("14.31 BST") and a single heading (one headline after a blurb or label, not a list)."""
    heading_returned = False
    for back in range(at - 1, max(at - 3, -1), -1):
        k = positions[back]
        block = ex.blocks[k]
        if ex.kinds[k] != run.kind:
            return
        if is_time_line(block.text):
            ex.kinds[k] = BODY
        elif (not heading_returned and run.titles_in_a_row == 1 and _is_list_title(block)
              and not (run.kind == "related" and back > 0 and label_kind(ex.blocks[positions[back - 1]]))):
            # (one headline right under a link label, "Read more" or "Explainer", is the link)
            ex.kinds[k] = BODY
            heading_returned = True
        else:
            return


def _is_prompt_heading(block: Block, kind: str) -> bool:
    """The heading of a newsletter box ("Sign up to First Edition"), over its pitch."""
    return kind == "newsletter" and block.n_words <= 8 and not block.ends_sentence


def _trim_tail(ex: Extraction) -> None:
    """Short lines after the last sentence of the article ("Instagram", a heading with nothing
    under it) are leftover chrome, not article text."""
    for k in range(len(ex.blocks) - 1, -1, -1):
        if ex.kinds[k] is not BODY:
            continue
        block = ex.blocks[k]
        if block.ends_sentence or block.n_words > TAIL_WORDS or block.is_table_row:
            return
        ex.kinds[k] = "other"


def _read_body(ex: Extraction, start: int) -> None:
    blocks, kinds = ex.blocks, ex.kinds
    positions = [k for k in range(start, len(blocks)) if kinds[k] is BODY]
    runs = _title_runs(blocks, positions)
    run: _ChromeRun | None = None
    prose_seen = False
    for at, k in enumerate(positions):
        block = blocks[k]
        following = blocks[positions[at + 1]] if at + 1 < len(positions) else None
        label = chrome_kind(block)
        if label:
            kind, starts_section = label
            kinds[k] = kind
            if (starts_section or _is_prompt_heading(block, kind)) and (run is None or run.resumable):
                # A most-read list once the article has begun is page furniture after it, and a
                # newsletter box has its own pitch sentences: both resume the article only strictly.
                strict = kind == "newsletter" or (kind == "most-read" and prose_seen)
                run = _ChromeRun(kind, resumable=kind not in FINAL_KINDS, strict=strict)
            elif run is not None:
                run.titles_in_a_row = 0
                run.after_label = True
            continue
        if run is None:
            if _is_stray_blurb(block):
                kinds[k] = "teaser"
                continue
            if following is not None and is_credit_line(following) and block.n_words <= SHORT_BLOCK_WORDS:
                kinds[k] = "caption"  # the caption over its credit line
                continue
            if _starts_teaser(block, following):
                run = _ChromeRun("teaser", resumable=True, after_label=False)
            elif _starts_title_list(blocks, positions, runs, at):
                run = _ChromeRun("related", resumable=True, after_label=False)
            else:
                prose_seen = prose_seen or block.is_prose
                continue  # article text
        elif _resumes(block, following, run):
            _return_heading(ex, positions, at, run)
            run = None
            prose_seen = True
            continue
        kinds[k] = run.kind
        if is_time_line(block.text):
            continue  # an entry stamp says nothing about the section's shape
        run.after_label = False
        if _is_list_title(block):
            run.titles_in_a_row += 1
        else:
            run.titles_in_a_row = 0
            run.has_blurbs = True


def _mark_pull_quotes(ex: Extraction) -> None:
    """A pull quote repeats words of the article in a block of its own, usually without the
    closing full stop: a body block of PULL_QUOTE_WORDS or more words, not a finished
    sentence, that appears word for word inside another body block. Shorter repeats are kept:
    a heading such as "The new routes" often opens the sentence under it."""
    body = [k for k, kind in enumerate(ex.kinds) if kind is BODY]
    # A pull quote may also be a whole sentence set in quotation marks ("“Inflation has fallen.”")
    # that the paragraphs print without them.
    candidates = [k for k in body if ex.blocks[k].n_words >= PULL_QUOTE_WORDS
                  and (not ex.blocks[k].ends_sentence or _is_quoted(ex.blocks[k].text))]
    if not candidates or len(candidates) > MAX_PULL_QUOTES:
        return  # pull quotes are few; a page with many unfinished lines is a list, not quotes
    keys = {k: " ".join(ex.blocks[k].words).lower() for k in body}
    for k in candidates:
        if any(keys[k] in keys[other] for other in body if other != k):
            ex.kinds[k] = "pull-quote"


def _is_quoted(text: str) -> bool:
    """A block wholly inside one pair of quotation marks."""
    text = text.strip()
    return len(text) > 2 and text[0] in "\"“‘'" and text[-1] in "\"”’'" and not any(q in text[1:-1] for q in "\"“”")


_NOTE_VERBS = (" is ", " was ", " has ", " writes ", " covers ", " reports ")


def mark_author_note(ex: Extraction) -> None:
    """An author note closing the article ("Jane Doe is a researcher at ...") is byline chrome,
    and so is what follows it (topic tags, the publisher's line): the note ends the article.
    It is looked for among the last AUTHOR_NOTE_SEARCH body blocks."""
    if not ex.byline:
        return
    first_author = ex.byline.split(" and ")[0]
    body = [k for k, kind in enumerate(ex.kinds) if kind is BODY]
    for k in body[-AUTHOR_NOTE_SEARCH:]:
        text = ex.blocks[k].text
        if text.startswith(first_author) and text[len(first_author):].startswith(_NOTE_VERBS) and ex.blocks[k].n_words <= 60:
            ex.kinds[k] = "byline"
            before = body.index(k) - 1
            if before >= 0 and ex.blocks[body[before]].text.strip() == first_author:
                ex.kinds[body[before]] = "byline"  # the author box's heading: the name alone
            for later in body[body.index(k) + 1:]:
                ex.kinds[later] = "other"
            return


def _cut_dateline(ex: Extraction) -> None:
    """Take a wire dateline off the story's first paragraph (see module doc): the first body
    paragraph, or the second when the first is a standfirst or a press release's summary."""
    body, sentences = [], 0
    for k, kind in enumerate(ex.kinds):
        if kind is BODY and sentences < DATELINE_PARAGRAPHS:
            body.append(k)
            # Summary bullets and headings above the story ("Forecasters see below-average rains",
            # "About 40 ships are waiting offshore.") are no paragraph of prose: the dateline opens the first paragraph of sentences after them.
            sentences += ex.blocks[k].is_prose or len(body) > DATELINE_LEAD_LINES
    for k in body:
        found = split_dateline(ex.blocks[k].text)
        if found:
            ex.dateline_at = k
            ex.dateline, ex.dateline_text = found
            dated = find_date(ex.dateline_text)  # "NEW YORK, March 3, 2025 /PRNewswire/ --"
            ex.published = ex.published or (dated[0] if dated else None)
            return


def classify_blocks(blocks: list[Block], known_titles: Collection[str] = ()) -> Extraction:
    """Label every block as body or chrome. ``known_titles`` (from HTML markup) replace the
    first-line title guess: only a line equal to one of them is taken as the title."""
    ex = Extraction(blocks=blocks, kinds=[BODY] * len(blocks))
    start = _read_header(ex, known_titles)
    _read_body(ex, start)
    _trim_tail(ex)
    _mark_pull_quotes(ex)
    mark_author_note(ex)
    _cut_dateline(ex)
    return ex


def extract_text(text: str) -> Extraction:
    """Classify the blocks of a plain-text page."""
    return classify_blocks(split_blocks(text))
