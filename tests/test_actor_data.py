"""Checks on the hand-edited actor data: data/actors/registry.jsonl and data/actors/roles.tsv.

Users extend both files without touching code, so these tests guard the format the loader relies
on and the mistakes that make a phrase matcher misfire (shared aliases, everyday words as aliases).
They only read files: no spaCy model is loaded.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pycountry
import pytest
from spacy.lang.en.stop_words import STOP_WORDS

import backstory
from backstory.records import ACTOR_KINDS

ACTOR_DATA = Path(backstory.__file__).parent / "data" / "actors"
REGISTRY = ACTOR_DATA / "registry.jsonl"
ROLES = ACTOR_DATA / "roles.tsv"
COMMON_WORDS_FILE = Path(__file__).parent / "fixtures" / "common_english_words.txt"

REGISTRY_KEYS = {"name", "aliases", "kind", "country", "sector", "wikidata"}
REGISTRY_KINDS = {"organization", "group", "person"}
ROLES_HEADER = ["word", "sector", "kind", "notes"]
# A sector line in roles.tsv's header comment: "#   GOV  government: ...".
SECTOR_DOC_LINE = re.compile(r"^#\s+([A-Z]{3})\s{2,}\S")
WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")
# A pattern that starts with an article only matches when the article is there, which news often drops.
LEADING_ARTICLES = ("the ", "a ", "an ")


@lru_cache(maxsize=1)
def registry_entries() -> tuple[tuple[int, dict], ...]:
    """(line number, parsed object) for every non-blank line of the registry."""
    entries = []
    for number, line in enumerate(REGISTRY.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            entries.append((number, json.loads(line)))
    return tuple(entries)


@lru_cache(maxsize=1)
def roles_rows() -> tuple[list[str], ...]:
    """The rows of roles.tsv after its comment lines, column header first."""
    lines = [line for line in ROLES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return tuple(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def documented_sectors() -> tuple[str, ...]:
    """Sector codes explained in roles.tsv's header comment, in the order given."""
    lines = ROLES.read_text(encoding="utf-8").splitlines()
    return tuple(m.group(1) for line in lines if (m := SECTOR_DOC_LINE.match(line)))


@lru_cache(maxsize=1)
def common_english_words() -> frozenset[str]:
    # spaCy's stop words cover function words ("who", "is", "us"); the fixture adds everyday content
    # words that are also acronyms or short organisation names. No frequency list ships offline.
    own = {
        line.strip()
        for line in COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    return frozenset(STOP_WORDS | own)


def surface_forms(entry: dict) -> list[str]:
    return [entry["name"], *entry["aliases"]]


def is_iso3(code: str) -> bool:
    # Historic codes (SUN, DDR) are allowed: news archives name the Soviet Union's KGB and the Stasi.
    return bool(pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code))


def test_every_registry_line_is_an_object_with_exactly_the_loader_keys():
    for number, entry in registry_entries():
        assert isinstance(entry, dict), f"registry line {number} is not a JSON object"
        assert set(entry) == REGISTRY_KEYS, f"registry line {number} keys {sorted(entry)}"


def test_registry_fields_have_valid_values():
    sectors = set(documented_sectors())
    for number, entry in registry_entries():
        where = f"registry line {number} ({entry['name']!r})"
        assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"] != "", where
        assert isinstance(entry["aliases"], list), where
        for alias in entry["aliases"]:
            assert isinstance(alias, str) and alias.strip() == alias != "", f"{where}: alias {alias!r}"
        assert entry["kind"] in REGISTRY_KINDS, f"{where}: kind {entry['kind']!r}"
        assert entry["sector"] in sectors, f"{where}: sector {entry['sector']!r} is not documented in roles.tsv"
        country = entry["country"]
        assert country is None or (isinstance(country, str) and is_iso3(country)), f"{where}: country {country!r}"
        wikidata = entry["wikidata"]
        assert wikidata is None or (isinstance(wikidata, str) and WIKIDATA_ID.match(wikidata)), f"{where}: {wikidata!r}"


def test_registry_kinds_are_actor_kinds():
    assert REGISTRY_KINDS <= set(ACTOR_KINDS)


def test_no_surface_form_names_two_actors():
    owners: dict[str, list[str]] = {}
    for _, entry in registry_entries():
        for form in {form.casefold() for form in surface_forms(entry)}:
            owners.setdefault(form, []).append(entry["name"])
    shared = {form: names for form, names in owners.items() if len(names) > 1}
    assert not shared, f"surface forms shared by several actors: {shared}"


def test_no_entry_repeats_a_surface_form():
    for number, entry in registry_entries():
        counts = Counter(form.casefold() for form in surface_forms(entry))
        repeated = [form for form, count in counts.items() if count > 1]
        assert not repeated, f"registry line {number} repeats {repeated} (aliases are matched ignoring case)"


def test_no_single_word_surface_form_is_a_common_english_word():
    common = common_english_words()
    offending = [
        (entry["name"], form)
        for _, entry in registry_entries()
        for form in surface_forms(entry)
        if " " not in form and form.casefold() in common
    ]
    assert not offending, f"everyday words used as names or aliases: {offending}"


def test_no_surface_form_starts_with_an_article():
    offending = [
        form for _, entry in registry_entries() for form in surface_forms(entry)
        if form.casefold().startswith(LEADING_ARTICLES)
    ]
    assert not offending, f"drop the leading article from: {offending}"


def test_roles_has_its_column_header_then_four_columns_a_row():
    header, *rows = roles_rows()
    assert header == ROLES_HEADER
    for row in rows:
        assert len(row) == len(ROLES_HEADER), f"roles.tsv row {row}"


def test_role_rows_have_valid_values():
    sectors = set(documented_sectors())
    _, *rows = roles_rows()
    for word, sector, kind, _notes in rows:
        assert word == word.strip().lower() and word != "" and "  " not in word, f"role word {word!r}"
        assert sector in sectors, f"role word {word!r}: sector {sector!r} is not documented"
        assert kind in ACTOR_KINDS, f"role word {word!r}: kind {kind!r}"


def test_each_role_word_appears_once():
    _, *rows = roles_rows()
    repeated = [word for word, count in Counter(row[0] for row in rows).items() if count > 1]
    assert not repeated, f"role words listed twice: {repeated}"


def test_documented_sectors_are_exactly_the_ones_used():
    documented = documented_sectors()
    assert len(documented) == len(set(documented)), "a sector code is documented twice"
    _, *rows = roles_rows()
    used = {row[1] for row in rows} | {entry["sector"] for _, entry in registry_entries()}
    assert set(documented) == used, (
        f"documented but unused: {sorted(set(documented) - used)}; used but undocumented: {sorted(used - set(documented))}"
    )


@pytest.mark.parametrize(
    "alias",
    ["MEK", "MKO", "PMOI", "Mujahedin-e Khalq", "Mujahideen-e-Khalq", "Mojahedin-e-Khalq", "ISIL", "Daesh", "al-Qaida", "Ansar Allah"],
)
def test_registry_knows_common_variant_spellings(alias):
    forms = {form.casefold() for _, entry in registry_entries() for form in surface_forms(entry)}
    assert alias.casefold() in forms
