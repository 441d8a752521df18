"""Speed of the clean stage: pages per second for HTML, plain text and HTML rendered to text,
and HTML cleaning against trafilatura alone on the same pages, small and at real-page sizes.

    .venv/bin/python bench/extraction.py [PAGES_DIR] [--rounds N] [--repeat N]

PAGES_DIR (default tests/fixtures/pages) holds NAME.html and NAME.txt pages, and rendered/NAME.txt
(eval/render_text.py). The HTML pages are a few KB each; real news pages are 50-300 KB, so the
HTML race runs again on the same pages padded with seeded page furniture (scripts, JSON state,
styles, mega-menu, teaser cards, most-read list, ad slots, reader comments, footer; ``padded``)
to 50-300 KB. Each measurement cleans every page ``--repeat`` times per round (padded pages:
once); the runs take turns within a round; times are CPU time of this process (other processes'
load does not count), the fastest round, and ratios the median of per-round ratios, after one
warm-up pass that loads lexicons and models. "trafilatura alone (body)" is
``trafilatura.extract(html)`` with the library's defaults (fallback extractors on, no metadata);
"(body + metadata)" adds title, author and date, the outputs backstory's cleaning also gives.
"of which trafilatura" is the time our HTML cleaning spends parsing the page for trafilatura and
in its trafilatura call (our settings, see clean/html.py); the rest is backstory's own work.

Measured 2026-11-29 on 2 cores (another process often busy), backstory HTML cleaning against
trafilatura alone (body), ms per page; issue #3 asks for a ratio of at most 1.30:
- 28 fixture pages (3.8 k chars): 3.2-3.4 against 1.9, ratio 1.70-1.77 (before the speed work
  3.9-4.0, ratio 2.02; the later header and chrome rules cost about 0.1 ms); text pages 1.0-1.2 ms
  (was 1.4), rendered pages 1.1-1.3 ms (was 1.55).
- the same pages padded (181 k chars): 32-33 against 24-25, ratio 1.27-1.32, up to 1.36 when the
  other core is loaded (before: 41 against 25, ratio 1.64).
What is left above trafilatura on a small page is our own Python, about 1.2 ms: the block
classifier on trafilatura's lines (0.32), boilerplate kinds of the dropped page blocks (0.18),
htmldate (0.16), the page walk (0.15), bylines (0.09), title and standfirst (0.10), our parse
(0.09). On a padded page: boilerplate kinds (2.5), htmldate (2.5, of which about 1.4 is its
search of the text of the one page whose markup and header print no date), the page walk (1.4),
our parse (0.85). With the date given (htmldate not asked) the ratios are 1.6 and 1.2; against
trafilatura asked for the same outputs (body + title, author, date) they are 1.06 and 0.92.
"""

from __future__ import annotations

import argparse
import json
import random
import re
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
# Real news pages weigh 50-300 KB, of which the article is a few KB: the rest is inline scripts
# and JSON state, styles, an icon sprite, a mega-menu, sidebars of teasers and most-read lists,
# ad slots, reader comments and a long footer. The fixture pages are a few KB each, so they are
# also timed padded with such markup to a size drawn from this range.
PADDED_KB = (50, 300)
PADDING_SEED = 3


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


def _phrase(rng: random.Random, vocab: list[str], lo: int, hi: int) -> str:
    return " ".join(rng.choices(vocab, k=rng.randint(lo, hi)))


def _headline(rng: random.Random, vocab: list[str]) -> str:
    return _phrase(rng, vocab, 5, 12).capitalize()


def _prose(rng: random.Random, vocab: list[str], sentences: int) -> str:
    return " ".join(_phrase(rng, vocab, 6, 22).capitalize() + "." for _ in range(sentences))


def _links(rng: random.Random, vocab: list[str], count: int) -> str:
    return "".join(f'<li><a href="/{rng.choice(vocab)}/{rng.randrange(10**6)}">{_headline(rng, vocab)}</a></li>'
                   for _ in range(count))


def _head_padding(rng: random.Random, vocab: list[str], script_chars: int) -> str:
    """Styles, tracking scripts and a JSON state blob of about ``script_chars`` characters."""
    stories, size = [], 0
    while size < script_chars:
        story = {"id": rng.randrange(10**9), "headline": _headline(rng, vocab), "summary": _prose(rng, vocab, 2),
                 "url": f"/{rng.choice(vocab)}/{rng.randrange(10**6)}", "tags": rng.choices(vocab, k=4)}
        stories.append(story)
        size += len(json.dumps(story))
    css = "".join(f".c-{rng.choice(vocab)}-{i}{{margin:{i % 7}px;color:#{rng.randrange(16**6):06x}}}" for i in range(300))
    return (f"<style>{css}</style>"
            f'<script>window.__STATE__ = {json.dumps({"stories": stories})};</script>'
            + "".join(f'<script async src="https://cdn.example.com/{rng.choice(vocab)}.js"></script>' for _ in range(8)))


def _top_padding(rng: random.Random, vocab: list[str]) -> str:
    """An icon sprite, a mega-menu of sections, a sign-in bar and a breaking-news ticker."""
    sprite = "".join(f'<symbol id="i{i}"><path d="M{rng.randrange(99)} {rng.randrange(99)}L{rng.randrange(99)} '
                     f'{rng.randrange(99)}Z"/></symbol>' for i in range(60))
    sections = "".join(f'<li class="menu-section"><a href="/{word}">{word.capitalize()}</a><ul class="submenu">'
                       f"{_links(rng, vocab, 12)}</ul></li>" for word in rng.choices(vocab, k=12))
    return (f'<svg style="display:none">{sprite}</svg><div class="account"><a href="/signin">Sign in</a>'
            f'<a href="/subscribe">Subscribe</a></div><nav class="mega-menu"><ul>{sections}</ul></nav>'
            f'<div class="ticker"><span>Breaking</span><ul>{_links(rng, vocab, 5)}</ul></div>')


def _bottom_padding(rng: random.Random, vocab: list[str]) -> str:
    """Related-story cards with blurbs, a most-read list, ad slots, a newsletter box, reader
    comments, a footer of link columns and trailing scripts."""
    cards = "".join(f'<div class="card"><a href="/{rng.randrange(10**6)}"><img src="/i/{rng.randrange(10**6)}.jpg" alt="">'
                    f"<h3>{_headline(rng, vocab)}</h3></a><p>{_prose(rng, vocab, 1)[:-1]}...</p></div>" for _ in range(8))
    ads = "".join(f'<div class="ad-slot" id="ad-{i}"><script>googletag.cmd.push(function(){{googletag.display("ad-{i}")}});'
                  f"</script></div>" for i in range(6))
    comments = "".join(f'<li class="comment"><span class="comment-author">{_phrase(rng, vocab, 1, 2).title()}</span>'
                       f"<time>{rng.randint(1, 23)}h ago</time><p>{_prose(rng, vocab, rng.randint(1, 4))}</p>"
                       "<button>Reply</button><button>Report</button></li>" for _ in range(rng.randint(0, 60)))
    columns = "".join(f"<div class=\"footer-col\"><h4>{rng.choice(vocab).capitalize()}</h4><ul>{_links(rng, vocab, 10)}</ul></div>"
                      for _ in range(8))
    return (f'<aside class="sidebar"><section class="related"><h2>More stories</h2>{cards}</section>'
            f'<section class="most-read"><h2>Most read</h2><ol>{_links(rng, vocab, 10)}</ol></section>{ads}'
            '<form class="newsletter"><h3>Get our morning briefing</h3><input type="email"><button>Sign up</button></form></aside>'
            f'<section id="comments"><h2>Comments</h2><ol>{comments}</ol></section>'
            f'<footer class="site-footer">{columns}<p>© 2024 Example Media. All rights reserved.</p></footer>'
            + "".join(f"<script>(function(){{var t={json.dumps(_prose(rng, vocab, 30))};}})();</script>" for _ in range(3)))


def padded(page: str, vocab: list[str], rng: random.Random) -> str:
    """The page with realistic page furniture around it, about PADDED_KB in size."""
    top, bottom = _top_padding(rng, vocab), _bottom_padding(rng, vocab)
    target = rng.uniform(*PADDED_KB) * 1000
    head = _head_padding(rng, vocab, int(max(5000, target - len(page) - len(top) - len(bottom))))
    page = page.replace("</head>", head + "</head>", 1)
    page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + top, page, count=1)
    return page.replace("</body>", bottom + "</body>", 1)


def _round(run: Callable[[str], object], pages: list[str], repeat: int) -> float:
    """Mean seconds per page over ``repeat`` passes."""
    start = time.process_time()
    for _ in range(repeat):
        for page in pages:
            run(page)
    return (time.process_time() - start) / (repeat * len(pages))


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


def race_html(pages: list[str], rounds: int, repeat: int) -> None:
    """Print backstory's HTML cleaning against trafilatura alone on ``pages``."""
    times = race({
        "HTML: backstory clean": _clean_html,
        "HTML: trafilatura alone (body)": trafilatura.extract,
        "HTML: trafilatura alone (body + metadata)": lambda page: trafilatura.extract(page, with_metadata=True),
        "      of which trafilatura (our settings)": lambda page: clean_html.trafilatura_lines(clean_html.library_tree(page)),
    }, pages, rounds, repeat)
    for name, runs in times.items():
        print(_line(name, min(runs), pages))
    print(f"HTML time, backstory / trafilatura alone (body): {_ratio(times, 'HTML: backstory clean', 'HTML: trafilatura alone (body)'):.2f}"
          "  (target <= 1.30)")
    print(f"HTML time, backstory / trafilatura alone (body + title, author, date): "
          f"{_ratio(times, 'HTML: backstory clean', 'HTML: trafilatura alone (body + metadata)'):.2f}")


def vocabulary(pages: list[str]) -> list[str]:
    """The words of ``pages`` (markup removed), for padding in ordinary English."""
    return sorted({word for page in pages for word in re.findall(r"[a-z]{2,}", re.sub(r"<[^>]*>", " ", page).lower())})


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
    race_html(html, args.rounds, args.repeat)
    for name, pages in (("text: backstory clean", text), ("rendered HTML as text: backstory clean", rendered)):
        if pages:
            print(_line(name, min(race({name: _clean_text}, pages, args.rounds, args.repeat)[name]), pages))
    rng, vocab = random.Random(PADDING_SEED), vocabulary(text or html)
    large = [padded(page, vocab, rng) for page in html]
    print(f"\nThe same HTML pages padded to {PADDED_KB[0]}-{PADDED_KB[1]} KB with page furniture; "
          f"fastest of {args.rounds} rounds x 1 pass")
    race_html(large, args.rounds, 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
