"""Export: the store's deduplicated events in interchange formats.

- ``plover-jsonl``: one PLOVER JSON record per event (field names of the PLOVER data
  specification: id, date, enddate, source, recipient, event, mode, event_loc, quad_code, text,
  cite_info, ...); pure PLOVER, so backstory's ORGANIZE extension is left out.
- ``csv``: one row per event, actor lists joined with ";".
- ``parquet``: the ``event_groups`` table as it is (lists kept as lists).
- ``gdelt-tsv``: the 61 tab-separated columns of the GDELT 2.0 event table, no header, one row
  per source × target pair as CAMEO coders write compound actors.
- ``graphml`` / ``gexf``: the actor network, one directed edge per source, target and event type
  weighted by its number of events. Written with xml.etree: the formats are small and networkx
  would be a new dependency for what is a few dozen lines.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from backstory.query import Corpus, EventFilter
from backstory.records import EXTENSION_TYPES
from backstory.resolve import CODED_ID

FORMATS = ("plover-jsonl", "csv", "parquet", "gdelt-tsv", "graphml", "gexf")
BINARY_FORMATS = ("parquet",)
FETCH_ROWS = 10_000
# PLOVER's quad categories (1 verbal cooperation … 4 material conflict); REQUEST is PLOVER 2.0's DEMAND.
QUAD_OF_TYPE = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
CODER = "backstory 0.1.0"


class ExportError(Exception):
    pass


def export(corpus: Corpus, fmt: str, out: IO | None, path: str | None = None,
           where: EventFilter = EventFilter()) -> int:
    """Write the events ``where`` selects in ``fmt``; returns the number of records written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    _select(corpus, where, plover_only=fmt == "plover-jsonl")
    if fmt == "parquet":
        if not path:
            raise ExportError("parquet needs an output file (-o FILE)")
        corpus.con.execute(f"COPY (SELECT * FROM chosen) TO '{_quoted(path)}' (FORMAT parquet, COMPRESSION zstd)")
        return corpus.con.execute("SELECT count(*) FROM chosen").fetchone()[0]
    writer = {"plover-jsonl": _write_plover, "csv": _write_csv, "gdelt-tsv": _write_gdelt,
              "graphml": _write_graphml, "gexf": _write_gexf}[fmt]
    return writer(corpus, out)


def _select(corpus: Corpus, where: EventFilter, plover_only: bool) -> None:
    """The chosen events as a temp table, in the order they happened."""
    conditions, params = corpus.conditions(where)
    if where.actor:
        conditions += " AND (list_contains(source_entities, $id) OR list_contains(target_entities, $id))"
    if plover_only:
        conditions += " AND NOT list_contains($extensions, type)"
        params["extensions"] = list(EXTENSION_TYPES)
    corpus.con.execute(f"""CREATE OR REPLACE TEMP TABLE chosen AS SELECT * FROM event_groups WHERE {conditions}
                           ORDER BY date_lo NULLS LAST, date_hi, event_uid""", params)


def _quoted(path: str) -> str:
    return str(Path(path)).replace("'", "''")


def _stream(corpus: Corpus, sql: str) -> Iterator[dict]:
    cursor = corpus.con.execute(sql)
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(FETCH_ROWS):
        for row in rows:
            yield dict(zip(names, row))


def _entities(corpus: Corpus) -> dict[str, dict]:
    """Every entity the chosen events name, by id."""
    return {row["entity_id"]: row for row in corpus.rows("""
        SELECT entity_id, name, kind, country, sector, wikidata FROM entities
        WHERE entity_id IN (SELECT unnest(source_entities || target_entities) FROM chosen)""")}


def _reports(corpus: Corpus) -> str:
    return """SELECT c.*, list({'source': s.source, 'title': s.title, 'published': s.published}
                          ORDER BY s.published NULLS LAST, s.doc_id) AS reports
              FROM chosen c JOIN event_sources s USING (event_uid)
              GROUP BY ALL ORDER BY c.date_lo NULLS LAST, c.date_hi, c.event_uid"""


# ---------------------------------------------------------------------- PLOVER


def _write_plover(corpus: Corpus, out: IO) -> int:
    entities = _entities(corpus)
    count = 0
    for row in _stream(corpus, _reports(corpus)):
        out.write(json.dumps(_plover_record(row, entities), ensure_ascii=False) + "\n")
        count += 1
    return count


def _plover_actor(entity_id: str, entities: dict) -> dict:
    entity = entities.get(entity_id, {})
    return {"code": entity.get("country"), "sector": entity.get("sector"), "actor_text": entity.get("name"),
            "identifier_id": entity.get("wikidata"), "identifier_text": entity.get("name"),
            "backstory_id": entity_id}


def _plover_record(row: dict, entities: dict) -> dict:
    record = {
        "id": row["event_uid"],
        "date": row["date_lo"].isoformat() if row["date_lo"] else None,
        "enddate": row["date_hi"].isoformat() if row["date_hi"] else None,
        "date_precision": row["date_precision"],
        "source": [_plover_actor(e, entities) for e in row["source_entities"]],
        "recipient": [_plover_actor(e, entities) for e in row["target_entities"]],
        "event": [row["type"]],
        "mode": row["mode"],
        "quad_code": QUAD_OF_TYPE.get(row["type"]),
        "event_text": [row["trigger"]],
        "text": row["sentence"],
        "cite_info": [{"url": r["source"], "title": r["title"], "published": r["published"]} for r in row["reports"]],
        "coder": CODER,
    }
    if row["place_name"]:
        record["event_loc"] = {"name": row["place_name"], "geonameid": row["place_geonames_id"],
                               "latitude": row["place_lat"], "longitude": row["place_lon"],
                               "cc3": row["place_country"], "feature class": row["place_feature"]}
    return record


# ---------------------------------------------------------------------- CSV


CSV_COLUMNS = ("event_uid", "type", "mode", "cameo", "date_start", "date_end", "date_precision", "date_basis",
               "source_entities", "source_names", "target_entities", "target_names", "place_name",
               "place_country", "place_lat", "place_lon", "n_reports", "confidence", "sentence", "first_source")


def _write_csv(corpus: Corpus, out: IO) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in _stream(corpus, "SELECT * FROM chosen"):
        writer.writerow([";".join(v) if isinstance(v, list) else ("" if v is None else v)
                         for v in (row[c] for c in CSV_COLUMNS)])
        count += 1
    return count


# ---------------------------------------------------------------------- GDELT


def _cameo_code(entity: dict | None, entity_id: str | None) -> str:
    if entity is None:
        return ""
    if CODED_ID.fullmatch(entity_id or ""):
        return entity_id
    return (entity.get("country") or "") + (entity.get("sector") or "")


def _quad_class(cameo: str | None) -> str:
    """CAMEO root codes 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
    conflict, 14-20 material conflict."""
    if not cameo or not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    return str(1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4)


def _gdelt_actor(entity_id: str | None, entities: dict) -> list[str]:
    """Actor code, name, country, known group, ethnic, religion ×2, type ×3: GDELT's ten actor columns."""
    entity = entities.get(entity_id) if entity_id else None
    if entity is None:
        return [""] * 10
    return [_cameo_code(entity, entity_id), (entity["name"] or "").upper(), entity.get("country") or "",
            "", "", "", "", entity.get("sector") or "", "", ""]


def _gdelt_geo(row: dict) -> list[str]:
    """ActionGeo: type, full name, country (FIPS; left empty, backstory has ISO-3 only), ADM1, ADM2,
    lat, long, feature id."""
    if not row["place_name"]:
        return [""] * 8
    geo_type = {"country": "1", "region": "5"}.get(row["place_feature"] or "", "4")
    return [geo_type, row["place_name"], "", "", "", _text(row["place_lat"]), _text(row["place_lon"]),
            _text(row["place_geonames_id"])]


def _text(value) -> str:
    return "" if value is None else str(value)


def _write_gdelt(corpus: Corpus, out: IO) -> int:
    entities = _entities(corpus)
    count = 0
    for row in _stream(corpus, _reports(corpus)):
        date = row["date_lo"]
        when = ([date.strftime("%Y%m%d"), date.strftime("%Y%m"), str(date.year),
                 f"{date.year + (date.month * 30 + date.day) / 365:.4f}"] if date else ["", "", "", ""])
        cameo = row["cameo"] or ""
        added = (row["reports"][0]["published"] or "").replace("-", "")
        for source in row["source_entities"] or [None]:
            for target in row["target_entities"] or [None]:
                count += 1
                fields = [str(count), *when, *_gdelt_actor(source, entities), *_gdelt_actor(target, entities),
                          "0", cameo, cameo, cameo[:2], _quad_class(cameo), "",
                          *([str(row["n_reports"])] * 3), "",
                          *([""] * 8), *([""] * 8), *_gdelt_geo(row),
                          (added + "000000") if len(added) == 8 else "", row["first_source"] or ""]
                out.write("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields) + "\n")
    return count


# ---------------------------------------------------------------------- graphs


def _graph(corpus: Corpus) -> tuple[list[dict], list[dict]]:
    edges = corpus.rows("""
        WITH pairs AS (SELECT type, date_start, date_lo, unnest(source_entities) AS source, target_entities FROM chosen),
        edges AS (SELECT type, date_start, date_lo, source, unnest(target_entities) AS target FROM pairs)
        SELECT source, target, type, count(*) AS weight, arg_min(date_start, date_lo) AS first,
               arg_max(date_start, date_lo) AS last
        FROM edges WHERE source <> target GROUP BY source, target, type ORDER BY source, target, type""")
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = corpus.rows("""SELECT entity_id, name, kind, country, sector, n_events FROM entities
                           WHERE list_contains($ids, entity_id) ORDER BY entity_id""", {"ids": ids})
    return nodes, edges


NODE_ATTRIBUTES = (("name", "string"), ("kind", "string"), ("country", "string"), ("sector", "string"),
                   ("n_events", "int"))
EDGE_ATTRIBUTES = (("type", "string"), ("weight", "double"), ("first", "string"), ("last", "string"))


def _write_xml(root: ET.Element, out: IO) -> None:
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def _write_graphml(corpus: Corpus, out: IO) -> int:
    nodes, edges = _graph(corpus)
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, kind in attributes:
            ET.SubElement(root, "key", {"id": f"{scope[0]}_{name}", "for": scope, "attr.name": name,
                                        "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": "backstory", "edgedefault": "directed"})
    for node in nodes:
        element = ET.SubElement(graph, "node", {"id": node["entity_id"]})
        _graphml_data(element, "n", node, NODE_ATTRIBUTES)
    for number, edge in enumerate(edges):
        element = ET.SubElement(graph, "edge", {"id": f"e{number}", "source": edge["source"],
                                                "target": edge["target"]})
        _graphml_data(element, "e", edge, EDGE_ATTRIBUTES)
    _write_xml(root, out)
    return len(edges)


def _graphml_data(element: ET.Element, prefix: str, row: dict, attributes) -> None:
    for name, _ in attributes:
        if row.get(name) is not None:
            ET.SubElement(element, "data", {"key": f"{prefix}_{name}"}).text = str(row[name])


def _write_gexf(corpus: Corpus, out: IO) -> int:
    nodes, edges = _graph(corpus)
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = CODER
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declared = ET.SubElement(graph, "attributes", {"class": scope})
        for index, (name, kind) in enumerate(attributes):
            if scope == "node" and name == "name" or scope == "edge" and name == "weight":
                continue  # the node's label and the edge's weight are GEXF's own attributes
            ET.SubElement(declared, "attribute", {"id": str(index), "title": name, "type": kind})
    node_list = ET.SubElement(graph, "nodes")
    for node in nodes:
        element = ET.SubElement(node_list, "node", {"id": node["entity_id"], "label": node["name"] or node["entity_id"]})
        _gexf_values(element, node, NODE_ATTRIBUTES, skip="name")
    edge_list = ET.SubElement(graph, "edges")
    for number, edge in enumerate(edges):
        # ``kind`` keeps parallel edges of different event types apart (GEXF 1.3 multi-edges).
        element = ET.SubElement(edge_list, "edge", {"id": str(number), "source": edge["source"],
                                                   "target": edge["target"], "weight": str(edge["weight"]),
                                                   "kind": edge["type"], "label": edge["type"]})
        _gexf_values(element, edge, EDGE_ATTRIBUTES, skip="weight")
    _write_xml(root, out)
    return len(edges)


def _gexf_values(element: ET.Element, row: dict, attributes, skip: str) -> None:
    values = ET.SubElement(element, "attvalues")
    for index, (name, _) in enumerate(attributes):
        if name != skip and row.get(name) is not None:
            ET.SubElement(values, "attvalue", {"for": str(index), "value": str(row[name])})
