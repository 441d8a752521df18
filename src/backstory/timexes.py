"""Time expressions: find every one in a parsed body and normalise it TimeML-style.

``find_timexes(doc, published)`` returns :class:`~backstory.records.Timex` records with a
TIMEX3 ``value`` ("1986", "1986-04", "198", "2018-W02", "P2Y", "PAST_REF", "XXXX-04") and
the calendar interval the expression covers (``begin``/``end_date``, ISO partial).

How it works:

1. A hand-written grammar of regular expressions proposes candidates over the text (see
   ``RULES``); spaCy's DATE/TIME entities add candidates the grammar has no rule for.
   The grammar is ours rather than spaCy's because spaCy's entity extents are not TimeML's
   ("15 a year", "June 17, two days", "August 08, 2011\\n\\n") and it misses bare years,
   decades, "currently", "0800 UTC" and the like.
2. Overlaps are resolved (longest candidate wins, then rule priority).
3. In text order each candidate is read into a value. Absolute dates are parsed with
   dateparser; what dateparser does not do well is written by hand (see each reader).
   Anaphoric expressions ("two years later", "the next day", "that year") are resolved
   against the last resolved date in the same section, or left without value.
4. Modifiers ("early", "the end of"), signals ("since", "until") and ranges ("from 1980 to
   1988") adjust the extent and the interval.

Word lists live in ``data/time/``.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Token

from backstory.records import Timex

DATA = Path(__file__).parent / "data" / "time"


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


NUMBERS = _load("numbers.json")
UNITS = _load("units.json")
REFERENCES = _load("references.json")
CALENDAR = _load("calendar.json")
RELATIVE = _load("relative.json")

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}

# Grains from finest to coarsest; a shifted or coerced period takes the coarser of two grains.
GRAINS = ("day", "weekend", "week", "month", "season", "quarter", "half", "year", "decade", "century")
PRECISION_OF_GRAIN = {"day": "day", "month": "month", "year": "year", "decade": "decade"}
# The grain of an interval's bounds: a decade is bounded by years, a quarter by months.
BOUND_GRAIN = {
    "day": "day", "weekend": "day", "week": "day", "month": "month", "season": "month",
    "quarter": "month", "half": "month", "year": "year", "decade": "year", "century": "year",
}
# A fraction of a period ("early 2009", "the mid-1970s") is written one grain finer than its bounds.
FINER_BOUND = {
    "day": "day", "weekend": "day", "week": "day", "month": "day", "season": "day", "quarter": "day",
    "half": "month", "year": "month", "decade": "year", "century": "year",
}


# ---------------------------------------------------------------------------------------
# Calendar periods


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _add_years(day: dt.date, years: int) -> dt.date:
    return _add_months(day, 12 * years)


def _iso(day: dt.date, grain: str) -> str:
    """An ISO date written down to ``grain`` (day, month or year)."""
    if grain == "day":
        return day.isoformat()
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


@dataclass(frozen=True)
class Period:
    """A calendar period: its grain and its first day; ``code`` adds a season, part of day or clock time."""

    grain: str
    first: dt.date
    code: str | None = None

    @property
    def last(self) -> dt.date:
        first = self.first
        if self.grain == "day":
            return first
        if self.grain == "weekend":
            return first + dt.timedelta(days=1)
        if self.grain == "week":
            return first + dt.timedelta(days=6)
        months = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
        return _add_months(first, months[self.grain]) - dt.timedelta(days=1)

    def value(self) -> str:
        first, grain = self.first, self.grain
        if grain == "day":
            return first.isoformat() + (f"T{self.code}" if self.code else "")
        if grain in ("week", "weekend"):
            year, week, _ = first.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if grain == "weekend" else "")
        if grain == "month":
            return _iso(first, "month")
        if grain == "season":
            return f"{first.year:04d}-{self.code}"
        if grain == "quarter":
            return f"{first.year:04d}-Q{(first.month - 1) // 3 + 1}"
        if grain == "half":
            return f"{first.year:04d}-H{(first.month - 1) // 6 + 1}"
        if grain == "year":
            return f"{first.year:04d}"
        if grain == "decade":
            return f"{first.year // 10:03d}"
        return f"{first.year // 100:02d}"

    def bounds(self) -> tuple[str, str]:
        grain = BOUND_GRAIN[self.grain]
        return _iso(self.first, grain), _iso(self.last, grain)

    @property
    def precision(self) -> str:
        return PRECISION_OF_GRAIN.get(self.grain, "interval")

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


def period_of(grain: str, day: dt.date, code: str | None = None) -> Period:
    """The period of ``grain`` that contains ``day``."""
    if grain == "day":
        return Period("day", day, code)
    if grain == "week":
        return Period("week", day - dt.timedelta(days=day.weekday()))
    if grain == "weekend":
        return Period("weekend", day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5))
    if grain == "month":
        return Period("month", day.replace(day=1))
    if grain == "quarter":
        return Period("quarter", dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1))
    if grain == "half":
        return Period("half", dt.date(day.year, 1 if day.month <= 6 else 7, 1))
    if grain == "season":
        return _season_containing(day)
    if grain == "year":
        return Period("year", dt.date(day.year, 1, 1))
    if grain == "decade":
        return Period("decade", dt.date(day.year // 10 * 10, 1, 1))
    return Period("century", dt.date(max(day.year // 100 * 100, 1), 1, 1))


def _season_containing(day: dt.date) -> Period:
    for name, season in CALENDAR["seasons"].items():
        for year in (day.year - 1, day.year):
            period = season_of(name, year)
            if period.contains(day):
                return period
    raise ValueError(day)


def season_of(name: str, year: int) -> Period:
    season = CALENDAR["seasons"][name.lower()]
    return Period("season", dt.date(year, season["months"][0], 1), season["code"])


def coarser(a: str, b: str) -> str:
    return a if GRAINS.index(a) >= GRAINS.index(b) else b


def shift(period: Period, amount: int, unit_grain: str) -> Period:
    """Move a period by ``amount`` days, months or years; the result keeps the coarser grain."""
    if unit_grain == "day":
        moved = period.first + dt.timedelta(days=amount)
    elif unit_grain == "month":
        moved = _add_months(period.first, amount)
    else:
        moved = _add_years(period.first, amount)
    grain = coarser(period.grain, unit_grain)
    if grain == "season":
        return Period("season", _add_years(period.first, round(amount / 12) if unit_grain == "month" else amount), period.code)
    return period_of(grain, moved, period.code if grain == "day" else None)


def step(period: Period, count: int) -> Period:
    """The period ``count`` of its own grain away (last week = this week, -1)."""
    days = {"day": 1, "week": 7, "weekend": 7}
    months = {"month": 1, "quarter": 3, "half": 6, "season": 12, "year": 12, "decade": 120, "century": 1200}
    if period.grain in days:
        return Period(period.grain, period.first + dt.timedelta(days=days[period.grain] * count), period.code)
    return Period(period.grain, _add_months(period.first, months[period.grain] * count), period.code)


def pick_occurrence(candidates: list[Period], today: dt.date, mode: str) -> Period:
    """Choose among occurrences of a named period (a month, weekday, season) relative to ``today``.

    past: the latest that has begun; future: the earliest not yet over; last/next: strictly
    before/after; nearest: the closest to today (present tense, where the text does not say).
    """
    ordered = sorted(candidates, key=lambda p: p.first)
    if mode == "past":
        return [p for p in ordered if p.first <= today][-1]
    if mode == "future":
        return [p for p in ordered if p.last >= today][0]
    if mode == "last":
        return [p for p in ordered if p.last < today][-1]
    if mode == "next":
        return [p for p in ordered if p.first > today][0]
    return min(ordered, key=lambda p: (min(abs((p.first - today).days), abs((p.last - today).days)), -p.first.toordinal()))


def month_occurrences(month: int, today: dt.date) -> list[Period]:
    return [Period("month", dt.date(year, month, 1)) for year in range(today.year - 2, today.year + 3)]


def weekday_occurrences(weekday: int, today: dt.date, code: str | None) -> list[Period]:
    monday = today - dt.timedelta(days=today.weekday())
    return [Period("day", monday + dt.timedelta(days=7 * k + weekday), code) for k in range(-2, 3)]


def season_occurrences(name: str, today: dt.date) -> list[Period]:
    return [season_of(name, year) for year in range(today.year - 2, today.year + 3)]


def part_occurrences(grain: str, index: int, today: dt.date) -> list[Period]:
    """Occurrences of the index-th quarter or half of the years around today."""
    months = 3 if grain == "quarter" else 6
    return [Period(grain, dt.date(year, (index - 1) * months + 1, 1)) for year in range(today.year - 2, today.year + 3)]


def narrow(period: Period, low: float, high: float) -> tuple[str, str]:
    """The bounds of a fraction of a period (early 2009: the first third), one grain finer."""
    grain = FINER_BOUND[period.grain]
    span = (period.last - period.first).days + 1
    first = period.first + dt.timedelta(days=int(span * low))
    last = period.first + dt.timedelta(days=max(int(span * high) - 1, int(span * low)))
    return _iso(first, grain), _iso(last, grain)


# ---------------------------------------------------------------------------------------
# Readings: what a candidate means


@dataclass
class Reading:
    type: str
    value: str | None
    begin: str | None = None
    end: str | None = None
    precision: str = "unknown"
    anchored: bool = False
    period: Period | None = None     # the period a DATE/TIME names; anaphors resolve against it
    anaphoric: bool = False          # depends on the narrative's time rather than the publication


def point_reading(period: Period, *, anchored: bool = False, anaphoric: bool = False, kind: str = "DATE") -> Reading:
    begin, end = period.bounds()
    kind = "TIME" if period.code and period.grain == "day" else kind
    return Reading(kind, period.value(), begin, end, period.precision, anchored, period, anaphoric)


def unresolved(kind: str = "DATE", *, anaphoric: bool = False, value: str | None = None) -> Reading:
    return Reading(kind, value, anaphoric=anaphoric)


@dataclass
class Context:
    """What a reader may use: the parse, the publication day and the dates read so far in this section."""

    doc: Doc
    text: str                        # doc.text, which spaCy rebuilds on every access
    published: dt.date | None
    anchors: list[Period] = field(default_factory=list)

    @property
    def anchor(self) -> Period | None:
        """The narrative's current time: the last date read in this section."""
        return self.anchors[-1] if self.anchors else None

    def anchor_at(self, grain: str) -> Period | None:
        """The last date read that is at least as fine as ``grain`` ("the next day" needs a day)."""
        fine_enough = [p for p in self.anchors if GRAINS.index(p.grain) <= GRAINS.index(grain)]
        return fine_enough[-1] if fine_enough else None

    def direction(self, start: int, end: int) -> str:
        """past/future/present for a date at start..end: "since" points back, else the clause's tense."""
        if SINCE_BEFORE.search(self.text, max(0, start - 15), start):
            return "past"
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return tense_direction(span.root) if span is not None else "present"


# ---------------------------------------------------------------------------------------
# Tense: which way a month or weekday without a year points

SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)


FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo", "would", "should", "could", "may", "might", "must", "can", "ca"}


def clause_verb(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` in the parse: the verb of its clause."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in ("VERB", "AUX") or candidate.tag_ in ("MD",):
            return candidate
    return None


def tense_direction(token: Token) -> str:
    """'past', 'future' or 'present': where the clause of ``token`` sits relative to its utterance."""
    verb = clause_verb(token)
    if verb is None:
        return "present"
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    lowered = {aux.lower_ for aux in auxiliaries}
    if lowered & FUTURE_AUXILIARIES or "going" in lowered:
        return "future"
    if any(aux.tag_ == "TO" for aux in auxiliaries):
        # an infinitive lies after its governor ("is set to begin", "urged them to leave by March"):
        # ahead of publication unless the governor is past, when it may fall either side
        if verb.head == verb:
            return "future"    # a headline: "Ford to cut 30,000 jobs by 2012"
        return "present" if tense_direction(verb.head) == "past" else "future"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and any(aux.lemma_ == "have" and aux.tag_ not in ("VBZ", "VBP") for aux in auxiliaries):
        return "past"      # past perfect; the present perfect ("has been scheduled for June 3") stays present
    if verb.tag_ == "VBG" and any(aux.lemma_ == "be" and aux.tag_ in ("VBZ", "VBP") for aux in auxiliaries):
        return "future"    # the present progressive with a date is a plan: "is meeting on Friday"
    if verb.tag_ == "VBN" and not auxiliaries:
        return "past"      # a participle: "the bridge built in 1932", "Asked on Thursday, he said"
    return "present"


# ---------------------------------------------------------------------------------------
# Grammar fragments


def _alternation(phrases) -> str:
    """A regex alternation of phrases, longest first, any whitespace between words."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


def _case_sensitive(names) -> str:
    return "(?-i:" + "|".join(sorted(names, key=len, reverse=True)) + ")"


MONTH_FULL = _case_sensitive(m.capitalize() for m in MONTHS)
MONTH_ANY = "(?:" + MONTH_FULL + "|" + _case_sensitive(a.capitalize() for a in MONTH_ABBREVIATIONS) + r"\.?)"
WEEKDAY = _case_sensitive(d.capitalize() for d in WEEKDAYS)
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
UNIT_FORMS = {form: name for name, unit in UNITS["units"].items() for form in unit["forms"]}
UNIT = _alternation(UNIT_FORMS)
CARDINAL_WORDS = _alternation(NUMBERS["cardinals"])
VAGUE = _alternation(NUMBERS["vague"])
TENS = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{TENS}[\s-](?:one|two|three|four|five|six|seven|eight|nine)"
    rf"|{VAGUE}|{CARDINAL_WORDS})"
)
UNIT_MODIFIER = _alternation(UNITS["unit_modifiers"])
APPROX = _alternation(UNITS["approximators"])
PART_OF_DAY = _alternation(CALENDAR["parts_of_day"])
SEASON = _alternation(CALENDAR["seasons"])
PERIOD_WORDS = _alternation(RELATIVE["period_words"])


def _shift_word(phrase: str) -> str:
    """"two years on" shifts; "a decade on Monday" does not, so "on" must end the phrase."""
    pattern = re.escape(phrase).replace(r"\ ", r"\s+")
    return pattern + r"(?=\s*(?:[^\w\s]|$))" if phrase == "on" else pattern


SHIFT_WORDS = "(?:" + "|".join(_shift_word(p) for p in sorted(RELATIVE["shift_words"], key=len, reverse=True)) + ")"
ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + _alternation(NUMBERS["ordinals"]) + ")"
FISCAL = r"(?:(?:fiscal|financial|calendar)\s+)?"
CALENDAR_UNIT = r"(?:day|weekend|week|month|quarter|year|decade|century)"
ZONE = r"(?:UTC|GMT|[ECMP][SD]T|BST|CET|local\s+time)"
HOLIDAY = _case_sensitive(re.escape(name).replace(r"\ ", r"\s+") for name in CALENDAR["holidays"])


# ---------------------------------------------------------------------------------------
# Numbers and units


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words; None for vague ones (several, a few)."""
    text = re.sub(r"\s+", " ", text.lower().strip())
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    if text in NUMBERS["cardinals"]:
        return float(NUMBERS["cardinals"][text])
    parts = re.split(r"[\s-]", text)
    if len(parts) == 2 and all(p in NUMBERS["cardinals"] for p in parts):
        return float(NUMBERS["cardinals"][parts[0]] + NUMBERS["cardinals"][parts[1]])
    return None


def _amount(number: float | None) -> str:
    if number is None:
        return "X"
    return str(int(number)) if number == int(number) else str(number)


def duration_value(number: float | None, unit_name: str) -> str:
    """TIMEX3 duration: P2Y, PT30M, PXY (a decade is ten years, a fortnight two weeks)."""
    unit = UNITS["units"][unit_name]
    amount = None if number is None else number * unit["multiple"]
    return ("PT" if unit["clock"] else "P") + _amount(amount) + unit["designator"]


def unit_shift(number: float, unit_name: str) -> tuple[int, str]:
    """A count of days, months or years equal to ``number`` units (two weeks: 14 days)."""
    unit = UNITS["units"][unit_name]
    designator, count = unit["designator"], number * unit["multiple"]
    if unit["clock"]:
        per_day = {"H": 24, "M": 24 * 60, "S": 24 * 3600}[designator]
        return int(count // per_day), "day"
    if designator in ("D", "W"):
        return int(count * (7 if designator == "W" else 1)), "day"
    if designator in ("M", "Q"):
        return int(count * (3 if designator == "Q" else 1)), "month"
    return int(count), "year"


# ---------------------------------------------------------------------------------------
# Readers: one per rule


def _deictic_base(ctx: Context) -> Period | None:
    return Period("day", ctx.published) if ctx.published else None


def _occurrence_mode(word: str | None, ctx: Context, m: re.Match) -> str:
    """How to pick a named period: from an explicit word (last, next, this) or from tense."""
    if word:
        word = re.sub(r"\s+", " ", word.lower())
        mode = {"last": "last", "past": "last", "this past": "last", "next": "next", "coming": "next",
                "this coming": "next", "this": "this"}.get(word)
        if mode:
            return mode
    return {"past": "past", "future": "future"}.get(ctx.direction(m.start(), m.end()), "nearest")


@functools.lru_cache(maxsize=16)
def _date_parser(base: dt.date | None, prefer: str) -> DateDataParser:
    settings = {"PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    # languages=['en'] skips language detection, which is slow and misreads short strings.
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str, base: dt.date, prefer: str) -> tuple[str, dt.date] | None:
    """dateparser's reading of a written date as (grain, day); cached, as news repeats its dates."""
    data = _date_parser(base, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    return {"month": "month", "year": "year"}.get(data.period, "day"), data.date_obj.date()


def read_absolute(m: re.Match, ctx: Context) -> Reading | None:
    """Calendar dates written out ("March 1, 2008", "11 December", "May 2008", "3/4/2008").

    dateparser handles the many written formats; a date without a year takes it from the
    publication date, the way tense points (past: the latest such date on or before
    publication; future: the next; present: the same year).
    """
    groups = m.groupdict()
    text = m.group(0)
    if groups.get("weekday"):
        text = text[len(groups["weekday"]):].lstrip(" ,")
    has_year = bool(groups.get("year") or groups.get("numeric"))
    prefer = "current_period"
    if not has_year:
        prefer = {"past": "past", "future": "future"}.get(ctx.direction(m.start(), m.end()), "current_period")
    base = ctx.published if ctx.published else dt.date(2000, 6, 15)   # a leap year, so 29 February parses
    parsed = _parse_date(text, base, prefer)
    if parsed is None:
        return None
    period = period_of(*parsed)
    if has_year or ctx.published:
        return point_reading(period, anchored=not has_year)
    return unresolved(value="XXXX-" + period.value()[5:])


def read_year(m: re.Match, ctx: Context) -> Reading:
    return point_reading(Period("year", dt.date(int(m.group("year")), 1, 1)))


def read_year_range(m: re.Match, ctx: Context) -> Reading | None:
    first = int(m.group("y1"))
    second = m.group("y2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last <= first:
        return None
    return Reading("DATE", f"{first:04d}/{last:04d}", f"{first:04d}", f"{last:04d}", "interval")


def read_decade(m: re.Match, ctx: Context) -> Reading:
    """Decades are written by hand: dateparser reads "the 1980s" as "1980 seconds ago"."""
    word = m.group("decade").lower().lstrip("'’")
    if word in DECADE_WORDS:
        digits = 1900 + 10 * DECADE_WORDS[word]
    elif len(word) == 3:     # '80s, 70s: the latest such decade not after publication
        ten = int(word[:2])
        today = ctx.published or dt.date.today()
        digits = (today.year // 100) * 100 + ten
        if digits > today.year:
            digits -= 100
    else:
        digits = int(word[:4])
    if digits % 100 == 0 and digits < 2000:   # "the 1800s" is a century
        return point_reading(Period("century", dt.date(digits, 1, 1)))
    return point_reading(Period("decade", dt.date(digits, 1, 1)))


def read_century(m: re.Match, ctx: Context) -> Reading | None:
    word = m.group("ordinal").lower()
    number = int(word[:-2]) if word[:-2].isdigit() else NUMBERS["ordinals"].get(word)
    if not number or number < 1:
        return None
    return point_reading(Period("century", dt.date(max((number - 1) * 100, 1), 1, 1)))


def read_season(m: re.Match, ctx: Context) -> Reading | None:
    name = m.group("season").lower()
    if m.group("year"):
        return point_reading(season_of(name, int(m.group("year"))))
    return _named_period(m, ctx, m.group("rel"), lambda today: season_occurrences(name, today))


def _named_period(m: re.Match, ctx: Context, word: str | None, occurrences: Callable) -> Reading:
    """A month, weekday, season or quarter named without a year, placed by a word or by tense.

    "that"/"the same"/"the following"/"the previous" place it relative to the narrative's
    last date; everything else relative to publication.
    """
    kind, count = RELATIVE["period_words"].get(re.sub(r"\s+", " ", (word or "").lower()), ("deictic", 0))
    if kind == "anaphoric":
        if ctx.anchor is None:
            return unresolved(anaphoric=True)
        if count == 0:     # "that August", "the same Friday": in the narrative's year (or week)
            return point_reading(_same_cycle(occurrences(ctx.anchor.first), ctx.anchor), anchored=True, anaphoric=True)
        base_day = ctx.anchor.first if count > 0 else ctx.anchor.last
        mode = "next" if count > 0 else "last"
        return point_reading(pick_occurrence(occurrences(base_day), base_day, mode), anchored=True, anaphoric=True)
    if ctx.published is None:
        return unresolved()
    mode = _occurrence_mode(word, ctx, m)
    today = Period("day", ctx.published)
    if mode == "this":     # "this November", "this Friday": in publication's year (or week)
        return point_reading(_same_cycle(occurrences(ctx.published), today), anchored=True)
    return point_reading(pick_occurrence(occurrences(ctx.published), ctx.published, mode), anchored=True)


def _same_cycle(candidates: list[Period], anchor: Period) -> Period:
    """The occurrence in the anchor's year (for a weekday, its week), else the nearest to it."""
    def cycle(day: dt.date) -> tuple:
        return day.isocalendar()[:2] if candidates[0].grain == "day" else (day.year,)
    same = [p for p in candidates if cycle(p.first) == cycle(anchor.first)]
    return same[0] if same else pick_occurrence(candidates, anchor.first, "nearest")


def read_month(m: re.Match, ctx: Context) -> Reading | None:
    if ctx.published is None:
        return unresolved(value=f"XXXX-{MONTHS[m.group('month').lower()]:02d}")
    return read_absolute(m, ctx)


def read_month_of_relative_year(m: re.Match, ctx: Context) -> Reading | None:
    """"July of the same year", "March of the following year", "May 3 of last year"."""
    kind, count = RELATIVE["period_words"][re.sub(r"\s+", " ", m.group("rel").lower())]
    base = ctx.anchor_at("year") if kind == "anaphoric" else _deictic_base(ctx)
    if base is None:
        return unresolved(anaphoric=kind == "anaphoric")
    day = int(re.match(r"\d+", m.group("day")).group(0)) if m.group("day") else None
    first = dt.date(base.first.year + count, MONTHS[m.group("month").lower()], day or 1)
    return point_reading(Period("day" if day else "month", first), anchored=True, anaphoric=kind == "anaphoric")


def read_quarter(m: re.Match, ctx: Context) -> Reading | None:
    grain = "half" if (m.group("part") or "").lower() == "half" else "quarter"
    if m.group("q"):
        index = int(m.group("q")[1])
    else:
        word = m.group("ordinal").lower()
        index = int(word[0]) if word[0].isdigit() else NUMBERS["ordinals"][word]
        if index == -1:
            index = 4 if grain == "quarter" else 2
    if index > (4 if grain == "quarter" else 2):
        return None
    year = m.group("year") or m.group("year2") or m.group("year3")
    months = 3 if grain == "quarter" else 6
    if year:
        return point_reading(Period(grain, dt.date(int(year), (index - 1) * months + 1, 1)))
    relation = (m.group("yrel") or "").lower()
    if relation in ("this", "last", "next") and ctx.published:
        offset = {"this": 0, "last": -1, "next": 1}[relation]
        return point_reading(Period(grain, dt.date(ctx.published.year + offset, (index - 1) * months + 1, 1)), anchored=True)
    if relation in ("that", "the") and ctx.anchor is not None:
        return point_reading(Period(grain, dt.date(ctx.anchor.first.year, (index - 1) * months + 1, 1)), anchored=True, anaphoric=True)
    return _named_period(m, ctx, None, lambda today: part_occurrences(grain, index, today))


def read_weekday(m: re.Match, ctx: Context) -> Reading | None:
    weekday = WEEKDAYS.index(m.group("weekday").lower())
    code = CALENDAR["parts_of_day"].get((m.group("pod") or "").lower())
    if ctx.published is None:
        return unresolved(value=f"XXXX-WXX-{weekday + 1}")
    return _named_period(m, ctx, m.group("rel"), lambda today: weekday_occurrences(weekday, today, code))


def read_deictic_day(m: re.Match, ctx: Context) -> Reading | None:
    """today, yesterday, tomorrow (+ morning/evening...), this morning, last night.

    Written by hand: dateparser returns a datetime but not the TIMEX3 part-of-day code.
    """
    word = re.sub(r"\s+", " ", m.group("day").lower())
    part = (m.group("pod") or "").lower()
    if word == "tonight":
        part = part or "night"
    if word in ("this", "last"):
        offset = -1 if word == "last" else 0
    else:
        offset = RELATIVE["deictic_days"][word]
    if ctx.published is None:
        return unresolved("TIME" if part else "DATE")
    code = CALENDAR["parts_of_day"].get(part)
    return point_reading(Period("day", ctx.published + dt.timedelta(days=offset), code), anchored=True)


def _current_day(ctx: Context) -> Period | None:
    """The day the narrative is at: the last day read in this section; before any date is read,
    a news report is at its publication day (so "the day", "the morning" open a report on it)."""
    if ctx.anchors:
        return ctx.anchor_at("day")
    return _deictic_base(ctx)


def read_part_of_day(m: re.Match, ctx: Context) -> Reading | None:
    """"that night", "the same morning", "in the morning": a part of the narrative's day."""
    code = CALENDAR["parts_of_day"][m.group("pod").lower()]
    base = _current_day(ctx)
    if base is None:
        return unresolved("TIME", anaphoric=True)
    return point_reading(Period("day", base.first, code), anchored=True, anaphoric=True)


def read_relative_period(m: re.Match, ctx: Context) -> Reading | None:
    """this/last/next week, the previous year, that month, last November, the past decade."""
    word = re.sub(r"\s+", " ", m.group("rel").lower())
    kind, count = RELATIVE["period_words"][word]
    target = m.group("unit")
    lowered = target.lower()
    if lowered in MONTHS:
        month = MONTHS[lowered]
        return _named_period(m, ctx, word, lambda today: month_occurrences(month, today))
    if kind == "span":
        return _span_reading(m, ctx, 1, lowered, word)
    grain = lowered
    base = ctx.anchor_at(grain) if kind == "anaphoric" else _deictic_base(ctx)
    if base is None:
        return unresolved(anaphoric=kind == "anaphoric")
    if grain == "weekend" and count == 0 and kind == "deictic":
        return read_the_weekend(m, ctx)
    return point_reading(step(period_of(grain, base.first), count), anchored=True, anaphoric=kind == "anaphoric")


def read_the_weekend(m: re.Match, ctx: Context) -> Reading:
    """"this weekend", "over the weekend": the one just gone in the past tense, the coming one in the future."""
    if ctx.published is None:
        return unresolved()
    mode = {"past": "past", "future": "future"}.get(ctx.direction(m.start(), m.end()), "nearest")
    periods = [period_of("weekend", ctx.published + dt.timedelta(days=7 * k)) for k in range(-1, 2)]
    return point_reading(pick_occurrence(periods, ctx.published, mode), anchored=True)


def _span_reading(m: re.Match, ctx: Context, number: float | None, unit_name: str, word: str) -> Reading:
    """"the past nine days", "the next six months": a duration reaching back or ahead from publication
    ("the previous five years", "the following days": from the narrative's current time)."""
    kind, direction = RELATIVE["span_words"][re.sub(r"\s+", " ", word.lower())]
    reading = Reading("DURATION", duration_value(number, unit_name))
    base = ctx.anchor if kind == "anaphoric" else _deictic_base(ctx)
    if base is not None and number is not None:
        amount, grain = unit_shift(number, unit_name)
        edge = base.first if direction < 0 else base.last
        other = shift(Period("day", edge), direction * amount, grain).first
        first, last = sorted((other, edge))
        reading.begin, reading.end, reading.precision = first.isoformat(), last.isoformat(), "interval"
        reading.anchored, reading.anaphoric = True, kind == "anaphoric"
    return reading


def read_duration(m: re.Match, ctx: Context) -> Reading | None:
    """"two years", "fifty-year", "several decades", "two years ago", "three days later"."""
    unit_name = UNIT_FORMS[m.group("unit").lower()]
    number = parse_number(m.group("num"))
    if m.group("span"):
        return _span_reading(m, ctx, number, unit_name, m.group("span"))
    shift_word = m.group("shift")
    if not shift_word:
        return Reading("DURATION", duration_value(number, unit_name))
    kind, direction = RELATIVE["shift_words"][re.sub(r"\s+", " ", shift_word.lower())]
    base = ctx.anchor if kind == "anaphoric" else _deictic_base(ctx)
    if number is None:
        return _vague_shift(kind, direction, ctx)
    if base is None:
        return unresolved(anaphoric=kind == "anaphoric")
    amount, grain = unit_shift(number, unit_name)
    if kind == "deictic":
        grain_of_result = UNITS["units"][unit_name]["grain"]
        moved = shift(Period("day", base.first), direction * amount, grain)
        return point_reading(period_of(grain_of_result, moved.first), anchored=True)
    return point_reading(shift(base, direction * amount, grain), anchored=True, anaphoric=True)


def years_apart(period: Period, years: int) -> Period:
    """The same period ``years`` years away (the same month a year ago)."""
    moved = _add_years(period.first, years)
    return Period("season", moved, period.code) if period.grain == "season" else period_of(period.grain, moved, period.code)


def read_same_period(m: re.Match, ctx: Context) -> Reading:
    """"the same period last year", "the same month a year ago": the period the narrative is at,
    a year back (the comparison business news makes), or in the year named."""
    unit = m.group("unit").lower()
    if unit in GRAINS:
        base = ctx.anchor_at(unit) or _deictic_base(ctx)
        base = period_of(unit, base.first) if base is not None else None
    else:
        base = ctx.anchor
    if base is None:
        return unresolved(anaphoric=True)
    years = int(m.group("year")) - base.first.year if m.group("year") else -1
    return point_reading(years_apart(base, years), anchored=True, anaphoric=True)


def _vague_shift(kind: str, direction: int, ctx: Context) -> Reading:
    """"several years ago", "a few days later", "hours later": somewhere before or after the reference."""
    if kind == "deictic":
        if ctx.published is None:
            return unresolved()
        return _reference_reading("PAST_REF" if direction < 0 else "FUTURE_REF", ctx)
    if ctx.anchor is None:
        return unresolved(anaphoric=True)
    begin, end = ctx.anchor.bounds()
    return Reading("DATE", None, begin if direction > 0 else None, end if direction < 0 else None, "interval",
                   anchored=True, anaphoric=True)


def read_bare_units(m: re.Match, ctx: Context) -> Reading:
    """"for years", "in minutes", "decades-long": an unspecified amount of a unit; "hours later" a shift."""
    if m.group("shift"):
        kind, direction = RELATIVE["shift_words"][re.sub(r"\s+", " ", m.group("shift").lower())]
        return _vague_shift(kind, direction, ctx)
    return Reading("DURATION", duration_value(None, UNIT_FORMS[m.group("unit").lower()]))


def read_unit_before_after(m: re.Match, ctx: Context) -> Reading:
    """"the day before", "the week after": one unit from the narrative's time."""
    grain = m.group("unit").lower()
    base = ctx.anchor_at(grain)
    if base is None:
        return unresolved(anaphoric=True)
    count = -1 if m.group("side").lower() == "before" else 1
    return point_reading(step(period_of(grain, base.first), count), anchored=True, anaphoric=True)


def _reference_reading(ref: str, ctx: Context) -> Reading:
    reading = Reading("DATE", ref)
    if ctx.published is not None:
        today = ctx.published.isoformat()
        reading.begin = None if ref == "PAST_REF" else today
        reading.end = None if ref == "FUTURE_REF" else today
        reading.anchored = True
        reading.precision = "day" if ref == "PRESENT_REF" else "interval"
    return reading


def read_reference(m: re.Match, ctx: Context) -> Reading:
    phrase = re.sub(r"\s+", " ", m.group(0).lower())
    ref = next(key for key, phrases in REFERENCES.items() if key != "_about" and phrase in phrases)
    return _reference_reading(ref, ctx)


def read_clock(m: re.Match, ctx: Context) -> Reading | None:
    """Clock times: 6:40 p.m., 08:30 UTC, 0800 GMT, noon; on the narrative's day, else publication's."""
    text = m.group("clock").lower().replace(" ", "")
    if text in ("noon", "midday"):
        hour, minute = 12, 0
    elif text == "midnight":
        hour, minute = 24, 0
    else:
        digits = re.findall(r"\d+", text)
        if len(digits) == 1 and len(digits[0]) == 4:
            hour, minute = int(digits[0][:2]), int(digits[0][2:])
        else:
            hour, minute = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
        meridiem = re.search(r"([ap])\.?m", text)
        if meridiem and meridiem.group(1) == "p" and hour < 12:
            hour += 12
        if meridiem and meridiem.group(1) == "a" and hour == 12:
            hour = 0
    zone = "Z" if re.match(r"(?:UTC|GMT)$", (m.group("zone") or "").strip()) else ""
    clock = f"{hour:02d}:{minute:02d}{zone}"
    day = ctx.anchor_at("day") or _deictic_base(ctx)
    if day is None:
        return unresolved("TIME", value=f"XXXX-XX-XXT{clock}")
    return point_reading(Period("day", day.first, clock), anchored=True)


def read_holiday(m: re.Match, ctx: Context) -> Reading | None:
    name = next(h for h in CALENDAR["holidays"] if h.lower() == re.sub(r"\s+", " ", m.group("holiday").lower()))
    month, day = CALENDAR["holidays"][name]
    if m.group("year"):
        return point_reading(Period("day", dt.date(int(m.group("year")), month, day)))
    def occurrences(today: dt.date) -> list[Period]:
        return [Period("day", dt.date(year, month, day)) for year in range(today.year - 2, today.year + 3)]
    if ctx.published is None:
        return unresolved(value=f"XXXX-{month:02d}-{day:02d}")
    return _named_period(m, ctx, None, occurrences)


def read_set(m: re.Match, ctx: Context) -> Reading | None:
    """Recurrences: weekly, every year, each Monday, twice a day (the "a day" part)."""
    phrase = re.sub(r"\s+", " ", m.group(0).lower())
    if phrase in CALENDAR["sets"]:
        return Reading("SET", CALENDAR["sets"][phrase])
    target = m.group("target").lower()
    if target in WEEKDAYS:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS.index(target) + 1}")
    if target in MONTHS:
        return Reading("SET", f"XXXX-{MONTHS[target]:02d}")
    if target in CALENDAR["parts_of_day"]:
        return Reading("SET", f"T{CALENDAR['parts_of_day'][target]}")
    number = parse_number(m.group("num")) if m.group("num") else 1.0
    if m.group("other"):
        number = (number or 1) * 2
    return Reading("SET", duration_value(number, UNIT_FORMS[target]))


def read_anaphoric_phrase(m: re.Match, ctx: Context) -> Reading:
    """"at the time", "that time", "the day": the narrative's current date itself."""
    anchor = _current_day(ctx) if m.group(0).lower().endswith("day") else ctx.anchor
    if anchor is None:
        return unresolved(anaphoric=True)
    return point_reading(Period("day", anchor.first) if anchor.grain == "day" else anchor, anchored=True, anaphoric=True)


# ---------------------------------------------------------------------------------------
# Acceptance checks that need the parse (run before overlaps are resolved)


TEMPORAL_PREPOSITIONS = {
    "in", "since", "by", "until", "till", "from", "before", "after", "during", "of", "to", "and",
    "between", "through", "circa", "c.", "early", "late", "mid", "around", "about", "year", "years",
}
LABEL_NOUNS = set(NUMBERS["label_nouns"])
NAMED_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "LAW", "LOC"}


@functools.lru_cache(maxsize=4)
def _token_starts(doc: Doc) -> list[int]:
    return [token.idx for token in doc]


def _previous_word(doc: Doc, start: int) -> Token | None:
    """The last token ending at or before ``start``, skipping quotes, brackets and spaces."""
    index = bisect.bisect_left(_token_starts(doc), start)
    for token in reversed(doc[:index]):
        if not (token.is_quote or token.is_bracket or token.is_space):
            return token
    return None


def _next_token(doc: Doc, end: int) -> Token | None:
    """The first token starting at or after ``end``, skipping spaces."""
    for token in doc[bisect.bisect_left(_token_starts(doc), end):]:
        if not token.is_space:
            return token
    return None


def accept_year(m: re.Match, doc: Doc) -> bool:
    """A bare four-digit number is a year unless it counts things or labels them.

    Guards dateparser's habit of reading any number as a date: "2008 people", "Russell 2000
    Index", "flight 1549" are not years; before 1900 we want a temporal preposition ("in 1776").
    """
    span = doc.char_span(m.start("year"), m.end("year"), alignment_mode="expand")
    if span is None:
        return False
    token = span[0]       # may be wider than the year ("mid-2011" is one token)
    year = int(m.group("year"))
    before = _previous_word(doc, m.start())
    after = _next_token(doc, m.end())
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return False
    if token.dep_ == "nummod" and token.head.tag_ == "NNS":
        return False
    if before is not None and (before.lower_ in LABEL_NOUNS or before.text in ("©", "(c)") or before.lower_ == "copyright"):
        return False
    if before is not None and after is not None and before.tag_ == "NNP" and after.tag_ in ("NNP", "NNPS") \
            and before.lower_ not in MONTHS and after.lower_ not in MONTHS:
        return False      # inside a name: "Russell 2000 Index"
    if year < 1900:
        return before is not None and before.lower_ in TEMPORAL_PREPOSITIONS
    return True


def accept_capitalised_name(m: re.Match, doc: Doc, group: str) -> bool:
    """A month or weekday name that is not a modal ("May I"), a person ("April Smith") or a named day ("Black Monday")."""
    span = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    if token.tag_ == "MD" or token.ent_type_ in NAMED_ENTITY_LABELS:
        return False
    before = _previous_word(doc, m.start())
    if before is not None and not token.is_sent_start and before.is_title and before.pos_ in ("PROPN", "ADJ", "NOUN") \
            and before.lower_ not in MONTHS and before.lower_ not in WEEKDAYS:
        return False
    return True


def accept_month(m: re.Match, doc: Doc) -> bool:
    return accept_capitalised_name(m, doc, "month")


def accept_weekday(m: re.Match, doc: Doc) -> bool:
    return accept_capitalised_name(m, doc, "weekday")


def accept_decade(m: re.Match, doc: Doc) -> bool:
    """Two-digit and spelled decades need "the" or a coordinated decade: "in his 70s" is an age."""
    word = m.group("decade").lower().lstrip("'’")
    if len(word) == 5:
        return True
    before = m.string[max(0, m.start() - 20):m.start()].lower()
    return bool(m.group("the")) or bool(re.search(r"(?:\bthe\s+|\b(?:early|mid|late)[\s-]+|\b(?:and|or|to|through)\s+(?:the\s+)?)$", before))


def accept_season(m: re.Match, doc: Doc) -> bool:
    """A season word is a time when something places it (this summer, in the summer, winter 2008).

    "the fall of the wall" and "a winter storm" are not times; "the Arab Spring" is a name.
    """
    span = doc.char_span(m.start("season"), m.end("season"), alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    if m.group("year"):
        return True
    if token.pos_ not in ("NOUN", "PROPN"):
        return False      # "stocks continue to fall"
    if token.text[0].isupper() and not token.is_sent_start:
        return False
    if m.group("rel"):
        return True       # "last summer farmers protested": the noun after it is the subject
    after = _next_token(doc, m.end())
    if after is not None and (after.lower_ == "of" or after.pos_ in ("NOUN", "PROPN")):
        return False
    before = _previous_word(doc, m.start())
    return before is not None and before.lower_ in TEMPORAL_PREPOSITIONS | {"the", "last", "next", "this", "every"}


def accept_quarter(m: re.Match, doc: Doc) -> bool:
    """"the first half" needs a year ("the first half of 2009"): alone it is usually a match or a game."""
    has_year = any(m.group(g) for g in ("year", "year2", "year3", "yrel"))
    if (m.group("part") or "").lower() == "half":
        return has_year
    after = _next_token(doc, m.end())
    return has_year or m.group("q") is not None or after is None or after.lower_ != "of"


def accept_reference(m: re.Match, doc: Doc) -> bool:
    """"the future", "the present" are adjectives before a noun ("the future king"); "soon after" is a signal."""
    phrase = m.group(0).lower()
    after = _next_token(doc, m.end())
    if after is None:
        return True
    if phrase.split()[-1] in ("past", "present", "future") and after.tag_.startswith(("NN", "JJ", "VBG")):
        return False
    if phrase in ("soon", "shortly", "very soon") and after.lower_ in ("after", "before", "afterwards", "thereafter"):
        return False
    return True


def accept_set(m: re.Match, doc: Doc) -> bool:
    """"a year" is a rate only after an amount ("15 a year", "twice a day", "3% a year")."""
    if not m.group("a"):
        return True
    if m.group("target").lower() not in UNIT_FORMS:
        return False
    before = _previous_word(doc, m.start())
    if before is None:
        return False
    counted = any(child.dep_ in ("nummod", "quantmod") for child in before.children)   # "20 cases a week"
    return counted or before.like_num or before.tag_ == "CD" or before.lower_ in (
        "once", "twice", "thrice", "times", "percent", "%", "dollars", "euros", "pounds")


def accept_duration(m: re.Match, doc: Doc) -> bool:
    """"a second" and "a quarter of" are an ordinal and a fraction ("a second term", "a quarter of its
    dealers"), not durations."""
    single = m.group("num").lower() in ("a", "an", "one")
    unit = UNIT_FORMS[m.group("unit").lower()]
    if unit == "second" and single and not m.group("shift"):
        return False
    after = _next_token(doc, m.end())
    return not (unit == "quarter" and single and after is not None and after.lower_ == "of")


def accept_bare_units(m: re.Match, doc: Doc) -> bool:
    """Bare "years", "minutes" are durations after "for", "in", "within", "been" ("for years")."""
    if m.group("long") or m.group("shift"):
        return True
    before = _previous_word(doc, m.start())
    if before is not None and before.lower_ in ("just", "only", "mere", "nearly", "almost"):
        before = _previous_word(doc, before.idx)
    return before is not None and before.lower_ in {
        "for", "in", "within", "over", "after", "took", "take", "takes", "spent", "been", "lasted", "of", "than"}


def accept_the_day(m: re.Match, doc: Doc) -> bool:
    """"the day", "the time" refer to the narrative's day only after a verb or preposition of time
    ("ended the day", "during the day", "at the time"), not before a relative clause ("the day he left")."""
    before = _previous_word(doc, m.start())
    after = _next_token(doc, m.end())
    if after is not None and after.lower_ in ("before", "after", "when", "that", "of", "which", "on", "in", "he", "she",
                                              "they", "it", "we", "i", "you", "to", "for"):
        return False
    if before is None:
        return False
    if m.group(0).lower().endswith("day"):
        return before.lower_ in ("in", "during", "for", "through", "throughout", "all", "of") or before.lemma_ in (
            "end", "start", "begin", "open", "close", "finish", "spend")
    return before.lower_ in ("at", "by", "until", "since", "from", "around", "before", "after")


def accept_clock(m: re.Match, doc: Doc) -> bool:
    """A bare "8:30" is a time after "at"/"by"/...; with a.m./p.m. or a zone it always is."""
    if m.group("ampm") or m.group("zone") or not re.match(r"\d", m.group("clock")):
        return True
    before = _previous_word(doc, m.start())
    return before is not None and before.lower_ in ("at", "by", "until", "from", "before", "after", "around", "about", "till")


# ---------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    read: Callable[[re.Match, Context], Reading | None]
    accept: Callable[[re.Match, Doc], bool] | None = None
    priority: int = 5


def _rule(name, pattern, read, accept=None, priority=5) -> Rule:
    return Rule(name, re.compile(r"(?<![\w'’])" + pattern + r"(?![\w])", re.IGNORECASE), read, accept, priority)


REFERENCE_PHRASES = [p for key, phrases in REFERENCES.items() if key != "_about" for p in phrases]
SET_PHRASES = [p for p in CALENDAR["sets"] if not p.startswith(("a ", "an "))]

RULES = (
    _rule("calendar",
          rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH_ANY}|{MONTH_ANY}\s+(?:the\s+)?{DAY})"
          rf"(?:,?\s+(?P<year>{YEAR}))?(?![\d:])", read_absolute, priority=1),
    _rule("numeric_date",
          r"(?P<numeric>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}\.\d{1,2}\.\d{4})(?![\d/.-]\d)",
          read_absolute, priority=1),
    _rule("month_year", rf"(?P<month>{MONTH_ANY})(?:\s+of)?,?\s+(?P<year>{YEAR})", read_absolute, accept_month, 2),
    _rule("month", rf"(?P<month>{MONTH_FULL})(?!\s*\d)", read_month, accept_month, 6),
    _rule("month_of_relative_year",
          rf"(?P<month>{MONTH_FULL})(?:\s+(?P<day>{DAY}))?,?\s+of\s+(?P<rel>that|the\s+same|the\s+following|the\s+next"
          r"|the\s+previous|the\s+preceding|this|last|next)\s+year", read_month_of_relative_year, accept_month, 2),
    _rule("year", rf"(?P<year>{YEAR})(?![,.]\d|[-–/]\d|%)", read_year, accept_year, 7),
    _rule("year_range", rf"(?P<y1>{YEAR})\s*[-–—]\s*(?P<y2>{YEAR}|\d{{2}})(?!\d)", read_year_range, priority=2),
    _rule("decade", r"(?:(?P<the>the)\s+)?(?P<decade>(?:1[0-9]|20)[0-9]0s|['’]?[0-9]0s|"
          + _alternation(DECADE_WORDS) + ")", read_decade, accept_decade, 3),
    _rule("century", rf"(?:the\s+)?(?P<ordinal>{ORDINAL})[\s-]+century", read_century, priority=3),
    _rule("season", rf"(?:(?P<rel>{PERIOD_WORDS})\s+|the\s+)?(?P<season>{SEASON})(?:,?\s+(?:of\s+)?(?P<year>{YEAR}))?",
          read_season, accept_season, 4),
    _rule("quarter",
          rf"(?:the\s+)?(?P<ordinal>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+{FISCAL}(?P<part>quarter|half)"
          rf"(?:\s+of\s+(?:(?P<yrel>this|last|next|the|that)\s+{FISCAL}year|(?P<year>{YEAR}))|,?\s+(?P<year2>{YEAR}))?"
          rf"|(?-i:(?P<q>Q[1-4]))(?:\s+(?P<year3>{YEAR}))?", read_quarter, accept_quarter, 3),
    _rule("weekday", rf"(?:(?P<rel>last|next|this\s+coming|this\s+past|this|coming|past)\s+)?(?P<weekday>{WEEKDAY})"
          rf"(?:\s+(?P<pod>{PART_OF_DAY}))?", read_weekday, accept_weekday, 4),
    _rule("deictic_day", r"(?P<day>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow"
          rf"|tonight|this(?=\s+{PART_OF_DAY})|last(?=\s+(?:night|evening)))(?:\s+(?P<pod>{PART_OF_DAY}))?", read_deictic_day,
          priority=4),
    _rule("part_of_day", r"(?:that|the\s+same|the)\s+(?P<pod>morning|afternoon|evening|night)", read_part_of_day,
          lambda m, doc: accept_the_day(m, doc) or not m.group(0).lower().startswith("the "), 5),
    _rule("the_weekend", r"the\s+weekend", read_the_weekend,
          lambda m, doc: (_previous_word(doc, m.start()) or doc[0]).lower_ in ("over", "during", "at", "on", "through"), 4),
    _rule("relative_period", rf"(?P<rel>{PERIOD_WORDS})\s+{FISCAL}(?P<unit>{CALENDAR_UNIT}|{MONTH_FULL})",
          read_relative_period, None, 3),
    _rule("same_period",
          r"the\s+same\s+(?P<unit>period|time|day|week|month|quarter|season|year)s?\s+(?:(?:a|one)\s+year\s+(?:ago|earlier|before)"
          rf"|last\s+year|(?:of|in)\s+(?:the\s+)?(?:previous|prior|preceding)\s+year|(?:of|in)\s+(?P<year>{YEAR}))",
          read_same_period, None, 2),
    _rule("duration",
          rf"(?:(?P<span>{_alternation(RELATIVE['span_words'])})\s+)?(?:{APPROX}\s+)?"
          rf"(?P<num>{NUMBER})(?:[\s-]+{UNIT_MODIFIER})?[\s-]+(?P<unit>{UNIT})(?P<long>-long)?"
          rf"(?:\s+(?P<shift>{SHIFT_WORDS}))?(?!-old|-year)", read_duration, accept_duration, 4),
    _rule("bare_units", r"(?P<unit>years|decades|months|weeks|days|hours|minutes|centuries)(?P<long>-long)?"
          r"(?:\s+(?P<shift>later|earlier|ago|afterwards))?", read_bare_units, accept_bare_units, 8),
    # "the day before," but not "the day before the vote", which counts from an event
    _rule("unit_before_after", r"the\s+(?P<unit>day|week|month|year)\s+(?P<side>before|after)(?=\s*(?:[^\w\s]|$))",
          read_unit_before_after, None, 4),
    _rule("reference", _alternation(REFERENCE_PHRASES), read_reference, accept_reference, 6),
    _rule("clock",
          rf"(?P<clock>(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?|(?:[01]?\d|2[0-3])\.[0-5]\d\s*[ap]\.?\s?m\b\.?"
          rf"|(?:1[0-2]|0?[1-9])\s*[ap]\.?\s?m\b\.?|(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:UTC|GMT|hours|hrs)\b)|noon|midnight|midday)"
          rf"(?:\s*(?P<zone>{ZONE}(?:\s*[+-]\s*\d{{1,2}})?|\((?:{ZONE})\s*[+-]\s*\d{{1,2}}\)|hours|hrs))?"
          rf"(?:\s*\((?:UTC|GMT)\s*[+-]\s*\d{{1,2}}\))?", read_clock, accept_clock, 2),
    _rule("holiday", rf"(?P<holiday>{HOLIDAY})(?:,?\s+(?P<year>{YEAR}))?", read_holiday, None, 3),
    _rule("set", rf"{_alternation(SET_PHRASES)}|(?:(?:every|each|per)\s+(?P<other>other\s+)?(?:(?P<num>{NUMBER})\s+)?|(?P<a>an?)\s+)"
          rf"(?P<target>{UNIT}|{WEEKDAY}|{MONTH_FULL}|{PART_OF_DAY})", read_set, accept_set, 3),
    _rule("anaphoric_phrase", _alternation(RELATIVE["anaphoric_phrases"]), read_anaphoric_phrase, accept_the_day, 6),
)


# ---------------------------------------------------------------------------------------
# Sections: a heading starts a new stretch of narrative

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
HEADING_MAX_WORDS = 20


def heading_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs that are headings: one short line without final punctuation.

    Titles, datelines and section heads; the narrative's current time does not cross them.
    """
    spans = []
    for m in PARAGRAPH.finditer(text):
        paragraph = m.group(0).strip()
        if paragraph and "\n" not in paragraph and len(paragraph.split()) <= HEADING_MAX_WORDS \
                and not re.search(r"[.!?:;…\"'”’)\]]$", paragraph):
            spans.append((m.start(), m.end()))
    return spans


def section_of(position: int, headings: list[tuple[int, int]]) -> int:
    """How many headings start at or before ``position``: equal numbers share a section."""
    return sum(1 for start, _ in headings if start <= position)


def in_heading(position: int, headings: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in headings)


# ---------------------------------------------------------------------------------------
# Candidates


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule | None                # None: a spaCy entity that no rule covers
    match: re.Match | None = None
    label: str = "DATE"


# Words that make a spaCy entity a time worth keeping; not "quarter", "second", "minute", "time",
# which are as often a district, an ordinal or an idiom ("the government quarter").
TIME_WORD = re.compile(
    r"\b(?:" + "|".join([r"days?|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)", MONTH_FULL, WEEKDAY,
                         SEASON, PART_OF_DAY, "ago", "period"]) + r")\b", re.IGNORECASE)
AGE = re.compile(r"\bage[ds]?\b|year-old|years?\s+old", re.IGNORECASE)


def grammar_candidates(doc: Doc, text: str) -> tuple[list[Candidate], list[Candidate]]:
    """Every match of every rule, split into those its check accepts and those it rejects."""
    accepted, rejected = [], []
    for rule in RULES:
        for m in rule.pattern.finditer(text):
            ok = rule.accept is None or rule.accept(m, doc)
            (accepted if ok else rejected).append(Candidate(m.start(), m.end(), rule, m))
    return accepted, rejected


def _coverage(length: int, spans) -> bytearray:
    """A map of the characters the spans cover, so overlap checks cost the span's length."""
    covered = bytearray(length)
    for span in spans:
        covered[span.start:span.end] = b"\x01" * (span.end - span.start)
    return covered


def entity_candidates(doc: Doc, text: str, taken: list[Candidate], rejected: list[Candidate]) -> list[Candidate]:
    """spaCy DATE/TIME entities no rule covers ("a second consecutive day").

    Kept for their extent when they name a time unit; numbers alone ("aged 55" gives DATE "55"),
    ages, and what a rule has looked at and rejected ("about a quarter of") are dropped. spaCy
    entities can run across line breaks, so they are cut there.
    """
    found = []
    covered = _coverage(len(text), [*taken, *rejected])
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        for piece in re.finditer(r"[^\n]+", ent.text):
            piece_text = piece.group(0).strip(" ,.;:")
            start = ent.start_char + piece.start() + piece.group(0).index(piece_text) if piece_text else 0
            end = start + len(piece_text)
            if piece_text and TIME_WORD.search(piece_text) and not AGE.search(piece_text) and not any(covered[start:end]):
                found.append(Candidate(start, end, None, label=ent.label_))
    return found


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidate where several overlap; rules win over spaCy entities, then by priority."""
    chosen: list[Candidate] = []
    covered = bytearray(max((c.end for c in candidates), default=0))
    ranked = sorted(candidates, key=lambda c: (c.rule is None, -(c.end - c.start), c.rule.priority if c.rule else 0, c.start))
    for candidate in ranked:
        if not any(covered[candidate.start:candidate.end]):
            chosen.append(candidate)
            covered[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
    return sorted(chosen, key=lambda c: c.start)


# ---------------------------------------------------------------------------------------
# Modifiers, ranges, signals


PART_MODIFIERS = RELATIVE["part_modifiers"]
SPLIT_MODIFIERS = RELATIVE["split_modifiers"]
MODIFIER_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:very\s+)?(?P<mod>" + _alternation([*PART_MODIFIERS, *SPLIT_MODIFIERS]) + r")(?:\s*-\s*|\s+)$",
    re.IGNORECASE)
SIGNAL_BEFORE = re.compile(r"\b(?P<signal>" + _alternation(RELATIVE["signals"]) + r")\s+$", re.IGNORECASE)
RANGE_OPENERS = {"from": r"\s*(?:to|until|till|through|thru|-|–|—)\s*", "between": r"\s+and\s+"}


@dataclass
class Found:
    start: int
    end: int
    reading: Reading


def apply_modifier(found: Found, text: str, ctx: Context) -> Found:
    """"early 2009", "the end of this year", "earlier this month": widen the extent, narrow the interval."""
    period = found.reading.period
    if period is None:
        return found
    m = MODIFIER_BEFORE.search(text, max(0, found.start - 30), found.start)
    if m is None:
        return found
    modifier = re.sub(r"\s+", " ", m.group("mod").lower())
    reading = replace(found.reading, precision="interval")
    if modifier in PART_MODIFIERS:
        if period.grain == "day":
            return Found(m.start(), found.end, found.reading)
        reading.begin, reading.end = narrow(period, *PART_MODIFIERS[modifier])
    else:
        reference = ctx.anchor if reading.anaphoric and ctx.anchor else _deictic_base(ctx)
        if reference is not None and period.contains(reference.first) and period.grain != "day":
            if SPLIT_MODIFIERS[modifier] == "before":
                reading.end = reference.first.isoformat()
            else:
                reading.begin = reference.first.isoformat()
    return Found(m.start(), found.end, reading)


def merge_ranges(found: list[Found], text: str) -> list[Found]:
    """"from 1980 to 1988", "between April and June": one interval from the first to the second."""
    merged: list[Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        opener = re.search(r"\b(from|between)\s+$", text[max(0, previous.start - 10):previous.start], re.IGNORECASE) \
            if previous else None
        if previous and opener and previous.reading.period and item.reading.period \
                and re.fullmatch(RANGE_OPENERS[opener.group(1).lower()], text[previous.end:item.start], re.IGNORECASE):
            first, second = _year_from_range_end(previous.reading, item.reading), item.reading
            reading = Reading("DATE", f"{first.value}/{second.value}", first.begin, second.end, "interval",
                              first.anchored or second.anchored)
            start = previous.start - (len(opener.group(0)))
            merged[-1] = Found(start, item.end, reading)
        else:
            merged.append(item)
    return merged


def merge_clock_and_day(found: list[Found], text: str) -> list[Found]:
    """A clock time followed by its day: "16:00 UTC today", "9 p.m. Tuesday" are one TIME, as TimeML
    marks them; "10:30 a.m. on Monday" stays two, but the time is Monday's."""
    merged: list[Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        clock = previous.reading.period if previous else None
        day = item.reading.period
        gap = text[previous.end:item.start] if previous else ""
        if clock is None or not clock.code or ":" not in clock.code or day is None or day.grain != "day":
            merged.append(item)
            continue
        reading = point_reading(Period("day", day.first, clock.code), anchored=item.reading.anchored)
        if re.fullmatch(r"\s*,?\s*", gap):
            merged[-1] = Found(previous.start, item.end, reading)
        else:
            if re.fullmatch(r"\s+on\s+", gap):
                merged[-1] = Found(previous.start, previous.end, reading)
            merged.append(item)
    return merged


def _year_from_range_end(first: Reading, second: Reading) -> Reading:
    """"between March and June 2017": a range's first end without a year takes the second's year
    (the year before when it would come after it: "December to March 2017")."""
    if not first.anchored or second.anchored or first.period is None or second.period is None:
        return first
    moved = years_apart(first.period, second.period.first.year - first.period.first.year)
    if moved.first > second.period.first:
        moved = years_apart(moved, -1)
    return point_reading(moved)


def apply_signal(found: Found, text: str, published: dt.date | None) -> Found:
    """"since 1997" runs from 1997 to publication, "until 2012" ends in 2012, "before 1979" ends
    before 1979, "after 1979" starts then. The extent stays TimeML's (the date only)."""
    reading = found.reading
    if reading.period is None:
        return found
    m = SIGNAL_BEFORE.search(text, max(0, found.start - 15), found.start)
    if m is None:
        return found
    signal = RELATIVE["signals"][re.sub(r"\s+", " ", m.group("signal").lower())]
    begin, end = reading.begin, reading.end
    if signal == "since":
        end = published.isoformat() if published else None
    elif signal == "until":
        begin = None
    elif signal == "before":
        begin, end = None, reading.begin
    else:
        end = None
    return Found(found.start, found.end, replace(reading, begin=begin, end=end, precision="interval"))


# ---------------------------------------------------------------------------------------
# Entry points


def parse_published(published: str | None) -> dt.date | None:
    """The publication day from an ISO date or datetime; None when absent or unreadable."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def read_all(doc: Doc, text: str, candidates: list[Candidate], published: dt.date | None) -> list[Found]:
    """Read candidates in text order, carrying the last resolved date forward within a section."""
    headings = heading_spans(text)
    ctx = Context(doc, text, published)
    section = 0
    found = []
    for candidate in candidates:
        if section_of(candidate.start, headings) != section:
            section, ctx.anchors = section_of(candidate.start, headings), []
        if candidate.rule is None:
            reading = unresolved(candidate.label)
        else:
            try:
                reading = candidate.rule.read(candidate.match, ctx)
            except (ValueError, OverflowError):
                reading = unresolved()     # beyond the calendar Python counts: "10,000 years ago"
        if reading is None:
            continue
        item = apply_modifier(Found(candidate.start, candidate.end, reading), text, ctx)
        found.append(item)
        if reading.period is not None and not in_heading(candidate.start, headings):
            ctx.anchors.append(reading.period)
    return found


def find_timexes(doc: Doc, published: str | None) -> list[Timex]:
    """Every time expression in ``doc`` with its TIMEX3 value and calendar interval."""
    day = parse_published(published)
    text = doc.text
    candidates, rejected = grammar_candidates(doc, text)
    candidates += entity_candidates(doc, text, candidates, rejected)
    found = merge_ranges(merge_clock_and_day(read_all(doc, text, resolve_overlaps(candidates), day), text), text)
    timexes = []
    for item in found:
        item = apply_signal(item, text, day)
        r = item.reading
        timexes.append(Timex(item.start, item.end, text[item.start:item.end], r.value, r.type,
                             r.begin, r.end, r.precision, r.anchored))
    return timexes


ANAPHORIC_TEXT = re.compile(
    r"(?:.*\s)?(?:" + _alternation([w for w, (kind, _) in RELATIVE["period_words"].items() if kind == "anaphoric"]
                    + [w for w, (kind, _) in RELATIVE["span_words"].items() if kind == "anaphoric"]) + r")\s.+"
    r"|.+\s" + _alternation([w for w, (kind, _) in RELATIVE["shift_words"].items() if kind == "anaphoric"])
    + r"|(?:.*\s)?" + _alternation(RELATIVE["anaphoric_phrases"])
    + rf"|(?:.*\s)?(?:the|that|the\s+same)\s+{PART_OF_DAY}",
    re.IGNORECASE)


def is_anaphoric(timex: Timex) -> bool:
    """Whether the expression counts from the narrative's time ("two years later", "the next day",
    "that year") rather than from publication or the calendar."""
    return ANAPHORIC_TEXT.fullmatch(timex.text) is not None
