"""A readable table of what `backstory extract` found, for the demo and for a quick look."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table


def read_results(path: Path) -> Iterator[dict]:
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        yield from json.loads(text)
        return
    for line in text.splitlines():
        if line.strip():
            yield json.loads(line)


def print_summary(path: Path, console: Console | None = None) -> None:
    # A file or a pipe gets a wide table rather than Rich's 80 columns.
    console = console or Console(width=None if sys.stdout.isatty() else 160)
    for result in read_results(path):
        console.rule(f"[bold]{result.get('title') or result['source']}")
        if result.get("errors"):
            console.print(f"[red]error:[/red] {'; '.join(result['errors'])}")
            continue
        console.print(
            f"byline: {result.get('byline') or '—'}   published: {result.get('published') or '—'}   "
            f"actors: {len(result['actors'])}   events: {len(result['events'])}   "
            f"removed blocks: {len(result['boilerplate'])}"
        )
        console.print(_events_table(result))


def _events_table(result: dict) -> Table:
    names = {a["id"]: a["name"] for a in result["actors"]}
    table = Table(show_lines=False, expand=True)
    for column in ("type", "source → target", "when", "where", "asserted by", "trigger"):
        table.add_column(column)
    for event in result["events"]:
        flags = [f for f in ("attempted", "negated", "future") if event.get(f)]
        kind = event["type"] + (f"/{event['mode']}" if event.get("mode") else "")
        kind += f" ({', '.join(flags)})" if flags else ""
        who = f"{', '.join(names.get(a, a) for a in event['source']) or '?'} → " \
              f"{', '.join(names.get(a, a) for a in event['target']) or '?'}"
        date = event["date"]
        when = "—" if not date.get("start") and not date.get("end") else \
            f"{date.get('start') or '…'}{'' if date.get('end') in (None, date.get('start')) else '–' + date['end']} ({date['basis']})"
        where = (event.get("place") or {}).get("name") or "—"
        said = names.get(event["asserted_by"], event["asserted_by"])
        table.add_row(kind, who, when, where, said, event["trigger"])
    return table
