"""The mission's own document: a scraped opinion page on the MEK followed by two teaser lists.

Its text stays in ../shared; these tests read it from there and check what the spine promises.
"""

from __future__ import annotations

import pytest

from backstory.pipeline import extract
from backstory.read import read_paths
from backstory.settings import Settings

PUBLISHED = "2018-01-10"


@pytest.fixture(scope="module")
def seed(seed_path, resources):
    raws = read_paths([str(seed_path)], PUBLISHED)
    (article,) = list(extract(raws, Settings(published=PUBLISHED), resources))
    assert article.errors == []
    return article


def actor_named(article, name):
    for actor in article.actors:
        if name.lower() in [actor.name.lower(), *(a.lower() for a in actor.aliases)]:
            return actor
    raise AssertionError(f"no actor named {name!r} among {[a.name for a in article.actors]}")


def events_of(article, type_, source=None, target_country=None):
    found = []
    for event in article.events:
        if event.type not in (type_ if isinstance(type_, tuple) else (type_,)):
            continue
        if source and source.id not in event.source:
            continue
        if target_country:
            targets = [a for a in article.actors if a.id in event.target]
            if not any(a.country == target_country or a.id == target_country for a in targets):
                continue
        found.append(event)
    return found


def happened_before(event, limit: int) -> bool:
    """The event's date lies at or before ``limit``: "in the years leading up to the revolution"
    is an interval ending in 1979, with no start."""
    start, end = event.date.start, event.date.end
    if not start and not end:
        return False
    return (not start or int(start[:4]) < limit) and (not end or int(end[:4]) <= limit)


def year(event):
    return int((event.date.start or event.date.end)[:4]) if (event.date.start or event.date.end) else None


def test_body_keeps_the_article_and_drops_the_teaser_lists(seed):
    assert "origins in pre-revolution Iran" in seed.body
    assert seed.body.rstrip().endswith("Israel’s intelligence arm.")
    for chrome in ("New Articles", "Most viewed", "defender of Zion", "We really are sorry"):
        assert chrome not in seed.body
    kinds = {b.kind for b in seed.boilerplate}
    assert kinds - {"title", "byline"}, "the teaser lists must be listed as removed boilerplate"


def test_title_byline_and_date(seed):
    assert seed.byline == "Jim Carey"
    assert seed.title and seed.title.startswith("The MEK")
    assert seed.published == PUBLISHED
    assert seed.language == "en"


def test_aliases_are_merged(seed):
    mek = actor_named(seed, "MEK")
    assert "Mujahideen-e-Khalq" in mek.aliases
    assert len(mek.mentions) >= 20  # every "MEK", the long name, "the group" and pronouns that refer to it


def test_attempted_kidnapping_of_the_us_ambassador(seed):
    mek = actor_named(seed, "MEK")
    kidnappings = [e for e in events_of(seed, "ASSAULT", mek, "USA") if e.mode == "abduct"]
    assert kidnappings and kidnappings[0].attempted
    assert happened_before(kidnappings[0], 1979)


def test_pre_revolution_attacks_date_before_1979(seed):
    mek = actor_named(seed, "MEK")
    attacks = [e for e in events_of(seed, "ASSAULT", mek) if e.mode in ("abduct", "assassinate", "explosives", "bomb")]
    assert len(attacks) >= 3
    for attack in attacks:
        assert happened_before(attack, 1979), (attack.trigger, attack.date)


def test_mek_blames_the_attacks_on_peykar(seed):
    mek, peykar = actor_named(seed, "MEK"), actor_named(seed, "Peykar")
    accusations = [e for e in events_of(seed, "ACCUSE", mek) if peykar.id in e.target]
    assert accusations
    claim = [c for c in seed.claims if c.speaker == mek.id and c.stance == "blames"]
    assert claim, "what the MEK blames on Peykar is the MEK's claim"


def test_france_forces_the_mek_out_in_1986(seed):
    mek = actor_named(seed, "MEK")
    france = actor_named(seed, "France")
    coerced = [e for e in events_of(seed, ("COERCE", "SANCTION")) if france.id in e.source and mek.id in e.target]
    assert coerced and year(coerced[0]) == 1986


def test_mek_joins_iraq(seed):
    mek = actor_named(seed, "MEK")
    assert events_of(seed, "COOPERATE", mek, "IRQ")


def test_nla_destroys_iranian_villages(seed):
    nla = actor_named(seed, "NLA")
    assert events_of(seed, "ASSAULT", nla, "IRN")


def test_no_past_event_carries_the_publication_date(seed):
    for event in seed.events:
        if event.date.basis == "publication":
            assert event.date.start and event.date.start.startswith("2018"), event
            continue
        assert not (event.date.start or "").startswith("2018"), (event.trigger, event.date)


def test_no_event_from_teasers(seed):
    teaser_start = seed.body.find("New Articles")
    assert teaser_start == -1
    for event in seed.events:
        assert event.span[1] <= len(seed.body)
        assert seed.body[event.span[0]:event.span[1]] == event.trigger


def test_dates_and_places_of_the_history(seed):
    mek = actor_named(seed, "MEK")
    ruling = [e for e in events_of(seed, ("COERCE", "REJECT"), target_country=None) if mek.id in e.target
              and e.date.start == "1980"]
    assert ruling, "the 1980 ineligibility ruling"
    usa = actor_named(seed, "United States")
    listing = [e for e in events_of(seed, "SANCTION", usa) if mek.id in e.target]
    assert listing and listing[0].date.end == "2012"
    paris = [e for e in events_of(seed, "PROTEST") if e.place and e.place.name == "Paris"]
    assert paris and paris[0].place.country == "FRA"


def test_framing_flags_the_authors_labels_and_tone(seed):
    texts = [span["text"] for span in seed.framing["loaded"]]
    for phrase in ("fringe group", "terror campaign", "almost universally rejected"):
        assert any(phrase in text for text in texts), phrase
    assert actor_named(seed, "MEK").tone < 0
