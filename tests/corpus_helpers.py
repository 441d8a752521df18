"""Helpers for the corpus tests: hand-made records (no parsing) and one store built with the NLP.

``shared_store`` ingests the seed page (when ../shared is there), the shipped samples and the
test corpus (tests/fixtures/corpus/) once per test session, whichever test module asks first.
"""

from __future__ import annotations

from pathlib import Path

from backstory.records import Actor, Article, Claim, Event, EventDate, Place

from conftest import FIXTURES, SAMPLES, SEED

CORPUS = FIXTURES / "corpus"
SEED_PUBLISHED = "2018-01-10"
_BUILT: dict[str, Path] = {}


def shared_store(tmp_path_factory) -> Path:
    """The store of seed + samples + test corpus, built on first use."""
    if "store" not in _BUILT:
        from backstory.ingest import ingest
        from backstory.settings import Settings
        from backstory.store import Store

        root = tmp_path_factory.mktemp("shared-store") / "store"
        store = Store(root)
        if SEED.exists():
            ingest([str(SEED)], store, Settings(published=SEED_PUBLISHED), resolve=False)
        report = ingest([str(SAMPLES), str(CORPUS)], store)
        assert report.ok, report.failed
        _BUILT["store"] = root
    return _BUILT["store"]


def actor(actor_id: str, name: str, aliases=(), kind: str = "group", country: str | None = None,
          sector: str | None = None, wikidata: str | None = None) -> Actor:
    return Actor(id=actor_id, name=name, aliases=list(aliases) or [name], kind=kind, country=country,
                 sector=sector, mentions=[(0, len(name))], wikidata=wikidata)


def event(event_id: str, kind: str, source: list[str], target: list[str], sentence: str,
          date: str | None = None, basis: str | None = None, trigger: str = "did", asserted_by: str = "author",
          negated: bool = False, place: str | None = None, country: str | None = None, mode: str | None = None,
          start: int = 0) -> Event:
    return Event(id=event_id, type=kind, mode=mode, cameo=None, source=source, target=target, trigger=trigger,
                 span=(start, start + len(trigger)), sentence=sentence, sentence_span=(start, start + len(sentence)),
                 negated=negated, date=EventDate(start=date, end=date, precision="year" if date else "unknown",
                                                 basis=basis or ("explicit" if date else "none")),
                 place=Place(name=place, country=country) if place else None, asserted_by=asserted_by)


def article(doc_id: str, actors: list[Actor], events: list[Event], claims: list[Claim] = (),
            published: str = "2012-01-01", body: str | None = None) -> tuple[str, Article]:
    text = body or " ".join(e.sentence for e in events) or "An article."
    return doc_id, Article(id=doc_id, source=f"test/{doc_id}", title=f"Story {doc_id}", published=published,
                           language="en", body=text, actors=actors, events=events, claims=list(claims))
