"""Render HTML pages to plain text the way a browser shows them, chrome and all.

    .venv/bin/python eval/render_text.py [PAGES_DIR]

Writes PAGES_DIR/rendered/NAME.txt and NAME.gold.json for every PAGES_DIR/NAME.html that has a
NAME.gold.json (default: tests/fixtures/pages). The gold is the HTML page's gold updated with
its optional "rendered" object, for header fields the text no longer shows (a date that was
only in a meta tag). These pages test the plain-text classifier on what users actually paste
or scrape: every visible line of the page, menus, cookie banners, sidebars and footers included.

The rendering follows the browser's ``innerText`` rules rather than trafilatura or html2text,
which would already drop chrome: hidden elements (script, style, ``hidden``, display:none) are
skipped; a <p> is set off by a blank line, any other block element (div, li, h1, tr, ...) by a
line break; table cells on one row are separated by a tab; inline text runs together with
collapsed whitespace.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages"
HIDDEN_TAGS = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
               "select", "input", "textarea", "img", "iframe", "object", "video", "audio", "canvas"}
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "pre", "section", "summary", "table", "ul", "tr", "caption",
    "amp-sidebar", "amp-carousel",
}
PARAGRAPH_BREAK, LINE_BREAK = 2, 1
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)


def _is_hidden(element: etree._Element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else "#comment"
    if tag in HIDDEN_TAGS or tag == "#comment":
        return True
    return element.get("hidden") is not None or bool(_DISPLAY_NONE.search(element.get("style") or ""))


class _Writer:
    """Collects text runs and required line breaks; the largest break between two lines wins."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []
        self.run: list[str] = []
        self.pending = 0

    def text(self, text: str | None) -> None:
        if text:
            self.run.append(text)

    def cell_separator(self) -> None:
        self.run.append("\t")

    def brk(self, count: int) -> None:
        cells = "".join(self.run).split("\t")
        line = "\t".join(" ".join(cell.split()) for cell in cells).strip()
        self.run.clear()
        if line:
            self.lines.append((self.pending, line))
            self.pending = 0
        self.pending = max(self.pending, count)

    def result(self) -> str:
        self.brk(0)
        out = []
        for index, (breaks, line) in enumerate(self.lines):
            out.append(("\n" * breaks if index else "") + line)
        return "".join(out) + "\n"


def render(html: str) -> str:
    """The page's visible text, one line per block, paragraphs set off by blank lines."""
    tree = lxml_html.document_fromstring(html.encode("utf-8"))
    root = tree.find("body")
    root = root if root is not None else tree
    writer = _Writer()
    hidden = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if hidden or _is_hidden(element):
                hidden += 1
                continue
            if tag == "br":
                writer.brk(LINE_BREAK)
            elif tag in BLOCK_TAGS or tag == "p":
                writer.brk(PARAGRAPH_BREAK if tag == "p" else LINE_BREAK)
            elif tag in ("td", "th") and element.getprevious() is not None:
                writer.cell_separator()
            writer.text(element.text)
            continue
        if hidden:
            hidden -= 1
            if not hidden and element is not root:
                writer.text(element.tail)
            continue
        if tag in BLOCK_TAGS or tag == "p":
            writer.brk(PARAGRAPH_BREAK if tag == "p" else LINE_BREAK)
        if element is not root:
            writer.text(element.tail)
    return writer.result()


def render_pages(pages_dir: Path) -> list[Path]:
    """Render every HTML page with a gold file into pages_dir/rendered/; the files written."""
    out_dir = pages_dir / "rendered"
    out_dir.mkdir(exist_ok=True)
    written = []
    for page in sorted(pages_dir.glob("*.html")):
        gold_path = page.with_suffix(".gold.json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold.update(gold.pop("rendered", {}))
        text_path = out_dir / (page.stem + ".txt")
        text_path.write_text(render(page.read_text(encoding="utf-8")), encoding="utf-8")
        (out_dir / (page.stem + ".gold.json")).write_text(
            json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(text_path)
    return written


def main(argv: list[str]) -> int:
    pages_dir = Path(argv[0]) if argv else DEFAULT_DIR
    for path in render_pages(pages_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
