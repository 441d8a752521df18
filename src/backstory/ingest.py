"""Ingest: read → extract → store, streamed in batches, then cross-document resolution.

Documents flow one at a time from ``read_paths`` through ``pipeline.extract`` (which batches
them for ``nlp.pipe`` and forks ``Settings.n_process`` workers); finished articles gather into
store batches of ``batch_docs`` that are converted to Arrow and committed atomically, then
dropped. Memory stays flat however long the input: only the current batch and the set of stored
document ids are held. Documents already in the store are skipped before they are parsed.

The writer's unit is a batch of ``(doc_id, Article)`` pairs: ``store.articles_to_tables`` turns
it into Arrow tables and ``Store.write_batch`` commits them. A Ray Data scale-out keeps that
split: workers run ``extract`` and ``articles_to_tables`` inside ``map_batches`` (keys from
``store.document_key``), and the one writing process commits the tables they return.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from backstory.records import Article, RawDocument
from backstory.settings import Settings
from backstory.store import Store, articles_to_tables, document_key

DEFAULT_BATCH_DOCS = 200


@dataclass
class IngestReport:
    documents: int = 0        # newly stored
    events: int = 0           # in the newly stored documents
    skipped: int = 0          # already in the store (or repeated in the input)
    failed: list[str] = field(default_factory=list)  # one line per failed document
    batches: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


Progress = Callable[[IngestReport], None]


def ingest(paths: Iterable[str], store: Store, settings: Settings = Settings(),
           batch_docs: int = DEFAULT_BATCH_DOCS, on_progress: Progress | None = None,
           on_error: Callable[[str], None] | None = None, resolve: bool = True) -> IngestReport:
    """Extract every new document under ``paths`` into ``store`` and rebuild its cross-document tables."""
    from backstory.pipeline import extract
    from backstory.read import read_paths

    report = IngestReport()
    on_error = on_error or (lambda line: print(line, file=sys.stderr))
    with store.writing():
        keys: deque[str] = deque()
        fresh = _new_documents(read_paths(paths, settings.published), store.stored_document_ids(), keys, report)
        batch: list[tuple[str, Article]] = []
        try:
            for article in extract(fresh, settings, seen=_bodies_met(store)):
                doc_id = keys.popleft()
                if article.errors:
                    line = f"backstory: error: {article.source}: {'; '.join(article.errors)}"
                    report.failed.append(line)
                    on_error(line)
                if article.body:  # a document that could not even be read has nothing to keep
                    batch.append((doc_id, article))
                if len(batch) >= batch_docs:
                    _commit(store, batch, report)
                if on_progress:
                    on_progress(report)
        finally:
            # Articles already extracted are kept even if the run stops on an error.
            _commit(store, batch, report)
        store.compact()
        if resolve and not store.is_resolved():
            from backstory.resolve import resolve as resolve_store

            resolve_store(store)
    if on_progress:
        on_progress(report)
    return report


def _bodies_met(store: Store):
    """The duplicate finder as it stood after the stored documents, so a re-run (or a run carrying
    on after a kill) takes a copy of a stored article for a copy, as one uninterrupted run would."""
    from backstory.dedupe import Deduplicator

    seen = Deduplicator()
    for article_id, body in store.stored_bodies():
        if body:
            seen.original_of(Article(id=article_id, source="", body=body))
    return seen


def _new_documents(raws: Iterable[RawDocument], stored: set[str], keys: deque[str],
                   report: IngestReport) -> Iterator[RawDocument]:
    """The documents not yet stored; each one's key is queued for the article extract yields for it."""
    for raw in raws:
        key = document_key(raw)
        if not raw.error and key in stored:
            report.skipped += 1
            continue
        stored.add(key)  # the same document twice in one input is stored once
        keys.append(key)
        yield raw


def _commit(store: Store, batch: list[tuple[str, Article]], report: IngestReport) -> None:
    if not batch:
        return
    tables = articles_to_tables(batch)
    store.write_batch(tables)
    report.documents += tables["documents"].num_rows
    report.events += tables["events"].num_rows
    report.batches += 1
    batch.clear()
