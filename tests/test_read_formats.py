"""Archive and compressed inputs: WARC files built here with warcio, gzipped HTML, directories
mixing formats; broken or truncated input is one error document and the batch goes on."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from backstory.clean import DocumentError, clean
from backstory.read import read_paths

PAGES = Path(__file__).parent / "fixtures" / "pages"
HTML_PAGES = ["wire_reprint.html", "chrome_heavy.html", "teasers_inside.html"]


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def _response(writer: WARCWriter, uri: str, payload: bytes, content_type: str = "text/html; charset=utf-8",
              status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(payload), http_headers=headers))


def _warc(records: list[tuple[str, bytes]], gzipped: bool = True) -> bytes:
    """A WARC of one response per (uri, html), with a request record and an image in between."""
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for index, (uri, html) in enumerate(records):
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", payload=BytesIO(b""), http_headers=request))
        _response(writer, uri, html)
        if index == 0:
            _response(writer, uri + ".jpg", b"\xff\xd8\xff\xe0" + bytes(200), content_type="image/jpeg")
    return buffer.getvalue()


def _pages_warc(gzipped: bool = True) -> bytes:
    return _warc([(f"https://news.example/{name}", _page(name)) for name in HTML_PAGES], gzipped)


def test_warc_responses_become_html_documents(tmp_path):
    for gzipped, suffix in ((True, ".warc.gz"), (False, ".warc")):
        path = tmp_path / ("crawl" + suffix)
        path.write_bytes(_pages_warc(gzipped))
        docs = list(read_paths([str(path)], published="2024-02-12"))
        assert [d.source for d in docs] == [f"https://news.example/{name}" for name in HTML_PAGES]
        assert all(d.error is None and d.html and d.id.startswith("<urn:uuid:") for d in docs)
        assert all(d.published == "2024-02-12" for d in docs)
        assert clean(docs[0]).title == "Suez Canal revenue falls by nearly half as ships avoid Red Sea"


def test_warc_skips_redirects_error_pages_and_takes_resource_records(tmp_path):
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    _response(writer, "https://news.example/moved", b"<html><body>Moved</body></html>", status="301 Moved Permanently")
    _response(writer, "https://news.example/missing", b"<html><body>Not found</body></html>", status="404 Not Found")
    writer.write_record(writer.create_warc_record(
        "https://news.example/saved", "resource", payload=BytesIO(_page("chrome_heavy.html")),
        warc_content_type="text/html"))
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(buffer.getvalue())
    assert [d.source for d in read_paths([str(path)])] == ["https://news.example/saved"]


def test_warc_payload_in_the_http_header_charset(tmp_path):
    html = "<html><body><h1>Café reopens</h1><p>The café on the square reopened on Monday.</p></body></html>"
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    _response(writer, "https://news.example/cafe", html.encode("latin-1"), content_type="text/html; charset=ISO-8859-1")
    path = tmp_path / "latin.warc.gz"
    path.write_bytes(buffer.getvalue())
    (doc,) = read_paths([str(path)])
    assert "Café reopens" in doc.html


def test_truncated_warc_keeps_whole_records_then_one_error(tmp_path):
    data = _pages_warc(gzipped=False)
    for cut, whole in ((len(data) - 200, 2), (len(data) * 2 // 3, None)):
        path = tmp_path / "cut.warc"
        path.write_bytes(data[:cut])
        docs = list(read_paths([str(path)]))
        good, errors = [d for d in docs if not d.error], [d for d in docs if d.error]
        assert len(errors) == 1 and errors[0].error.startswith("truncated WARC record")
        assert docs[-1] is errors[0]
        if whole is not None:
            assert len(good) == whole


def test_truncated_compressed_warc_is_one_error(tmp_path):
    data = _pages_warc(gzipped=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 300])
    docs = list(read_paths([str(path)]))
    assert len([d for d in docs if d.error]) == 1 and docs[-1].error.startswith(("truncated WARC", "broken WARC"))
    assert len(docs) >= 2 and all(d.html for d in docs[:-1])


def test_broken_warc_record_is_one_error_and_the_batch_goes_on(tmp_path):
    data = _pages_warc(gzipped=False)
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.0\r\n", i)]
    second_page = starts[3]  # request, response, image, then the second page's request
    broken = tmp_path / "a_broken.warc"
    broken.write_bytes(data[:second_page] + b"THIS IS NOT A WARC HEADER\r\n\r\n" + data[second_page:])
    after = tmp_path / "b_after.txt"
    after.write_text((PAGES / "wire_dateline.txt").read_text(encoding="utf-8"), encoding="utf-8")
    docs = list(read_paths([str(tmp_path)]))
    assert [bool(d.error) for d in docs] == [False, True, False]
    assert docs[1].error.startswith("broken WARC record") and "\n" not in docs[1].error
    assert docs[2].source.endswith("b_after.txt")


def test_warc_cut_at_any_byte_gives_one_error_at_the_end(tmp_path):
    """warcio returns a cut record without complaint; every cut inside a record is caught."""
    data = _pages_warc(gzipped=False)
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.0\r\n", i)]
    path = tmp_path / "cut.warc"
    for cut in range(1, len(data), 97):
        if any(start - 4 <= cut <= start for start in starts):
            continue  # a file may end after any whole record (with or without its closing blank lines)
        path.write_bytes(data[:cut])
        docs = list(read_paths([str(path)]))
        assert [d for d in docs if d.error] == docs[-1:], f"cut at byte {cut}"


def test_not_a_warc_at_all(tmp_path):
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(gzip.compress(b"just some text, not an archive"))
    (doc,) = read_paths([str(path)])
    assert doc.error and doc.error.startswith("broken WARC record")


def test_gzipped_html_and_a_truncated_one(tmp_path):
    page = _page("teasers_inside.html")
    (tmp_path / "good.html.gz").write_bytes(gzip.compress(page))
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(page)[:-60])
    cut, good = read_paths([str(tmp_path)])
    assert cut.error.startswith("broken gzip data") and "\n" not in cut.error
    assert good.error is None and clean(good).title == "Indonesia approves moving its capital to Borneo"


def test_directory_mixing_every_format(tmp_path):
    (tmp_path / "a.txt").write_text((PAGES / "captions.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.html").write_bytes(_page("figures.html"))
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(_page("json_ld.html")))
    (tmp_path / "d.warc.gz").write_bytes(_pages_warc())
    lines = [json.dumps({"id": "j1", "text": (PAGES / "short_article.txt").read_text(encoding="utf-8")})]
    (tmp_path / "e.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f.htm").write_bytes(_page("short.html"))
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    docs = list(read_paths([str(tmp_path)]))
    assert len(docs) == 1 + 1 + 1 + len(HTML_PAGES) + 1 + 1
    assert all(d.error is None for d in docs)
    articles = [clean(d) for d in docs]
    assert all(a.body and a.language == "en" for a in articles)


def test_a_bad_batch_never_stops_the_good_documents(tmp_path):
    """Every kind of broken input in one directory: each is one error, the good page still comes out."""
    (tmp_path / "1.html.gz").write_bytes(gzip.compress(_page("short.html"))[:30])
    (tmp_path / "2.warc.gz").write_bytes(_pages_warc()[:-100])  # inside the last page
    (tmp_path / "3.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "4.html").write_text("<html><body>" + "<div>" * 10_000 + "</div>" * 10_000 + "</body></html>", encoding="utf-8")
    (tmp_path / "5.html").write_text("<html><head><script>go()</script></head><body><script>x()</script></body></html>",
                                     encoding="utf-8")
    (tmp_path / "6.html").write_bytes(_page("chrome_heavy.html"))
    outcomes = []
    for doc in read_paths([str(tmp_path)]):
        try:
            outcomes.append(("ok", clean(doc).title))
        except DocumentError as error:
            assert str(error) and "\n" not in str(error)
            outcomes.append(("error", str(error)))
    # the cut archive still gives its two whole pages; the last file is a good page
    assert [kind for kind, _ in outcomes].count("ok") == 3
    assert outcomes[-1] == ("ok", "Measles cases in Europe rose 30-fold last year, WHO says")
    reasons = " | ".join(text for kind, text in outcomes if kind == "error")
    for expected in ("broken gzip data", "WARC record", "binary data", "no article text found", "only scripts"):
        assert expected in reasons
