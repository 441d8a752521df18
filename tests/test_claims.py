"""Who asserts each event, on articles written with quotes, "according to", denials, hedges and
neutral wire style (fixtures/claims/NAME.txt with NAME.expected.json): every event's attribution."""

from __future__ import annotations

import json

import pytest

from backstory.pipeline import extract
from backstory.read import read_paths
from backstory.settings import Settings

from conftest import FIXTURES

ARTICLES = sorted((FIXTURES / "claims").glob("*.txt"))


@pytest.fixture(scope="module", params=ARTICLES, ids=[p.stem for p in ARTICLES])
def case(request, resources):
    expected = json.loads(request.param.with_suffix(".expected.json").read_text(encoding="utf-8"))
    published = expected["published"]
    (article,) = extract(read_paths([str(request.param)], published), Settings(published=published), resources)
    assert article.errors == []
    return article, expected


def said_by(article, actor_id: str) -> str:
    """The name of whoever asserts: "author", or the actor's name."""
    return next((a.name for a in article.actors if a.id == actor_id), actor_id)


def matches(event, wanted: dict, article) -> bool:
    if event.trigger != wanted["trigger"] or not event.sentence.startswith(wanted.get("sentence", "")):
        return False
    if wanted["asserted_by"] == "author":
        return event.asserted_by == "author"
    return event.asserted_by != "author" and wanted["asserted_by"].lower() in said_by(article, event.asserted_by).lower()


def test_every_event_is_attributed_right(case):
    article, expected = case
    for wanted in expected["events"]:
        found = [e for e in article.events if matches(e, wanted, article)]
        assert found, (wanted, [(e.trigger, said_by(article, e.asserted_by)) for e in article.events])
        if "negated" in wanted:
            assert found[0].negated == wanted["negated"]
        if wanted.get("hedged"):
            assert found[0].confidence < 0.9, "a hedge ('reportedly') lowers the confidence"
    attributed = {(w["trigger"], w.get("sentence", "")) for w in expected["events"]}
    for event in article.events:
        assert any(event.trigger == t and event.sentence.startswith(s) for t, s in attributed), \
            f"an event the expectations do not cover: {event.trigger!r} in {event.sentence!r}"


def test_claims_name_their_speaker_and_stance(case):
    article, expected = case
    for wanted in expected["claims"]:
        assert any(wanted["speaker"].lower() in said_by(article, c.speaker).lower() and c.stance == wanted["stance"]
                   for c in article.claims), wanted
