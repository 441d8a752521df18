"""Corpus bench: a synthetic news corpus, ingest throughput and memory, and queries on 1M events.

    .venv/bin/python bench/corpus.py articles --count 10000 -o corpus.jsonl   # write the corpus
    .venv/bin/python bench/corpus.py ingest --count 10000 [--processes 2]     # docs/s, RSS over the run
    .venv/bin/python bench/corpus.py store --events 1000000 --store DIR       # a 1M-event store, no NLP
    .venv/bin/python bench/corpus.py queries --store DIR                      # dossier and events latencies
    .venv/bin/python bench/corpus.py all                                      # everything, in a temp dir

``articles`` writes news-style articles from templates: a headline and dateline, then sentences for
most PLOVER event types between states, government bodies, registry groups (under their different
aliases) and invented people, dated in several ways ("on Tuesday", "in March 2011", "last year")
and placed in cities, with quotes, "according to", denials and blame. ``ingest`` runs
``backstory ingest`` on them in a child process and samples the child's resident memory (and its
workers') every half second against the documents committed so far, to show memory stays flat.

``store`` makes the Parquet tables directly from synthetic records, without parsing anything:
100,000 documents of 10 events, a fifth of them re-reports of events other documents carry, with
actors named by their aliases, then runs the same cross-document resolution an ingest runs.
``queries`` times the dossier and events-by-actor queries in one warm process (as a server or a
notebook would run them), for actors across the range of activity, and reports medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVENTS_PAGE = 100  # what `backstory events` shows unless told otherwise
REGISTRY = REPO / "src" / "backstory" / "data" / "actors" / "registry.jsonl"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# name, demonym, capital, another city
COUNTRIES = [
    ("Kenya", "Kenyan", "Nairobi", "Mombasa"), ("Somalia", "Somali", "Mogadishu", "Kismayo"),
    ("Ethiopia", "Ethiopian", "Addis Ababa", "Mekelle"), ("Sudan", "Sudanese", "Khartoum", "Port Sudan"),
    ("Mali", "Malian", "Bamako", "Gao"), ("Niger", "Nigerien", "Niamey", "Agadez"),
    ("Nigeria", "Nigerian", "Abuja", "Maiduguri"), ("Egypt", "Egyptian", "Cairo", "Alexandria"),
    ("Libya", "Libyan", "Tripoli", "Benghazi"), ("Iraq", "Iraqi", "Baghdad", "Mosul"),
    ("Iran", "Iranian", "Tehran", "Isfahan"), ("Syria", "Syrian", "Damascus", "Aleppo"),
    ("Lebanon", "Lebanese", "Beirut", "Tripoli"), ("Turkey", "Turkish", "Ankara", "Istanbul"),
    ("Yemen", "Yemeni", "Sanaa", "Aden"), ("Pakistan", "Pakistani", "Islamabad", "Peshawar"),
    ("Afghanistan", "Afghan", "Kabul", "Kandahar"), ("India", "Indian", "New Delhi", "Mumbai"),
    ("Bangladesh", "Bangladeshi", "Dhaka", "Chittagong"), ("Thailand", "Thai", "Bangkok", "Chiang Mai"),
    ("Philippines", "Philippine", "Manila", "Davao"), ("Indonesia", "Indonesian", "Jakarta", "Surabaya"),
    ("Colombia", "Colombian", "Bogota", "Medellin"), ("Venezuela", "Venezuelan", "Caracas", "Maracaibo"),
    ("Peru", "Peruvian", "Lima", "Cusco"), ("Bolivia", "Bolivian", "La Paz", "Santa Cruz"),
    ("Mexico", "Mexican", "Mexico City", "Monterrey"), ("France", "French", "Paris", "Marseille"),
    ("Germany", "German", "Berlin", "Hamburg"), ("Britain", "British", "London", "Manchester"),
    ("Ukraine", "Ukrainian", "Kyiv", "Kharkiv"), ("Russia", "Russian", "Moscow", "Saint Petersburg"),
    ("Poland", "Polish", "Warsaw", "Krakow"), ("Serbia", "Serbian", "Belgrade", "Novi Sad"),
    ("Japan", "Japanese", "Tokyo", "Osaka"), ("South Korea", "South Korean", "Seoul", "Busan"),
    ("China", "Chinese", "Beijing", "Shanghai"), ("the United States", "American", "Washington", "New York"),
]
FIRST_NAMES = ("Amina", "Daniel", "Fatima", "Kofi", "Leila", "Marco", "Nadia", "Omar", "Priya", "Rafael", "Sara",
               "Tomasz", "Yusuf", "Ana", "Hiroshi", "Ines", "Jamal", "Katarina", "Luis", "Mei")
LAST_NAMES = ("Odhiambo", "Haddad", "Kovacs", "Mensah", "Rahimi", "Silva", "Tanaka", "Novak", "Okafor", "Petrov",
              "Qureshi", "Romero", "Schmidt", "Demir", "Nguyen", "Abebe", "Castillo", "Farouk", "Ivanova", "Lindqvist")
TITLES = ("Interior Minister", "Foreign Minister", "opposition leader", "army spokesman", "President",
          "police chief", "rights activist")
ROLES = ("government", "army", "police", "security forces", "opposition", "border guards")
WATCHDOGS = ("Amnesty International", "Human Rights Watch", "the United Nations", "the Red Cross")

# One sentence per event: {a} does it to {b}; {place} and {when} as they come.
EVENT_TEMPLATES = {
    "ASSAULT": ("{a} attacked {b} in {place} {when}, killing at least {n} people.",
                "Fighters loyal to {a} ambushed a convoy of {b} near {place} {when}.",
                "A car bomb claimed by {a} exploded outside an office of {b} in {place} {when}."),
    "PROTEST": ("Thousands of people marched through {place} {when} to demand that {b} step down.",
                "Supporters of {a} staged a sit-in outside the offices of {b} in {place} {when}."),
    "SANCTION": ("{a} imposed sanctions on {b} {when}.", "{a} cut diplomatic ties with {b} {when}."),
    "CONSULT": ("{a} met {b} in {place} {when} to discuss the border dispute.",
                "Envoys of {a} and {b} held talks in {place} {when}."),
    "AGREE": ("{a} and {b} signed a ceasefire agreement in {place} {when}.",
              "{a} promised {when} to release prisoners held since the fighting with {b}."),
    "AID": ("{a} sent food and medical supplies to {b} {when}.", "{a} gave {b} weapons and training {when}."),
    "COERCE": ("Police in {place} arrested {n} members of {b} {when}.", "{a} banned {b} {when}.",
               "{a} expelled {b} from {place} {when}."),
    "ACCUSE": ("{a} accused {b} of arming militias {when}.", "{a} condemned {b} for the killings {when}."),
    "THREATEN": ("{a} threatened {when} to cut off aid to {b}.",),
    "REQUEST": ("{a} called on {b} {when} to free the detained journalists.",),
    "RETREAT": ("{a} withdrew its forces from {place} {when}.",),
    "MOBILIZE": ("{a} deployed troops along the border with {b} {when}.",),
    "COOPERATE": ("{a} and {b} held joint military exercises near {place} {when}.",),
    "SUPPORT": ("{a} praised {b} for its help in the talks {when}.",),
    "REJECT": ("{a} rejected a peace proposal from {b} {when}.",),
    "ORGANIZE": ("{a} was founded in {year} by former members of {b}.", "{a} split from {b} in {year}."),
}
CLAIM_TEMPLATES = (
    '"We will answer this aggression," said {person}, a spokesman for {a}.',
    "{a} denied any role in the attack.",
    "{a} blamed {b} for the violence.",
    "According to {watchdog}, {a} detained dozens of people in {place} {when}.",
    "{person} said {a} had carried out the raids.",
)


@dataclass(frozen=True)
class Cast:
    """Who can appear in articles: states, their bodies, registry groups under their aliases, people."""

    countries: list
    groups: list            # (name, aliases)
    people: list            # (name, title, country index)

    @classmethod
    def make(cls, rng: random.Random) -> "Cast":
        groups = []
        with REGISTRY.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.startswith("#"):
                    entry = json.loads(line)
                    if entry.get("kind") in ("group", "organization"):
                        groups.append((entry["name"], entry.get("aliases", [])))
        people = [(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng.choice(TITLES),
                   rng.randrange(len(COUNTRIES))) for _ in range(300)]
        return cls(COUNTRIES, groups, people)

    def actor(self, rng: random.Random, country: int) -> str:
        """A way news names an actor: a state, a body of it, a group by any of its names, a person."""
        roll = rng.random()
        name, demonym, capital, _ = self.countries[country]
        if roll < 0.25:
            return name[0].upper() + name[1:]
        if roll < 0.45:
            return rng.choice((f"the {demonym} {rng.choice(ROLES)}", f"{demonym} officials", capital))
        if roll < 0.8:
            group, aliases = rng.choice(self.groups)
            return rng.choice([group, *aliases]) if aliases else group
        person, title, home = rng.choice(self.people)
        return f"{self.countries[home][1]} {title} {person}" if rng.random() < 0.5 else person


def _when(rng: random.Random, published: dt.date) -> tuple[str, str]:
    """A time expression for an event before ``published``, and the year it falls in."""
    roll = rng.random()
    past = published - dt.timedelta(days=rng.randrange(1, 7))
    if roll < 0.3:
        return f"on {WEEKDAYS[past.weekday()]}", str(past.year)
    if roll < 0.5:
        year = rng.randrange(1970, published.year)
        return f"in {MONTHS[rng.randrange(12)]} {year}", str(year)
    if roll < 0.65:
        day = published - dt.timedelta(days=rng.randrange(30, 3000))
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}", str(day.year)
    if roll < 0.75:
        return "last year", str(published.year - 1)
    if roll < 0.85:
        year = rng.randrange(1960, published.year)
        return f"in {year}", str(year)
    return "", str(published.year)


def _capitalised(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


def article(rng: random.Random, cast: Cast, number: int) -> dict:
    """One synthetic article: headline, dateline, 4 to 9 event sentences, quotes and claims."""
    published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    home = rng.randrange(len(cast.countries))
    others = [rng.randrange(len(cast.countries)) for _ in range(2)]
    actors = [cast.actor(rng, c) for c in (home, *others, home)]
    cities = [cast.countries[c][2 + rng.randrange(2)] for c in (home, *others)]
    sentences = []
    for _ in range(rng.randrange(4, 10)):
        kind = rng.choice(list(EVENT_TEMPLATES))
        a, b = rng.sample(actors, 2)
        when, year = _when(rng, published)
        template = rng.choice(EVENT_TEMPLATES[kind])
        sentences.append(_capitalised(template.format(a=a, b=b, place=rng.choice(cities), when=when,
                                                      n=rng.randrange(2, 60), year=year)
                                      .replace("  ", " ").replace(" ,", ",").replace(" .", ".")))
    for _ in range(rng.randrange(1, 3)):
        a, b = rng.sample(actors, 2)
        when, _ = _when(rng, published)
        person = rng.choice(cast.people)[0]
        sentences.insert(rng.randrange(1, len(sentences)), _capitalised(rng.choice(CLAIM_TEMPLATES).format(
            a=a, b=b, person=person, watchdog=rng.choice(WATCHDOGS), place=rng.choice(cities), when=when)
            .replace("  ", " ").replace(" .", ".")))
    paragraphs = [" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]
    headline = sentences[0].split(",")[0].rstrip(".")
    body = f"{cast.countries[home][2].upper()} — " + "\n\n".join(paragraphs)
    return {"id": f"synthetic-{number:06d}", "text": f"{headline}\n\n{body}\n", "published": published.isoformat(),
            "source": f"synthetic://news/{number:06d}"}


def write_articles(path: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    cast = Cast.make(rng)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            out.write(json.dumps(article(rng, cast, number), ensure_ascii=False) + "\n")
    return path


# ---------------------------------------------------------------------- ingest: speed and memory


def _tree_rss_kib(pid: int) -> tuple[int, int]:
    """Resident memory of a process and of it plus its descendants (shared pages count in each)."""
    def rss(p: int) -> int:
        try:
            with open(f"/proc/{p}/status") as handle:
                return next(int(line.split()[1]) for line in handle if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            return 0

    def children(p: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                found += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
        return found

    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss(current)
        stack += children(current)
    return rss(pid), total


def bench_ingest(corpus: Path, store: Path, processes: int) -> dict:
    from backstory.store import Store

    command = [sys.executable, "-m", "backstory.cli", "ingest", str(corpus), "--store", str(store),
               "--processes", str(processes)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    samples, reader = [], Store(store)
    while child.poll() is None:
        main_kib, tree_kib = _tree_rss_kib(child.pid)
        documents = reader.counts()["documents"] if reader.exists else 0
        samples.append((time.perf_counter() - started, documents, main_kib, tree_kib))
        time.sleep(0.5)
    elapsed = time.perf_counter() - started
    counts = reader.counts()
    return {"seconds": elapsed, "documents": counts["documents"], "events": counts["events"],
            "docs_per_s": counts["documents"] / elapsed, "exit": child.returncode, "samples": samples}


def print_ingest(result: dict) -> None:
    print(f"ingest: {result['documents']} documents, {result['events']} events in {result['seconds']:.0f} s "
          f"= {result['docs_per_s']:.1f} documents/s (exit {result['exit']}; includes model load and resolve)")
    print(f"{'elapsed s':>10}{'documents':>11}{'RSS MiB':>9}{'tree MiB':>10}")
    samples = result["samples"]
    step = max(1, len(samples) // 20)
    for elapsed, documents, main_kib, tree_kib in samples[::step] + samples[-1:]:
        print(f"{elapsed:10.0f}{documents:11d}{main_kib / 1024:9.0f}{tree_kib / 1024:10.0f}")
    final = result["documents"]
    ingesting = [s for s in samples if 0 < s[1] < final]
    resolving = [s for s in samples if s[1] == final]
    if ingesting:
        low, high = min(s[2] for s in ingesting), max(s[2] for s in ingesting)
        print(f"while ingesting ({ingesting[0][1]} to {ingesting[-1][1]} documents): main-process RSS "
              f"{low / 1024:.0f}-{high / 1024:.0f} MiB, with parse workers up to "
              f"{max(s[3] for s in ingesting) / 1024:.0f} MiB")
    if resolving:
        print(f"cross-document resolution at the end: main-process RSS up to {max(s[2] for s in resolving) / 1024:.0f} MiB")


# ---------------------------------------------------------------------- a 1M-event store, directly


@dataclass(frozen=True)
class Member:
    """One actor of the synthetic store's population, as articles' actor records name it."""

    id: str
    name: str
    aliases: tuple
    kind: str
    country: str | None
    sector: str | None

    def in_document(self, rng: random.Random):
        from backstory.records import Actor

        shown = rng.choice(self.aliases) if self.aliases and rng.random() < 0.3 else self.name
        return Actor(id=self.id, name=self.name, aliases=sorted({shown, self.name}), kind=self.kind,
                     country=self.country, sector=self.sector, mentions=[(0, 5)])


def _population(rng: random.Random, cast: Cast) -> list[Member]:
    """States, registry groups and 5,000 people, most active first."""
    members = [Member(_country_code(c[0]), c[0], (), "state", _country_code(c[0]), None) for c in cast.countries]
    members += [Member(re.sub(r"[^a-z0-9]+", "-", group.lower()).strip("-"), group, tuple(aliases), "group", None,
                       "REB") for group, aliases in cast.groups]
    members += [Member(f"person-{n}", f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {n}", (), "person", None,
                       None) for n in range(5000)]
    return members


def _random_date(rng: random.Random, published: dt.date) -> tuple[str | None, str]:
    year = rng.randrange(1960, published.year + 1)
    return rng.choice(((f"{year}", "year"), (f"{year}-{rng.randrange(1, 13):02d}", "month"),
                       (f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", "day"), (None, "unknown")))


def synthetic_batches(documents: int, events_per_doc: int, batch_docs: int, seed: int = 11):
    """Batches of (doc_id, Article) with events among a fixed population of actors, no parsing.

    Actors are drawn with Zipf-like weights (a few in most of the news); a fifth of the events
    re-report one of the events other documents carry, so deduplication has work to do."""
    from backstory.records import EXTENSION_TYPES, PLOVER_TYPES, Article, Claim, Event, EventDate, Place

    rng = random.Random(seed)
    cast = Cast.make(rng)
    population = _population(rng, cast)
    weights = [1 / (rank + 1) for rank in range(len(population))]
    cities = [(_country_code(c[0]), c[2]) for c in cast.countries]
    kinds = list(PLOVER_TYPES + EXTENSION_TYPES)
    famous: list[tuple] = []   # (type, source member, target member, date, precision)
    batch = []
    for number in range(documents):
        doc_id = f"doc{number:07d}"
        published = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
        members = {m.id: m for m in rng.choices(population, weights=weights, k=6)}
        while len(members) < 2:
            extra = rng.choice(population)
            members[extra.id] = extra
        events, claims = [], []
        for e in range(events_per_doc):
            if famous and rng.random() < 0.2:
                kind, source, target, date, precision = rng.choice(famous)
                members.setdefault(source.id, source)
                members.setdefault(target.id, target)
            else:
                kind = rng.choice(kinds)
                source, target = (members[i] for i in rng.sample(sorted(members), 2))
                date, precision = _random_date(rng, published)
                if rng.random() < 0.05:
                    famous.append((kind, source, target, date, precision))
            sentence = f"Sentence {e} of {doc_id}: {kind.lower()} involving {source.name} and {target.name}."
            code, city = rng.choice(cities)
            events.append(Event(
                id=f"e{e + 1}", type=kind, mode=None, cameo=None, source=[source.id], target=[target.id],
                trigger=kind.lower(), span=(e * 100, e * 100 + 5), sentence=sentence,
                sentence_span=(e * 100, e * 100 + len(sentence)), negated=rng.random() < 0.02,
                date=EventDate(start=date, end=date, precision=precision, basis="explicit" if date else "none"),
                place=Place(name=city, country=code) if rng.random() < 0.6 else None,
                asserted_by="author" if rng.random() < 0.9 else rng.choice(sorted(members))))
            if rng.random() < 0.03:
                claims.append(Claim(speaker=rng.choice(sorted(members)), cue="blamed", content=(e * 100, e * 100 + 50),
                                    stance=rng.choice(("denies", "blames")), events=[f"e{e + 1}"]))
        batch.append((doc_id, Article(id=doc_id, source=f"synthetic://{doc_id}", title=f"Story {number}",
                                      published=published.isoformat(), language="en",
                                      body=" ".join(event.sentence for event in events),
                                      actors=[m.in_document(rng) for m in members.values()],
                                      events=events, claims=claims)))
        if len(batch) == batch_docs:
            yield batch
            batch = []
    if batch:
        yield batch


@functools.lru_cache(maxsize=None)
def _country_code(name: str) -> str:
    import pycountry

    try:
        return pycountry.countries.lookup(name.removeprefix("the ").replace("Britain", "United Kingdom")).alpha_3
    except LookupError:
        return name[:3].upper()


def build_store(root: Path, events: int, events_per_doc: int = 10, batch_docs: int = 5000) -> dict:
    from backstory.resolve import resolve
    from backstory.store import Store, articles_to_tables

    store = Store(root)
    started = time.perf_counter()
    with store.writing():
        for batch in synthetic_batches(events // events_per_doc, events_per_doc, batch_docs):
            store.write_batch(articles_to_tables(batch))
        store.compact()
        written = time.perf_counter()
        phases = resolve(store)
    done = time.perf_counter()
    counts = store.counts()
    size = sum(p.stat().st_size for p in root.rglob("*.parquet"))
    return {**counts, "write_s": written - started, "resolve_s": done - written, "phases": phases,
            "mib": size / 2**20}


# ---------------------------------------------------------------------- query latency


def bench_queries(root: Path, repeat: int = 15) -> dict:
    from backstory.query import Corpus, EventFilter
    from backstory.store import Store

    opened = time.perf_counter()
    corpus = Corpus(Store(root))
    open_ms = (time.perf_counter() - opened) * 1000
    ranked = corpus.rows("SELECT entity_id, name, n_events FROM entities WHERE NOT local ORDER BY n_events DESC")
    picks = [ranked[i] for i in (0, 1, 3, 10, 30, 100, 300, 1000, 3000) if i < len(ranked)]
    rows = []
    for actor in picks:
        timings = {}
        for name, ask in (("dossier", lambda: corpus.dossier(actor["entity_id"])),
                          ("events", lambda: corpus.events(EventFilter(actor=actor["entity_id"]), limit=EVENTS_PAGE))):
            first = _timed(ask)
            timings[name] = (first, statistics.median(_timed(ask) for _ in range(repeat)))
        rows.append((actor, timings))
    return {"open_ms": open_ms, "rows": rows}


def _timed(ask) -> float:
    started = time.perf_counter()
    ask()
    return (time.perf_counter() - started) * 1000


def print_queries(result: dict) -> None:
    print(f"opening the store: {result['open_ms']:.0f} ms")
    print(f"{'actor':40}{'events':>8}{'dossier ms':>12}{'(first)':>9}{'events ms':>11}{'(first)':>9}")
    dossiers, events = [], []
    for actor, timings in result["rows"]:
        (d_first, d_median), (e_first, e_median) = timings["dossier"], timings["events"]
        dossiers.append(d_median)
        events.append(e_median)
        print(f"{actor['name'][:39]:40}{actor['n_events']:8d}{d_median:12.1f}{d_first:9.1f}{e_median:11.1f}"
              f"{e_first:9.1f}")
    print(f"median over actors: dossier {statistics.median(dossiers):.1f} ms (target 50), "
          f"events by actor {statistics.median(events):.1f} ms (target 100)")


# ---------------------------------------------------------------------- command line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    articles = commands.add_parser("articles")
    articles.add_argument("--count", type=int, default=10_000)
    articles.add_argument("-o", "--output", required=True)
    ingest = commands.add_parser("ingest")
    ingest.add_argument("--count", type=int, default=10_000)
    ingest.add_argument("--processes", type=int, default=1)
    ingest.add_argument("--store", help="default: a temporary directory")
    store = commands.add_parser("store")
    store.add_argument("--events", type=int, default=1_000_000)
    store.add_argument("--store", required=True)
    queries = commands.add_parser("queries")
    queries.add_argument("--store", required=True)
    queries.add_argument("--repeat", type=int, default=15)
    everything = commands.add_parser("all")
    everything.add_argument("--count", type=int, default=10_000)
    everything.add_argument("--events", type=int, default=1_000_000)
    everything.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()

    if args.command == "articles":
        write_articles(Path(args.output), args.count)
        return 0
    with tempfile.TemporaryDirectory(prefix="backstory-bench-") as tmp:
        tmp = Path(tmp)
        if args.command in ("ingest", "all"):
            corpus = write_articles(tmp / "corpus.jsonl", args.count)
            print_ingest(bench_ingest(corpus, Path(getattr(args, "store", None) or tmp / "ingest-store"),
                                      args.processes))
        if args.command in ("store", "all"):
            root = Path(getattr(args, "store", None) or tmp / "million")
            built = build_store(root, args.events)
            print(f"store: {built['documents']} documents, {built['events']} events written in "
                  f"{built['write_s']:.0f} s, resolved in {built['resolve_s']:.0f} s "
                  f"({', '.join(f'{k} {v:.0f} s' for k, v in built['phases'].items())}), {built['mib']:.0f} MiB")
        if args.command in ("queries", "all"):
            print_queries(bench_queries(Path(getattr(args, "store", None) or tmp / "million"),
                                        getattr(args, "repeat", 15)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
