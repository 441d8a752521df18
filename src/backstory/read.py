"""Read: files, directories, JSONL corpora, WARC archives and stdin into RawDocuments.

Everything streams: a directory is walked lazily, a JSONL file is read a line at a time and a
WARC file a record at a time, so a 10,000-document input runs in constant memory. A document
that cannot be read becomes a RawDocument with ``error`` set, so the batch goes on.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from backstory.records import RawDocument

TEXT_SUFFIXES = (".txt", ".text", ".txt.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
MAX_FILE_BYTES = 256 * 1024 * 1024    # one document's file; JSONL and WARC files are streamed, any size
MAX_RECORD_BYTES = 64 * 1024 * 1024   # one WARC record's payload
CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
HEADER_CHARSET = re.compile(r"""charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def read_paths(paths: Iterable[str], published: str | None = None) -> Iterator[RawDocument]:
    """Every document under ``paths`` ("-" is stdin), in the order given; directories sorted."""
    for name in paths:
        if name == "-":
            yield _with_published(_document_from_bytes("-", sys.stdin.buffer.read()), published)
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p) in SUPPORTED):
                yield from _read_file(child, published)
        elif path.exists():
            yield from _read_file(path, published)
        else:
            yield RawDocument(source=name, error="no such file or directory")


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    joined = "".join(suffixes)
    return joined if joined in SUPPORTED else (suffixes[-1] if suffixes else "")


def _with_published(raw: RawDocument, published: str | None) -> RawDocument:
    if published:
        raw.published = published
    return raw


def _read_file(path: Path, published: str | None) -> Iterator[RawDocument]:
    source = str(path)
    suffix = _suffix(path)
    try:
        streamed = suffix in JSONL_SUFFIXES or suffix in WARC_SUFFIXES
        if not streamed and path.stat().st_size > MAX_FILE_BYTES:
            yield RawDocument(source=source, error=f"file too large: {path.stat().st_size:,} bytes")
            return
        if suffix in JSONL_SUFFIXES:
            yield from (_with_published(doc, published) for doc in _read_jsonl(path))
        elif suffix in WARC_SUFFIXES:
            yield from (_with_published(doc, published) for doc in _read_warc(path))
        else:
            data = path.read_bytes()
            yield _with_published(_document_from_bytes(source, data, html=suffix in HTML_SUFFIXES or None), published)
    except OSError as error:
        yield RawDocument(source=source, error=f"cannot read: {error.strerror or error}")


def _document_from_bytes(source: str, data: bytes, html: bool | None = None, charset: str | None = None) -> RawDocument:
    """Decode one document's bytes: gunzip, refuse binary, decode UTF-8, else ``charset`` (an HTTP
    header's) or an HTML page's own declared charset."""
    try:
        data = _gunzip(data)
    except (OSError, EOFError, zlib.error) as error:
        return RawDocument(source=source, error=f"broken gzip data: {error}")
    if not data.strip():
        return RawDocument(source=source, error="empty document")
    if _is_binary(data):
        return RawDocument(source=source, error="binary data, not text or HTML")
    if html is None:
        html = _looks_like_html(data)
    try:
        text = _decode(data, html, charset)
    except UnicodeDecodeError as error:
        return RawDocument(
            source=source, error=f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        )
    return RawDocument(source=source, html=text) if html else RawDocument(source=source, text=text)


def _gunzip(data: bytes) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def _is_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > len(head) * 0.05


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:65536].lower()


def _decode(data: bytes, html: bool, charset: str | None = None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = CHARSET.search(data[:4096]) if html else None
        for name in (charset, declared.group(1).decode("ascii") if declared else None):
            if name:
                try:
                    return data.decode(name)
                except (LookupError, UnicodeDecodeError):
                    pass
        raise


def _read_jsonl(path: Path) -> Iterator[RawDocument]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="strict") as handle:
        line_number = 0
        while True:
            line_number += 1
            try:
                line = handle.readline()
            except UnicodeDecodeError:
                yield RawDocument(source=f"{path}:{line_number}", error="not valid UTF-8")
                return
            if not line:
                return
            if line.strip():
                yield _document_from_json(f"{path}:{line_number}", line)


def _document_from_json(source: str, line: str) -> RawDocument:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return RawDocument(source=source, error=f"invalid JSON: {error.msg} at column {error.colno}")
    if not isinstance(record, dict):
        return RawDocument(source=source, error="a JSONL line must be an object")
    text, html = record.get("text"), record.get("html")
    doc_id = record.get("id")
    raw = RawDocument(
        source=str(record.get("source") or source),
        id=str(doc_id) if doc_id is not None else None,
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) else None,
        published=record.get("published") if isinstance(record.get("published"), str) else None,
    )
    if raw.text is None and raw.html is None:
        raw.error = 'no "text" or "html" field'
    elif not (raw.text or raw.html or "").strip():
        raw.error = "empty document"
    return raw


def _read_warc(path: Path) -> Iterator[RawDocument]:
    """HTML pages from a WARC archive: 2xx "response" records and "resource" records whose
    content type is HTML; other records (requests, metadata, images, redirects) are skipped.

    warcio reads a truncated file without complaint (a record cut short comes back shorter,
    a record whose header is cut is dropped), so both are checked here. A record that cannot
    be read becomes one error document and ends the file, since nothing after it can be
    trusted to start where the archive says; the rest of the batch goes on.
    """
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        number, record = 0, None
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as error:  # warcio raises several unrelated types on corrupt input
                yield RawDocument(source=f"{path}#{number + 1}", error=f"broken WARC record: {_first_line(error)}")
                return
            number += 1
            if record.format != "warc":  # warcio reads any other text as a legacy ARC record
                yield RawDocument(source=f"{path}#{number}", error="broken WARC record: not a WARC record header")
                return
            if record.rec_type is None or not record.rec_headers.get_header("Content-Length"):
                yield RawDocument(source=f"{path}#{number}", error="truncated WARC record: the file ends inside its header")
                return
            raw = _warc_document(path, number, record)
            if raw is not None:
                yield raw
                if raw.error:
                    return
        if record is not None and getattr(record.raw_stream, "limit", 0) > 0:  # a skipped record, cut short
            yield RawDocument(source=f"{path}#{number}", error="truncated WARC record: the file ends inside the last record")
        elif _has_leftover(handle, records.offset):
            yield RawDocument(source=f"{path}#{number + 1}",
                              error=f"truncated WARC record: the file ends inside the record at byte {records.offset:,}")


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _warc_document(path: Path, number: int, record) -> RawDocument | None:
    """The HTML page of one WARC record, an error document for a record that cannot be read,
    or None for a record that is not a page."""
    content_type = _warc_content_type(record)
    if content_type is None or "html" not in content_type.lower():
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{number}"
    try:
        data = record.content_stream().read(MAX_RECORD_BYTES + 1)
    except Exception as error:  # a payload whose chunked or gzip encoding is cut or corrupt
        return RawDocument(source=uri, error=f"broken WARC record: {_first_line(error)}")
    if len(data) > MAX_RECORD_BYTES:
        return RawDocument(source=uri, error=f"WARC record too large: over {MAX_RECORD_BYTES:,} bytes")
    if getattr(record.raw_stream, "limit", 0) > 0:
        return RawDocument(source=uri, error=f"truncated WARC record: the file ends {record.raw_stream.limit:,} bytes "
                                             f"before the end of the record")
    charset = HEADER_CHARSET.search(content_type)
    raw = _document_from_bytes(uri, data, html=True, charset=charset.group(1) if charset else None)
    raw.id = record.rec_headers.get_header("WARC-Record-ID")
    return raw


def _warc_content_type(record) -> str | None:
    """The payload's content type for a page-bearing record (2xx response or resource), else None."""
    if record.rec_type == "response" and record.http_headers is not None:
        if not (record.http_headers.get_statuscode() or "").startswith("2"):
            return None  # redirects and error pages are not articles
        return record.http_headers.get_header("Content-Type") or ""
    if record.rec_type == "resource":
        return record.rec_headers.get_header("Content-Type") or ""
    return None


def _has_leftover(handle, offset: int) -> bool:
    """Whether the file holds more than blank lines after the last complete record."""
    handle.seek(offset)
    return bool(handle.read(1024).strip())
