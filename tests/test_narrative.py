"""Narrative time: events dated when they happened (articles and sentences written for these tests).

Events are built directly from a trigger word, as the events module would give them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backstory.narrative import date_events
from backstory.nlp import load_model
from backstory.records import Event, EventDate
from backstory.timexes import find_timexes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "time"
PUBLISHED = "2018-06-15"


@pytest.fixture(scope="session")
def nlp():
    return load_model()


def event_for(doc, trigger: str, nth: int = 0) -> Event:
    """An event whose trigger is the nth token spelled ``trigger``."""
    token = [t for t in doc if t.text == trigger][nth]
    sentence = token.sent
    return Event(id=f"e{token.i}", type="PROTEST", mode=None, cameo=None, source=[], target=[], trigger=token.text,
                 span=(token.idx, token.idx + len(token.text)), sentence=sentence.text,
                 sentence_span=(sentence.start_char, sentence.end_char))


def dates(nlp, text: str, triggers: list[str], published: str | None = PUBLISHED) -> dict[str, EventDate]:
    doc = nlp(text)
    events = [event_for(doc, t) for t in triggers]
    date_events(doc, events, find_timexes(doc, published), published)
    return {e.trigger: e.date for e in events}


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_history_article_dates_events_when_they_happened(nlp):
    triggers = ["founded", "staged", "banned", "fled", "lifted", "quarrelled", "recruited", "blames", "says", "meet"]
    got = dates(nlp, fixture("history_article.txt"), triggers)
    assert (got["founded"].start, got["founded"].precision, got["founded"].basis) == ("1965", "year", "explicit")
    assert (got["staged"].start, got["staged"].basis) == ("1979", "explicit")
    assert (got["banned"].start, got["banned"].end, got["banned"].text) == ("1986", "1986", "1986")
    # no date of its own: the narrative's time, carried from the sentence before
    assert (got["fled"].start, got["fled"].basis) == ("1986", "narrative")
    assert (got["lifted"].start, got["lifted"].basis, got["lifted"].text) == ("1988", "narrative", "Two years later")
    # after a section heading the narrative has no time yet: no date, and never the publication date
    assert (got["quarrelled"].start, got["quarrelled"].precision, got["quarrelled"].basis) == (None, "unknown", "none")
    assert (got["recruited"].start, got["recruited"].end, got["recruited"].precision) == (None, "1979", "interval")
    # present tense reporting is publication time; the future meeting has its own date
    assert (got["blames"].start, got["blames"].basis) == ("2018-06-15", "publication")
    assert got["says"].basis == "publication"
    assert (got["meet"].start, got["meet"].end, got["meet"].basis) == ("2018-06-18", "2018-06-24", "explicit")


def test_past_events_never_get_the_publication_date(nlp):
    got = dates(nlp, fixture("history_article.txt"), ["founded", "staged", "banned", "fled", "lifted", "quarrelled"])
    for date in got.values():
        assert date.basis != "publication" and date.start != PUBLISHED


def test_anaphoric_expressions_follow_the_narrative(nlp):
    got = dates(nlp, fixture("anaphora_article.txt"), ["bombed", "arrested", "controlled", "fled", "lost"])
    assert (got["bombed"].start, got["bombed"].precision, got["bombed"].basis) == ("1986-04-12", "day", "explicit")
    assert (got["arrested"].start, got["arrested"].basis, got["arrested"].text) == ("1986-04-13", "narrative", "The next day")
    assert (got["controlled"].start, got["controlled"].basis) == ("1986-04-13", "narrative")
    assert (got["fled"].start, got["fled"].basis) == ("1986-04-13", "narrative")
    # "by then" and the past perfect: before the narrative's time
    assert (got["lost"].start, got["lost"].end, got["lost"].precision) == (None, "1986-04-13", "interval")


def test_reported_events_do_not_take_the_report_date(nlp):
    got = dates(nlp, "Police said on Monday that the group had attacked the base.", ["said", "attacked"])
    assert (got["said"].start, got["said"].basis) == ("2018-06-11", "explicit")
    # what is reported happened by the time of the report
    assert (got["attacked"].start, got["attacked"].end, got["attacked"].precision) == (None, "2018-06-11", "interval")


def test_the_only_date_of_a_sentence_dates_its_other_clauses(nlp):
    got = dates(nlp, "In 1986 the group bombed a bank, and police arrested its leader.", ["bombed", "arrested"])
    assert got["bombed"].start == "1986" and got["arrested"].start == "1986"


def test_present_perfect_since_runs_to_publication(nlp):
    got = dates(nlp, "The party has been listed as a terrorist group since 1997.", ["listed"])
    assert (got["listed"].start, got["listed"].end, got["listed"].precision) == ("1997", PUBLISHED, "interval")
    assert (got["listed"].text, got["listed"].basis) == ("since 1997", "explicit")


def test_until_and_before_give_only_an_end(nlp):
    got = dates(nlp, "The plant operated until 2012. Before 1979, the movement organised in secret.",
                ["operated", "organised"])
    assert (got["operated"].start, got["operated"].end, got["operated"].precision) == (None, "2012", "interval")
    assert (got["organised"].start, got["organised"].end) == (None, "1979")


def test_years_leading_up_to_a_dated_event(nlp):
    got = dates(nlp, fixture("revolution_article.txt"), ["toppled", "organised"])
    assert got["toppled"].start == "1979"
    organised = got["organised"]
    assert (organised.start, organised.end, organised.precision) == (None, "1979", "interval")
    assert organised.text.startswith("In the years leading up to the revolution")


def test_years_leading_up_to_an_undated_event_have_no_date(nlp):
    got = dates(nlp, "In the years leading up to the revolution, students organised protests.", ["organised"])
    assert got["organised"].basis == "none"


def test_present_cues_and_tense(nlp):
    got = dates(nlp, "The group now controls the valley. Its rival says it is losing ground.", ["controls", "says"])
    assert got["controls"].basis == "publication"
    assert (got["says"].start, got["says"].basis) == (PUBLISHED, "publication")
    # "now" with a past verb is the story's now, not the publication's.
    got = dates(nlp, "In 1986 the group moved to Iraq. It now joined the army in its raids.", ["joined"])
    assert (got["joined"].start, got["joined"].basis) == ("1986", "narrative")


def test_a_past_event_alone_has_no_date(nlp):
    got = dates(nlp, "The rebels seized the airport.", ["seized"])
    assert got["seized"] == EventDate(None, None, "unknown", None, "none")


def test_a_date_of_a_noun_does_not_become_the_narrative_time(nlp):
    got = dates(nlp, "This settlement replaces the 1991 agreement. The company paid a large fee.", ["replaces", "paid"])
    assert got["replaces"].basis == "publication"
    assert got["paid"].basis == "none"


def test_future_events_come_after_publication(nlp):
    got = dates(nlp, "The minister will visit the border.", ["visit"])
    assert (got["visit"].start, got["visit"].end, got["visit"].basis) == (PUBLISHED, None, "publication")


def test_nominal_triggers_take_their_own_date_or_their_verb_s(nlp):
    text = "The 1986 bombing shocked the city. In 1988 the army launched an offensive against the victims of the attack."
    got = dates(nlp, text, ["bombing", "offensive", "attack"])
    assert (got["bombing"].start, got["bombing"].basis) == ("1986", "explicit")
    assert (got["offensive"].start, got["offensive"].basis) == ("1988", "explicit")     # the object of its verb
    assert got["attack"].basis == "none"      # a mention of an earlier event, not of 1988


def test_without_publication_date(nlp):
    got = dates(nlp, "The group now controls the valley. In 1986 it was banned.", ["controls", "banned"], None)
    assert got["controls"].basis == "none"
    assert got["banned"].start == "1986"


def test_coordinated_clauses_share_a_date(nlp):
    text = "The group declared a truce in 2008, and two years later it signed a peace deal and handed over its weapons."
    got = dates(nlp, text, ["declared", "signed", "handed"])
    assert got["declared"].start == "2008"
    assert got["signed"].start == "2010" and got["handed"].start == "2010"


def test_a_date_describing_a_place_is_not_the_event_s(nlp):
    text = "The parties agreed to reopen roads around Taiz, a city besieged since 2015."
    got = dates(nlp, text, ["agreed"])
    assert got["agreed"].start != "2015"


def test_a_clause_describing_a_date_takes_that_date(nlp):
    text = "The protests revived memories of July 11, 2021, when thousands of Cubans took to the streets."
    assert dates(nlp, text, ["took"])["took"].start == "2021-07-11"


def test_bare_time_phrases_date_their_clause(nlp):
    text = "The row began on January 1. Somalia recalled its ambassador from Addis Ababa the following day."
    got = dates(nlp, text, ["recalled"])
    assert (got["recalled"].start, got["recalled"].text) == ("2018-01-02", "the following day")


def test_vague_anaphoric_shifts_start_an_interval(nlp):
    text = "The row began on January 1. A few days later the president signed a law."
    got = dates(nlp, text, ["signed"])
    assert (got["signed"].start, got["signed"].end, got["signed"].precision) == ("2018-01-01", None, "interval")


def test_vague_shift_does_not_become_a_point_in_the_narrative(nlp):
    text = "The row began on January 1. A few days later the president signed a law. Protesters gathered."
    got = dates(nlp, text, ["gathered"])
    assert (got["gathered"].start, got["gathered"].basis) == ("2018-01-01", "narrative")
