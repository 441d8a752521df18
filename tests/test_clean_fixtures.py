"""The clean stage against the gold pages in tests/fixtures/pages and the shared seed article."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from backstory.clean import clean
from backstory.clean.blocks import split_blocks
from backstory.clean.html import parse_html, visible_blocks
from backstory.clean.score import token_prf
from backstory.records import RawDocument

PAGES = Path(__file__).parent / "fixtures" / "pages"
RENDERED = PAGES / "rendered"  # the HTML pages as a browser shows them in text, chrome and all (eval/render_text.py)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "000_984ed68fecf4170e.txt"
TEASER_KINDS = {"teaser", "related", "most-read"}


def _pages() -> list[Path]:
    return sorted(p for folder in (PAGES, RENDERED) for p in folder.iterdir() if p.suffix in (".txt", ".html"))


def _page_id(page: Path) -> str:
    return f"{page.parent.name}/{page.name}" if page.parent == RENDERED else page.name


def _raw(page: Path) -> RawDocument:
    content = page.read_text(encoding="utf-8")
    if page.suffix == ".html":
        return RawDocument(source=str(page), html=content)
    return RawDocument(source=str(page), text=content)


def _page_blocks(page: Path) -> list[str]:
    content = page.read_text(encoding="utf-8")
    if page.suffix == ".html":
        return [b.text for b in visible_blocks(parse_html(content)[0])]
    return [b.text for b in split_blocks(content)]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_there_are_enough_fixture_pages():
    pages = _pages()
    assert sum(p.suffix == ".txt" and p.parent == PAGES for p in pages) >= 20
    assert sum(p.suffix == ".html" for p in pages) >= 20
    assert {p.stem for p in pages if p.parent == RENDERED} == {p.stem for p in pages if p.suffix == ".html"}
    assert all(p.with_suffix(".gold.json").exists() for p in pages)


@pytest.mark.parametrize("page", _pages(), ids=_page_id)
def test_fixture_body_and_header(page: Path):
    gold = json.loads(page.with_suffix(".gold.json").read_text(encoding="utf-8"))
    article = clean(_raw(page))
    assert token_prf(article.body, gold["body"]).f1 >= 0.95
    assert (article.title, article.byline, article.published) == (gold["title"], gold["byline"], gold["published"])
    assert article.dateline == gold.get("dateline")
    assert article.language == "en"
    assert "\n\n\n" not in article.body and article.body == article.body.strip()


@pytest.mark.parametrize("page", _pages(), ids=_page_id)
def test_fixture_chrome_is_dropped(page: Path):
    """Every page block outside the gold body stays out of the body; on rendered pages (where
    a few site-specific lines still get through, see eval/extraction.py) every teaser does."""
    gold_body = _flat(json.loads(page.with_suffix(".gold.json").read_text(encoding="utf-8"))["body"])
    body = _flat(clean(_raw(page)).body)
    for block in _page_blocks(page):
        text = _flat(block)
        teaser = text.endswith(("...", "…"))
        if len(text.split()) >= 4 and text not in gold_body and (teaser or page.parent != RENDERED):
            assert text not in body, f"chrome kept in body: {text[:60]!r}"


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip("shared seed article not available")
    return SEED.read_text(encoding="utf-8")


def _seed_blocks(seed: str) -> list[str]:
    return [_flat(chunk) for chunk in re.split(r"\n\s*\n", seed) if chunk.strip()]


def test_seed_title_and_bare_name_byline(seed: str):
    article = clean(RawDocument(source=str(SEED), text=seed))
    blocks = _seed_blocks(seed)
    assert article.title == blocks[0]
    assert article.byline == blocks[1]           # the bare name on the third line
    assert article.language == "en"
    assert [b.kind for b in article.boilerplate[:2]] == ["title", "byline"]


def test_seed_body_ends_at_the_mossad_paragraph_and_teasers_go(seed: str):
    article = clean(RawDocument(source=str(SEED), text=seed))
    blocks = _seed_blocks(seed)
    paragraphs = article.body.split("\n\n")
    assert "Mossad" in paragraphs[-1]
    last = next(i for i, block in enumerate(blocks) if block == _flat(paragraphs[-1]))
    after = blocks[last + 1:]
    assert len(after) > 10                        # the "New Articles" and "Most viewed" lists
    removed = [b for b in article.boilerplate if b.kind in TEASER_KINDS]
    assert [_flat(b.text) for b in removed] == after
    assert not any(p.rstrip().endswith(("...", "…")) for p in paragraphs)
    # every block between the byline and the Mossad paragraph is body
    assert [_flat(p) for p in paragraphs] == blocks[2:last + 1]


def test_seed_keeps_the_in_body_heading(seed: str):
    article = clean(RawDocument(source=str(SEED), text=seed))
    heading = next(b for b in _seed_blocks(seed) if "pre-revolution" in b and not b.endswith("."))
    assert heading in article.body.split("\n\n")
