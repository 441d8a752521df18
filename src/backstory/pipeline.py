"""The pipeline: raw documents in, analysed articles out.

read → clean → one spaCy parse per body → actors → events → claims → time → place.
Each stage is a function over records; the model and lexicons are loaded once per process
(``Resources.load``), so the same ``extract`` runs in a CLI, a test or a Ray worker.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from backstory import actors, claims, events, framing, narrative, places, timexes
from backstory.clean import DocumentError, clean
from backstory.dedupe import Deduplicator, mark_duplicates
from backstory.lexicon import Lexicon
from backstory.nlp import add_paragraph_splitter, load_model
from backstory.records import Article, RawDocument
from backstory.settings import Settings

ANALYSED_LANGUAGES = ("en",)


@dataclass(frozen=True)
class Resources:
    """Everything loaded once per process: the spaCy pipeline and backstory's data files."""

    nlp: Language
    actor_data: actors.ActorData
    lexicon: Lexicon
    cues: claims.Cues

    @classmethod
    @functools.lru_cache(maxsize=4)
    def load(cls, model: str | None = None, registries: tuple = ()) -> "Resources":
        nlp = load_model(model)
        actor_data = actors.ActorData.load(registries)
        actors.add_registry_ruler(nlp, actor_data)
        add_paragraph_splitter(nlp)
        return cls(nlp=nlp, actor_data=actor_data, lexicon=Lexicon.load(), cues=claims.Cues.load())


def extract(raws: Iterable[RawDocument], settings: Settings = Settings(),
            resources: Resources | None = None, seen: Deduplicator | None = None) -> Iterator[Article]:
    """Analyse documents as a stream, in input order; a failed document carries its errors.
    ``seen`` holds the bodies met before (a store's, when an ingest carries on)."""
    resources = resources or Resources.load(settings.model, settings.registries)
    # The same article given twice is recognised here, before parsing, and not analysed again.
    cleaned = mark_duplicates((_clean(raw, settings) for raw in raws), seen=seen)
    # Documents that cannot be analysed still pass through nlp.pipe as empty texts, which keeps
    # the input order and lets nlp.pipe batch (and fork with n_process) over one stream.
    pairs = ((a.body if _analysable(a) else "", a) for a in cleaned)
    for doc, article in resources.nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size,
                                           n_process=settings.n_process):
        if _analysable(article):
            analyse(article, doc, resources)
        yield article


def extract_text(text: str, published: str | None = None, resources: Resources | None = None) -> Article:
    """A text that is already an article body (no page chrome to remove), analysed."""
    resources = resources or Resources.load()
    article = Article(id="text", source="text", body=text, published=published, language="en")
    return analyse(article, resources.nlp(text), resources)


def code_sentence(text: str, resources: Resources | None = None) -> list[dict]:
    """The events of one sentence with their actors spelled out: the shape `backstory eval events` scores."""
    article = extract_text(text, resources=resources)
    by_id = {actor.id: actor for actor in article.actors}

    def spell(ids: list[str]) -> list[dict]:
        return [{"name": by_id[i].name, "aliases": by_id[i].aliases, "country": by_id[i].country,
                 "sector": by_id[i].sector} for i in ids if i in by_id]

    return [{"type": e.type, "mode": e.mode, "source": spell(e.source), "target": spell(e.target),
             "confidence": e.confidence, "trigger": e.trigger} for e in article.events]


def _clean(raw: RawDocument, settings: Settings) -> Article:
    if raw.error:
        return Article(id=raw.id or raw.source, source=raw.source, errors=[raw.error])
    try:
        return clean(raw, published=settings.published, max_chars=settings.max_chars)
    except DocumentError as error:
        return Article(id=raw.id or raw.source, source=raw.source, errors=[str(error)])


def _analysable(article: Article) -> bool:
    return (not article.errors and bool(article.body) and article.language in ANALYSED_LANGUAGES
            and article.duplicate_of is None)


def _country_counts(article: Article) -> dict[str, int]:
    counts: dict[str, int] = {}
    for mention in article.places:
        if mention.place.country:
            counts[mention.place.country] = counts.get(mention.place.country, 0) + 1
    return counts


def _countries(article: Article) -> list[str]:
    """The countries an article's places are in, most mentioned first."""
    counts = _country_counts(article)
    return sorted(counts, key=counts.get, reverse=True)


def _home_country(article: Article, resources: Resources) -> str | None:
    """The story's own country: its dateline's, else the country most of its places are in
    (when that is at least two mentions and two fifths of them)."""
    if article.dateline:
        place = resources.actor_data.gazetteer.resolve(article.dateline.split(",")[0])
        if place is not None and place.country:
            return place.country
    counts = _country_counts(article)
    if not counts:
        return None
    top = max(counts, key=counts.get)
    return top if counts[top] >= 2 and counts[top] * 5 >= sum(counts.values()) * 2 else None


def analyse(article: Article, doc: Doc, resources: Resources) -> Article:
    """Fill in actors, events, claims, times and places from the body's parse.

    Each stage is guarded on its own: a stage that fails records one error on the document and
    the later stages still run on what the earlier ones found.
    """
    index = actors.ActorIndex(doc, resources.actor_data)
    stages = (
        ("time", lambda: setattr(article, "timexes", timexes.find_timexes(doc, article.published))),
        ("places", lambda: setattr(article, "places", places.find_places(doc, article.dateline))),
        ("actors", lambda: setattr(article, "actors", index.build(_home_country(article, resources)))),
        ("events", lambda: setattr(article, "events", events.find_events(doc, index, resources.lexicon))),
        ("claims", lambda: setattr(article, "claims", claims.attribute(doc, article.events, index, resources.cues))),
        ("dating", lambda: narrative.date_events(doc, article.events, article.timexes, article.published,
                                                 _countries(article))),
        ("placing", lambda: places.place_events(doc, article.events, article.places, article.dateline)),
        ("framing", lambda: setattr(article, "framing", framing.find_framing(doc, index.actors, article.claims).to_dict())),
    )
    for name, run in stages:
        try:
            run()
        except Exception as error:  # one stage's failure must not lose the others' results
            article.errors.append(f"{name} stage failed: {type(error).__name__}: {error}")
    referenced = {a for e in article.events for a in (*e.source, *e.target, e.asserted_by)}
    referenced |= {c.speaker for c in article.claims}
    article.actors = index.mentioned_actors(referenced)
    return article
