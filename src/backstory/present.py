"""Present: the query commands' answers as Rich tables (``--json`` prints the same data as JSON)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

SENTENCE_CHARS = 160


def _date(row: dict) -> str:
    start, end = row.get("date_start"), row.get("date_end")
    if not start:
        return "undated"
    return start if not end or end == start else f"{start} – {end}"


def _short(text: str | None, limit: int = SENTENCE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names(names: list[str] | None) -> str:
    return ", ".join(names or []) or "—"


def actors_table(rows: list[dict]) -> Table:
    table = Table(title="Actors")
    for column in ("id", "name", "kind", "country", "sector", "documents", "events", "first seen", "last seen"):
        table.add_column(column, justify="right" if column in ("documents", "events") else "left")
    for row in rows:
        table.add_row(row["entity_id"], row["name"], row["kind"] or "", row["country"] or "", row["sector"] or "",
                      str(row["n_documents"]), str(row["n_events"]), row["first_seen"] or "", row["last_seen"] or "")
    return table


def events_table(rows: list[dict], title: str = "Events") -> Table:
    table = Table(title=title)
    for column in ("when", "type", "source", "target", "where", "reports", "sentence"):
        table.add_column(column, justify="right" if column == "reports" else "left")
    for row in rows:
        reports = row.get("reports") or []
        table.add_row(_date(row), row["type"], _names(row["source_names"]), _names(row["target_names"]),
                      row.get("place_name") or "", str(row["n_reports"]),
                      _short(reports[0]["sentence"] if reports else ""))
    return table


def print_dossier(console: Console, dossier: dict) -> None:
    actor = dossier["actor"]
    console.rule(f"[bold]{actor['name']}[/bold]  ({actor['entity_id']})")
    console.print(f"aliases: {', '.join(actor['aliases']) or '—'}")
    console.print(f"kind: {actor['kind'] or '—'}   country: {actor['country'] or '—'}   "
                  f"sector: {actor['sector'] or '—'}   wikidata: {actor['wikidata'] or '—'}")
    console.print(f"seen acting {actor['first_seen'] or '?'} to {actor['last_seen'] or '?'}; reported "
                  f"{actor['first_reported'] or '?'} to {actor['last_reported'] or '?'} in "
                  f"{actor['n_documents']} documents, {actor['n_events']} events")
    if dossier["also_matched"]:
        console.print("also matched: " + ", ".join(f"{c['name']} ({c['entity_id']})" for c in dossier["also_matched"]))

    merged = Table(title="Merged from")
    for column in ("variant", "rule", "matched", "joined to", "documents"):
        merged.add_column(column)
    for row in dossier["merged"]:
        merged.add_row(row["variant"], row["rule"], row["matched"] or "", row["joined"] or "", str(row["documents"]))
    console.print(merged)

    timeline = events_table(dossier["timeline"],
                            f"Timeline ({len(dossier['timeline'])} of {dossier['timeline_total']} events)")
    console.print(timeline)

    relations = Table(title="Relations")
    for column in ("with", "country", "events", "by type", "first evidence"):
        relations.add_column(column)
    for row in dossier["relations"]:
        types = ", ".join(f"{k} {v}" for k, v in sorted(row["types"].items(), key=lambda kv: -kv[1]))
        first = row["evidence"][0] if row["evidence"] else {}
        relations.add_row(row["name"], row["country"] or "", str(row["events"]), types, _short(first.get("sentence")))
    console.print(relations)

    sources = Table(title="Sources")
    for column in ("published", "source", "title", "events"):
        sources.add_column(column)
    for row in dossier["sources"]:
        sources.add_row(row["published"] or "", row["source"], _short(row["title"], 80), str(row["events"]))
    console.print(sources)

    if dossier["contested"]:
        contested = Table(title=f"Contested ({len(dossier['contested'])} of {dossier['contested_total']})")
        for column in ("event", "asserted by", "asserted", "disputed by", "how", "disputed"):
            contested.add_column(column)
        for row in dossier["contested"]:
            how = row["how"] + (f" ({_names(row['blamed_names'])})" if row["how"] == "blames" else "")
            contested.add_row(f"{row['type']} {row['date_start'] or ''}".strip(), row["asserted_by_name"],
                              _short(row["asserted_sentence"], 100), row["disputed_by_name"], how,
                              _short(row["disputed_sentence"], 100))
        console.print(contested)


def network_table(network: dict) -> Table:
    names = {node["id"]: node["name"] for node in network["nodes"]}
    table = Table(title=f"Network of {names.get(network['center'], network['center'])}")
    for column in ("source", "type", "target", "events", "first", "last"):
        table.add_column(column, justify="right" if column == "events" else "left")
    for edge in network["edges"]:
        table.add_row(names.get(edge["source"], edge["source"]), edge["type"], names.get(edge["target"], edge["target"]),
                      str(edge["events"]), edge["first"] or "", edge["last"] or "")
    return table
