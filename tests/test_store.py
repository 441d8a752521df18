"""The store: Arrow tables from records, atomic batch commits, recovery from killed writes, compaction."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from backstory import store as store_module
from backstory.records import Claim, RawDocument
from backstory.store import BASE_SCHEMAS, Store, StoreMissing, articles_to_tables, document_key

from corpus_helpers import actor, article, event


def _batch(prefix: str, count: int = 2):
    mek = actor("mek", "People's Mojahedin Organization of Iran", ["MEK"], country="IRN", sector="REB")
    fra = actor("FRA", "France", kind="state", country="FRA")
    return [
        article(f"{prefix}{n}", [mek, fra], [
            event("e1", "COERCE", ["FRA"], ["mek"], "France expelled the MEK in 1986.", "1986", trigger="expelled"),
            event("e2", "REJECT", ["mek"], [], "The MEK denied it.", trigger="denied", start=40),
        ], [Claim(speaker="mek", cue="denied", content=(50, 52), stance="denies", events=["e2"])])
        for n in range(count)
    ]


def test_articles_become_one_table_per_base_table():
    tables = articles_to_tables(_batch("d", 2))
    assert set(tables) == set(BASE_SCHEMAS)
    for name, table in tables.items():
        assert table.schema == BASE_SCHEMAS[name]
    assert tables["documents"].num_rows == 2
    assert tables["actors"].num_rows == 4 and tables["mentions"].num_rows == 4
    events = tables["events"].to_pylist()
    assert [e["event_id"] for e in events] == ["e1", "e2", "e1", "e2"]
    assert events[0]["source"] == ["FRA"] and events[0]["date_start"] == "1986"
    assert [e["stance"] for e in events[:2]] == ["asserts", "denies"]  # the claim's stance reaches its event
    assert tables["claims"].to_pylist()[0]["events"] == ["e2"]


def test_document_key_follows_content_and_input_id():
    text = RawDocument(source="a.txt", text="Same words.")
    assert document_key(text) == document_key(RawDocument(source="elsewhere.txt", text="Same words."))
    assert document_key(text) != document_key(RawDocument(source="a.txt", text="Other words."))
    assert document_key(text) != document_key(RawDocument(source="x.jsonl:1", id="wire-1", text="Same words."))


def test_batches_commit_and_are_read_back(tmp_path):
    store = Store(tmp_path / "s")
    with store.writing():
        store.write_batch(articles_to_tables(_batch("a")))
        store.write_batch(articles_to_tables(_batch("b")))
    assert store.stored_document_ids() == {"a0", "a1", "b0", "b1"}
    assert store.counts() == {"documents": 4, "events": 8}
    con = store.connect()
    assert con.execute("SELECT count(*) FROM events WHERE type = 'COERCE'").fetchone()[0] == 4


def test_a_killed_write_leaves_the_last_commit_and_is_cleaned_up(tmp_path):
    store = Store(tmp_path / "s")
    with store.writing():
        store.write_batch(articles_to_tables(_batch("a")))
    committed = json.loads((store.root / "manifest.json").read_text())
    # What a writer killed mid-batch leaves: a finished file of an uncommitted batch, a temp file.
    tables = articles_to_tables(_batch("b"))
    pq.write_table(tables["documents"], store.root / "documents" / "000002-deadbeef.parquet")
    (store.root / "events" / ".000002-deadbeef.parquet.1234.tmp").write_bytes(b"half a file")
    (store.root / ".manifest.json.abcd.tmp").write_text("{")
    assert store.stored_document_ids() == {"a0", "a1"}  # readers see only the manifest's batches
    assert store.connect().execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    with store.writing():
        pass
    assert sorted(p.name for p in (store.root / "documents").iterdir()) == [f"{committed['batches'][0]['id']}.parquet"]
    assert not list((store.root / "events").glob(".*.tmp")) and not list(store.root.glob(".manifest*"))


def test_one_writer_at_a_time(tmp_path):
    store = Store(tmp_path / "s")
    with store.writing():
        with pytest.raises(RuntimeError, match="another backstory process"):
            with Store(tmp_path / "s").writing():
                pass


def test_compaction_merges_batches_without_changing_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "COMPACT_AFTER", 3)
    store = Store(tmp_path / "s")
    with store.writing():
        for n in range(5):
            store.write_batch(articles_to_tables(_batch(f"b{n}-")))
        generation = store.generation
        before = store.connect().execute("SELECT * FROM events ORDER BY doc_id, event_id").fetchall()
        assert store.compact()
    assert len(store.manifest()["batches"]) == 1 and store.generation == generation
    assert len(list((store.root / "events").iterdir())) == 1
    assert store.connect().execute("SELECT * FROM events ORDER BY doc_id, event_id").fetchall() == before


def test_derived_tables_are_replaced_whole(tmp_path):
    store = Store(tmp_path / "s")
    with store.writing():
        store.write_batch(articles_to_tables(_batch("a")))
        tables = articles_to_tables(_batch("x", 1))
        store.write_derived({"first": tables["documents"]}, store.generation)
        store.write_derived({"second": tables["events"]}, store.generation)
    assert store.is_resolved()
    assert len(list((store.root / "derived").iterdir())) == 1
    con = store.connect()
    assert con.execute("SELECT count(*) FROM second").fetchone()[0] == 2
    with pytest.raises(Exception):
        con.execute("SELECT * FROM first")


def test_reading_a_missing_store_says_so(tmp_path):
    with pytest.raises(StoreMissing):
        Store(tmp_path / "nothing").connect()
