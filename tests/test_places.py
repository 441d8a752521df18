"""Place mentions and where events happened (places.py), and the MEANTIME place scorer."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from backstory.evaluate.places import gold_country, score_places
from backstory.gazetteer import Gazetteer
from backstory.nlp import load_model
from backstory.places import find_places, place_events
from backstory.records import Event

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "places"
MEANTIME = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "meantime" / "meantime-dev.jsonl"


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def parse(nlp, name: str):
    return nlp((FIXTURES / name).read_text(encoding="utf-8"))


def places_by_text(mentions) -> dict[str, list[tuple[str, str | None, str]]]:
    found: dict[str, list] = {}
    for m in mentions:
        found.setdefault(m.text, []).append((m.place.name, m.place.country, m.place.feature))
    return found


def event_at(doc, trigger: str, event_type: str, occurrence: int = 0) -> Event:
    """An Event record on the n-th occurrence of a trigger word, as the events stage would make it."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(trigger, start + 1)
    sentence = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return Event(
        id=f"e{start}", type=event_type, mode=None, cameo=None, source=[], target=[], trigger=trigger,
        span=(start, start + len(trigger)), sentence=sentence.text,
        sentence_span=(sentence.start_char, sentence.end_char),
    )


# --- find_places ---------------------------------------------------------------------------------


def test_paris_in_an_article_about_france_and_iran(nlp):
    doc = parse(nlp, "exiles_paris.txt")
    found = places_by_text(find_places(doc))
    assert found["Paris"] == [("Paris", "FRA", "city")] * 2
    assert found["Iran"] == [("Iran", "IRN", "country")]        # "Iran's": the possessive is not the place
    assert found["Evin prison"] == [("Tehran", "IRN", "city")]  # a facility placed by "in Tehran"
    assert not {"Iranian", "French"} & found.keys()              # demonyms are not place mentions
    assert "the Islamic Republic" not in found                   # not unambiguous: Pakistan is one too


def test_mentions_index_the_text(nlp):
    doc = parse(nlp, "exiles_paris.txt")
    for mention in find_places(doc):
        assert doc.text[mention.start:mention.end] == mention.text


def test_dateline_decides_between_namesakes(nlp):
    doc = parse(nlp, "birmingham.txt")
    assert places_by_text(find_places(doc))["Birmingham"] == [("Birmingham", "GBR", "city")]
    assert places_by_text(find_places(doc, "ATLANTA"))["Birmingham"] == [("Birmingham", "USA", "city")]


def test_unknown_feature_falls_back_to_the_country_named_with_it(nlp):
    found = places_by_text(find_places(parse(nlp, "qandil.txt")))
    assert found["Qandil mountains"] == [("Iraq", "IRQ", "country")]


def test_qualified_town_coordinated_city_and_unmapped_ocean(nlp):
    found = places_by_text(find_places(parse(nlp, "features.txt")))
    assert found["Paris"] == [("Paris", "FRA", "city"), ("Paris", "USA", "city")]  # then "Paris, Texas"
    assert found["Lyon"] == [("Lyon", "FRA", "city")]           # tagged PERSON, coordinated with Paris
    assert found["the Atlantic Ocean"] == [("Atlantic Ocean", None, "region")]


def test_gazetteer_can_be_passed_in(nlp):
    doc = parse(nlp, "birmingham.txt")
    assert find_places(doc, gazetteer=Gazetteer.load())[0].place.country == "GBR"


# --- place_events --------------------------------------------------------------------------------


def _event_cases() -> list:
    with open(FIXTURES / "event_places.tsv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if not r[0].startswith("#")]
    return [pytest.param(*row[1:], id=row[0]) for row in rows]


@pytest.mark.parametrize("sentence, trigger, event_type, place, country", _event_cases())
def test_event_placement(nlp, sentence, trigger, event_type, place, country):
    doc = nlp(sentence)
    event = event_at(doc, trigger, event_type)
    place_events(doc, [event], find_places(doc))
    if place == "-":
        assert event.place is None
    else:
        assert (event.place.name, event.place.country) == (place, country)


def test_dateline_places_events_that_have_no_place_of_their_own(nlp):
    doc = parse(nlp, "wire_havana.txt")
    announced = event_at(doc, "announced", "AGREE")
    said = event_at(doc, "said", "CONSULT")
    queued = event_at(doc, "queued", "PROTEST")
    place_events(doc, [announced, said, queued], find_places(doc, "HAVANA"), "HAVANA")
    assert (announced.place.name, announced.place.country) == ("Havana", "CUB")
    assert said.place.name == "Havana"
    assert queued.place.name == "Santiago de Cuba"


def test_without_dateline_an_unplaced_event_has_no_place(nlp):
    doc = parse(nlp, "wire_havana.txt")
    announced = event_at(doc, "announced", "AGREE")
    place_events(doc, [announced], find_places(doc))
    assert announced.place is None


def test_event_place_is_its_own_copy(nlp):
    doc = nlp("Thousands marched in Paris on Sunday.")
    mentions = find_places(doc)
    event = event_at(doc, "marched", "PROTEST")
    place_events(doc, [event], mentions)
    assert event.place == mentions[0].place and event.place is not mentions[0].place


# --- the MEANTIME scorer -------------------------------------------------------------------------


@pytest.mark.parametrize("uri, country", [
    ("http://dbpedia.org/resource/Paris", "FRA"),
    ("http://dbpedia.org/page/Singapore", "SGP"),
    ("http://dbpedia.org/resource/Victoria_(Australia)", "AUS"),
    ("http://dbpedia.org/resource/Cupertino,_California", "USA"),
    ("http://dbpedia.org/resource/United_States", "USA"),
    ("http://dbpedia.org/resource/Earth", None),
    (None, None),
])
def test_gold_country_from_dbpedia(uri, country):
    assert gold_country(uri, Gazetteer.load()) == country


def test_score_places_on_meantime():
    if not MEANTIME.exists():
        pytest.skip("../shared/eval/meantime is not beside the repository")
    result = score_places(MEANTIME, limit=8)
    assert result["documents"] == 8
    assert 0 < result["precision"] <= 1 and 0 < result["recall"] <= 1
    assert set(result["recall_by_kind"]) == {"name", "adjective", "other"}
    assert result["country"]["scored"] > 0
