"""Resolve: one actor across many articles, one event across its reports, and who disputes what.

Runs over the whole store after each ingest and writes the derived tables in one commit:

- ``entities`` / ``actor_links`` / ``merges`` / ``entity_names``: per-document actors merged into
  corpus entities. Actors with the same CAMEO code (``IRQGOV``) or the same name are one entity
  from the start; entities are then joined when they share a Wikidata id, when one's name is the
  other's alias ("Mujahideen-e-Khalq"), or by acronym ("MEK", or the initials of "National
  Council of Resistance of Iran"). Joins that would put two countries, two Wikidata ids, or a
  person and a group in one entity are refused. Every join is recorded in ``merges`` with the
  rule that made it. Unnamed role actors ("the government" with no country) stay per document.
- ``event_groups`` / ``event_sources``: events of several documents that are one event (same
  type, overlapping source and target entities, overlapping dates, or both undated and named by
  the same word or mode) share an ``event_uid``; a group holds at most one event per document,
  and every report is kept.
- ``entity_events``: one row per entity and event, sorted by entity, carrying what a dossier or
  an events query shows (dates, place, the other actors' names, every report's sentence), so
  those queries read a few row groups of one file; ``entity_relations`` and ``entity_sources``
  are the dossier's relations (counts by type, first events as evidence) and sources, likewise.
- ``contested``: an event one party asserts that another denies, or blames on someone else.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pyarrow as pa

from backstory.store import Store

CODED_ID = re.compile(r"(?:[A-Z]{3})+")
# Only dates the text gives for the event itself say when it happened; a publication date on a
# denial or an accusation dates the statement, not the act it is about.
OWN_DATE_BASES = ("explicit", "narrative")
DENIAL_WINDOW = 500   # characters: how far back an unattached denial looks for what it denies
CANDIDATES_PER_DISPUTE = 3
CANDIDATES = 8        # earlier reports a report tries to join, nearest first
SCAN_LIMIT = 64       # reports looked back over to find them
KEYED_TABLES = ("entity_events", "entity_relations", "entity_sources", "contested")  # read one actor at a time
MAX_YEARS_SPANNED = 20  # a date wider than this ("the 20th century") is matched on its first years only
RULE_ORDER = ("wikidata", "alias", "acronym")
NAME_PARTICLES = {"al", "el", "ad", "as", "ash", "at", "az", "bin", "ibn", "de", "del", "der", "di", "du", "la",
                  "le", "van", "von"}
# Words for the CAMEO sector codes of data/actors/roles.tsv, to name a coded entity ("Iran (government)")
# the same way whichever phrase each article used for it.
SECTOR_LABELS = {
    "GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence", "JUD": "judiciary",
    "LEG": "legislature", "OPP": "opposition", "PTY": "party", "REB": "rebels", "SEP": "separatists",
    "UAF": "armed groups", "CVL": "civilians", "EDU": "education", "LAB": "labour", "AGR": "agriculture",
    "REF": "refugees", "MED": "media", "BUS": "business", "ELI": "elites", "HLH": "health",
    "HRI": "rights groups", "CRM": "criminals", "RAD": "radicals", "REL": "religious groups",
    "NGO": "NGOs", "IGO": "intergovernmental", "MOD": "moderates", "SET": "settlers", "INT": "international",
}


# ---------------------------------------------------------------------- names


@functools.lru_cache(maxsize=1 << 18)  # the same names come back in document after document
def name_key(text: str) -> str:
    """A name compared loosely: no accents, case, punctuation or leading article."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _is_proper(text: str) -> bool:
    """A name, not a description: its first word past any lowercase particle ("al-Shabaab") is capitalised."""
    words = [w for w in re.split(r"[\s\-]+", text.strip()) if w]
    while len(words) > 1 and words[0] in NAME_PARTICLES:
        words = words[1:]
    return bool(words) and (words[0][0].isupper() or words[0][0].isdigit())


def _acronym(text: str) -> str | None:
    from backstory.actors import ACRONYM  # actors.py imports spaCy, which queries never need

    bare = text.replace(".", "")
    return bare.upper() if len(bare) >= 2 and ACRONYM.match(bare) and bare.isupper() else None


# ---------------------------------------------------------------------- actors → entities


@dataclass
class Node:
    """Actors of any number of documents that are trivially one: same code, or same name."""

    key: str
    rule: str                                   # code, name or local
    names: Counter = field(default_factory=Counter)
    aliases: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    sectors: Counter = field(default_factory=Counter)
    wikidata: Counter = field(default_factory=Counter)
    ids: Counter = field(default_factory=Counter)
    documents: set = field(default_factory=set)
    mentions: int = 0

    @property
    def name(self) -> str:
        return _top(self.names)

    def merge_keys(self) -> list[tuple[str, str, str]]:
        """(rule, key, surface) by which this node may join others."""
        keys = [("wikidata", f"wd:{q}", q) for q in self.wikidata]
        if self.rule != "name":
            return keys  # coded and local actors join only by identifier: their aliases are metonyms
        person = self.kinds and _top(self.kinds) == "person"
        for text in set(self.names) | set(self.aliases):
            acronym = _acronym(text)
            if acronym:
                keys.append(("acronym", f"a:{acronym}", text))
            elif _is_proper(text) and not (person and " " not in text.strip()):
                # a lone surname ("Saddam") names too many people to join on
                keys.append(("alias", f"n:{name_key(text)}", text))
        from backstory.actors import initials

        for text in self.names:
            letters = initials(text)
            if len(letters) >= 3 and not _acronym(text) and not person:
                keys.append(("acronym", f"a:{letters}", text))
        return keys


def _top(counter: Counter):
    """The most common value, ties broken by the value itself so results never depend on order."""
    return max(counter.items(), key=lambda kv: (kv[1], str(kv[0])))[0] if counter else None


def node_key(doc_id: str, actor_id: str, name: str, country: str | None) -> tuple[str, str]:
    if country and CODED_ID.fullmatch(actor_id) and actor_id.startswith(country):
        return f"code:{actor_id}", "code"
    key = name_key(name)
    if key and _is_proper(name):
        return f"name:{key}", "name"
    return f"local:{doc_id}:{actor_id}", "local"


@dataclass
class Summary:
    """What the merge guards look at, per component: kept up to date as components merge."""

    countries: Counter
    kinds: Counter
    wikidata: set

    @classmethod
    def of(cls, node: Node) -> "Summary":
        return cls(Counter(node.countries), Counter(node.kinds), set(node.wikidata))

    def compatible(self, other: "Summary") -> bool:
        if self.wikidata and other.wikidata and not self.wikidata & other.wikidata:
            return False
        if self.countries and other.countries and _top(self.countries) != _top(other.countries):
            return False
        return (_top(self.kinds) == "person") == (_top(other.kinds) == "person")

    def absorb(self, other: "Summary") -> None:
        self.countries.update(other.countries)
        self.kinds.update(other.kinds)
        self.wikidata |= other.wikidata


class Entities:
    """Union-find over nodes with merge guards and an explanation of every join."""

    def __init__(self, nodes: dict[str, Node]):
        self.nodes = nodes
        self.parent = {key: key for key in nodes}
        self.size = {key: 1 for key in nodes}
        self.summary = {key: Summary.of(node) for key, node in nodes.items()}
        self.joins: list[tuple[str, str, str, str]] = []   # (node, joined node, rule, matched)

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join_all(self) -> None:
        by_key: dict[str, list[str]] = defaultdict(list)
        surfaces: dict[tuple[str, str], str] = {}
        rules: dict[str, str] = {}
        for node_id in sorted(self.nodes):
            for rule, key, surface in self.nodes[node_id].merge_keys():
                if not by_key[key] or by_key[key][-1] != node_id:
                    by_key[key].append(node_id)
                surfaces.setdefault((key, node_id), surface)
                rules[key] = rule
        for key in sorted(by_key, key=lambda k: (RULE_ORDER.index(rules[k]), k)):
            nodes = by_key[key]
            anchors = [nodes[0]]  # one earlier node per component the key's nodes are in so far
            for node_id in nodes[1:]:
                anchors = list({self.find(a): a for a in reversed(anchors)}.values())[::-1]
                mine = self.find(node_id)
                for anchor in anchors:
                    root = self.find(anchor)
                    if root == mine:
                        break
                    if self._union(root, mine):
                        self.joins.append((node_id, anchor, rules[key], surfaces[(key, node_id)]))
                        break
                else:
                    anchors.append(node_id)

    def _union(self, root_a: str, root_b: str) -> bool:
        if not self.summary[root_a].compatible(self.summary[root_b]):
            return False
        if self.size[root_a] < self.size[root_b]:
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.size[root_a] += self.size.pop(root_b)
        self.summary[root_a].absorb(self.summary.pop(root_b))
        return True

    def components(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.nodes):
            groups[self.find(key)].append(key)
        return groups


def build_nodes(actor_rows: list[dict]) -> tuple[dict[str, Node], list[tuple[str, str, str]]]:
    nodes: dict[str, Node] = {}
    links = []
    for row in actor_rows:
        key, rule = node_key(row["doc_id"], row["actor_id"], row["name"] or "", row["country"])
        node = nodes.get(key) or nodes.setdefault(key, Node(key=key, rule=rule))
        node.names[row["name"]] += 1
        node.ids[re.sub(r"-\d+$", "", row["actor_id"])] += 1
        node.aliases.update(a for a in row["aliases"] or () if a != row["name"])
        node.kinds[row["kind"]] += 1
        for counter, value in ((node.countries, row["country"]), (node.sectors, row["sector"]),
                               (node.wikidata, row["wikidata"])):
            if value:
                counter[value] += 1
        node.documents.add(row["doc_id"])
        node.mentions += row["n_mentions"] or 0
        links.append((row["doc_id"], row["actor_id"], key))
    return nodes, links


def resolve_actors(actor_rows: list[dict]) -> dict[str, pa.Table]:
    """Entities, the per-document actor → entity links, the merge explanations and the lookup names."""
    nodes, links = build_nodes(actor_rows)
    entities = Entities(nodes)
    entities.join_all()
    components = entities.components()

    def representative(keys: list[str]) -> Node:
        """The node that names the entity: the most reported, then a full name over an acronym."""
        return max((nodes[k] for k in keys), key=lambda n: (n.rule != "local", len(n.documents), n.mentions,
                                                            not _acronym(n.name), len(n.name), n.key))

    from backstory.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    entity_of_node, entity_rows, used = {}, [], set()
    for root in sorted(components, key=lambda r: representative(components[r]).key):
        keys = components[root]
        rep = representative(keys)
        entity_id = _entity_id(rep, used)
        used.add(entity_id)
        for key in keys:
            entity_of_node[key] = entity_id
        entity_rows.append(_entity_row(entity_id, rep, [nodes[k] for k in keys], gazetteer))

    merge_rows = [
        {"entity_id": entity_of_node[key], "variant": node.name, "rule": node.rule,
         "matched": node.name, "joined": None, "documents": len(node.documents)}
        for key, node in sorted(nodes.items())
    ] + [
        # names an article itself tied to the actor (registry alias, "Full Name (ACR)", acronym)
        {"entity_id": entity_of_node[key], "variant": alias, "rule": "document", "matched": alias,
         "joined": node.name, "documents": count}
        for key, node in sorted(nodes.items()) for alias, count in sorted(node.aliases.items())
    ] + [
        {"entity_id": entity_of_node[a], "variant": nodes[a].name, "rule": rule, "matched": matched,
         "joined": nodes[b].name, "documents": len(nodes[a].documents)}
        for a, b, rule, matched in entities.joins
    ]
    name_rows = sorted({(name_key(n), row["entity_id"]) for row in entity_rows
                        for n in [row["name"], row["entity_id"], *row["aliases"]] if name_key(n)})
    return {
        "entities": pa.Table.from_pylist(entity_rows, schema=ENTITY_SCHEMA),
        "actor_links": pa.table({"doc_id": [d for d, _, _ in links], "actor_id": [a for _, a, _ in links],
                                 "entity_id": [entity_of_node[k] for _, _, k in links]}),
        "merges": pa.Table.from_pylist(merge_rows, schema=MERGE_SCHEMA),
        "entity_names": pa.table({"name_key": [n for n, _ in name_rows], "entity_id": [e for _, e in name_rows]}),
    }


def _entity_id(rep: Node, used: set) -> str:
    """The code of a coded actor, else the id articles most often gave it ("mek"), made unique."""
    base = _top(rep.ids) if rep.rule == "name" else rep.key.split(":", 1)[1]
    entity_id, n = base, 2
    while entity_id in used:
        entity_id, n = f"{base}-{n}", n + 1
    return entity_id


def _coded_name(code: str, gazetteer) -> str:
    try:
        country = gazetteer.country(code[:3]).name
    except KeyError:  # an IGO or other non-ISO code
        country = code[:3]
    sectors = [SECTOR_LABELS.get(code[i:i + 3], code[i:i + 3]) for i in range(3, len(code), 3)]
    return f"{country} ({', '.join(sectors)})" if sectors else country


def _entity_row(entity_id: str, rep: Node, members: list[Node], gazetteer) -> dict:
    names, kinds, countries, sectors, wikidata = Counter(), Counter(), Counter(), Counter(), Counter()
    documents, mentions = set(), 0
    for node in members:
        names.update(node.names)
        names.update(node.aliases)
        kinds.update(node.kinds)
        countries.update(node.countries)
        sectors.update(node.sectors)
        wikidata.update(node.wikidata)
        documents |= node.documents
        mentions += node.mentions
    name = _coded_name(rep.key.split(":", 1)[1], gazetteer) if rep.rule == "code" else rep.name
    aliases = [n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0])) if n != name]
    return {"entity_id": entity_id, "name": name, "kind": _top(kinds), "country": _top(countries),
            "sector": _top(sectors), "wikidata": _top(wikidata), "aliases": aliases,
            "n_documents": len(documents), "n_mentions": mentions, "local": rep.rule == "local"}


ENTITY_SCHEMA = pa.schema([
    ("entity_id", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("country", pa.string()),
    ("sector", pa.string()), ("wikidata", pa.string()), ("aliases", pa.list_(pa.string())),
    ("n_documents", pa.int32()), ("n_mentions", pa.int32()), ("local", pa.bool_()),
])
MERGE_SCHEMA = pa.schema([
    ("entity_id", pa.string()), ("variant", pa.string()), ("rule", pa.string()), ("matched", pa.string()),
    ("joined", pa.string()), ("documents", pa.int32()),
])


# ---------------------------------------------------------------------- dates


def date_bounds(start: str | None, end: str | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The calendar interval an ISO partial date covers: "1986" → 1986-01-01..1986-12-31,
    "198" (a decade) → 1980..1989; an end date widens it to the end's last day."""
    low = _bounds(start)
    if low is None:
        return None, None
    high = _bounds(end) if end else None
    return low[0], max(low[1], high[1]) if high else low[1]


def _bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    if not value:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    try:
        if match:
            year, month, day = int(match.group(1)), match.group(2), match.group(3)
            if day:
                date = dt.date(year, int(month), int(day))
                return date, date
            if month:
                first = dt.date(year, int(month), 1)
                following = dt.date(year + int(month) // 12, int(month) % 12 + 1, 1)
                return first, following - dt.timedelta(days=1)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if re.fullmatch(r"\d{3}", value):   # TimeML decade
            return dt.date(int(value) * 10, 1, 1), dt.date(int(value) * 10 + 9, 12, 31)
        if re.fullmatch(r"\d{2}", value):   # TimeML century
            return dt.date(int(value) * 100, 1, 1), dt.date(int(value) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------------- events → groups


@dataclass(slots=True)
class Report:
    """One document's event, with its actors resolved to entities."""

    doc_id: str
    event_id: str
    type: str
    sources: frozenset
    targets: frozenset
    low: int | None       # date interval as proleptic ordinals; None when undated
    high: int | None
    mode: str | None = None
    trigger: str = ""


class EventGroups:
    """Union-find over reports: one group per real-world event, at most one report per document."""

    def __init__(self, reports: list[Report]):
        self.reports = reports
        self.parent = list(range(len(reports)))
        self.documents = [{r.doc_id} for r in reports]
        self.interval = [(r.low, r.high) for r in reports]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def group(self) -> list[int]:
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for i, report in enumerate(self.reports):
            for entity in report.sources:
                blocks[(report.type, "s", entity)].append(i)
            for entity in report.targets:
                blocks[(report.type, "t", entity)].append(i)
        for key in sorted(blocks):
            if len(blocks[key]) > 1:
                self._sweep(blocks[key])
        return [self.find(i) for i in range(len(self.reports))]

    def _sweep(self, block: list[int]) -> None:
        """Each report tries the nearest earlier reports it may be one event with: dated ones those
        whose interval is still open, undated ones those named alike. At most ``CANDIDATES`` are
        tried, so an actor in thousands of reports costs linear time, not quadratic."""
        reports = self.reports
        dated = sorted((i for i in block if reports[i].low is not None),
                       key=lambda i: (reports[i].low, reports[i].high, i))
        recent: list[int] = []
        for i in dated:
            low, tried = reports[i].low, 0
            for j in reversed(recent[-SCAN_LIMIT:]):
                if reports[j].high < low:
                    continue
                tried += 1
                if self._union(j, i) or tried == CANDIDATES:
                    break
            recent.append(i)
        open_groups: dict[tuple, list[int]] = defaultdict(list)
        for i in (i for i in block if reports[i].low is None):
            named = open_groups[(reports[i].mode, reports[i].trigger)]
            if not any(self._union(j, i) for j in reversed(named[-CANDIDATES:])):
                named.append(i)

    def _union(self, i: int, j: int) -> bool:
        a, b = self.reports[i], self.reports[j]
        if a.doc_id == b.doc_id:
            return False
        if a.sources and b.sources and not a.sources & b.sources:
            return False
        if a.targets and b.targets and not a.targets & b.targets:
            return False
        if a.low is None and not (a.mode and a.mode == b.mode or a.trigger == b.trigger):
            return False  # undated, so nothing but the act itself can say two reports are one event
        root_i, root_j = self.find(i), self.find(j)
        if root_i == root_j or self.documents[root_i] & self.documents[root_j]:
            return False
        interval = _overlap(self.interval[root_i], self.interval[root_j])
        if interval is False:
            return False
        if len(self.documents[root_i]) < len(self.documents[root_j]):
            root_i, root_j = root_j, root_i
        self.parent[root_j] = root_i
        self.documents[root_i] |= self.documents[root_j]
        self.interval[root_i] = interval
        return True


def _overlap(a: tuple, b: tuple):
    """The intersection of two intervals; (None, None) for two undated; False if incompatible."""
    if a[0] is None and b[0] is None:
        return a
    if a[0] is None or b[0] is None:
        return False
    low, high = max(a[0], b[0]), min(a[1], b[1])
    return (low, high) if low <= high else False


def event_uid(doc_id: str, event_id: str) -> str:
    return "ev" + hashlib.sha1(f"{doc_id}/{event_id}".encode()).hexdigest()[:14]


# ---------------------------------------------------------------------- the whole store


def _arrow(con, sql: str, params: dict | None = None) -> pa.Table:
    return con.sql(sql, params=params).to_arrow_table()


def resolve(store: Store) -> dict[str, float]:
    """Rebuild every derived table from the base tables and commit them together.

    Returns the seconds each phase took (the bench reports them)."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def done(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[phase] = now - clock
        clock = now

    generation = store.generation
    con = store.connect(derived=False)
    actor_rows = _arrow(
        con, "SELECT doc_id, actor_id, name, aliases, kind, country, sector, wikidata, n_mentions FROM actors"
    ).to_pylist()
    tables = resolve_actors(actor_rows)
    del actor_rows
    for name in ("entities", "actor_links"):
        con.register(name, tables[name])
    done("actors")
    con.register("assignments", _group_events(con))
    done("event groups")
    for name, sql in DERIVED_SQL:
        tables[name] = _arrow(con, sql, {"evidence": EVIDENCE_PER_RELATION} if "$evidence" in sql else None)
        con.register(name, tables[name])
        done(name)
    tables["contested"] = _contested(con)
    done("contested")
    tables["entities"] = _arrow(con, ENTITIES_WITH_COUNTS_SQL)
    store.write_derived(tables, generation, sorted_tables=("event_sources", "entity_names"),
                        keyed={name: "entity_id" for name in KEYED_TABLES})
    done("write")
    return timings


# Every report of an event with its actors as entities. A copy of an article (an exact or near
# duplicate, which extraction does not analyse again: backstory.dedupe) is one more outlet
# reporting each of its original's events, so it joins their sources, marked ``copy_of``.
RESOLVED_EVENTS_SQL = """
CREATE OR REPLACE TEMP TABLE resolved AS
WITH roles AS (
    SELECT e.doc_id, e.event_id, 's' AS role, unnest(e.source) AS actor_id FROM events e
    UNION ALL
    SELECT e.doc_id, e.event_id, 't' AS role, unnest(e.target) AS actor_id FROM events e
), mapped AS (
    SELECT r.doc_id, r.event_id,
           list_sort(list_distinct(list(l.entity_id) FILTER (WHERE r.role = 's'))) AS src,
           list_sort(list_distinct(list(l.entity_id) FILTER (WHERE r.role = 't'))) AS tgt
    FROM roles r JOIN actor_links l ON l.doc_id = r.doc_id AND l.actor_id = r.actor_id
    GROUP BY r.doc_id, r.event_id
), copies AS (
    SELECT d.doc_id AS copy_doc, min(o.doc_id) AS original_doc
    FROM documents d JOIN documents o ON o.article_id = d.duplicate_of AND o.duplicate_of IS NULL
    GROUP BY d.doc_id
), reports AS (
    SELECT e.doc_id AS origin, NULL::VARCHAR AS copy_of, e.* FROM events e
    UNION ALL
    SELECT e.doc_id, e.doc_id, e.* REPLACE (c.copy_doc AS doc_id) FROM events e JOIN copies c ON c.original_doc = e.doc_id
)
SELECT e.* EXCLUDE (origin), coalesce(m.src, []::VARCHAR[]) AS src, coalesce(m.tgt, []::VARCHAR[]) AS tgt,
       CASE WHEN e.asserted_by = 'author' THEN 'author:' || e.doc_id ELSE coalesce(a.entity_id, 'author:' || e.doc_id) END
           AS asserter,
       d.source AS doc_source, d.title AS doc_title, d.published
FROM reports e
LEFT JOIN mapped m ON m.doc_id = e.origin AND m.event_id = e.event_id
LEFT JOIN actor_links a ON a.doc_id = e.origin AND a.actor_id = e.asserted_by
JOIN documents d ON d.doc_id = e.doc_id
"""


def _group_events(con) -> pa.Table:
    """Each stored event's ``event_uid``, its date interval, and whether it represents its group."""
    con.execute(RESOLVED_EVENTS_SQL)
    table = _arrow(con, "SELECT doc_id, event_id, type, src, tgt, date_start, date_end, mode, lower(trigger)"
                        " FROM resolved ORDER BY doc_id, event_id")
    # Column by column through Arrow: several times faster than DuckDB's row tuples for nested lists.
    rows = zip(*(column.to_pylist() for column in table.columns))
    bounds_of: dict[tuple, tuple] = {}
    reports = []
    for doc_id, event_id, etype, src, tgt, start, end, mode, trigger in rows:
        bounds = bounds_of.get((start, end))
        if bounds is None:
            bounds = bounds_of[(start, end)] = date_bounds(start, end)
        low, high = bounds
        reports.append(Report(doc_id, event_id, etype, frozenset(src), frozenset(tgt),
                              low.toordinal() if low else None, high.toordinal() if high else None,
                              mode, trigger or ""))
    del rows, table
    roots = EventGroups(reports).group()
    members: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(roots):
        members[root].append(i)
    uid, representative = [None] * len(reports), [False] * len(reports)
    for indices in members.values():
        first = min(indices, key=lambda i: (reports[i].doc_id, reports[i].event_id))
        group_uid = event_uid(reports[first].doc_id, reports[first].event_id)
        # The report with the narrowest date speaks for the group's date and sentence.
        best = min(indices, key=lambda i: (reports[i].low is None,
                                           (reports[i].high - reports[i].low) if reports[i].low is not None else 0,
                                           reports[i].doc_id, reports[i].event_id))
        for i in indices:
            uid[i] = group_uid
        representative[best] = True
    def dates(ordinals):
        return pa.array([dt.date.fromordinal(o) if o is not None else None for o in ordinals], pa.date32())

    return pa.table({
        "doc_id": [r.doc_id for r in reports], "event_id": [r.event_id for r in reports],
        "event_uid": uid, "representative": representative,
        "date_lo": dates(r.low for r in reports), "date_hi": dates(r.high for r in reports),
    })


def _names_sql(table: str, key: str, ids: str) -> str:
    """Per row of ``table``, the entity names of the id list ``ids``, in the list's order."""
    return f"""
    SELECT x.key, list(coalesce(n.name, x.id) ORDER BY x.pos) AS names
    FROM (SELECT {key} AS key, unnest({ids}) AS id, generate_subscripts({ids}, 1) AS pos FROM {table}) x
    LEFT JOIN entities n ON n.entity_id = x.id
    GROUP BY x.key"""


DERIVED_SQL = [
    ("event_sources", """
SELECT a.event_uid, r.doc_id, r.event_id, r.doc_source AS source, r.doc_title AS title, r.published,
       r.sentence, r.trigger, r.type, r.date_start, r.date_basis,
       CASE WHEN r.asserter LIKE 'author:%' THEN 'author' ELSE r.asserter END AS asserted_by,
       CASE WHEN r.asserter LIKE 'author:%' THEN 'the author' ELSE ent.name END AS asserted_by_name,
       r.stance, r.negated, r.confidence, r.copy_of
FROM resolved r
JOIN assignments a USING (doc_id, event_id)
LEFT JOIN entities ent ON ent.entity_id = r.asserter
ORDER BY a.event_uid, r.published NULLS LAST, r.doc_id, r.event_id
"""),
    ("event_groups", """
WITH members AS (
    SELECT a.event_uid, list_sort(list_distinct(flatten(list(r.src)))) AS source_entities,
           list_sort(list_distinct(flatten(list(r.tgt)))) AS target_entities,
           count(DISTINCT r.doc_id)::INTEGER AS n_reports, max(r.confidence) AS confidence,
           bool_and(r.negated OR r.stance = 'denies') AS all_denied
    FROM resolved r JOIN assignments a USING (doc_id, event_id)
    GROUP BY a.event_uid
), source_names AS (""" + _names_sql("members", "event_uid", "source_entities") + """
), target_names AS (""" + _names_sql("members", "event_uid", "target_entities") + """)
SELECT m.event_uid, r.type, r.mode, r.cameo, r.date_start, r.date_end, r.date_precision, r.date_basis,
       a.date_lo, a.date_hi, r.place_name, r.place_country, r.place_lat, r.place_lon, r.place_geonames_id,
       r.place_feature, m.source_entities, m.target_entities,
       coalesce(sn.names, []::VARCHAR[]) AS source_names, coalesce(tn.names, []::VARCHAR[]) AS target_names,
       m.n_reports, m.confidence, m.all_denied, r.sentence, r.trigger, r.doc_source AS first_source
FROM members m
LEFT JOIN source_names sn ON sn.key = m.event_uid
LEFT JOIN target_names tn ON tn.key = m.event_uid
JOIN assignments a ON a.event_uid = m.event_uid AND a.representative
JOIN resolved r ON r.doc_id = a.doc_id AND r.event_id = a.event_id
ORDER BY a.date_lo NULLS LAST, m.event_uid
"""),
    ("entity_events", """
WITH reports AS (
    SELECT event_uid, list({'doc_id': doc_id, 'event_id': event_id, 'source': source, 'title': title,
                            'published': published, 'sentence': sentence, 'trigger': trigger,
                            'asserted_by': asserted_by, 'asserted_by_name': asserted_by_name,
                            'stance': stance, 'negated': negated, 'copy_of': copy_of}
                           ORDER BY published NULLS LAST, doc_id) AS reports
    FROM event_sources GROUP BY event_uid
), roles AS (
    SELECT unnest(source_entities) AS entity_id, 'source' AS role, event_uid FROM event_groups
    UNION ALL
    SELECT unnest(target_entities) AS entity_id, 'target' AS role, event_uid FROM event_groups
), one_role AS (  -- an actor on both sides of an event ("mutual hostility") has one row for it
    SELECT entity_id, event_uid, CASE WHEN count(DISTINCT role) > 1 THEN 'both' ELSE any_value(role) END AS role
    FROM roles GROUP BY entity_id, event_uid
)
SELECT o.entity_id, o.role, g.event_uid, g.type, g.mode, g.date_start, g.date_end, g.date_precision,
       g.date_basis, g.date_lo, g.date_hi, g.place_name, g.place_country, g.source_entities, g.target_entities,
       g.source_names, g.target_names, g.n_reports, g.all_denied, p.reports
FROM one_role o JOIN event_groups g USING (event_uid) JOIN reports p USING (event_uid)
ORDER BY o.entity_id, g.date_lo NULLS LAST, g.date_hi, g.event_uid
"""),
    # Everyone each actor has events with: the other side ("to" when it acts, "from" when it
    # undergoes) or a co-participant on its own side ("with"), counted by type, with the first
    # few events as evidence. Precomputed, so a dossier reads one actor's rows, however active.
    ("entity_relations", """
WITH sides AS (
    SELECT entity_id, event_uid, type, date_start, date_lo, reports,
           unnest(CASE role WHEN 'source' THEN target_entities WHEN 'target' THEN source_entities
                            ELSE list_concat(source_entities, target_entities) END) AS other,
           CASE role WHEN 'source' THEN 'to' WHEN 'target' THEN 'from' ELSE 'with' END AS direction
    FROM entity_events
    UNION ALL
    SELECT entity_id, event_uid, type, date_start, date_lo, reports,
           unnest(CASE role WHEN 'source' THEN source_entities WHEN 'target' THEN target_entities
                            ELSE []::VARCHAR[] END), 'with'
    FROM entity_events
), related AS (
    SELECT entity_id, other, count(DISTINCT event_uid)::INTEGER AS events, histogram(type) AS types,
           histogram(direction) AS directions,
           list({'type': type, 'date': date_start, 'direction': direction, 'sentence': reports[1].sentence,
                 'sources': list_transform(reports, lambda r: r.source)}
                ORDER BY date_lo NULLS LAST, event_uid)[1:$evidence] AS evidence
    FROM sides WHERE other <> entity_id GROUP BY entity_id, other
)
SELECT r.entity_id, r.other, e.name, e.kind, e.country, r.events, r.types, r.directions, r.evidence
FROM related r JOIN entities e ON e.entity_id = r.other
ORDER BY r.entity_id, r.events DESC, e.name, r.other
"""),
    ("entity_sources", """
WITH reported AS (SELECT entity_id, event_uid, unnest(reports) AS r FROM entity_events)
SELECT entity_id, r.doc_id, any_value(r.source) AS source, any_value(r.title) AS title,
       any_value(r.published) AS published, count(DISTINCT event_uid)::INTEGER AS events
FROM reported GROUP BY entity_id, r.doc_id
ORDER BY entity_id, events DESC, published NULLS LAST, r.doc_id
"""),
]
EVIDENCE_PER_RELATION = 5

ENTITIES_WITH_COUNTS_SQL = """
WITH counts AS (
    SELECT entity_id, count(DISTINCT event_uid)::INTEGER AS n_events,
           arg_min(date_start, date_lo) FILTER (WHERE date_lo IS NOT NULL) AS first_seen,
           arg_max(coalesce(date_end, date_start), date_hi) FILTER (WHERE date_hi IS NOT NULL) AS last_seen
    FROM entity_events GROUP BY entity_id
), reported AS (
    SELECT l.entity_id, min(d.published) AS first_reported, max(d.published) AS last_reported
    FROM actor_links l JOIN documents d USING (doc_id) GROUP BY l.entity_id
)
SELECT e.*, coalesce(c.n_events, 0)::INTEGER AS n_events, c.first_seen, c.last_seen,
       r.first_reported, r.last_reported
FROM entities e LEFT JOIN counts c USING (entity_id) LEFT JOIN reported r USING (entity_id)
ORDER BY n_events DESC, e.n_documents DESC, e.entity_id
"""


# ---------------------------------------------------------------------- disputes

# A dispute is a report that denies an act ("denied that it carried out the attack", or the act
# negated) or blames it on someone other than the doer another party names. It is paired with
# reports of the same kind of act (a denial also with the accusation it answers). When both give
# the act's own date they must overlap; otherwise the act must be in the same document, or have
# happened in the year before the disputing report was published: an undated denial answers
# recent news, not any act of the same kind at any time.
DISPUTES_SQL = """
CREATE OR REPLACE TEMP TABLE party AS
SELECT r.doc_id, r.event_id, a.event_uid, r.type, r.src, r.tgt, r.asserter, r.stance, r.negated,
       r.place_country, r.span_start, r.sentence_end, r.sentence, r.doc_source, r.date_start,
       a.date_lo AS any_lo, a.date_hi AS any_hi, try_cast(r.published AS DATE) AS published,
       CASE WHEN r.date_basis IN ('explicit', 'narrative') THEN a.date_lo END AS lo,
       CASE WHEN r.date_basis IN ('explicit', 'narrative') THEN a.date_hi END AS hi,
       CASE WHEN r.negated OR r.stance = 'denies' THEN 'denies'
            WHEN r.stance = 'blames' THEN 'blames' ELSE 'asserts' END AS position
FROM resolved r JOIN assignments a USING (doc_id, event_id)
WHERE r.copy_of IS NULL;  -- a copy repeats its original's claims, it does not dispute anything

CREATE OR REPLACE TEMP TABLE pairs AS
WITH keyed AS (
    SELECT *, unnest(src) AS key, 'doer' AS via FROM party
    UNION ALL SELECT *, unnest(tgt) AS key, 'target' AS via FROM party
    UNION ALL SELECT *, 'place:' || place_country AS key, 'place' AS via FROM party
        WHERE len(tgt) = 0 AND place_country IS NOT NULL
), disputes AS (  -- what each dispute may be about: its own kind of act, and for a denial the accusation
    SELECT *, unnest(CASE WHEN position = 'denies' THEN [type, 'ACCUSE'] ELSE [type] END) AS about
    FROM keyed WHERE position <> 'asserts'
), acts AS (  -- each act under every year it may fall in, so candidates meet by year, not by actor alone
    SELECT *, unnest(range(year(any_lo), least(year(any_hi), year(any_lo) + $max_years) + 1)) AS year
    FROM keyed WHERE position <> 'denies' AND any_lo IS NOT NULL
), dispute_years AS (  -- the years a dispute may concern: its own, else the year before it was published
    SELECT *, unnest(CASE WHEN lo IS NOT NULL THEN range(year(lo), least(year(hi), year(lo) + $max_years) + 1)
                          WHEN published IS NOT NULL THEN [year(published) - 1, year(published)]
                          ELSE []::BIGINT[] END) AS year
    FROM disputes
), candidates AS (
    SELECT d.*, a.doc_id AS a_doc_id, a.event_id AS a_event_id, a.type AS a_type, a.src AS a_src,
           a.tgt AS a_tgt, a.asserter AS a_asserter, a.position AS a_position, a.via AS a_via,
           a.lo AS a_lo, a.hi AS a_hi, a.any_lo AS a_any_lo, a.any_hi AS a_any_hi
    FROM dispute_years d JOIN acts a ON a.key = d.key AND a.type = d.about AND a.year = d.year
    UNION ALL  -- within one document any act may be the one disputed, dated or not
    SELECT d.*, NULL, a.doc_id, a.event_id, a.type, a.src, a.tgt, a.asserter, a.position, a.via, a.lo, a.hi,
           a.any_lo, a.any_hi
    FROM disputes d JOIN keyed a ON a.doc_id = d.doc_id AND a.key = d.key AND a.type = d.about
    WHERE a.position <> 'denies'
)
SELECT DISTINCT ON (d.doc_id, d.event_id, d.a_doc_id, d.a_event_id)
       d.a_doc_id AS a_doc, d.a_event_id AS a_event, d.doc_id AS d_doc, d.event_id AS d_event, d.position AS how,
       d.asserter AS disputed_by, 'event' AS evidence
FROM candidates d
WHERE d.a_asserter <> d.asserter AND (d.a_doc_id <> d.doc_id OR d.a_event_id <> d.event_id)
  -- two parties blaming different doers dispute each other: keep the pair once
  AND NOT (d.a_position = 'blames' AND d.position = 'blames'
           AND d.a_doc_id || '/' || d.a_event_id > d.doc_id || '/' || d.event_id)
  AND CASE WHEN d.a_lo IS NOT NULL AND d.lo IS NOT NULL THEN d.a_lo <= d.hi AND d.lo <= d.a_hi
           ELSE d.a_doc_id = d.doc_id
                OR (d.a_any_lo <= d.published AND d.a_any_hi >= d.published - INTERVAL 365 DAY) END
  AND CASE d.position
        WHEN 'denies' THEN d.via = 'doer' AND (
             (d.a_type = d.type AND d.a_via = 'doer'
              AND (len(d.a_tgt) = 0 OR len(d.tgt) = 0 OR list_has_any(d.a_tgt, d.tgt)))
             OR (d.a_type = 'ACCUSE' AND d.a_via = 'target'))
        -- an accusation is not itself an act someone else could be blamed for
        ELSE d.type <> 'ACCUSE' AND d.a_via = d.via AND d.via IN ('target', 'place')
             AND len(d.a_src) > 0 AND len(d.src) > 0 AND NOT list_has_any(d.a_src, d.src)
      END
"""

# A denial whose claim carries no event ("The group denied any role in the attack") disputes the
# nearest event of an earlier sentence of its document that involves the speaker and that someone
# else asserts. Linking the two is coreference claims.py does not do yet; this is the store's stopgap.
UNATTACHED_DENIALS_SQL = """
WITH denials AS (
    SELECT c.doc_id, c.claim_no, c.content_start, l.entity_id AS speaker
    FROM claims c JOIN actor_links l ON l.doc_id = c.doc_id AND l.actor_id = c.speaker
    WHERE c.stance = 'denies' AND len(c.events) = 0
)
SELECT DISTINCT ON (n.doc_id, n.claim_no)
       p.doc_id AS a_doc, p.event_id AS a_event, n.doc_id AS d_doc, concat('claim:', n.claim_no) AS d_event,
       'denies' AS how, n.speaker AS disputed_by, 'claim' AS evidence
FROM denials n JOIN party p ON p.doc_id = n.doc_id
WHERE p.sentence_end <= n.content_start AND p.span_start >= n.content_start - $window
  AND p.position <> 'denies' AND p.asserter <> n.speaker
  AND (list_contains(p.src, n.speaker) OR list_contains(p.tgt, n.speaker))
ORDER BY n.doc_id, n.claim_no, p.span_start DESC
"""

CONTESTED_SQL = """
WITH ranked AS (
    SELECT *, row_number() OVER (PARTITION BY d_doc, d_event ORDER BY (a_doc = d_doc) DESC, a_doc, a_event) AS rank
    FROM all_pairs
), chosen AS (SELECT * FROM ranked WHERE rank <= $limit)
SELECT DISTINCT unnest(list_filter(list_distinct(a.src || a.tgt || [c.disputed_by]), lambda x: x NOT LIKE 'author:%'))
           AS entity_id,
       a.event_uid, a.type, a.date_start, a.sentence AS asserted_sentence, a.doc_source AS asserted_in,
       a.asserter AS asserted_by, c.how, c.disputed_by,
       coalesce(dp.sentence, cl.content) AS disputed_sentence, dd.source AS disputed_in,
       coalesce(dp.src, []) AS blamed, c.evidence
FROM chosen c
JOIN party a ON a.doc_id = c.a_doc AND a.event_id = c.a_event
JOIN documents dd ON dd.doc_id = c.d_doc
LEFT JOIN party dp ON dp.doc_id = c.d_doc AND dp.event_id = c.d_event
LEFT JOIN claims cl ON c.evidence = 'claim' AND cl.doc_id = c.d_doc AND concat('claim:', cl.claim_no) = c.d_event
"""


def _contested(con) -> pa.Table:
    con.execute(DISPUTES_SQL, {"max_years": MAX_YEARS_SPANNED})
    con.register("unattached", _arrow(con, UNATTACHED_DENIALS_SQL, {"window": DENIAL_WINDOW}))
    con.execute("CREATE OR REPLACE TEMP TABLE all_pairs AS SELECT * FROM pairs UNION ALL SELECT * FROM unattached")
    con.register("contested_raw", _arrow(con, CONTESTED_SQL, {"limit": CANDIDATES_PER_DISPUTE}))
    return _arrow(con, f"""
        WITH blamed AS ({_names_sql("(SELECT DISTINCT blamed FROM contested_raw)", "blamed", "blamed")})
        SELECT c.entity_id, c.event_uid, c.type, c.date_start, c.asserted_sentence, c.asserted_in,
               CASE WHEN c.asserted_by LIKE 'author:%' THEN 'author' ELSE c.asserted_by END AS asserted_by,
               coalesce(ea.name, 'the author') AS asserted_by_name, c.how,
               CASE WHEN c.disputed_by LIKE 'author:%' THEN 'author' ELSE c.disputed_by END AS disputed_by,
               coalesce(ed.name, 'the author') AS disputed_by_name, c.disputed_sentence, c.disputed_in,
               c.blamed, coalesce(b.names, []::VARCHAR[]) AS blamed_names, c.evidence
        FROM contested_raw c
        LEFT JOIN entities ea ON ea.entity_id = c.asserted_by
        LEFT JOIN entities ed ON ed.entity_id = c.disputed_by
        LEFT JOIN blamed b ON b.key = c.blamed
        ORDER BY c.entity_id, c.date_start NULLS LAST, c.event_uid, c.disputed_by, c.disputed_sentence
    """)
