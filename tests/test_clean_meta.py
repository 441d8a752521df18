"""Single-line readers: bylines, date lines, wire datelines, names, site-name suffixes."""

from __future__ import annotations

import pytest

from backstory.clean.meta import (
    is_person_name, parse_byline, parse_date_line, parse_kicker_byline, split_dateline, strip_site_name,
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
    ("NEW YORK, Jan. 4 (Reuters) - Stocks rose", "New York"),
    ("RIO DE JANEIRO — Brazil's president", "Rio de Janeiro"),
    ("PESHAWAR: Pakistani authorities began", "Peshawar"),
    ("US - China talks resumed", None),
    ("UPDATE: The minister resigned", None),
    ("The MEK was founded in 1965", None),
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
