"""Framing: loaded-language spans, whose wording they are, the body summary, actors' tone."""

from __future__ import annotations

import pytest

from backstory.framing import EVALUATIVE_KINDS, QUOTED
from backstory.pipeline import extract
from backstory.read import read_paths
from backstory.records import AUTHOR
from backstory.settings import Settings

from conftest import FIXTURES

FRAMING = FIXTURES / "framing"


def analysed(path, resources, published=None):
    return next(extract(read_paths([str(path)], published), Settings(published=published), resources))


def flagged(article) -> set[tuple[str, str]]:
    return {(span["text"], span["kind"]) for span in article.framing["loaded"]}


@pytest.fixture(scope="module")
def opinion(resources):
    return analysed(FRAMING / "opinion.txt", resources)


@pytest.fixture(scope="module")
def wire(resources):
    return analysed(FRAMING / "wire.txt", resources)


@pytest.fixture(scope="module")
def quotes(resources):
    return analysed(FRAMING / "quotes.txt", resources)


@pytest.fixture(scope="module")
def seed(seed_path, resources):
    return analysed(seed_path, resources, "2018-01-10")


@pytest.mark.parametrize("text, kind", [
    ("fringe group", "labeling"),
    ("terrorist", "labeling"),
    ("hardliners", "labeling"),
    ("regime", "labeling"),
    ("utterly unnecessary", "intensifier"),
    ("so eager", "intensifier"),
    ("even more aggressive", "intensifier"),
    ("shameful", "emotional"),
    ("almost universally rejected", "generalisation"),
    ("Everyone knows", "generalisation"),
    ("Many say", "generalisation"),
    ("reportedly", "hedge"),
    ('"reform"', "scare_quote"),
    ("so-called oversight board", "scare_quote"),
])
def test_opinion_piece_loaded_language_is_flagged_with_its_kind(opinion, text, kind):
    assert (text, kind) in flagged(opinion)


def test_spans_index_the_body(opinion):
    for span in opinion.framing["loaded"]:
        assert opinion.body[span["start"]:span["end"]] == span["text"]


def test_the_opinion_writers_own_words_are_the_authors(opinion):
    assert {span["source"] for span in opinion.framing["loaded"]} == {AUTHOR}


def test_quoted_words_in_a_claim_verb_complement_are_not_scare_quotes(opinion):
    # "had the nerve to call it a "safeguard"": the spokesman's word, quoted.
    assert not any("safeguard" in text for text, _ in flagged(opinion))


def test_opinion_summary_is_mostly_evaluative(opinion):
    summary = opinion.framing["summary"]
    assert summary["evaluative"]["sentences"] > 0.5
    assert summary["kinds"]["labeling"] >= 3
    total = sum(summary[k]["sentences"] for k in ("evaluative", "reported", "factual"))
    assert total == pytest.approx(1.0, abs=0.01)


def test_neutral_wire_story_has_nothing_flagged(wire):
    assert wire.framing["loaded"] == []
    summary = wire.framing["summary"]
    assert summary["evaluative"]["sentences"] == 0
    assert summary["reported"]["sentences"] > 0.2


def test_loaded_words_inside_a_direct_quote_are_the_quotes(quotes):
    inside = {span["text"]: span["source"] for span in quotes.framing["loaded"]}
    assert inside.get("cowardly") == QUOTED
    assert inside.get("utterly senseless") == QUOTED


def test_partial_quotes_of_reported_speech_are_not_scare_quotes(quotes):
    kinds = flagged(quotes)
    assert not any(kind == "scare_quote" for _, kind in kinds)
    assert quotes.framing["summary"]["evaluative"]["sentences"] == 0  # nothing is the author's own


def test_every_actor_with_mentions_has_a_tone_in_range(opinion):
    tones = [a.tone for a in opinion.actors if a.mentions]
    assert tones and all(-1 <= t <= 1 for t in tones)


def test_tone_toward_the_attacked_ministry_is_negative(opinion):
    ministry = next(a for a in opinion.actors if "ministry" in a.name.lower())
    assert ministry.tone < 0


def test_tone_and_framing_are_in_the_output(opinion):
    out = opinion.to_dict()
    assert "loaded" in out["framing"] and "summary" in out["framing"]
    assert all("tone" in actor for actor in out["actors"])


@pytest.mark.parametrize("text", ["fringe group", "terror campaign", "almost universally rejected"])
def test_seed_loaded_language(seed, text):
    assert any(span["text"] == text and span["source"] == AUTHOR for span in seed.framing["loaded"])


def test_seed_nothing_from_the_removed_teaser_lists(seed):
    # The page's teaser lists carry loaded words of their own; the cleaner removed them, and every
    # flagged span must lie in the body that is left.
    removed = " ".join(block.text for block in seed.boilerplate).lower()
    assert "terrorist" in removed
    for span in seed.framing["loaded"]:
        assert 0 <= span["start"] < span["end"] <= len(seed.body)
        assert seed.body[span["start"]:span["end"]] == span["text"]


def test_seed_author_evaluates_a_large_share(seed):
    assert seed.framing["summary"]["evaluative"]["sentences"] > 0.3


def test_seed_tone_toward_the_mek_is_negative(seed):
    mek = next(a for a in seed.actors if a.id == "mek")
    assert mek.tone < 0
    assert any(kind in EVALUATIVE_KINDS for _, kind in flagged(seed))
