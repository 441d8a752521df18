"""Reading inputs: formats, streaming, and bad input turned into per-document errors."""

from __future__ import annotations

import gzip
import json

from backstory.read import read_paths

from conftest import SAMPLES


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article body.", encoding="utf-8")
    (tmp_path / "one.html").write_text("<html><body><p>First.</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    docs = list(read_paths([str(tmp_path)]))
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["two.txt", "one.html"]
    assert docs[0].text and docs[1].html


def test_gzipped_html_and_published_override(tmp_path):
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress("<html><body><p>Café news.</p></body></html>".encode()))
    (doc,) = read_paths([str(page)], published="2024-03-05")
    assert doc.html and "Café" in doc.html and doc.published == "2024-03-05"


def test_jsonl_streams_one_document_per_line(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": f"Body {i}.", "published": "2020-01-01"}) for i in range(3)]
    corpus.write_text("\n".join(lines[:2] + ["{not json", lines[2]]) + "\n", encoding="utf-8")
    docs = read_paths([str(corpus)])
    first = next(docs)  # a generator: nothing beyond the first line has been parsed yet
    assert first.id == "d0" and first.published == "2020-01-01"
    rest = list(docs)
    assert [d.id for d in rest if not d.error] == ["d1", "d2"]
    assert [d.error for d in rest if d.error][0].startswith("invalid JSON")


def test_bad_inputs_become_errors_and_the_batch_goes_on(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 society".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(gzip.compress(b"<html>" + b"x" * 5000)[:40])
    good = sorted(SAMPLES.glob("*.txt"))[0]
    paths = [str(binary), str(latin), str(empty), str(broken), str(tmp_path / "missing.txt"), str(good)]
    docs = list(read_paths(paths))
    errors = [d.error for d in docs]
    assert errors[0] == "binary data, not text or HTML"
    assert errors[1].startswith("not valid UTF-8")
    assert errors[2] == "empty document"
    assert errors[3].startswith("broken gzip data")
    assert errors[4] == "no such file or directory"
    assert errors[5] is None and docs[5].text
