"""Reading a page's header lines: bylines, date lines, wire datelines, personal names, titles.

These are written by hand because they work on single short lines of plain text, where the
libraries (trafilatura, htmldate) need HTML markup or return the whole line unparsed.
Every function here looks at one string and says what it is; deciding *which* lines to ask
about is the classifier's job (text.py, html.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from backstory.clean.lexicon import (
    byline_beats,
    byline_roles,
    date_words,
    function_words,
    not_names,
    section_labels,
)

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A year ends at a word boundary, or runs straight into a time or the next date when a page's
# spans were rendered without a space ("March 22, 20247:12 AM GMT", "March 9, 2025March 10, 2025"
# for a published and an updated date).
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:\b|(?=\d{1,2}[:.]\d\d)|(?=[A-Z][a-z]))"
# Spelled-out months only, ISO numbers, and day.month.year with dots: "03/05/2024" is March or
# May depending on the site, but a date written with dots ("18.11.2024", German, Dutch, Nordic,
# Slavic papers) always puts the day first.
DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?:\b|(?=T\d))"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
    # "14/05/2025 18:25": day first, as most of the world writes it; "05/14/2025" is read month
    # first because no month 14 exists; where both fit ("05/04/2025") day first wins.
    re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
)
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")  # words of two spans run together
_RELATIVE_TIME = re.compile(
    r"(?:\s*[|·•]\s*|\s+)(?:(?:updated|published|posted)\s*:?\s*)?\d+\s*(?:s|m|h|d|mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago\s*$",
    re.I)
# A reading or listening time beside the date ("Reading time: 6 min", "4 minute read", "Listen 6 min"):
# page chrome that says nothing about the date, taken off before a line is read.
_READING_TIME = re.compile(
    r"(?:\s*[|·•]\s*|\s+|^)(?:(?:reading|read|listening)\s+time\s*:?\s*\d+\s*(?:min(?:ute)?s?|m)\b\.?"
    r"|\d+[\s-]*(?:min(?:ute)?s?)\.?\s+(?:read|listen|watch)\b"
    r"|listen\s*\(?\s*\d+\s*(?:min(?:ute)?s?)\.?\s*\)?)",
    re.I)
# A comment count after a blog's byline ("by Ellen Marsh 4 Comments", "by Jo Lee Leave a comment").
_COMMENT_COUNT = re.compile(r"\s+(?:\d+|no)\s+(?:comments?|responses?|replies)\s*$|\s+leave a (?:comment|reply)\s*$", re.I)
_TIME = re.compile(r"(?:\b|T)\d{1,2}[:.]\d\d(?:[:.]\d\d)?(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?", re.I)

# "By Jane Doe", "Analysis | Jane Doe", "Interview by Jane Doe", "WRITER: Jane Doe"
_BY = re.compile(
    r"^(?:[A-Z][\w-]*(?: [A-Z][\w-]*)?\s*[|:·•]\s*)?"
    r"(?:(?:(?:story|words|text|report(?:ing)?|opinion|analysis|interview)\s+)?by[:\s]|(?:writer|author|reporter|words)\s*:)"
    r"\s*(?P<rest>.+)$", re.I)
_KICKER_NAME = re.compile(r"^(?P<kicker>[A-Z][\w-]*(?: [A-Z][\w-]*)?)\s*[|·•]\s*(?P<rest>.+)$")
_SEPARATORS = re.compile(r"\s*(?:[|·•]|\s[-–—]\s|\s/\s)\s*")
_NAME_JOINERS = re.compile(r"\s*(?:,?\s+and\s+|\s*&\s*|,\s*)\s*", re.I)
_PARTICLES = {"de", "da", "del", "della", "dela", "delos", "der", "des", "di", "do", "dos", "du", "el", "al",
              "la", "le", "van", "von", "zu", "bin", "bint", "ibn", "ben", "ter", "ten", "den", "st.", "y", "e"}

# Wire datelines: "HAVANA —", "KYIV, Ukraine (AP) —", "London (Reuters) -", "PARIS, March 5 (AFP) -".
_UPPER = "A-ZÀ-ÖØ-Þ"  # ASCII and Latin-1 capitals: "BRASÍLIA", "SÃO PAULO"
_PLACE_CAPS = rf"[{_UPPER}][{_UPPER}'’.\-]+(?:\s+[{_UPPER}][{_UPPER}'’.\-]+){{0,3}}"
_PLACE_ANY = r"[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
_WIRE_DATE = r"(?:,?\s*(?i:" + _MONTH.replace("?P<month>", "?:") + r")\s+\d{1,2})?"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\)"
_DASH = r"\s*(?:—|–|--|-|:)\s+"
DATELINE_CAPS = re.compile(rf"^(?P<place>{_PLACE_CAPS}{_REGION}){_WIRE_DATE}\s*(?:{_AGENCY})?{_DASH}")
DATELINE_AGENCY = re.compile(rf"^(?P<place>{_PLACE_ANY}{_REGION}){_WIRE_DATE}\s*{_AGENCY}{_DASH}")
# Mixed case without an agency only as "City, Region —": a place, its region and a long dash
# ("Kyiv, Ukraine — "); "Kyiv — " alone is too like a sentence opening to trust.
DATELINE_REGION = re.compile(rf"^(?P<place>{_PLACE_ANY},\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){{0,2}}){_WIRE_DATE}\s*(?:—|–|--)\s+")
# Press releases: "FRESNO, Calif., April 22, 2025 /PR Newswire/ --", the wire in slashes after a full date.
DATELINE_RELEASE = re.compile(
    rf"^(?P<place>{_PLACE_ANY}{_REGION}),?\s*(?i:" + _MONTH.replace("?P<month>", "?:") + r")\s+\d{1,2},\s*\d{4}"
    r"\s*/(?P<agency>[A-Za-z][A-Za-z .&-]{0,30})/\s*(?:—|–|--|-)\s+")
_LOWER_IN_PLACE = {"de", "da", "do", "del", "la", "le", "of", "upon", "on", "sur", "am", "an", "es", "al", "el"}


@dataclass(frozen=True)
class Byline:
    names: str                 # "Jane Doe" or "Jane Doe and John Roe"
    date: str | None = None    # ISO date printed on the same line, if any


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first spelled-out or ISO calendar date in ``text``: (ISO "YYYY-MM-DD", match)."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            month = match.group("month")
            month_number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            try:
                day = dt.date(int(match.group("year")), month_number, int(match.group("day")))
            except ValueError:
                continue
            return day.isoformat(), match
    return None


# The line readers are pure functions of one line, and the classifier asks about the same
# lines several times (main prose run, header, body) while pages repeat their chrome: cached.
@functools.lru_cache(maxsize=8192)
def parse_date_line(text: str) -> str | None:
    """ISO date when the line is only a date with its usual trimmings ("Updated 10:32 GMT, 5 March 2024")."""
    if len(text) > 120:
        return None
    text = _RELATIVE_TIME.sub("", _READING_TIME.sub(" ", _GLUED.sub(" ", text)))  # "GMTUpdated 3 hours ago" as two spans render
    found = find_date(text)
    if not found:
        return None
    iso, match = found
    if _only_date_words(text[: match.start()] + " " + text[match.end():]):
        return iso
    # "Published 11 December 2023 · 8 min read": the date's segment, and chrome labels beside it
    segments = [s for s in _SEPARATORS.split(text) if s.strip()]
    dated = [s for s in segments if find_date(s)]
    if len(dated) == 1 and dated[0] != text and parse_date_line(dated[0]):
        if all(s is dated[0] or section_labels().match(s) or _from_outlet(s) for s in segments):
            return iso
    return None


def _from_outlet(segment: str) -> bool:
    """ "From The Lantern": a newsletter's or syndicated story's publication beside its date."""
    words = segment.split()
    return len(words) >= 2 and words[0].lower() == "from" and _is_outlet(" ".join(words[1:]))


def _only_date_words(text: str) -> bool:
    """Whether ``text`` holds nothing but times, further dates ("| Updated: ...") and date words."""
    for pattern in DATE_PATTERNS:
        text = pattern.sub(" ", text)
    words = re.findall(r"[A-Za-z][A-Za-z.]*", _TIME.sub(" ", text))
    allowed = date_words()
    return all(word.lower().rstrip(".") in allowed for word in words)


_TIME_LINE = re.compile(
    r"^(?:(?:updated|posted|published)\s*:?\s*)?"
    r"(?:\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?|\d+\s*(?:m|h|d|mins?|minutes?|hrs?|hours?|days?)\s+ago)$",
    re.I)


def is_time_line(text: str) -> bool:
    """A line that is only a time of day or an age: a live blog's entry stamp ("14.31 BST",
    "10:42 am", "2h ago")."""
    return _TIME_LINE.match(text.strip()) is not None


_AGE = re.compile(r"^\d+\s*(?:m|h|d|mins?|hrs?)$", re.I)  # "3h": an app's age of a story, without "ago"


def is_source_age_line(text: str) -> bool:
    """A news app's line under a headline: the source and the story's age ("Great Lakes Reporter · 3h")."""
    segments = [s.strip() for s in _SEPARATORS.split(text) if s.strip()]
    if len(segments) < 2 or len(text) > 80:
        return False
    age = segments[-1]
    return (is_time_line(age) or _AGE.match(age) is not None) and all(len(s.split()) <= 5 for s in segments[:-1])


_DATE_MARK = re.compile(r"\b(?:published|updated|posted|ago)\b", re.I)
_BUTTONS = re.compile(r"(?:\s+(?:share|save|print|gift|email|comments?|listen|follow|bookmark))+\s*$", re.I)


@functools.lru_cache(maxsize=8192)
def is_age_line(text: str) -> bool:
    """A date line that gives no date: the story's age, maybe with a reading time ("Published 3
    hours ago · 4 minute read", "Updated 2h ago", "5 min read · 1 hour ago"). It says where the
    header is; the date itself cannot be known from it."""
    if len(text) > 80:
        return False
    text = _BUTTONS.sub("", text)  # "2 hours ago Share Save": the buttons the date sits beside
    read = _READING_TIME.search(text)
    rest = _READING_TIME.sub(" ", text)
    segments = [s.strip() for s in _SEPARATORS.split(rest) if s.strip()]
    if not segments:
        return False
    if not all(is_time_line(s) or _AGE.match(s) for s in segments):
        return False
    return read is not None or _DATE_MARK.search(rest) is not None


def _is_name_word(word: str) -> bool:
    """A capitalised name word, an initial ("J."), an all-caps name, or "al-Assad"-style."""
    bare = word.rstrip(".")
    if "-" in bare and bare.split("-", 1)[0].lower() in _PARTICLES:
        bare = bare.split("-", 1)[1]
    if not bare or not bare[0].isupper():
        return False
    if not all(c.isalpha() or c in "'’-" for c in bare):
        return False
    if len(bare) <= 2:
        return word.endswith(".") or len(bare) == 1 or bare.isupper()
    return any(c.islower() for c in bare) or bare.isupper()


def is_person_name(text: str) -> bool:
    """A bare personal name of 2-4 words ("Jim Carey", "María de la Cruz", "J. R. Smith")."""
    words = text.split()
    core = [w for w in words if w.lower() not in _PARTICLES]
    if not 2 <= len(core) <= 4 or len(words) > 6:
        return False
    if any(w.lower().strip(".") in not_names() for w in core) or text.strip().lower() in byline_roles():
        return False
    return all(_is_name_word(w) for w in core) and any(len(w.rstrip(".")) > 1 for w in core)


_WRITER_PLACE = re.compile(r"\s+(?:in|at)\s+[A-Z][\w .,'-]*$")  # "in Kyiv", "at Wimbledon" after a name or role


@functools.lru_cache(maxsize=8192)
def is_role(text: str) -> bool:
    """A byline tail that names a job or an agency, or where the writer is ("in Kyiv"),
    possibly both ("Chief tennis writer at Wimbledon")."""
    text = _WRITER_PLACE.sub("", text.strip(" ,.;")).lower()
    if not text:
        return False
    if text.startswith(("in ", "for ", "special to ")):
        return len(text.split()) <= 6  # "in Kyiv", "for The Daily Courier"; not a sentence opening "In"
    roles = byline_roles()
    parts = [p for p in re.split(r"\s*(?:,|\band\b|&|/)\s*", text) if p and p != "the"]
    # "Technology Correspondent", "Middle East Editor": a job word qualified by a beat; and the
    # outlet after it ("Health correspondent, NBS News").
    return all(p.removeprefix("the ") in roles or (len(p.split()) <= 4 and p.split()[-1] in roles)
               or (len(p.split()) <= 5 and p.split()[-1] in OUTLET_WORDS) for p in parts) \
        and any(p.removeprefix("the ") in roles or p.split()[-1] in roles for p in parts)


@functools.cache
def _roles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(byline_roles(), key=len, reverse=True))


def _split_role_suffix(part: str) -> tuple[str, bool]:
    """ "JOHN MWANGI Associated Press" -> ("JOHN MWANGI", True): wire bylines omit the comma."""
    lowered = part.lower()
    for role in _roles_longest_first():
        if lowered.endswith(" " + role) and len(part) > len(role) + 1:
            return part[: -len(role) - 1].rstrip(" ,"), True
    return part, False


def _names_only(text: str, after_by: bool = False) -> tuple[str | None, bool]:
    """(person names at the start of a byline body, whether a role or place followed them).

    ``after_by``: the body followed "By", so what follows the names after a comma may also be
    the outlet or station they write for ("By Keisha Browning, WGCN 8 News")."""
    names: list[str] = []
    text, placed = _WRITER_PLACE.subn(",", text.strip(" ,.;"))
    for part in _NAME_JOINERS.split(text.strip(" ,.;")):
        if not part:
            continue
        if names and is_role(part):
            return " and ".join(names), True
        name, role = _split_outlet_suffix(part) if after_by else (None, False)
        if name is None:
            name, role = _split_beat_role(part)
        if name is None:
            name, role = _split_role_suffix(part)
            name = name if is_person_name(name) else None
        if name is None:
            if names and after_by and _is_outlet(part):
                return " and ".join(names), True
            return None, False
        names.append(name.title() if name.isupper() else name)
        if role:
            return " and ".join(names), True
    return (" and ".join(names) if names else None), bool(placed)


def _split_beat_role(part: str) -> tuple[str | None, bool]:
    """ "Priya Ramaswamy Health correspondent" -> ("Priya Ramaswamy", True): a name, then a job
    word (byline_roles.txt) qualified by beats (byline_beats.txt), without a comma between them."""
    words = part.split()
    if len(words) < 4 or words[-1].lower() not in byline_roles():
        return None, False
    cut = len(words) - 1
    while cut > 2 and words[cut - 1].lower() in byline_beats():
        cut -= 1
    if cut == len(words) - 1:
        return None, False  # no beat: "JOHN MWANGI Associated Press" is _split_role_suffix's
    head = " ".join(words[:cut])
    return (head, True) if is_person_name(head) else (None, False)


_OUTLET_GLUE = {"of", "the", "and", "&", "de", "for", "on"}
# Last words that make a run of capitalised words a news outlet ("Global Wire", "Valley News").
OUTLET_WORDS = {"wire", "news", "press", "agency", "times", "post", "herald", "media", "service", "network", "radio",
                "tv", "television", "tribune", "journal", "gazette", "daily", "telegraph", "observer", "standard",
                "chronicle", "review", "online", "report", "bulletin"}


def _split_outlet_suffix(part: str) -> tuple[str | None, bool]:
    """ "Oyungerel Batsaikhan Global Wire" -> ("Oyungerel Batsaikhan", True): after "By", a
    name then an outlet whose last word says it is one (OUTLET_WORDS), without a comma."""
    words = part.split()
    for cut in (2, 3):
        head, tail = " ".join(words[:cut]), words[cut:]
        if tail and tail[-1].lower() in OUTLET_WORDS and _is_outlet(" ".join(tail)) and is_person_name(head):
            return head, True
    return None, False


def _is_outlet(part: str) -> bool:
    """A news outlet or station named after a byline's names: a few capitalised words or
    numbers ("WGCN 8 News", "The Lakeshore Standard"), never a clause."""
    words = part.split()
    return 1 <= len(words) <= 6 and any(w[0].isupper() for w in words) and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _OUTLET_GLUE for w in words)


@functools.lru_cache(maxsize=8192)
def parse_byline(text: str, bare_name: bool = False) -> Byline | None:
    """The author(s) when ``text`` is a byline line, else None.

    Accepts "By Jane Doe", "By Jane Doe, Staff Writer · March 5, 2024", "Jane Doe, Reuters",
    "Analysis | Jane Doe", and, when ``bare_name`` (the caller knows the line sits where a
    byline goes, right after the headline), a bare name line such as "Jim Carey".
    """
    if len(text) > 160 or text.rstrip().endswith(("?", "!")):
        return None
    # "By Jane Doe Updated 2 hours ago", "By Jane Doe · 6 min read", "by Ellen Marsh 4 Comments"
    trimmed = _COMMENT_COUNT.sub("", _READING_TIME.sub(" ", _RELATIVE_TIME.sub("", text))).strip()
    # A bare name with such trimmings ("Gemma Orlov 4 min read") is a byline line too.
    bare_name = bare_name or (trimmed != text.strip() and bool(trimmed))
    text = trimmed
    found = find_date(text)
    iso = found[0] if found else None
    segments = [s for s in _SEPARATORS.split(text) if s.strip()]
    for index, segment in enumerate(segments):
        rest = segments[index + 1:]
        if any(not _is_date_segment(r) and not is_role(r) and not section_labels().match(r) for r in rest):
            continue  # the line goes on with something other than a role or date
        names = _segment_names(segment, allow_bare=bare_name or index > 0 or bool(rest))
        if names:
            return Byline(names, iso)
    return None


def _is_date_segment(segment: str) -> bool:
    """A part of a byline line that only dates it: "Published June 4, 2026", "Last updated 12:41 a.m. ET"."""
    return find_date(segment) is not None or (_TIME.search(segment) is not None and _only_date_words(segment))


def _segment_names(segment: str, allow_bare: bool) -> str | None:
    segment = segment.strip()
    if found := find_date(segment):
        before, after = segment[: found[1].start()], segment[found[1].end():]
        while (again := find_date(after)) and not after[: again[1].start()].strip(" ,"):
            after = after[again[1].end():]  # "Posted on March 9, 2025March 10, 2025 by ...": published, updated
        by_after = _BY.match(after.strip())  # "Posted on 18 August 2023 by Kofi Mensah"
        if by_after and not before.strip(" ,").lower().removeprefix("posted").removeprefix("published").strip(" on"):
            return _names_only(by_after.group("rest"), after_by=True)[0]
        segment = _strip_date_words(before)  # "By Jane Doe on March 5, 2024", "By Jane Doe Published: ..."
    by = _BY.match(segment)
    if by:
        return _names_only(by.group("rest"), after_by=True)[0]
    if section_labels().match(segment):
        return None
    names, had_role = _names_only(segment)
    return names if names and (had_role or allow_bare) else None


def _strip_date_words(text: str) -> str:
    """Text without the date words ("Published:", "Updated", "on") that end it."""
    words = text.split()
    while words and words[-1].lower().strip(":,.|") in date_words():
        words.pop()
    return " ".join(words)


@functools.lru_cache(maxsize=8192)
def parse_kicker_byline(text: str) -> Byline | None:
    """ "Analysis | Jane Doe": a section kicker, a bar, then the writer's name."""
    match = _KICKER_NAME.match(text.strip())
    if match and not is_person_name(match.group("kicker")):
        names = _names_only(match.group("rest"))[0]
        if names:
            return Byline(names)
    return None


def _place_case(place: str) -> str:
    """ "NEW YORK" -> "New York", "RIO DE JANEIRO" -> "Rio de Janeiro"; mixed case is kept."""
    def word_case(index: int, word: str) -> str:
        if not word.isupper():
            return word
        if index and word.lower() in _LOWER_IN_PLACE:
            return word.lower()
        return "-".join(part.capitalize() for part in word.split("-"))
    return " ".join(word_case(i, w) for i, w in enumerate(place.split()))


def _dateline_separator_ok(match: re.Match[str]) -> bool:
    """Without an agency, an all-caps opening is a dateline only before a long dash ("HAVANA —"),
    or a colon after a place ("PESHAWAR:" in South Asian papers) rather than a label ("UPDATE:")."""
    separator = match.group(0)[len(match.group("place")):]
    if any(dash in separator for dash in ("—", "–", "--")):
        return True
    if ":" not in separator:
        return False  # "US - China talks": a hyphen after capitals is too common to trust
    words = match.group("place").replace(",", " ").lower().split()
    if sum(c.isalpha() for c in match.group("place")) < 4:
        return False  # "UN:", "EU:" open sentences, not datelines
    return not all(w.strip(".") in not_names() for w in words) and section_labels().match(match.group("place")) is None


def split_dateline(paragraph: str) -> tuple[str, str] | None:
    """(place, dateline text) when a paragraph opens with a wire dateline, else None.

    The place is what the reporter filed from ("Havana", "Kyiv, Ukraine"); the dateline text is
    the exact prefix to cut from the paragraph, separator included.
    """
    match = DATELINE_CAPS.match(paragraph)
    if match and not match.group("agency") and not _dateline_separator_ok(match):
        match = None
    match = match or DATELINE_AGENCY.match(paragraph) or DATELINE_RELEASE.match(paragraph)
    if not match and (region := DATELINE_REGION.match(paragraph)):
        words = region.group("place").replace(",", " ").split()
        opens_sentence = paragraph[region.end():][:1].isupper() or paragraph[region.end():][:1] in "\"“‘'0123456789"
        if opens_sentence and not any(w.lower() in function_words() or w.lower() in not_names() for w in words):
            match = region  # not "In Kyiv, Ukraine —", "Opinion, Analysis —" or an aside "Jo Roe, an aide — said"
    if not match:
        return None
    place = match.group("place").strip(" ,")
    head = place.split(",")[0]
    if len(head.split()) > 4 or not any(c.isalpha() for c in head):
        return None
    if not paragraph[match.end():][:1].strip():
        return None
    return _place_case(place), match.group(0)


_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—-]|::|»|·)\s+")


def split_title_parts(title: str) -> list[str]:
    """ "Site | Section | Headline" -> ["Site", "Section", "Headline"]."""
    return [part for part in _TITLE_SEPARATOR.split(" ".join(title.split())) if part]


def strip_site_name(title: str, site: str | None = None) -> str:
    """ "Headline - Site Name" -> "Headline"; also "Site Name | Headline".

    The site part is the one equal to the known site name, else a short (≤ 4 words) last
    part after a longer headline. Separators inside the headline are kept as written.
    """
    title = " ".join(title.split())
    seps = list(_TITLE_SEPARATOR.finditer(title))
    if not seps:
        return title
    first, last = title[: seps[0].start()], title[seps[-1].end():]
    site_key = " ".join((site or "").lower().split())
    if site_key and last.lower() == site_key:
        return title[: seps[-1].start()]
    if site_key and first.lower() == site_key:
        return title[seps[0].end():]
    head = title[: seps[-1].start()]
    if len(last.split()) <= 4 and len(head.split()) > len(last.split()):
        return head
    return title
