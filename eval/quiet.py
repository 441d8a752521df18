"""How often the event coder stays quiet on news that reports no political event.

Usage: python eval/quiet.py [DOCS.jsonl] [--show N]

DOCS.jsonl holds one document per line with ``text`` and ``sentences`` (``[start, end]`` of each
sentence), the shape of ``../shared/eval/meantime/meantime-dev.jsonl`` (business news from
Wikinews: earnings, products, markets). Each sentence is coded on its own, as ``backstory eval
events`` codes gold sentences, and the share that yields no event is printed with the event types
that did come out. Business news is not free of PLOVER events (a company may sue or agree to a
deal), so this is a floor on false events, not an exact rate; ``--show`` prints some sentences that
gave an event, to read.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from backstory.pipeline import Resources, code_sentence

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "meantime" / "meantime-dev.jsonl"


def sentences(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document = json.loads(line)
            for start, end in document["sentences"]:
                text = document["text"][start:end].strip()
                if text:
                    yield text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0, help="print N sentences that gave an event")
    args = parser.parse_args(argv)
    resources = Resources.load()
    total = quiet = 0
    types: collections.Counter[str] = collections.Counter()
    shown = []
    for text in sentences(args.docs):
        events = code_sentence(text, resources)
        total += 1
        quiet += not events
        types.update(event["type"] for event in events)
        if events and len(shown) < args.show:
            shown.append((text, [(e["type"], e["trigger"]) for e in events]))
    print(f"{total} sentences; {quiet} ({100 * quiet / max(total, 1):.1f}%) yield no event")
    print("event types coded:", ", ".join(f"{t} {n}" for t, n in types.most_common()))
    for text, events in shown:
        print(f"  {events}  {text[:140]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
