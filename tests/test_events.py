"""The event coder on sentences written for each construction it must handle (fixtures/events/constructions.jsonl):
active and passive voice, "forced to", nominal events, light verbs, prepositional targets, coordination,
relative clauses, appositions, pronouns and "the group", modality, conditions, each PLOVER family, the ORGANIZE
extension, reported events, and statements that must yield no event."""

from __future__ import annotations

import json

import pytest

from backstory.pipeline import extract_text

from conftest import FIXTURES

CASES = [json.loads(line) for line in (FIXTURES / "events" / "constructions.jsonl").read_text().splitlines() if line]


def matches_actor(actor, wanted: str) -> bool:
    """By name or alias, or by ISO-3 country code ("TUR")."""
    if len(wanted) == 3 and wanted.isupper() and actor.country == wanted:
        return True
    return any(wanted.lower() in name.lower() for name in (actor.name, *actor.aliases))


def event_matches(event, wanted: dict, actors: dict) -> bool:
    types = wanted["type"] if isinstance(wanted["type"], list) else [wanted["type"]]
    if event.type not in types:
        return False
    for role in ("source", "target"):
        if role in wanted and not any(matches_actor(actors[a], wanted[role]) for a in getattr(event, role)):
            return False
    for flag in ("attempted", "negated", "future"):
        if flag in wanted and getattr(event, flag) != wanted[flag]:
            return False
    if "asserted_by" in wanted:
        said = actors.get(event.asserted_by)
        if said is None or not matches_actor(said, wanted["asserted_by"]):
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_construction(case, resources):
    article = extract_text(case["text"], published="2024-05-01", resources=resources)
    assert article.errors == []
    actors = {a.id: a for a in article.actors}
    found = [(e.type, [actors[a].name for a in e.source], [actors[a].name for a in e.target], e.trigger)
             for e in article.events]
    if not case["expect"]:
        assert article.events == [], f"no event expected, got {found}"
    for wanted in case["expect"]:
        assert any(event_matches(e, wanted, actors) for e in article.events), f"missing {wanted} in {found}"
    for banned in case.get("absent", []):  # event types the sentence must not yield ("unless X withdrew")
        assert all(e.type != banned for e in article.events), f"unexpected {banned} in {found}"


def test_every_event_has_provenance(resources):
    article = extract_text(CASES[0]["text"], resources=resources)
    for event in article.events:
        assert article.body[event.span[0]:event.span[1]] == event.trigger
        assert article.body[event.sentence_span[0]:event.sentence_span[1]] == event.sentence
        assert 0 < event.confidence <= 1
