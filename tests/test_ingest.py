"""Ingest: documents into the store, re-runs that skip what is stored, failures that stop nothing,
and a run killed with SIGKILL that, run again, ends exactly where an uninterrupted run does."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backstory.cli import main
from backstory.ingest import ingest
from backstory.store import BASE_SCHEMAS, Store

from conftest import REPO, SAMPLES

KILL_CORPUS_DOCS = 240
DERIVED_COMPARED = ("entities", "actor_links", "merges", "event_groups", "event_sources", "entity_events", "contested")


@pytest.fixture(scope="module")
def sample_files() -> list[str]:
    return [str(p) for p in sorted(SAMPLES.glob("*.txt"))[:3]]


def test_ingest_stores_every_document_and_a_rerun_skips_them(tmp_path, sample_files, resources):
    store = Store(tmp_path / "store")
    first = ingest(sample_files, store)
    assert first.ok and first.documents == 3 and first.events > 0 and first.skipped == 0
    assert store.counts() == {"documents": 3, "events": first.events}
    assert store.is_resolved()
    again = ingest(sample_files + sample_files, store)
    assert (again.documents, again.skipped) == (0, 6)
    assert store.counts()["documents"] == 3


def test_a_later_run_knows_a_copy_of_a_stored_article(tmp_path, sample_files, resources):
    store = Store(tmp_path / "store")
    ingest(sample_files[:1], store)
    copy = tmp_path / "copy.jsonl"
    copy.write_text(json.dumps({"id": "syndicated", "text": Path(sample_files[0]).read_text(encoding="utf-8")}) + "\n",
                    encoding="utf-8")
    report = ingest([str(copy)], store)
    assert report.ok and report.documents == 1 and report.events == 0
    (original, duplicate_of), = store.connect().execute(
        "SELECT (SELECT article_id FROM documents WHERE duplicate_of IS NULL), duplicate_of FROM documents "
        "WHERE article_id = 'syndicated'").fetchall()
    assert duplicate_of == original
    # the copy is one more source of each of its original's events
    con = store.connect()
    stored = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert con.execute("SELECT count(*) FROM event_sources WHERE copy_of IS NOT NULL").fetchone()[0] == stored
    assert con.execute("SELECT min(n_reports) FROM event_groups").fetchone()[0] == 2


def test_failed_documents_are_named_and_the_rest_is_stored(tmp_path, sample_files, capsys, resources):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (corpus / "empty.txt").write_text("")
    (corpus / "good.txt").write_text(Path(sample_files[0]).read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["ingest", str(corpus), "--store", str(tmp_path / "store")])
    assert code == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("backstory: error:")]
    assert [line.split(": ")[2] for line in errors] == [str(corpus / "binary.txt"), str(corpus / "empty.txt")]
    assert Store(tmp_path / "store").counts()["documents"] == 1


def test_query_commands_refuse_a_missing_store(tmp_path, capsys):
    assert main(["actors", "--store", str(tmp_path / "none")]) == 2
    assert "no store" in capsys.readouterr().err


def _kill_corpus(path: Path) -> Path:
    """A few hundred short documents made from pairs of the samples' paragraphs, one JSONL line
    each; every tenth repeats an earlier one under its own id (a copy the run must recognise)."""
    from backstory.clean import DocumentError, clean
    from backstory.records import RawDocument

    paragraphs = [p.strip() for f in sorted(SAMPLES.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")
                  if len(p.split()) >= 20]
    texts = []
    for step in (1, 2, 3):
        for first, second in zip(paragraphs, paragraphs[step:]):
            try:  # keep only what the cleaner takes for an article, so every document succeeds
                clean(RawDocument(source="x", text=f"{first}\n\n{second}"))
            except DocumentError:
                continue
            texts.append(f"{first}\n\n{second}")
    documents = []
    for n in range(KILL_CORPUS_DOCS):
        text = documents[n - 7]["text"] if n % 10 == 9 else texts[len(documents) - n // 10]
        documents.append({"id": f"doc-{n}", "text": text, "published": f"2024-{n % 12 + 1:02d}-15"})
    path.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    return path


def _ingest_command(corpus: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "backstory.cli", "ingest", str(corpus), "--store", str(store), "--batch", "8"]


def _snapshot(store: Store) -> dict[str, list]:
    con = store.connect()
    tables = {}
    for name in (*BASE_SCHEMAS, *DERIVED_COMPARED):
        columns = [c[0] for c in con.execute(f'SELECT * FROM "{name}" LIMIT 0').description]
        order = ", ".join(str(i + 1) for i in range(len(columns)))
        tables[name] = con.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
    return tables


def test_a_killed_ingest_run_again_equals_an_uninterrupted_run(tmp_path, resources):
    corpus = _kill_corpus(tmp_path / "corpus.jsonl")
    killed = Store(tmp_path / "killed")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(_ingest_command(corpus, killed.root), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 120
        while len(killed.manifest()["batches"]) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    stored = killed.counts()["documents"]
    assert 0 < stored < KILL_CORPUS_DOCS, "the run should have been killed mid-way"
    assert len(killed.stored_document_ids()) == stored  # what the manifest lists is all there

    resumed = subprocess.run(_ingest_command(corpus, killed.root), capture_output=True, text=True, env=env)
    assert resumed.returncode == 0, resumed.stderr

    whole = Store(tmp_path / "whole")
    report = ingest([str(corpus)], whole, batch_docs=8)
    assert report.ok and report.documents == KILL_CORPUS_DOCS
    assert killed.counts() == whole.counts()
    assert _snapshot(killed) == _snapshot(whole)
    copies = "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL AND n_events = 0"
    assert killed.connect().execute(copies).fetchone()[0] >= KILL_CORPUS_DOCS // 10
