"""Exports of the shared store: PLOVER JSONL without backstory's extension, CSV, Parquet,
GDELT's 61 columns, and the actor network as GraphML and GEXF."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest

from backstory.cli import main
from backstory.export import ExportError, export
from backstory.query import Corpus, EventFilter
from backstory.records import EXTENSION_TYPES, PLOVER_TYPES


GDELT_COLUMNS = 61


def _export(corpus: Corpus, fmt: str, where: EventFilter = EventFilter()) -> tuple[str, int]:
    out = io.StringIO()
    count = export(corpus, fmt, out, where=where)
    return out.getvalue(), count


def _count(corpus: Corpus, sql: str) -> int:
    return corpus.con.execute(sql).fetchone()[0]


def test_plover_jsonl_is_pure_plover(corpus):
    text, count = _export(corpus, "plover-jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    extension = ", ".join(f"'{t}'" for t in EXTENSION_TYPES)
    assert count == len(records) == _count(corpus, f"SELECT count(*) FROM event_groups WHERE type NOT IN ({extension})")
    assert _count(corpus, f"SELECT count(*) FROM event_groups WHERE type IN ({extension})") > 0  # some were left out
    for record in records:
        assert record["id"] and set(record["event"]) <= set(PLOVER_TYPES)
        assert isinstance(record["source"], list) and isinstance(record["recipient"], list)
        assert record["quad_code"] in (1, 2, 3, 4) and record["cite_info"] and record["text"]
        assert record["date"] is None or len(record["date"]) == 10


def test_csv_has_a_row_per_event(corpus):
    text, count = _export(corpus, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == _count(corpus, "SELECT count(*) FROM event_groups")
    assert {"event_uid", "type", "date_start", "source_names", "target_names", "sentence"} <= set(rows[0])


def test_parquet_keeps_the_event_table(corpus, tmp_path):
    path = tmp_path / "events.parquet"
    count = export(corpus, "parquet", None, str(path))
    table = pq.read_table(path)
    assert table.num_rows == count == _count(corpus, "SELECT count(*) FROM event_groups")
    assert "source_entities" in table.column_names
    with pytest.raises(ExportError):
        export(corpus, "parquet", io.StringIO())


def test_gdelt_rows_have_61_columns(corpus):
    text, count = _export(corpus, "gdelt-tsv")
    lines = text.splitlines()
    assert count == len(lines) >= _count(corpus, "SELECT count(*) FROM event_groups")
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == GDELT_COLUMNS
        assert fields[1] == "" or len(fields[1]) == 8  # SQLDATE
        assert fields[29] in ("", "1", "2", "3", "4")   # QuadClass


def test_graphml_and_gexf_describe_one_network(corpus):
    graphml, edges = _export(corpus, "graphml")
    namespace = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(graphml)
    nodes = {n.get("id") for n in root.iterfind(".//g:node", namespace)}
    links = [(e.get("source"), e.get("target")) for e in root.iterfind(".//g:edge", namespace)]
    assert edges == len(links) > 0 and all(s in nodes and t in nodes for s, t in links)
    gexf, gexf_edges = _export(corpus, "gexf")
    root = ET.fromstring(gexf)
    namespace = {"x": "http://gexf.net/1.3"}
    assert {n.get("id") for n in root.iterfind(".//x:node", namespace)} == nodes
    assert gexf_edges == edges and all(e.get("weight") for e in root.iterfind(".//x:edge", namespace))


def test_exports_take_the_event_filters(corpus):
    text, count = _export(corpus, "plover-jsonl", EventFilter(actor="MEK", type="COERCE"))
    records = [json.loads(line) for line in text.splitlines()]
    assert count == len(records) > 0
    for record in records:
        assert record["event"] == ["COERCE"]
        assert "mek" in [a["backstory_id"] for a in record["source"] + record["recipient"]]


def test_export_command(store_path, tmp_path, capsys):
    out = tmp_path / "network.gexf"
    assert main(["export", "--format", "gexf", "-o", str(out), "--store", str(store_path)]) == 0
    ET.parse(out)
    assert main(["export", "--format", "csv", "--actor", "MEK", "--store", str(store_path)]) == 0
    assert capsys.readouterr().out.startswith("event_uid,")
    assert main(["export", "--format", "parquet", "--store", str(store_path)]) == 2
