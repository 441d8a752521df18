"""Score the clean stage's body extraction against gold bodies.

    .venv/bin/python eval/extraction.py [DIR_OR_PAGE ...] [--show-errors]

Each page is NAME.txt or NAME.html beside NAME.gold.json = {"title", "byline", "published",
"body"} (optionally "dateline"). With no argument, tests/fixtures/pages is scored together with
its rendered/ folder (the HTML pages rendered to plain text with all their chrome by
eval/render_text.py), which is reported as its own format, "rendered".

Per page: token precision/recall/F1 of the body (backstory.clean.score.token_prf, the same
function the tests use) and, for HTML, trafilatura alone (default settings without comments). Per
format: mean P/R/F1, the smallest F1, how many pages reach F1 0.95, how many teasers (page
blocks outside the gold body that trail off in "...") were kept in a body, and title, byline,
published and dateline accuracy (exact match, None == None); for HTML also the accuracy of
trafilatura's own title, author and date on the same pages.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

import trafilatura

from backstory.clean import DocumentError, clean
from backstory.clean.blocks import split_blocks
from backstory.clean.html import parse_html, visible_blocks
from backstory.clean.score import Score, token_prf
from backstory.records import Article, RawDocument

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages"
FIELDS = ("title", "byline", "published", "dateline")
TRAFILATURA_FIELDS = {"title": "title", "byline": "author", "published": "date"}
TARGET_F1 = 0.95


@dataclass
class PageResult:
    name: str
    fmt: str
    ours: Score
    baseline: Score | None
    fields: dict[str, bool]
    baseline_fields: dict[str, bool]
    teasers_kept: list[str]
    article: Article | None
    gold: dict


def find_pages(paths: list[Path]) -> list[Path]:
    pages: list[Path] = []
    for path in paths:
        candidates = sorted(path.iterdir()) if path.is_dir() else [path]
        pages += [p for p in candidates if p.suffix in (".txt", ".html") and p.with_suffix(".gold.json").exists()]
    return pages


def page_format(page: Path) -> str:
    return "rendered" if page.parent.name == "rendered" else page.suffix[1:]


def _flat(text: str) -> str:
    return " ".join(text.split())


def teasers_kept(content: str, is_html: bool, body: str, gold_body: str) -> list[str]:
    """Page blocks that trail off in "..." (teaser blurbs), are not article text, and were kept."""
    blocks = [b.text for b in visible_blocks(parse_html(content)[0])] if is_html else [b.text for b in split_blocks(content)]
    body, gold_body = _flat(body), _flat(gold_body)
    return [b for b in blocks if b.rstrip().endswith(("...", "…")) and _flat(b) not in gold_body and _flat(b) in body]


def trafilatura_alone(html: str) -> tuple[str, dict[str, str | None]]:
    """trafilatura's body (default settings but comments left out, as an article extractor would
    be called) and its title, author and date for the same page."""
    body = trafilatura.extract(html, include_comments=False) or ""
    document = trafilatura.bare_extraction(html, with_metadata=True)
    meta = {"title": None, "author": None, "date": None}
    if document is not None:
        meta = {"title": document.title, "author": document.author, "date": document.date}
    if meta["author"]:
        meta["author"] = " and ".join(name.strip() for name in meta["author"].split(";"))
    return body, meta


def score_page(page: Path) -> PageResult:
    gold = json.loads(page.with_suffix(".gold.json").read_text(encoding="utf-8"))
    content = page.read_text(encoding="utf-8")
    is_html = page.suffix == ".html"
    raw = RawDocument(source=str(page), html=content) if is_html else RawDocument(source=str(page), text=content)
    try:
        article: Article | None = clean(raw)
    except DocumentError:
        article = None
    body = article.body if article else ""
    fields = {f: getattr(article, f, None) == gold.get(f) for f in FIELDS if f in gold}
    baseline, baseline_fields = None, {}
    if is_html:
        baseline_body, meta = trafilatura_alone(content)
        baseline = token_prf(baseline_body, gold["body"])
        baseline_fields = {f: meta[key] == gold.get(f) for f, key in TRAFILATURA_FIELDS.items() if f in gold}
    return PageResult(page.stem, page_format(page), token_prf(body, gold["body"]), baseline, fields, baseline_fields,
                      teasers_kept(content, is_html, body, gold["body"]), article, gold)


def _fmt(score: Score | None) -> str:
    return "      -            " if score is None else f"{score.precision:.3f} {score.recall:.3f} {score.f1:.3f}"


def _accuracy(results: list[PageResult], field: str, baseline: bool = False) -> str:
    scored = [(r.baseline_fields if baseline else r.fields)[field] for r in results
              if field in (r.baseline_fields if baseline else r.fields)]
    return f"{sum(scored)}/{len(scored)}" if scored else "-"


def report(results: list[PageResult], show_errors: bool) -> None:
    print(f"{'page':28} {'fmt':8} {'ours P     R     F1':19}  {'trafilatura P R F1':19}  fields")
    for r in results:
        wrong = [f for f, ok in r.fields.items() if not ok]
        status = "ok" if not wrong else "wrong: " + ",".join(wrong)
        if r.teasers_kept:
            status += f"; {len(r.teasers_kept)} teaser(s) kept"
        print(f"{r.name:28} {r.fmt:8} {_fmt(r.ours)}  {_fmt(r.baseline)}  {status}")
        if show_errors and wrong and r.article:
            for f in wrong:
                print(f"    {f}: got {getattr(r.article, f)!r}, gold {r.gold.get(f)!r}")
        if show_errors:
            for teaser in r.teasers_kept:
                print(f"    teaser kept: {teaser[:80]!r}")
    print()
    for fmt in sorted({r.fmt for r in results}):
        group = [r for r in results if r.fmt == fmt]
        print(f"{fmt:8} pages={len(group):3}  ours: P={mean(r.ours.precision for r in group):.3f} "
              f"R={mean(r.ours.recall for r in group):.3f} F1={mean(r.ours.f1 for r in group):.3f} "
              f"(min {min(r.ours.f1 for r in group):.3f}, F1>={TARGET_F1} on {sum(r.ours.f1 >= TARGET_F1 for r in group)}"
              f"/{len(group)}), teasers kept: {sum(len(r.teasers_kept) for r in group)}")
        print("         fields: " + ", ".join(f"{f} {_accuracy(group, f)}" for f in FIELDS))
        baselines = [r.baseline for r in group if r.baseline is not None]
        if baselines:
            print(f"         trafilatura alone: P={mean(b.precision for b in baselines):.3f} "
                  f"R={mean(b.recall for b in baselines):.3f} F1={mean(b.f1 for b in baselines):.3f} "
                  f"(min {min(b.f1 for b in baselines):.3f}, F1>={TARGET_F1} on {sum(b.f1 >= TARGET_F1 for b in baselines)}"
                  f"/{len(baselines)}); fields: "
                  + ", ".join(f"{f} {_accuracy(group, f, baseline=True)}" for f in TRAFILATURA_FIELDS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_DIR, DEFAULT_DIR / "rendered"])
    parser.add_argument("--show-errors", action="store_true", help="print wrong title/byline/date values and kept teasers")
    args = parser.parse_args(argv)
    pages = find_pages(args.paths)
    if not pages:
        print("no page with a .gold.json found", file=sys.stderr)
        return 1
    report([score_page(p) for p in pages], args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
