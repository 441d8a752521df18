"""Extraction throughput against bare spaCy on the same articles.

Runs each side in its own process (so peak RSS is each side's own) over the shipped samples
and, when ../shared is present, the seed page, repeated to --docs documents:

    .venv/bin/python bench/throughput.py [--docs 200] [--model NAME]

Prints documents/s, tokens/s and peak RSS for `backstory extract` (read → clean → parse →
actors → events → claims → time → place) and for bare `nlp.pipe`, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
INPUTS = [REPO / "samples", REPO.parent / "shared" / "seeds"]


def raw_rounds(count: int) -> list[list]:
    """The distinct input documents, as many rounds of them as make ``count`` documents. Each round
    is its own stream: within one, backstory would recognise a repeat as a duplicate and skip it."""
    from backstory.read import read_paths

    found = [raw for raw in read_paths([str(p) for p in INPUTS if p.exists()]) if not raw.error]
    rounds, left = [], count
    while left > 0:
        rounds.append(found[:left])
        left -= len(rounds[-1])
    return rounds


def run_side(side: str, count: int, model: str | None) -> dict:
    from backstory.clean import DocumentError, clean
    from backstory.pipeline import Resources, extract
    from backstory.settings import Settings

    rounds = raw_rounds(count)
    raws = [raw for batch in rounds for raw in batch]
    resources = Resources.load(model)
    if side == "bare":
        bodies = []
        for raw in raws:  # bare spaCy gets the same cleaned bodies, cleaned outside the timing
            try:
                bodies.append(clean(raw).body)
            except DocumentError:
                continue
        started = time.perf_counter()
        for _ in resources.nlp.pipe(bodies, batch_size=16):
            pass
        tokens = sum(len(body.split()) for body in bodies)
    else:
        resources.nlp("warm up")
        started = time.perf_counter()
        tokens = 0
        for batch in rounds:
            for article in extract(batch, Settings(model=model), resources):
                assert article.duplicate_of is None
                tokens += len(article.body.split())
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"side": side, "docs": len(raws), "seconds": elapsed, "tokens": tokens,
            "docs_per_s": len(raws) / elapsed, "tokens_per_s": tokens / elapsed, "peak_rss_mib": peak_kib / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--model")
    parser.add_argument("--side", choices=("bare", "full"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(run_side(args.side, args.docs, args.model)))
        return 0
    results = {}
    for side in ("bare", "full"):
        command = [sys.executable, __file__, "--side", side, "--docs", str(args.docs)]
        command += ["--model", args.model] if args.model else []
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results[side] = json.loads(output.strip().splitlines()[-1])
    bare, full = results["bare"], results["full"]
    print(f"{'':18}{'docs/s':>10}{'tokens/s':>12}{'peak RSS MiB':>14}")
    for name, row in (("bare nlp.pipe", bare), ("backstory extract", full)):
        print(f"{name:18}{row['docs_per_s']:10.1f}{row['tokens_per_s']:12.0f}{row['peak_rss_mib']:14.0f}")
    print(f"{'ratio (full/bare)':18}{full['docs_per_s'] / bare['docs_per_s']:10.2f}"
          f"{full['tokens_per_s'] / bare['tokens_per_s']:12.2f}{full['peak_rss_mib'] / bare['peak_rss_mib']:14.2f}")
    print(f"({full['docs']} documents each; tokens counted as whitespace-separated words of the cleaned bodies)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
