"""Score the clean stage's body extraction against gold bodies.

    .venv/bin/python eval/extraction.py [DIR_OR_PAGE ...] [--show-errors]

Each page is NAME.txt or NAME.html beside NAME.gold.json = {"title", "byline", "published",
"body"} (optionally "dateline"); with no argument, tests/fixtures/pages is scored. Prints per
page token precision/recall/F1 of the body (backstory.clean.score.token_prf, the same function
the tests use), for HTML also trafilatura alone (its default settings, body text only), then
per-format averages and title/byline/published/dateline accuracy (exact match, None == None).
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
from backstory.clean.score import Score, token_prf
from backstory.records import Article, RawDocument

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages"
FIELDS = ("title", "byline", "published", "dateline")


@dataclass
class PageResult:
    name: str
    fmt: str
    ours: Score
    baseline: Score | None
    fields: dict[str, bool]
    article: Article | None
    gold: dict


def find_pages(paths: list[Path]) -> list[Path]:
    pages: list[Path] = []
    for path in paths:
        candidates = sorted(path.iterdir()) if path.is_dir() else [path]
        pages += [p for p in candidates if p.suffix in (".txt", ".html") and p.with_suffix(".gold.json").exists()]
    return pages


def trafilatura_alone(html: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


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
    baseline = token_prf(trafilatura_alone(content), gold["body"]) if is_html else None
    return PageResult(page.stem, page.suffix[1:], token_prf(body, gold["body"]), baseline, fields, article, gold)


def _fmt(score: Score | None) -> str:
    return "      -            " if score is None else f"{score.precision:.3f} {score.recall:.3f} {score.f1:.3f}"


def report(results: list[PageResult], show_errors: bool) -> None:
    print(f"{'page':28} {'fmt':4} {'ours P     R     F1':19}  {'trafilatura P R F1':19}  fields")
    for r in results:
        wrong = [f for f, ok in r.fields.items() if not ok]
        print(f"{r.name:28} {r.fmt:4} {_fmt(r.ours)}  {_fmt(r.baseline)}  {'ok' if not wrong else 'wrong: ' + ','.join(wrong)}")
        if show_errors and wrong and r.article:
            for f in wrong:
                print(f"    {f}: got {getattr(r.article, f)!r}, gold {r.gold.get(f)!r}")
    print()
    for fmt in sorted({r.fmt for r in results}):
        group = [r for r in results if r.fmt == fmt]
        line = (f"{fmt:5} pages={len(group):3}  ours: P={mean(r.ours.precision for r in group):.3f} "
                f"R={mean(r.ours.recall for r in group):.3f} F1={mean(r.ours.f1 for r in group):.3f} "
                f"(min F1 {min(r.ours.f1 for r in group):.3f})")
        baselines = [r.baseline for r in group if r.baseline is not None]
        if baselines:
            line += (f"   trafilatura alone: P={mean(b.precision for b in baselines):.3f} "
                     f"R={mean(b.recall for b in baselines):.3f} F1={mean(b.f1 for b in baselines):.3f}")
        print(line)
    for field in FIELDS:
        scored = [r.fields[field] for r in results if field in r.fields]
        if scored:
            print(f"{field:9} accuracy {sum(scored)}/{len(scored)} = {sum(scored) / len(scored):.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_DIR])
    parser.add_argument("--show-errors", action="store_true", help="print wrong title/byline/date values")
    args = parser.parse_args(argv)
    pages = find_pages(args.paths)
    if not pages:
        print("no page with a .gold.json found", file=sys.stderr)
        return 1
    report([score_page(p) for p in pages], args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
