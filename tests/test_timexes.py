"""Time expressions: extents, TIMEX3 values and calendar intervals (sentences written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstory.nlp import load_model
from backstory.records import Timex
from backstory.timexes import find_timexes, is_anaphoric

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "time"
MEANTIME = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "meantime" / "meantime-dev.jsonl"
PUBLISHED = "2018-06-13"            # a Wednesday


@pytest.fixture(scope="session")
def nlp():
    return load_model()


def timexes(nlp, text: str, published: str | None = PUBLISHED) -> list[Timex]:
    return find_timexes(nlp(text), published)


def only(nlp, text: str, published: str | None = PUBLISHED) -> Timex:
    found = timexes(nlp, text, published)
    assert len(found) == 1, found
    return found[0]


def by_text(nlp, text: str, published: str | None = PUBLISHED) -> dict[str, Timex]:
    return {t.text: t for t in timexes(nlp, text, published)}


# --- absolute dates --------------------------------------------------------------------

@pytest.mark.parametrize("sentence, extent, value", [
    ("The treaty was signed on March 1, 2008, in Lisbon.", "March 1, 2008", "2008-03-01"),
    ("The treaty was signed on 1 March 2008 in Lisbon.", "1 March 2008", "2008-03-01"),
    ("The towers fell on Sept. 11, 2001.", "Sept. 11, 2001", "2001-09-11"),
    ("The decree is dated 2016-03-04.", "2016-03-04", "2016-03-04"),
    ("Talks collapsed on the 3rd of March, 2016.", "the 3rd of March, 2016", "2016-03-03"),
    ("The airline took delivery in May 2008.", "May 2008", "2008-05"),
    ("He was born on Monday, February 24, 1955.", "Monday, February 24, 1955", "1955-02-24"),
])
def test_absolute_dates(nlp, sentence, extent, value):
    timex = only(nlp, sentence)
    assert (timex.text, timex.value, timex.type) == (extent, value, "DATE")
    assert timex.anchored is False


def test_day_and_month_without_year_take_it_from_publication_by_tense(nlp):
    assert only(nlp, "The plane made its maiden flight on 11 December.").value == "2017-12-11"
    assert only(nlp, "The phone will be available on June 17.").value == "2018-06-17"
    past = only(nlp, "Lawmakers rejected the proposal in November.")
    assert (past.value, past.precision, past.anchored) == ("2017-11", "month", True)
    assert only(nlp, "The party held a congress in March.").value == "2018-03"
    assert only(nlp, "The election will be held in November.").value == "2018-11"
    assert only(nlp, "Shares have fallen since November.").value == "2017-11"


def test_bare_years_and_numbers_that_are_not_years(nlp):
    year = only(nlp, "The militia was formed in 1965.")
    assert (year.value, year.begin, year.end_date, year.precision) == ("1965", "1965", "1965", "year")
    assert only(nlp, "Athletes gathered for the 2008 Beijing Olympic Games.").value == "2008"
    assert timexes(nlp, "Around 2008 people marched through the city.") == []
    assert timexes(nlp, "Flight 1549 landed on the river.") == []
    assert only(nlp, "The monastery was built in 1350.").value == "1350"


def test_month_names_that_are_not_months(nlp):
    found = by_text(nlp, "May I add that in May the market fell and Theresa May resigned.")
    assert list(found) == ["May"] and found["May"].value == "2018-05"


# --- decades, centuries, seasons, quarters -----------------------------------------------

def test_decades_are_not_seconds_ago(nlp):
    # dateparser reads "the 1980s" as 1980 seconds ago; the decade is written by hand
    decade = only(nlp, "The group fought the army throughout the 1980s.")
    assert (decade.text, decade.value, decade.begin, decade.end_date, decade.precision) == \
        ("the 1980s", "198", "1980", "1989", "decade")


def test_decades_with_modifiers_and_short_forms(nlp):
    mid = only(nlp, "In the mid-1970s the movement grew.")
    assert (mid.text, mid.value, mid.precision) == ("the mid-1970s", "197", "interval")
    assert mid.begin.startswith("197") and mid.begin > "1972" and mid.end_date < "1978"
    found = by_text(nlp, "Cars of the 70s and 80s were boxy.")
    assert found["the 70s"].value == "197" and found["80s"].value == "198"
    assert only(nlp, "During the 1990s little changed.").value == "199"


def test_ages_are_not_decades(nlp):
    assert timexes(nlp, "Their leader, now in his 70s, lives abroad.") == []


def test_centuries(nlp):
    century = only(nlp, "The port was founded in the 19th century.")
    assert (century.value, century.begin, century.end_date) == ("18", "1800", "1899")


def test_seasons(nlp):
    found = by_text(nlp, "The summer of 2016 was dry, and last summer farmers protested again.")
    assert found["The summer of 2016"].value == "2016-SU"
    assert found["last summer"].value == "2017-SU"
    assert found["last summer"].begin == "2017-06" and found["last summer"].end_date == "2017-08"
    assert timexes(nlp, "Stocks continue to fall after the earthquake.") == []


def test_quarters(nlp):
    found = by_text(nlp, "Revenue fell in the third quarter of 2017 and rose in the fourth quarter.")
    assert found["the third quarter of 2017"].value == "2017-Q3"
    assert found["the fourth quarter"].value == "2017-Q4"


# --- weekdays and deictic expressions ------------------------------------------------------

def test_weekdays_follow_tense(nlp):
    past = only(nlp, "Police said the attack happened on Friday.")
    assert (past.text, past.value, past.anchored) == ("Friday", "2018-06-08", True)
    assert only(nlp, "The minister will visit the border on Friday.").value == "2018-06-15"
    assert only(nlp, "The trial is set to begin on Monday.").value == "2018-06-18"
    assert only(nlp, "Apple announced the deal on Wednesday.").value == "2018-06-13"
    assert only(nlp, "The vote was held last Friday.").value == "2018-06-08"


def test_named_days_are_not_weekdays(nlp):
    assert all(t.text != "Monday" for t in timexes(nlp, "Markets crashed on what is known as Black Monday."))


@pytest.mark.parametrize("sentence, extent, value", [
    ("Prices rose yesterday.", "yesterday", "2018-06-12"),
    ("The company announced today that it would close.", "today", "2018-06-13"),
    ("Rebels attacked the town last week.", "last week", "2018-W23"),
    ("Officials met this week.", "this week", "2018-W24"),
    ("The army will withdraw next month.", "next month", "2018-07"),
    ("The union was banned last year.", "last year", "2017"),
    ("Last November, the party lost its majority.", "Last November", "2017-11"),
    ("The strike began two years ago.", "two years ago", "2016"),
    ("The strike began three weeks ago.", "three weeks ago", "2018-05-23"),
    ("Shares fell this morning.", "this morning", "2018-06-13TMO"),
])
def test_deictic_expressions_count_from_publication(nlp, sentence, extent, value):
    timex = only(nlp, sentence)
    assert (timex.text, timex.value, timex.anchored) == (extent, value, True)


def test_earlier_this_year_runs_to_publication(nlp):
    timex = only(nlp, "Earlier this year, the union lost its leader.")
    assert (timex.text, timex.value, timex.begin, timex.end_date) == ("Earlier this year", "2018", "2018", "2018-06-13")


def test_modifiers_narrow_the_interval(nlp):
    early = only(nlp, "The factory closed in early 2009.")
    assert (early.text, early.value, early.begin, early.end_date) == ("early 2009", "2009", "2009-01", "2009-05")
    end = only(nlp, "At the end of this year the plant will close.")
    assert (end.text, end.value) == ("the end of this year", "2018")
    assert end.begin > "2018-09" and end.end_date == "2018-12"
    deadline = only(nlp, "By the end of this year the plant will close.")
    assert (deadline.begin, deadline.end_date) == (None, "2018-12")


def test_without_publication_relative_dates_stay_unresolved(nlp):
    found = by_text(nlp, "Yesterday, in March, on Friday, the rebels attacked; in 1986 they had not.", None)
    assert found["Yesterday"].value is None and found["Yesterday"].anchored is False
    assert found["March"].value == "XXXX-03"
    assert found["Friday"].value == "XXXX-WXX-5"
    assert found["1986"].value == "1986"


# --- anaphoric expressions ------------------------------------------------------------------

def test_anaphoric_expressions_resolve_against_the_last_date(nlp):
    found = by_text(nlp, "On 12 April 1986 the group bombed a bank. The next day, police arrested 40 people. "
                         "Two years later, its leader fled. That year the party split.")
    assert found["12 April 1986"].value == "1986-04-12"
    assert (found["The next day"].value, found["The next day"].anchored) == ("1986-04-13", True)
    assert found["Two years later"].value == "1988"
    assert found["That year"].value == "1988"
    assert all(is_anaphoric(found[k]) for k in ("The next day", "Two years later", "That year"))
    assert not is_anaphoric(found["12 April 1986"])


def test_anaphoric_expressions_without_a_date_before_them_have_no_value(nlp):
    found = by_text(nlp, "Two years later, its leader fled. At that time the army held the north.")
    assert found["Two years later"].value is None and found["Two years later"].anchored is False
    assert found["that time"].value is None


def test_a_heading_ends_the_narrative_time(nlp):
    text = (FIXTURES / "heading_reset.txt").read_text(encoding="utf-8")
    found = by_text(nlp, text)
    assert found["1986"].value == "1986"
    assert found["Two years later"].value is None


def test_same_period_a_year_back(nlp):
    found = by_text(nlp, "Sales rose 4% in February compared with the same period last year.")
    assert found["the same period last year"].value == "2017-02"


# --- durations, ranges and signals ----------------------------------------------------------

@pytest.mark.parametrize("sentence, extent, value", [
    ("The rebels fought for several years.", "several years", "PXY"),
    ("She has worked there for 33 years.", "33 years", "P33Y"),
    ("The aircraft has a fifty-year service life.", "fifty-year", "P50Y"),
    ("The engines failed after thirty minutes.", "thirty minutes", "PT30M"),
    ("It was their largest meeting in the past decade.", "the past decade", "P10Y"),
    ("The dispute has lasted for decades.", "decades", "PXY"),
])
def test_durations(nlp, sentence, extent, value):
    timex = only(nlp, sentence)
    assert (timex.text, timex.value, timex.type) == (extent, value, "DURATION")


def test_past_durations_have_an_interval_ending_at_publication(nlp):
    timex = only(nlp, "The index fell in the past nine days.")
    assert (timex.value, timex.begin, timex.end_date) == ("P9D", "2018-06-04", "2018-06-13")


def test_ranges_are_one_interval(nlp):
    found = by_text(nlp, "The war lasted from 1980 to 1988, and a truce held between March and June 2017.")
    war = found["from 1980 to 1988"]
    assert (war.value, war.begin, war.end_date, war.precision) == ("1980/1988", "1980", "1988", "interval")
    truce = found["between March and June 2017"]
    assert (truce.begin, truce.end_date) == ("2017-03", "2017-06")
    assert only(nlp, "The 1914-18 war changed Europe.").end_date == "1918"


def test_signals_make_open_intervals(nlp):
    since = only(nlp, "The company has been listed since 1997.")
    assert (since.text, since.value, since.begin, since.end_date, since.precision) == \
        ("1997", "1997", "1997", "2018-06-13", "interval")
    until = only(nlp, "The plant operated until 2012.")
    assert (until.value, until.begin, until.end_date) == ("2012", None, "2012")
    before = only(nlp, "Before 1979, the movement was small.")
    assert (before.begin, before.end_date) == (None, "1979")


# --- references, times, sets ----------------------------------------------------------------

def test_present_past_and_future_references(nlp):
    found = by_text(nlp, "The store currently sells music, more recently it began selling films, "
                         "and in the future it will sell games.")
    assert found["currently"].value == "PRESENT_REF"
    assert found["more recently"].value == "PAST_REF"
    assert found["the future"].value == "FUTURE_REF"
    assert timexes(nlp, "The future king visited the present government.") == []


def test_clock_times(nlp):
    found = by_text(nlp, "The plane took off at 08:30 UTC and the president spoke at 16:00 UTC today.")
    assert found["08:30 UTC"].value == "2018-06-13T08:30Z"
    assert (found["16:00 UTC today"].value, found["16:00 UTC today"].type) == ("2018-06-13T16:00Z", "TIME")
    assert by_text(nlp, "The talks ended at 9 p.m. on Monday.")["9 p.m."].value == "2018-06-11T21:00"


def test_sets(nlp):
    assert by_text(nlp, "Unemployment claims, published weekly, rose.")["weekly"].value == "P1W"
    rate = by_text(nlp, "The air force will buy tankers at a rate of 15 a year.")["a year"]
    assert (rate.value, rate.type) == ("P1Y", "SET")
    assert only(nlp, "The council meets every Monday.").value == "XXXX-WXX-1"


def test_spans_are_offsets_into_the_text(nlp):
    text = "On Friday, police said that in the 1980s the group bombed banks.\n\nTwo years later it split."
    for timex in timexes(nlp, text):
        assert text[timex.start:timex.end] == timex.text


# --- the MEANTIME scorer --------------------------------------------------------------------

def test_meantime_scorer_on_a_few_documents():
    if not MEANTIME.exists():
        pytest.skip("../shared/eval/meantime is not beside the repository")
    from backstory.evaluate.time import score_time

    result = score_time(MEANTIME, limit=20)
    # measured: value accuracy 0.91, relaxed span F1 0.92, strict 0.90 on these 20 documents
    assert result["value_accuracy"] >= 0.80
    assert result["relaxed"]["f1"] >= 0.85
    assert result["strict"]["f1"] >= 0.80
    assert result["dateline"]["value_accuracy"] == 1.0


def test_months_of_the_narrative_s_year(nlp):
    found = by_text(nlp, "Sanctions were imposed in January 2022. France left that August, and the bloc lifted "
                         "the sanctions in July of the same year.")
    assert found["that August"].value == "2022-08"
    assert found["July of the same year"].value == "2022-07"


def test_copyright_years_are_not_dates(nlp):
    assert timexes(nlp, "© 2024 Harbour Post Media Ltd.") == []


def test_participles_and_infinitives_point_the_way_of_their_clause(nlp):
    assert only(nlp, "Asked on Thursday whether he would stay, he declined to answer.").value == "2018-06-07"
    # an infinitive after a past verb may fall either side of publication: the nearest November
    assert only(nlp, "Washington urged the government to act by the end of November.").value == "2018-11"


def test_weekends(nlp):
    found = by_text(nlp, "Over the weekend rebels shelled the city.")
    assert found["the weekend"].value == "2018-W23-WE"
    assert only(nlp, "Talks will resume at the weekend.").value == "2018-W24-WE"


def test_vague_and_unit_anaphors(nlp):
    found = by_text(nlp, "On 3 March the army withdrew. Hours later, the rebels retreated. "
                         "The day before, the president had resigned.")
    later = found["Hours later"]
    assert (later.value, later.begin, later.end_date) == (None, "2018-03-03", None)
    assert found["The day before"].value == "2018-03-02"
    assert all(t.text != "the day before" for t in timexes(nlp, "The day before the vote, the army deployed."))
