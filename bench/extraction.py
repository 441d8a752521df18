"""Speed of the clean stage: pages per second for HTML, plain text and HTML rendered to text,
and HTML cleaning against trafilatura alone on the same pages.

    .venv/bin/python bench/extraction.py [PAGES_DIR] [--rounds N] [--repeat N]

PAGES_DIR (default tests/fixtures/pages) holds NAME.html and NAME.txt pages, and rendered/NAME.txt
(eval/render_text.py). Each measurement cleans every page ``--repeat`` times per round; the runs
take turns within a round, times are the fastest round (the least disturbed by other processes)
and ratios the median of per-round ratios, after one warm-up pass that loads lexicons and models.
"trafilatura alone (body)" is ``trafilatura.extract(html)`` with the library's defaults (fallback
extractors on, no metadata); "(body + metadata)" adds title, author and date, the outputs
backstory's cleaning also gives. "of which trafilatura" is the time our HTML cleaning spends in
its own trafilatura call (our settings, see clean/html.py); the rest is backstory's own work.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from backstory.clean import DocumentError, clean
from backstory.clean import html as clean_html
from backstory.clean import meta, text
from backstory.records import RawDocument

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages"


# Line readers and block labels are cached (pages repeat their chrome); the bench repeats the
# same pages, so every page is cleaned with empty caches, as a page never seen before would be.
CACHED = (meta.parse_byline, meta.parse_date_line, meta.parse_kicker_byline, meta.is_role, text.label_kind,
          text.chrome_kind)


def _cold() -> None:
    for function in CACHED:
        function.cache_clear()


def _clean_html(page: str) -> None:
    _cold()
    try:
        clean(RawDocument(source="bench", html=page))
    except DocumentError:
        pass


def _clean_text(page: str) -> None:
    _cold()
    try:
        clean(RawDocument(source="bench", text=page))
    except DocumentError:
        pass


def _round(run: Callable[[str], object], pages: list[str], repeat: int) -> float:
    """Mean seconds per page over ``repeat`` passes."""
    start = time.perf_counter()
    for _ in range(repeat):
        for page in pages:
            run(page)
    return (time.perf_counter() - start) / (repeat * len(pages))


def race(runs: dict[str, Callable[[str], object]], pages: list[str], rounds: int, repeat: int) -> dict[str, list[float]]:
    """Seconds per page of each run, round by round. The runs take turns within each round, so
    a burst of load from other processes hits all of them alike and per-round ratios stay fair."""
    for run in runs.values():
        for page in pages:
            run(page)  # warm-up: lexicons, models, caches
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            times[name].append(_round(run, pages, repeat))
    return times


def _line(name: str, seconds: float, pages: list[str]) -> str:
    chars = sum(map(len, pages)) / len(pages)
    return f"{name:40} {1 / seconds:8.1f} pages/s  {seconds * 1000:7.2f} ms/page  (mean {chars / 1000:.1f} k chars)"


def _ratio(times: dict[str, list[float]], over: str, under: str) -> float:
    return statistics.median(a / b for a, b in zip(times[over], times[under]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    read = lambda paths: [p.read_text(encoding="utf-8") for p in sorted(paths)]  # noqa: E731
    html = read(args.pages_dir.glob("*.html"))
    text = read(args.pages_dir.glob("*.txt"))
    rendered = read((args.pages_dir / "rendered").glob("*.txt"))
    if not html:
        print(f"no .html page in {args.pages_dir}", file=sys.stderr)
        return 1
    print(f"{len(html)} HTML, {len(text)} text, {len(rendered)} rendered pages; "
          f"fastest of {args.rounds} rounds x {args.repeat} passes; ratios are medians of per-round ratios")
    times = race({
        "HTML: backstory clean": _clean_html,
        "HTML: trafilatura alone (body)": trafilatura.extract,
        "HTML: trafilatura alone (body + metadata)": lambda page: trafilatura.extract(page, with_metadata=True),
        "      of which trafilatura (our settings)": clean_html.trafilatura_lines,
    }, html, args.rounds, args.repeat)
    for name, runs in times.items():
        print(_line(name, min(runs), html))
    print(f"HTML time, backstory / trafilatura alone (body): {_ratio(times, 'HTML: backstory clean', 'HTML: trafilatura alone (body)'):.2f}"
          "  (target <= 1.30)")
    print(f"HTML time, backstory / trafilatura alone (body + title, author, date): "
          f"{_ratio(times, 'HTML: backstory clean', 'HTML: trafilatura alone (body + metadata)'):.2f}")
    for name, pages in (("text: backstory clean", text), ("rendered HTML as text: backstory clean", rendered)):
        if pages:
            print(_line(name, min(race({name: _clean_text}, pages, args.rounds, args.repeat)[name]), pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
