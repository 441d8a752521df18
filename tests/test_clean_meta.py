"""Single-line readers: bylines, date lines, wire datelines, names, site-name suffixes."""

from __future__ import annotations

import pytest

from backstory.clean.meta import (
    is_age_line, is_person_name, is_role, is_source_age_line, is_time_line, parse_byline, parse_date_line,
    parse_kicker_byline, split_dateline, strip_site_name,
)


@pytest.mark.parametrize("line, names", [
    ("By Jane Doe", "Jane Doe"),
    ("BY JANE DOE AND JOHN ROE", "Jane Doe and John Roe"),
    ("By Rahim Chowdhury, Staff Writer · March 5, 2024", "Rahim Chowdhury"),
    ("Jane Doe, Staff Writer", "Jane Doe"),
    ("Priya Raman, Technology Correspondent", "Priya Raman"),
    ("Jane Doe and John Roe, Reuters", "Jane Doe and John Roe"),
    ("By JOHN MWANGI Associated Press", "John Mwangi"),
    ("Opinion by María de la Cruz", "María de la Cruz"),
    ("By Jane Doe in Kyiv", "Jane Doe"),
    ("By Sarah Lindqvist | Published 7 March 2024", "Sarah Lindqvist"),
])
def test_bylines(line: str, names: str):
    assert parse_byline(line).names == names


def test_bare_names_only_where_a_byline_goes():
    assert parse_byline("Jim Carey") is None
    assert parse_byline("Jim Carey", bare_name=True).names == "Jim Carey"
    for not_a_name in ("Most Viewed", "New Articles", "Breaking News", "Associated Press", "The Senate passed a bill"):
        assert parse_byline(not_a_name, bare_name=True) is None


def test_kicker_byline_and_dated_byline():
    assert parse_kicker_byline("Analysis | Lucas Ferreira").names == "Lucas Ferreira"
    assert parse_byline("By Megan Torres, Staff Writer · March 5, 2024").date == "2024-03-05"


@pytest.mark.parametrize("line, iso", [
    ("Published: 12 January 2024", "2024-01-12"),
    ("March 5, 2024", "2024-03-05"),
    ("Updated 14:05 GMT, 2 June 2023", "2023-06-02"),
    ("Thursday 5 March 2024 10.32 GMT", "2024-03-05"),
    ("2024-03-05T10:00", "2024-03-05"),
    ("On March 5, 2024 the Senate voted", None),
    ("February 30, 2024", None),
])
def test_date_lines(line: str, iso: str | None):
    assert parse_date_line(line) == iso


@pytest.mark.parametrize("paragraph, place", [
    ("HAVANA — Cuba's government said", "Havana"),
    ("LONDON (Reuters) - Britain's economy", "London"),
    ("KYIV, Ukraine (AP) — Russian drones", "Kyiv, Ukraine"),
    ("AUSTIN, Texas, Jan. 9, 2024 /Business Wire/ -- Lonestar Labs today launched", "Austin, Texas"),  # a press release
    ("NEW YORK, Jan. 4 (Reuters) - Stocks rose", "New York"),
    ("RIO DE JANEIRO — Brazil's president", "Rio de Janeiro"),
    ("PESHAWAR: Pakistani authorities began", "Peshawar"),
    ("US - China talks resumed", None),
    ("UPDATE: The minister resigned", None),
    ("The MEK was founded in 1965", None),
    ("LAGOS, Feb 9 (Delta News Agency) - Nigeria's central bank", "Lagos"),   # a date and a longer agency
    ("WASHINGTON, Oct 3 (Reuters) - The Treasury", "Washington"),
    ("PARIS (AFP) — France's prime minister", "Paris"),
    ("Kyiv, Ukraine — Russian drones struck", "Kyiv, Ukraine"),            # mixed case needs its region
    ("Kyiv — Russian drones struck", None),
    ("In Lviv, Ukraine — Russian drones struck", None),
    ("Tom Hale, an aide — said the plan", None),
])
def test_datelines(paragraph: str, place: str | None):
    found = split_dateline(paragraph)
    assert (found[0] if found else None) == place


def test_person_names():
    assert is_person_name("J. R. Smith") and is_person_name("Bashar al-Assad")
    assert not is_person_name("Middle East") and not is_person_name("Jim")


def test_site_name_suffix():
    assert strip_site_name("Rains flood Dhaka streets - Daily Courier") == "Rains flood Dhaka streets"
    assert strip_site_name("Gaza truce - what we know - BBC News", "BBC News") == "Gaza truce - what we know"
    assert strip_site_name("Courier | Big fire downtown", "Courier") == "Big fire downtown"
    assert strip_site_name("Biden - Putin talks end") == "Biden - Putin talks end"


@pytest.mark.parametrize("line, names", [
    ("WRITER: Nok Chaiyaporn", "Nok Chaiyaporn"),
    ("Interview by Jonas Weber", "Jonas Weber"),
    ("Words by Ana Lima", "Ana Lima"),
    ("Dan Morgan at Quayside Stadium", "Dan Morgan"),
    ("By Kenji Watanabe Updated 2 hours ago", "Kenji Watanabe"),
    ("By SAMIR AHMED Associated Press Published: Feb. 12, 2024, 6:14 a.m.", "Samir Ahmed"),
])
def test_more_byline_shapes(line: str, names: str):
    assert parse_byline(line).names == names


@pytest.mark.parametrize("line, iso", [
    ("Published 11 December 2023 · 8 min read", "2023-12-11"),
    ("16:05, Thu, Sep 21, 2023 | UPDATED: 18:22, Thu, Sep 21, 2023", "2023-09-21"),
    ("March 22, 20247:12 AM GMTUpdated 3 hours ago", "2024-03-22"),   # spans rendered without spaces
    ("Published: Sep. 6, 2023 at 6:31 PM CDT", "2023-09-06"),
    ("Published 11 December 2023 · Opinion by the board", None),
    ("21/09/2023 16:05", "2023-09-21"),            # day first; no month 21
    ("Updated 09/21/2023 4:05 PM", "2023-09-21"),  # month first where the day cannot be the month
    ("From The Harbour Ledger · Monday, March 3, 2025", "2025-03-03"),  # a newsletter's publication and date
])
def test_date_lines_with_reading_times_updates_and_glue(line: str, iso: str | None):
    assert parse_date_line(line) == iso


def test_roles_stay_short():
    assert is_role("Chief tennis writer at Wimbledon") and is_role("in Kyiv")
    assert not is_role("In southern Portugal, harvesters still strip bark by hand every nine years")


def test_entry_stamps_and_source_age_lines():
    assert all(is_time_line(t) for t in ("14.31 BST", "10:42 am", "2h ago", "Updated 3 hours ago"))
    assert not is_time_line("14 killed in blast")
    assert is_source_age_line("Great Lakes Reporter · 3h")
    assert not is_source_age_line("Harbour City · Westbrook Rovers")


@pytest.mark.parametrize("line, names, iso", [
    ("Posted on April 2, 2024 by Ruth Okoye", "Ruth Okoye", "2024-04-02"),
    # a blog's published and updated dates rendered without a space, and its comment count
    ("Posted on April 2, 2024April 3, 2024 by Ruth Okoye 12 Comments", "Ruth Okoye", "2024-04-02"),
    ("By Dale Fournier, KTVR 4 News", "Dale Fournier", None),               # the station after the name
    ("By Dale Fournier and Ines Alvarado · Published May 8, 2025 · Last updated 9:05 p.m. ET",
     "Dale Fournier and Ines Alvarado", "2025-05-08"),
    ("Tomasz Wielgus Transport correspondent", "Tomasz Wielgus", None),   # a beat role without a comma
    ("By Ines Alvarado · 5 min read", "Ines Alvarado", None),
    ("By Baatar Dorj Steppe Wire Feb 3, 2025", "Baatar Dorj", "2025-02-03"),  # the outlet without a comma
    ("By Odile Marchetti News Reporter", "Odile Marchetti", None),             # a beat word "News"
    ("Kwame Asante 6 min read", "Kwame Asante", None),                         # a bare name with a reading time
])
def test_blog_station_and_two_author_bylines(line: str, names: str, iso: str | None):
    byline = parse_byline(line)
    assert (byline.names, byline.date) == (names, iso)


def test_by_lines_that_are_sentences_are_no_bylines():
    assert parse_byline("By the time the Senate voted, the deal was done.") is None
    assert parse_byline("By Dale Fournier, who covered the storm for years and knows the parish") is None


@pytest.mark.parametrize("line, iso", [
    ("04.02.2025, 16:45 Reading time: 3 min", "2025-02-04"),   # day.month.year with dots, a reading time
    ("Published Feb 4, 2025 5 minute read", "2025-02-04"),
    ("Updated 9:05 · Listen 4 min · 4.2.2025", "2025-02-04"),
])
def test_date_lines_with_dotted_dates_and_reading_times(line: str, iso: str | None):
    assert parse_date_line(line) == iso


def test_age_lines_date_nothing_but_are_header_lines():
    assert is_age_line("Published 3 hours ago · 4 minute read")
    assert is_age_line("Updated 2h ago")
    assert not is_age_line("14.31 BST")            # a live blog's entry stamp
    assert not is_age_line("Three hours ago the river broke its banks")


def test_a_role_with_its_outlet_and_an_age_beside_buttons_are_header_lines():
    assert is_role("Education correspondent, Valley News")
    assert not is_role("Valley News")
    assert is_age_line("3 hours ago Share Save")
    assert parse_byline("From The Harbour Ledger") is None
