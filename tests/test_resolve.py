"""Cross-document resolution on hand-made records: actor merges and their reasons, event
deduplication, dates, and contested claims."""

from __future__ import annotations


import pytest

from backstory.records import Claim
from backstory.resolve import EventGroups, Report, date_bounds, name_key, resolve, resolve_actors
from backstory.store import Store, articles_to_tables

from corpus_helpers import actor, article, event


def _row(doc_id, actor_id, name, aliases=(), kind="group", country=None, sector=None, wikidata=None):
    return {"doc_id": doc_id, "actor_id": actor_id, "name": name, "aliases": list(aliases), "kind": kind,
            "country": country, "sector": sector, "wikidata": wikidata, "n_mentions": 1}


def _entity_of(tables) -> dict[tuple[str, str], str]:
    links = tables["actor_links"].to_pylist()
    return {(r["doc_id"], r["actor_id"]): r["entity_id"] for r in links}


def test_one_group_under_its_many_names_with_the_rule_that_joined_each():
    tables = resolve_actors([
        _row("d1", "mek", "People's Mojahedin Organization of Iran", ["MEK", "Mujahideen-e-Khalq"], country="IRN"),
        _row("d2", "mujahedin-e-khalq", "Mujahedin-e Khalq"),                     # named differently
        _row("d3", "mujahideen-e-khalq", "Mujahideen-e-Khalq", country="IRN"),   # an alias of d1's
        _row("d4", "mek", "MEK"),                                                 # the acronym alone
        _row("d5", "pmoi", "PMOI"),                                               # the full name's initials
        _row("d2", "mek-2", "Mujahedin-e Khalq Organization", ["Mujahedin-e Khalq", "MEK"]),
    ])
    entity = _entity_of(tables)
    assert len({entity[("d1", "mek")], entity[("d3", "mujahideen-e-khalq")], entity[("d4", "mek")],
                entity[("d5", "pmoi")], entity[("d2", "mek-2")], entity[("d2", "mujahedin-e-khalq")]}) == 1
    (row,) = [e for e in tables["entities"].to_pylist() if e["entity_id"] == entity[("d1", "mek")]]
    assert row["name"] == "People's Mojahedin Organization of Iran" and row["country"] == "IRN"
    assert {"MEK", "Mujahideen-e-Khalq", "Mujahedin-e Khalq", "PMOI"} <= set(row["aliases"])
    joins = {(frozenset((m["variant"], m["joined"])), m["rule"], m["matched"])
             for m in tables["merges"].to_pylist() if m["joined"]}
    full = "People's Mojahedin Organization of Iran"
    assert (frozenset((full, "Mujahideen-e-Khalq")), "alias", "Mujahideen-e-Khalq") in joins
    assert (frozenset((full, "MEK")), "acronym", "MEK") in joins
    assert (frozenset((full, "PMOI")), "acronym", "PMOI") in joins  # initials of the full name


def test_codes_and_wikidata_join_across_documents():
    tables = resolve_actors([
        _row("d1", "IRQGOV", "Iraqi government", kind="state", country="IRQ", sector="GOV"),
        _row("d2", "IRQGOV", "Baghdad", kind="state", country="IRQ", sector="GOV"),
        _row("d1", "un", "United Nations", ["UN"], kind="organization", wikidata="Q1065"),
        _row("d2", "world-body", "World Body", kind="organization", wikidata="Q1065"),
    ])
    entity = _entity_of(tables)
    assert entity[("d1", "IRQGOV")] == entity[("d2", "IRQGOV")] == "IRQGOV"
    assert entity[("d1", "un")] == entity[("d2", "world-body")]
    names = {e["entity_id"]: e["name"] for e in tables["entities"].to_pylist()}
    assert names["IRQGOV"] == "Iraq (government)"  # one name for the code, whatever each article said


def test_merges_that_would_mix_countries_people_or_unnamed_roles_are_refused():
    tables = resolve_actors([
        _row("d1", "nla", "National Liberation Army", ["NLA"], country="IRN"),
        _row("d2", "nla", "National Liberation Army", ["NLA"], country="MKD"),
        _row("d3", "saddam-hussein", "Saddam Hussein", ["Saddam"], kind="person"),
        _row("d4", "saddam", "Saddam", kind="person"),
        _row("d5", "GOV", "government", kind="organization", sector="GOV"),
        _row("d6", "GOV", "government", kind="organization", sector="GOV"),
        _row("d7", "hussein", "Hussein", ["Hussein"], kind="organization"),
    ])
    entity = _entity_of(tables)
    assert entity[("d1", "nla")] == entity[("d2", "nla")]   # same name: one node, one entity
    assert entity[("d3", "saddam-hussein")] != entity[("d4", "saddam")]  # a lone first name joins nothing
    assert entity[("d5", "GOV")] != entity[("d6", "GOV")]     # "the government" of two stories
    locals_ = {e["entity_id"]: e["local"] for e in tables["entities"].to_pylist()}
    assert locals_[entity[("d5", "GOV")]] and not locals_[entity[("d3", "saddam-hussein")]]


def test_acronyms_do_not_join_groups_of_two_countries():
    tables = resolve_actors([
        _row("d1", "nla", "National Liberation Army of Iran", ["NLA"], country="IRN"),
        _row("d2", "nla", "National Liberation Army of Macedonia", ["NLA"], country="MKD"),
    ])
    entity = _entity_of(tables)
    assert entity[("d1", "nla")] != entity[("d2", "nla")]


def test_names_compare_without_case_accents_or_articles():
    assert name_key("The Mujahideen-e-Khalq") == name_key("mujahideen e khalq")
    assert name_key("Zúñiga") == "zuniga"


@pytest.mark.parametrize("start,end,bounds", [
    ("1986", None, ("1986-01-01", "1986-12-31")),
    ("1986-02", None, ("1986-02-01", "1986-02-28")),
    ("1986-04-12", None, ("1986-04-12", "1986-04-12")),
    ("198", None, ("1980-01-01", "1989-12-31")),
    ("2003", "2009", ("2003-01-01", "2009-12-31")),
    ("PRESENT_REF", None, (None, None)),
    (None, None, (None, None)),
])
def test_date_bounds(start, end, bounds):
    low, high = date_bounds(start, end)
    assert (low and low.isoformat(), high and high.isoformat()) == bounds


def _report(doc, kind, sources, targets, start=None, end=None, trigger="did"):
    low, high = date_bounds(start, end)
    return Report(doc, "e1", kind, frozenset(sources), frozenset(targets),
                  low.toordinal() if low else None, high.toordinal() if high else None, None, trigger)


def test_reports_of_one_event_group_across_documents_only():
    reports = [
        _report("a", "COERCE", ["FRA"], ["mek"], "1986"),
        _report("b", "COERCE", ["FRA"], ["mek"], "1986-06"),
        _report("c", "COERCE", [], ["mek"], "1986-06-07"),       # doer unnamed: still the same event
        _report("d", "COERCE", ["FRA"], ["mek"], "1997"),        # another year: apart
        _report("e", "ASSAULT", ["FRA"], ["mek"], "1986"),       # another type: apart
        _report("f", "COERCE", ["IRQ"], ["mek"], "1986"),        # other doers: apart
    ]
    groups = EventGroups(reports).group()
    assert groups[0] == groups[1] == groups[2]
    assert len({groups[0], groups[3], groups[4], groups[5]}) == 4


def test_a_group_holds_one_report_per_document():
    reports = [_report("a", "COERCE", ["FRA"], ["mek"], "1986"), _report("b", "COERCE", ["FRA"], ["mek"], "1986"),
               _report("b", "COERCE", ["FRA"], ["mek"], "1986-06")]
    groups = EventGroups(reports).group()
    assert groups[1] != groups[2] and groups[0] in (groups[1], groups[2])


def test_a_year_does_not_chain_two_different_days():
    reports = [_report("a", "ASSAULT", ["x"], ["y"], "1988"), _report("b", "ASSAULT", ["x"], ["y"], "1988-07-25"),
               _report("c", "ASSAULT", ["x"], ["y"], "1988-11-02")]
    groups = EventGroups(reports).group()
    assert groups[0] == groups[1] and groups[2] != groups[1]


def test_undated_reports_join_only_when_named_alike():
    reports = [_report("a", "ASSAULT", ["mek"], ["USA"], trigger="bombings"),
               _report("b", "ASSAULT", ["mek"], ["USA"], trigger="bombings"),
               _report("c", "ASSAULT", ["mek"], ["USA"], trigger="war"),
               _report("d", "ASSAULT", ["mek"], ["USA"], "1975", trigger="bombings")]
    groups = EventGroups(reports).group()
    assert groups[0] == groups[1] and len({groups[0], groups[2], groups[3]}) == 3


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """Three hand-made articles: one event reported twice, a denial and a blame."""
    mek = actor("mek", "People's Mojahedin Organization of Iran", ["MEK", "Mujahedin-e Khalq"], country="IRN",
                sector="REB")
    mek_ner = actor("mujahedin-e-khalq", "Mujahedin-e Khalq", country="IRN")
    fra = actor("FRA", "France", kind="state", country="FRA")
    irn = actor("IRNGOV", "Iranian authorities", kind="state", country="IRN", sector="GOV")
    peykar = actor("peykar", "Peykar", country="IRN", sector="REB")
    batch = [
        article("d1", [mek, fra, irn], [
            event("e1", "COERCE", ["FRA"], ["mek"], "France expelled the MEK in 1986.", "1986", trigger="expelled"),
            event("e2", "ASSAULT", ["mek"], ["IRNGOV"], "The MEK bombed a party office in 1981.", "1981",
                  trigger="bombed", start=40),
        ], published="2012-05-01"),
        article("d2", [mek_ner, fra, irn], [
            event("e1", "COERCE", ["FRA"], ["mujahedin-e-khalq"], "In June 1986 France made the group leave.",
                  "1986-06", trigger="made leave"),
            event("e2", "ACCUSE", ["IRNGOV"], ["mujahedin-e-khalq"], "Iranian authorities blamed the group.",
                  "1981", trigger="blamed", start=50),
        ], published="2012-06-01"),
        article("d3", [mek, peykar, irn], [
            event("e1", "ASSAULT", ["peykar"], ["IRNGOV"], "The MEK blames the 1981 bombing on Peykar.", "1981",
                  trigger="bombing", asserted_by="mek"),
            event("e2", "ASSAULT", ["mek"], ["IRNGOV"], "The MEK denied bombing the office.", negated=True,
                  trigger="bombing", asserted_by="mek", start=60),
        ], [Claim(speaker="mek", cue="blames", content=(0, 10), stance="blames", events=["e1"])],
            published="1981-09-01"),
    ]
    store = Store(tmp_path_factory.mktemp("resolve") / "store")
    with store.writing():
        store.write_batch(articles_to_tables(batch))
        resolve(store)
    return store.connect()


def test_the_event_reported_by_two_articles_is_one_event_with_both_sources(small_store):
    rows = small_store.execute("""
        SELECT g.event_uid, g.n_reports, g.date_start, list(s.source ORDER BY s.source) AS sources
        FROM event_groups g JOIN event_sources s USING (event_uid) WHERE g.type = 'COERCE' GROUP BY ALL""").fetchall()
    assert len(rows) == 1
    (uid, reports, date, sources), = rows
    assert reports == 2 and date == "1986-06" and sources == ["test/d1", "test/d2"]  # the more precise date


def test_actors_named_differently_share_the_entity_and_its_events(small_store):
    entity_ids = {row[0] for row in small_store.execute(
        "SELECT DISTINCT entity_id FROM actor_links WHERE actor_id IN ('mek', 'mujahedin-e-khalq')").fetchall()}
    assert entity_ids == {"mek"}
    (events,) = small_store.execute("SELECT n_events FROM entities WHERE entity_id = 'mek'").fetchone()
    assert events == 4  # the expulsion both articles report counts once


def test_denials_and_blames_are_contested_claims(small_store):
    rows = small_store.execute("""
        SELECT type, how, asserted_by_name, disputed_by_name, blamed_names, asserted_in
        FROM contested WHERE entity_id = 'mek' ORDER BY how, asserted_in""").fetchall()
    assert ("ASSAULT", "blames", "the author", "People's Mojahedin Organization of Iran", ["Peykar"], "test/d1") in rows
    denials = {(r[0], r[5]) for r in rows if r[1] == "denies"}
    # the denial answers both the reported bombing and the accusation, both of the year before it
    assert denials == {("ASSAULT", "test/d1"), ("ACCUSE", "test/d2")}


def test_a_store_left_unresolved_is_resolved_by_the_first_query(tmp_path):
    from backstory.query import Corpus

    store = Store(tmp_path / "store")
    mek = actor("mek", "People's Mojahedin Organization of Iran", ["MEK"], country="IRN")
    fra = actor("FRA", "France", kind="state", country="FRA")
    with store.writing():  # a run killed after its last batch, before resolution
        store.write_batch(articles_to_tables([article("d1", [mek, fra], [
            event("e1", "COERCE", ["FRA"], ["mek"], "France expelled the MEK in 1986.", "1986")])]))
    assert not store.is_resolved()
    assert [a["entity_id"] for a in Corpus(store).actors()] == ["FRA", "mek"]
    assert store.is_resolved()
