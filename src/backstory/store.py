"""Store: the corpus on disk as Parquet tables, written in atomic Arrow batches, read with DuckDB.

A store is a directory (default ``./backstory-data``)::

    manifest.json                   what is committed: the batches and the current derived tables
    documents/<batch>.parquet       one file per base table per batch (documents, actors, mentions,
    actors/<batch>.parquet          events, claims), all written before the batch is committed
    ...
    derived/<generation>/<t>.parquet  the cross-document tables ``resolve`` rebuilds (entities, ...)
    .lock                           held by the one process writing

Every file is written to a temporary name in its own directory, fsynced and renamed into place;
a batch is committed by atomically replacing ``manifest.json`` with one that lists it. Readers
only ever open files the manifest lists, so a run killed at any instant leaves the store exactly
as of its last commit; the files it left half-written are removed the next time a writer opens
the store. Documents are keyed by a hash of their content (and input id), so a re-run skips the
documents already committed.

``articles_to_tables`` turns a batch of ``(doc_id, Article)`` pairs into Arrow tables and
``Store.write_batch`` commits them: the same two calls serve the CLI and a Ray ``map_batches``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import math
import os
import shutil
import uuid
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from backstory.records import AUTHOR, Article, RawDocument

DEFAULT_STORE = "backstory-data"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1
COMPACT_AFTER = 32          # batches; beyond this a writer merges them so reads stay fast
SORTED_ROW_GROUP = 4_096    # rows; small groups let DuckDB skip most of a sorted table
# Tables a query reads one actor at a time are split into files by a hash of the actor: opening one
# small file (few row groups to prune, small ones to decode) is what keeps a dossier fast at 1M events.
BUCKET_ROWS = 50_000
MAX_BUCKETS = 64
BUCKET_ROW_GROUP = 1_024

_str, _int, _f64, _bool = pa.string(), pa.int32(), pa.float64(), pa.bool_()
_strs = pa.list_(pa.string())

BASE_SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", _str), ("article_id", _str), ("source", _str), ("title", _str), ("byline", _str),
        ("published", _str), ("language", _str), ("dateline", _str), ("body", pa.large_string()),
        ("n_actors", _int), ("n_events", _int), ("errors", _strs), ("notes", _strs), ("duplicate_of", _str),
    ]),
    "actors": pa.schema([
        ("doc_id", _str), ("actor_id", _str), ("name", _str), ("aliases", _strs), ("kind", _str),
        ("country", _str), ("sector", _str), ("wikidata", _str), ("n_mentions", _int),
    ]),
    "mentions": pa.schema([
        ("doc_id", _str), ("actor_id", _str), ("start", _int), ("end", _int), ("text", _str),
    ]),
    "events": pa.schema([
        ("doc_id", _str), ("event_id", _str), ("type", _str), ("mode", _str), ("cameo", _str),
        ("source", _strs), ("target", _strs), ("trigger", _str), ("span_start", _int), ("span_end", _int),
        ("sentence", _str), ("sentence_start", _int), ("sentence_end", _int),
        ("attempted", _bool), ("negated", _bool), ("future", _bool), ("intended", _str),
        ("date_start", _str), ("date_end", _str), ("date_precision", _str), ("date_text", _str),
        ("date_basis", _str), ("place_name", _str), ("place_country", _str), ("place_lat", _f64),
        ("place_lon", _f64), ("place_geonames_id", pa.int64()), ("place_feature", _str),
        ("asserted_by", _str), ("stance", _str), ("confidence", _f64),
    ]),
    "claims": pa.schema([
        ("doc_id", _str), ("claim_no", _int), ("speaker", _str), ("cue", _str), ("stance", _str),
        ("content_start", _int), ("content_end", _int), ("content", _str), ("events", _strs),
    ]),
}


def document_key(raw: RawDocument) -> str:
    """The store's id for a document: a hash of its content and its input id.

    Computed before extraction so a re-run skips stored documents without parsing them; the
    same text under two input ids (two outlets' copies of one wire story) stays two documents.
    """
    digest = hashlib.sha1()
    digest.update((raw.id or "").encode("utf-8"))
    digest.update(b"\0")
    digest.update((raw.text if raw.text is not None else raw.html or "").encode("utf-8"))
    return "d" + digest.hexdigest()[:20]


# ---------------------------------------------------------------------- records → Arrow


def articles_to_tables(batch: Sequence[tuple[str, Article]]) -> dict[str, pa.Table]:
    """One Arrow table per base table for a batch of ``(doc_id, Article)`` pairs."""
    rows: dict[str, list[dict]] = {name: [] for name in BASE_SCHEMAS}
    for doc_id, article in batch:
        rows["documents"].append(_document_row(doc_id, article))
        for actor in article.actors:
            rows["actors"].append({
                "doc_id": doc_id, "actor_id": actor.id, "name": actor.name, "aliases": list(actor.aliases),
                "kind": actor.kind, "country": actor.country, "sector": actor.sector,
                "wikidata": actor.wikidata, "n_mentions": len(actor.mentions),
            })
            rows["mentions"].extend(
                {"doc_id": doc_id, "actor_id": actor.id, "start": start, "end": end,
                 "text": article.body[start:end]}
                for start, end in actor.mentions
            )
        stances = _event_stances(article)
        rows["events"].extend(_event_row(doc_id, event, stances.get(event.id, "asserts"))
                              for event in article.events)
        rows["claims"].extend(
            {"doc_id": doc_id, "claim_no": number, "speaker": claim.speaker, "cue": claim.cue,
             "stance": claim.stance, "content_start": claim.content[0], "content_end": claim.content[1],
             "content": article.body[claim.content[0]:claim.content[1]], "events": list(claim.events)}
            for number, claim in enumerate(article.claims)
        )
    return {name: pa.Table.from_pylist(rows[name], schema=schema) for name, schema in BASE_SCHEMAS.items()}


def _document_row(doc_id: str, article: Article) -> dict:
    return {
        "doc_id": doc_id, "article_id": article.id, "source": article.source, "title": article.title,
        "byline": article.byline, "published": article.published, "language": article.language,
        "dateline": article.dateline, "body": article.body, "n_actors": len(article.actors),
        "n_events": len(article.events), "errors": list(article.errors), "notes": list(article.notes),
        "duplicate_of": article.duplicate_of,
    }


def _event_stances(article: Article) -> dict[str, str]:
    """Each event's stance from the claim that carries it (innermost claims come first)."""
    stances: dict[str, str] = {}
    for claim in article.claims:
        for event_id in claim.events:
            stances.setdefault(event_id, claim.stance)
    return stances


def _event_row(doc_id: str, event, stance: str) -> dict:
    place = event.place
    return {
        "doc_id": doc_id, "event_id": event.id, "type": event.type, "mode": event.mode, "cameo": event.cameo,
        "source": list(event.source), "target": list(event.target), "trigger": event.trigger,
        "span_start": event.span[0], "span_end": event.span[1], "sentence": event.sentence,
        "sentence_start": event.sentence_span[0], "sentence_end": event.sentence_span[1],
        "attempted": event.attempted, "negated": event.negated, "future": event.future,
        "intended": event.intended, "date_start": event.date.start, "date_end": event.date.end,
        "date_precision": event.date.precision, "date_text": event.date.text, "date_basis": event.date.basis,
        "place_name": place.name if place else None, "place_country": place.country if place else None,
        "place_lat": place.lat if place else None, "place_lon": place.lon if place else None,
        "place_geonames_id": place.geonames_id if place else None, "place_feature": place.feature if place else None,
        "asserted_by": event.asserted_by or AUTHOR, "stance": stance, "confidence": event.confidence,
    }


# ---------------------------------------------------------------------- files


def write_parquet_atomically(table: pa.Table, path: Path, row_group_size: int | None = None) -> None:
    """Temp file in the same directory, fsync, rename: the file is whole or absent."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp, compression="zstd", row_group_size=row_group_size)
    _fsync(tmp)
    os.replace(tmp, path)
    _fsync(path.parent)


def _write_text_atomically(text: str, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync(path.parent)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class StoreMissing(Exception):
    pass


class Store:
    """A store directory: its manifest, its committed files, and DuckDB views over them."""

    def __init__(self, root: str | Path = DEFAULT_STORE):
        self.root = Path(root)

    # ------------------------------------------------------------------ manifest

    @property
    def exists(self) -> bool:
        return (self.root / MANIFEST).is_file()

    def manifest(self) -> dict:
        try:
            return json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"format": FORMAT_VERSION, "generation": 0, "batches": [], "derived": None}

    def _commit(self, manifest: dict) -> None:
        _write_text_atomically(json.dumps(manifest, indent=1), self.root / MANIFEST)

    @property
    def generation(self) -> int:
        """Bumped by every commit that adds documents; derived tables record the one they saw."""
        return self.manifest()["generation"]

    def is_resolved(self) -> bool:
        derived = self.manifest().get("derived")
        return bool(derived) and derived["generation"] == self.generation

    def counts(self) -> dict[str, int]:
        batches = self.manifest()["batches"]
        return {"documents": sum(b["documents"] for b in batches), "events": sum(b["events"] for b in batches)}

    # ------------------------------------------------------------------ writing

    @contextmanager
    def writing(self) -> Iterator["Store"]:
        """Hold the store's write lock; clear what a killed writer left behind."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise RuntimeError(f"another backstory process is writing to {self.root}") from None
            if not self.exists:
                self._commit(self.manifest())
            self._remove_uncommitted()
            try:
                yield self
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def write_batch(self, tables: dict[str, pa.Table]) -> str:
        """Commit one batch of base tables (from ``articles_to_tables``); returns its batch id."""
        manifest = self.manifest()
        batch_id = f"{len(manifest['batches']) + 1:06d}-{uuid.uuid4().hex[:8]}"
        for name in BASE_SCHEMAS:
            folder = self.root / name
            folder.mkdir(exist_ok=True)
            write_parquet_atomically(tables[name], folder / f"{batch_id}.parquet")
        manifest["batches"].append({"id": batch_id, "documents": tables["documents"].num_rows,
                                    "events": tables["events"].num_rows})
        manifest["generation"] += 1
        self._commit(manifest)
        return batch_id

    def write_derived(self, tables: dict[str, pa.Table], generation: int, sorted_tables: Iterable[str] = (),
                      keyed: dict[str, str] | None = None) -> None:
        """Replace the derived tables as a whole: a new directory, renamed in, then committed.

        ``keyed`` maps a table to the column its point queries filter on; such a table is
        written as bucket files by a hash of that column (see ``bucket_of``)."""
        keyed = keyed or {}
        derived_root = self.root / "derived"
        derived_root.mkdir(exist_ok=True)
        name = f"{generation:06d}-{uuid.uuid4().hex[:8]}"
        tmp = derived_root / f".{name}.tmp"
        tmp.mkdir()
        buckets = {}
        for table_name, table in tables.items():
            if table_name in keyed:
                buckets[table_name] = _write_buckets(table, keyed[table_name], tmp / table_name)
            else:
                write_parquet_atomically(table, tmp / f"{table_name}.parquet",
                                         SORTED_ROW_GROUP if table_name in set(sorted_tables) else None)
        os.replace(tmp, derived_root / name)
        _fsync(derived_root)
        manifest = self.manifest()
        manifest["derived"] = {"dir": name, "generation": generation, "tables": sorted(tables), "buckets": buckets}
        self._commit(manifest)
        self._remove_uncommitted()

    def compact(self) -> bool:
        """Merge all batches into one file per table once there are many, so reads open few files."""
        manifest = self.manifest()
        if len(manifest["batches"]) <= COMPACT_AFTER:
            return False
        batch_id = f"{len(manifest['batches']) + 1:06d}-{uuid.uuid4().hex[:8]}-compact"
        for name, schema in BASE_SCHEMAS.items():
            target = self.root / name / f"{batch_id}.parquet"
            tmp = target.with_name(f".{target.name}.tmp")
            # Streamed batch by batch, so compaction needs no more memory than one batch file.
            with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
                for path in self.files(name):
                    for record_batch in pq.ParquetFile(path).iter_batches():
                        writer.write_batch(record_batch)
            _fsync(tmp)
            os.replace(tmp, target)
        _fsync(self.root)
        manifest["batches"] = [{"id": batch_id,
                                "documents": sum(b["documents"] for b in manifest["batches"]),
                                "events": sum(b["events"] for b in manifest["batches"])}]
        self._commit(manifest)
        self._remove_uncommitted()
        return True

    def _remove_uncommitted(self) -> None:
        """Delete files no committed manifest lists: leftovers of killed or superseded writes."""
        manifest = self.manifest()
        committed = {f"{b['id']}.parquet" for b in manifest["batches"]}
        for name in BASE_SCHEMAS:
            folder = self.root / name
            for path in folder.glob("*") if folder.is_dir() else ():
                if path.name not in committed:
                    path.unlink(missing_ok=True)
        derived_root = self.root / "derived"
        current = (manifest.get("derived") or {}).get("dir")
        for path in derived_root.glob("*") if derived_root.is_dir() else ():
            if path.name != current:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        for path in self.root.glob(f".{MANIFEST}.*.tmp"):
            path.unlink(missing_ok=True)

    # ------------------------------------------------------------------ reading

    def files(self, table: str) -> list[Path]:
        if table in BASE_SCHEMAS:
            return [self.root / table / f"{b['id']}.parquet" for b in self.manifest()["batches"]]
        derived = self.manifest().get("derived")
        if not derived or table not in derived["tables"]:
            return []
        folder = self.root / "derived" / derived["dir"]
        buckets = derived.get("buckets", {}).get(table)
        if buckets:
            return [folder / table / f"b{n:02d}.parquet" for n in range(buckets)]
        return [folder / f"{table}.parquet"]

    def keyed_file(self, table: str, key: str) -> Path:
        """The one file of a bucketed derived table that holds ``key``'s rows."""
        derived = self.manifest()["derived"]
        buckets = derived["buckets"][table]
        return self.root / "derived" / derived["dir"] / table / f"b{bucket_of(key, buckets):02d}.parquet"

    def stored_bodies(self) -> Iterator[tuple[str, str]]:
        """(article id, body) of every stored document in the order they were committed, streamed."""
        for path in self.files("documents"):
            for batch in pq.ParquetFile(path).iter_batches(columns=["article_id", "body"]):
                yield from zip(batch.column(0).to_pylist(), batch.column(1).to_pylist())

    def stored_document_ids(self) -> set[str]:
        files = self.files("documents")
        if not files:
            return set()
        return set(pq.read_table(files, columns=["doc_id"]).column("doc_id").to_pylist())

    def connect(self, derived: bool = True) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with one view per table over the committed files."""
        if not self.exists:
            raise StoreMissing(f"no store at {self.root} (run `backstory ingest` first)")
        con = duckdb.connect()
        # Footers are read once per process rather than once per query: repeated queries of a
        # session (the dossier runs several) then cost only the row groups they touch.
        con.execute("SET parquet_metadata_cache = true")
        con.execute("SET enable_progress_bar = false")
        for name, schema in BASE_SCHEMAS.items():
            _create_view(con, name, self.files(name), schema)
        if derived:
            for name in (self.manifest().get("derived") or {}).get("tables", []):
                _create_view(con, name, self.files(name), None)
        return con


def bucket_of(key: str, buckets: int) -> int:
    """A bucket that does not change between processes (``hash()`` of a str does)."""
    return zlib.crc32(key.encode("utf-8")) % buckets


def _write_buckets(table: pa.Table, column: str, folder: Path) -> int:
    """Split a table sorted by ``column`` into bucket files (keeping its order); returns how many."""
    buckets = max(1, min(MAX_BUCKETS, math.ceil(table.num_rows / BUCKET_ROWS)))
    folder.mkdir()
    keys = table.column(column).to_pylist()
    bucket_of_key = {key: bucket_of(key, buckets) for key in set(keys)}
    rows = pa.array([bucket_of_key[key] for key in keys], pa.int32())
    for n in range(buckets):
        part = table.filter(pc.equal(rows, n))
        write_parquet_atomically(part, folder / f"b{n:02d}.parquet", BUCKET_ROW_GROUP)
    return buckets


def _create_view(con: duckdb.DuckDBPyConnection, name: str, files: list[Path], schema: pa.Schema | None) -> None:
    if files:
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        con.execute(f'CREATE OR REPLACE VIEW "{name}" AS SELECT * FROM read_parquet([{listed}])')
    elif schema is not None:
        con.register(f"_empty_{name}", schema.empty_table())
        con.execute(f'CREATE OR REPLACE VIEW "{name}" AS SELECT * FROM "_empty_{name}"')
