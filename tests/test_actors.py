"""Country coding of actors on sentences written for each rule (actors.py): demonyms NER gets wrong,
former states' demonyms, "anti-"/"pro-" stances and ethnicities that are no country's, places inside
an actor's name or phrase, international officials, and the country an actor takes from its sentence
when its own words give none, with the cases that must stay uncoded."""

from __future__ import annotations

import pytest

from backstory.pipeline import extract_text


def actor_at(article, words: str):
    """The actor one of whose mentions overlaps the first occurrence of ``words`` in the body."""
    start = article.body.index(words)
    end = start + len(words)
    found = [a for a in article.actors if any(s < end and start < e for s, e in a.mentions)]
    assert found, f"no actor at {words!r}: {[(a.name, a.mentions) for a in article.actors]}"
    return found[0]


def coded(text: str, resources):
    article = extract_text(text, published="2024-05-01", resources=resources)
    assert article.errors == []
    return article


# ---------------------------------------------------------------------- demonyms


def test_a_demonym_ner_took_for_a_person_is_a_nationality(resources):
    article = coded("The electoral commission barred Zambian opposition candidates from the ballot.", resources)
    assert actor_at(article, "Zambian").country == "ZMB"
    assert not any(a.name == "Zambian" and a.country is None for a in article.actors)


def test_a_demonym_of_two_words_is_one_nationality(resources):
    article = coded("Ivorian gendarmes detained Burkinabe and Sierra Leonean traders at the market.", resources)
    assert actor_at(article, "Sierra Leonean").country == "SLE"
    assert not any(a.name == "Sierra" for a in article.actors)


@pytest.mark.parametrize("text, words, code", [
    ("Vietnamese troops shelled Kampuchean resistance bases near the Thai border.", "Kampuchean", "KHM"),
    ("Zairean soldiers looted shops in the capital overnight.", "Zairean soldiers", "COD"),
    ("Rhodesian forces raided guerrilla camps on Tuesday.", "Rhodesian forces", "ZWE"),
])
def test_a_former_state_demonym_codes_todays_state(resources, text, words, code):
    assert actor_at(coded(text, resources), words).country == code


# ---------------------------------------------------------------------- stances and ethnicities


def test_an_anti_country_modifier_gives_no_country(resources):
    article = coded("An outspoken anti-Iran columnist was shot dead in Baghdad.", resources)
    columnist = actor_at(article, "columnist")
    assert columnist.country != "IRN"
    assert columnist.country == "IRQ"  # where the sentence places him
    assert not any(a.country == "IRN" and a.kind == "state" for a in article.actors)


def test_a_pro_country_modifier_gives_no_country(resources):
    article = coded("Pro-Russian militiamen seized a police station in Kharkiv.", resources)
    assert actor_at(article, "militiamen").country == "UKR"


def test_ethnic_people_are_coded_where_the_sentence_places_them(resources):
    article = coded("Serbian police shot dead three ethnic Albanians near Presevo in southern Serbia.", resources)
    assert actor_at(article, "ethnic Albanians").country == "SRB"


def test_ethnic_people_placed_nowhere_stay_uncoded(resources):
    article = coded("Ethnic Hungarians rallied on Sunday to demand schools in their own language.", resources)
    assert actor_at(article, "Hungarians").country is None


def test_a_people_of_a_place_is_that_place_s(resources):
    article = coded("The Hungarians of northern Romania asked Bucharest for more schools in their language.", resources)
    assert actor_at(article, "Hungarians").country == "ROU"


def test_a_plain_nationality_is_still_its_country(resources):
    article = coded("Albanians voted on Sunday in a parliamentary election.", resources)
    assert actor_at(article, "Albanians").country == "ALB"


# ---------------------------------------------------------------------- places in names and phrases


@pytest.mark.parametrize("text, words, code", [
    ("Gunmen stormed Mosul University on Monday.", "Mosul University", "IRQ"),
    ("Government troops attacked Darfur rebels near the Chadian border.", "Darfur rebels", "SDN"),
    ("Israeli jets pounded South Lebanon for a third day.", "South Lebanon", "LBN"),
    ("Opposition parties in Zambia staged a strike on Monday.", "Opposition", "ZMB"),
    ("Vietnamese-led forces captured the hill after heavy fighting.", "forces", "VNM"),
])
def test_a_place_in_an_actor_s_own_words_gives_its_country(resources, text, words, code):
    assert actor_at(coded(text, resources), words).country == code


def test_a_town_that_is_also_a_word_is_no_place_in_a_name(resources):
    article = coded("The Liberal Party accused the government of fraud.", resources)
    assert actor_at(article, "Liberal Party").country is None


# ---------------------------------------------------------------------- international officials


@pytest.mark.parametrize("text, name", [
    ("U.N. envoy Ana Ortiz met Malian rebel leaders in Algiers.", "Ana Ortiz"),
    ("Antonio Guterres, the U.N. secretary-general, urged Sudan to open the border crossings.", "Antonio Guterres"),
    ("African Union Commission chairman Moussa Diarra urged Chad to free the activists.", "Moussa Diarra"),
])
def test_an_international_official_is_igo_and_no_country_s(resources, text, name):
    actor = actor_at(coded(text, resources), name)
    assert actor.sector == "IGO"
    assert actor.country is None


# ---------------------------------------------------------------------- the sentence as context

# (what the case shows, sentence, words of the actor, its country or None)
SENTENCE_CONTEXT = [
    ("an office holder takes the country of the clause governing him", "Opposition parties in Zambia demanded that President Hichilema step down.", "Hichilema", "ZMB"),
    ("an office holder takes a possessive country of his sentence", "Gunmen loyal to Somalia's clan militias tried to kill Prime Minister Omar Sharmarke.", "Omar Sharmarke", "SOM"),
    ("a candidate takes the country of the court ruling on him", "Kenya's High Court allowed opposition candidate John Mwangi to contest the election.", "John Mwangi", "KEN"),
    ("a body takes the country its sentence places it in", "Police fired tear gas at protesters in Harare on Tuesday.", "Police", "ZWE"),
    ("a sentence naming two countries decides nothing", "Iranian Foreign Minister Ali Akbar Velayati met Roland Dumas in Paris.", "Velayati", "IRN"),
    ("a sentence naming two countries decides nothing", "Iranian Foreign Minister Ali Akbar Velayati met Roland Dumas in Paris.", "Roland Dumas", None),
    ("a country that is the other party is not the setting", "Chancellor Weber promised tougher measures against Serbia.", "Weber", None),
    ("a border names two countries", "Rebels attacked an army post near the Syrian border.", "Rebels", None),
    ("a foreign leader s nationality is not his host s", "Chancellor Helmut Brandner received Ghanaian leader Jerry Mensah at his residence.", "Jerry Mensah", "GHA"),
    ("a foreign leader s nationality is not his host s", "Chancellor Helmut Brandner received Ghanaian leader Jerry Mensah at his residence.", "Helmut Brandner", None),
    ("an envoy s country is not the setting", "Peruvian envoys met Senator Hollis at a dinner given by the Ambassador of Peru.", "Hollis", None),
    ("a government s domestic target shares its country", "President Paul Kagame barred Rwandan opposition newspapers from the capital.", "Paul Kagame", "RWA"),
    ("a governing clause s speaker places an office holder", "President Joe Biden has frozen the assets of two drug traffickers, the White House said on Friday.", "Joe Biden", "USA"),
    ("a governing clause s speaker places an office holder", "President Joe Biden has frozen the assets of two drug traffickers, the White House said on Friday.", "White House", "USA"),
    ("a place in another clause places an office holder", "Former President Ahmed Tejan agreed to stay in exile rather than return to Sierra Leone.", "Ahmed Tejan", "SLE"),
    ("a state that the actor deals with is not its country", "President Lars Ekdahl offered to mediate with the president of Georgia.", "Lars Ekdahl", None),
    ("the country an act is aimed at does not place its actor", "The bishop urged a trade boycott against Eritrea on Sunday.", "bishop", None),
    ("foreign officials reporting do not place the actor", "The insurgents blew up a bridge overnight, Turkish officials said.", "insurgents", None),
]


@pytest.mark.parametrize("why, text, words, code", SENTENCE_CONTEXT, ids=[row[0] for row in SENTENCE_CONTEXT])
def test_an_actor_s_country_from_its_sentence(resources, why, text, words, code):
    assert actor_at(coded(text, resources), words).country == code


def test_a_registry_group_under_a_description_is_the_group(resources):
    article = coded("Ottawa froze the assets of the Taliban movement that governs Kabul.", resources)
    sanction = next(e for e in article.events if e.type == "SANCTION")
    targets = [a for a in article.actors if a.id in sanction.target]
    assert [a.country for a in targets] == ["AFG"]


