"""Query: actors, an actor's dossier, events and an actor's network, from the store's derived tables.

Every answer is plain data (dicts and lists, JSON-ready); ``backstory.present`` draws them as
tables. Per-actor queries read ``entity_events`` (and the other per-actor tables), sorted by actor
and split into files by a hash of it, so an actor's rows are a few row groups of one small Parquet
file whatever the size of the store.
"""

from __future__ import annotations

import datetime as dt
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import duckdb

from backstory.records import EVENT_TYPES
from backstory.resolve import date_bounds, name_key
from backstory.store import Store, StoreMissing

TIMELINE_LIMIT = 100
TOP_RELATIONS = 15
TOP_SOURCES = 20
CONTESTED_LIMIT = 20
PARALLEL_QUERIES = 4


class QueryError(Exception):
    """A question the store cannot answer as asked (unknown actor, bad date, bad type)."""


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None          # a name, alias or entity id
    type: str | None = None
    date_from: str | None = None      # ISO, partial allowed: "1986", "1986-04"
    date_to: str | None = None
    place: str | None = None          # a place name, or a country (name or ISO-3 code)


class Corpus:
    """A read-only view of a store: one DuckDB connection with a view per table."""

    def __init__(self, store: Store):
        if not store.exists:
            raise StoreMissing(f"no store at {store.root} (run `backstory ingest` first)")
        if not store.is_resolved():
            _refresh(store)
        if not store.manifest().get("derived"):
            raise StoreMissing(f"{store.root} has documents but no cross-document tables yet; "
                               "they are built at the end of `backstory ingest`")
        self.store = store
        self.con: duckdb.DuckDBPyConnection = store.connect()
        self._pool = ThreadPoolExecutor(max_workers=PARALLEL_QUERIES)

    def keyed(self, table: str, entity_id: str) -> str:
        """The SQL source of one actor's rows of a bucketed table: its bucket file alone."""
        path = str(self.store.keyed_file(table, entity_id)).replace("'", "''")
        return f"read_parquet('{path}')"

    def rows(self, sql: str, params: dict | None = None, cursor: duckdb.DuckDBPyConnection | None = None) -> list[dict]:
        result = (cursor or self.con).execute(sql, params or {})
        names = [d[0] for d in result.description]
        return [dict(zip(names, row)) for row in result.fetchall()]

    def rows_at_once(self, queries: dict[str, tuple[str, dict]]) -> dict[str, list[dict]]:
        """Independent queries run concurrently, each on its own cursor: DuckDB releases the GIL
        while a query runs, so a dossier's parts overlap instead of queueing."""
        futures = {name: self._pool.submit(self.rows, sql, params, self.con.cursor())
                   for name, (sql, params) in queries.items()}
        return {name: future.result() for name, future in futures.items()}

    # ------------------------------------------------------------------ actors

    def actors(self, limit: int | None = None, include_local: bool = False) -> list[dict]:
        """Entities by number of events, then documents; per-document role actors only on request."""
        return self.rows(f"""
            SELECT entity_id, name, kind, country, sector, n_documents, n_mentions, n_events,
                   first_seen, last_seen
            FROM entities {'' if include_local else 'WHERE NOT local'}
            ORDER BY n_events DESC, n_documents DESC, entity_id
            {'LIMIT $limit' if limit else ''}""", {"limit": limit} if limit else None)

    def find(self, name: str) -> list[dict]:
        """Entities a name may mean, the most active first; an exact name beats an alias."""
        return self.rows("""
            SELECT * EXCLUDE (local) FROM entities
            WHERE entity_id = $raw OR entity_id IN (SELECT entity_id FROM entity_names WHERE name_key = $key)
            ORDER BY (entity_id = $raw) DESC, (lower(name) = lower($raw)) DESC, n_events DESC, n_documents DESC,
                     entity_id
        """, {"raw": name, "key": name_key(name)})

    def entity_id(self, name: str) -> str:
        found = self.find(name)
        if not found:
            raise QueryError(f"no actor named {name!r} in {self.store.root}")
        return found[0]["entity_id"]

    # ------------------------------------------------------------------ dossier

    def dossier(self, name: str, limit: int = TIMELINE_LIMIT, top: int = TOP_RELATIONS) -> dict:
        """Who the actor is, what it did and underwent, with whom, according to whom, and what is disputed."""
        candidates = self.find(name)
        if not candidates:
            raise QueryError(f"no actor named {name!r} in {self.store.root}")
        actor = candidates[0]
        entity_id = actor["entity_id"]
        params = {"id": entity_id}
        parts = self.rows_at_once({
            "merged": ("""
                SELECT variant, rule, matched, joined, documents FROM merges WHERE entity_id = $id
                ORDER BY joined IS NOT NULL, documents DESC, variant, rule""", params),
            "timeline": (TIMELINE_SQL.format(source=self.keyed("entity_events", entity_id)), {**params, "limit": limit}),
            "relations": (f"""
                SELECT other AS entity_id, name, kind, country, events, types, directions, evidence
                FROM {self.keyed("entity_relations", entity_id)}
                WHERE entity_id = $id ORDER BY events DESC, name, other LIMIT $top""", {**params, "top": top}),
            "sources": (f"""
                SELECT doc_id, source, title, published, events FROM {self.keyed("entity_sources", entity_id)}
                WHERE entity_id = $id ORDER BY events DESC, published NULLS LAST, doc_id LIMIT $top""",
                        {**params, "top": TOP_SOURCES}),
            "contested": (f"""
                SELECT * EXCLUDE (entity_id, blamed), count(*) OVER () AS total
                FROM {self.keyed("contested", entity_id)}
                WHERE entity_id = $id ORDER BY date_start NULLS LAST, event_uid, disputed_by LIMIT $top""",
                          {**params, "top": CONTESTED_LIMIT}),
        })
        contested = parts["contested"]
        return {
            "actor": actor,
            "merged": parts["merged"],
            "timeline": parts["timeline"],
            "timeline_total": actor["n_events"],
            "relations": parts["relations"],
            "sources": parts["sources"],
            "contested": [{k: v for k, v in row.items() if k != "total"} for row in contested],
            "contested_total": contested[0]["total"] if contested else 0,
            "also_matched": [{k: c[k] for k in ("entity_id", "name", "n_events")} for c in candidates[1:]],
        }

    # ------------------------------------------------------------------ events

    def events(self, where: EventFilter = EventFilter(), limit: int | None = None) -> list[dict]:
        """Deduplicated events matching every given condition, ordered by when they happened."""
        conditions, params = self.conditions(where)
        limit_sql = f"LIMIT {int(limit)}" if limit else ""
        if where.actor:
            return self.rows(f"""
                SELECT {EVENT_COLUMNS}, reports FROM {self.keyed("entity_events", params["id"])}
                WHERE entity_id = $id AND {conditions}
                ORDER BY date_lo NULLS LAST, date_hi, event_uid {limit_sql}""", params)
        return self.rows(f"""
            WITH chosen AS (SELECT * FROM event_groups WHERE {conditions}
                            ORDER BY date_lo NULLS LAST, date_hi, event_uid {limit_sql}),
            reported AS (
                SELECT event_uid, list({{'source': source, 'title': title, 'published': published,
                                         'sentence': sentence, 'asserted_by_name': asserted_by_name,
                                         'stance': stance}} ORDER BY published NULLS LAST, doc_id) AS reports
                FROM event_sources WHERE event_uid IN (SELECT event_uid FROM chosen) GROUP BY event_uid)
            SELECT {EVENT_COLUMNS}, reports FROM chosen JOIN reported USING (event_uid)
            ORDER BY date_lo NULLS LAST, date_hi, event_uid""", params)

    def conditions(self, where: EventFilter) -> tuple[str, dict]:
        """SQL conditions (valid on entity_events and event_groups) and their parameters."""
        conditions, params = ["TRUE"], {}
        if where.actor:
            params["id"] = self.entity_id(where.actor)
        if where.type:
            kind = where.type.upper()
            if kind not in EVENT_TYPES:
                raise QueryError(f"unknown event type {where.type!r} (one of {', '.join(EVENT_TYPES)})")
            conditions.append("type = $type")
            params["type"] = kind
        if where.date_from:
            conditions.append("date_hi >= $from")
            params["from"] = _bound(where.date_from, 0)
        if where.date_to:
            conditions.append("date_lo <= $to")
            params["to"] = _bound(where.date_to, 1)
        if where.place:
            conditions.append("(place_country = $country OR place_name ILIKE $place)")
            params.update(country=_country_code(where.place), place=f"%{where.place}%")
        return " AND ".join(conditions), params

    # ------------------------------------------------------------------ network

    def network(self, name: str) -> dict:
        """The actor, everyone it has events with, and the directed edges among them by event type."""
        entity_id = self.entity_id(name)
        edges = self.rows(NETWORK_EDGES_SQL.format(source=self.keyed("entity_events", entity_id)), {"id": entity_id})
        ids = sorted({entity_id} | {e["source"] for e in edges} | {e["target"] for e in edges})
        nodes = self.rows("""
            SELECT entity_id AS id, name, kind, country, sector, n_events FROM entities
            WHERE list_contains($ids, entity_id) ORDER BY n_events DESC, entity_id""", {"ids": ids})
        return {"center": entity_id, "nodes": nodes, "edges": edges}


EVENT_COLUMNS = """event_uid, type, mode, date_start, date_end, date_precision, date_basis, date_lo, date_hi,
    place_name, place_country, source_entities, source_names, target_entities, target_names, n_reports"""

TIMELINE_SQL = """
SELECT event_uid, type, mode, role, date_start, date_end, date_precision, date_basis, place_name, place_country,
       source_names, target_names, n_reports, all_denied,
       list_transform(reports, lambda r: {{'source': r.source, 'title': r.title, 'published': r.published,
                                           'sentence': r.sentence, 'asserted_by': r.asserted_by_name,
                                           'stance': r.stance}}) AS reports
FROM {source} WHERE entity_id = $id ORDER BY date_lo NULLS LAST, date_hi, event_uid LIMIT $limit
"""

NETWORK_EDGES_SQL = """
WITH mine AS (SELECT * FROM {source} WHERE entity_id = $id),
pairs AS (
    SELECT event_uid, type, date_start, date_lo, unnest(source_entities) AS source, target_entities FROM mine
), edges AS (SELECT event_uid, type, date_start, date_lo, source, unnest(target_entities) AS target FROM pairs)
SELECT source, target, type, count(*) AS events,
       arg_min(date_start, date_lo) AS first, arg_max(date_start, date_lo) AS last
FROM edges WHERE source <> target GROUP BY source, target, type ORDER BY events DESC, source, target, type
"""


def _bound(text: str, side: int) -> dt.date:
    bounds = date_bounds(text)
    if bounds[0] is None:
        raise QueryError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    return bounds[side]


def _country_code(text: str) -> str | None:
    """A country named by code or name, so --place Iraq matches events in Baghdad."""
    import pycountry

    if len(text) == 3 and text.isalpha():
        return text.upper()
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        return None


def _refresh(store: Store) -> None:
    """Rebuild derived tables a killed ingest left behind its documents; read them as they are if busy."""
    from backstory.resolve import resolve

    try:
        with store.writing():
            if not store.is_resolved():
                resolve(store)
    except RuntimeError as busy:
        print(f"backstory: warning: {busy}; answering from the last resolved state", file=sys.stderr)
