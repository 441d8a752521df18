"""The word lists the clean stage reads from ``backstory/data/clean/``, loaded once per process.

Keeping labels and word lists in data files lets a user see (and extend) what counts as
page chrome without reading the classifier.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import justext

BOILERPLATE_KINDS = (
    "teaser", "related", "most-read", "share", "copyright", "newsletter", "navigation",
    "comments", "advert", "title", "byline", "dateline", "caption", "pull-quote", "other",
)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_TRAILING_NOISE = re.compile(r"[\s\d()\[\]»›>→.,;!|•·-]+$")  # "Comments (12)", "Read more »", "Share ›"


def _lines(name: str) -> list[str]:
    text = resources.files("backstory").joinpath("data", "clean", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def normalise_label(text: str) -> str:
    """A block as labels are written in ``section_labels.tsv``: lower case, plain quotes, no trailing noise."""
    text = " ".join(text.translate(_QUOTES).lower().split())
    stripped = _TRAILING_NOISE.sub("", text)
    # Keep a trailing colon: "Read more:" (a prefix label) differs from "Read more" (a section).
    return stripped + ":" if text.rstrip().endswith(":") and not stripped.endswith(":") else stripped


@dataclass(frozen=True)
class LabelMatch:
    kind: str
    match: str        # exact, prefix, contains or regex
    section: bool     # opens a chrome section rather than being one chrome line


@dataclass(frozen=True)
class SectionLabels:
    exact: dict[str, tuple[str, bool]]
    prefix: tuple[tuple[str, str, bool], ...]
    contains: tuple[tuple[str, str, bool], ...]
    regex: tuple[tuple[re.Pattern[str], str, bool], ...]

    def match(self, text: str) -> LabelMatch | None:
        """How ``text`` matches a chrome label of ``section_labels.tsv``, if it does."""
        label = normalise_label(text)
        for key in (label, label.removesuffix(":")):
            if key in self.exact:
                return LabelMatch(self.exact[key][0], "exact", self.exact[key][1])
        raw = " ".join(text.translate(_QUOTES).lower().split())
        for pattern, kind, section in self.prefix:
            # "more from" must not match "more frontline ...": the label ends at a word boundary.
            if raw.startswith(pattern) and not raw[len(pattern):len(pattern) + 1].isalnum():
                return LabelMatch(kind, "prefix", section)
        for pattern, kind, section in self.contains:
            if pattern in raw:
                return LabelMatch(kind, "contains", section)
        for compiled, kind, section in self.regex:
            if compiled.search(raw):
                return LabelMatch(kind, "regex", section)
        return None


@functools.cache
def section_labels() -> SectionLabels:
    exact: dict[str, tuple[str, bool]] = {}
    prefix: list[tuple[str, str, bool]] = []
    contains: list[tuple[str, str, bool]] = []
    regex: list[tuple[re.Pattern[str], str, bool]] = []
    for line in _lines("section_labels.tsv"):
        pattern, kind, mode, scope = line.split("\t")
        assert kind in BOILERPLATE_KINDS, f"unknown boilerplate kind {kind!r} in section_labels.tsv"
        entry = (kind, scope == "section")
        if mode == "exact":
            exact[pattern] = entry
        elif mode == "prefix":
            prefix.append((pattern, *entry))
        elif mode == "contains":
            contains.append((pattern, *entry))
        else:
            assert mode == "regex", f"unknown match mode {mode!r} in section_labels.tsv"
            regex.append((re.compile(pattern), *entry))
    return SectionLabels(exact, tuple(prefix), tuple(contains), tuple(regex))


@functools.cache
def byline_roles() -> frozenset[str]:
    return frozenset(_lines("byline_roles.txt"))


@functools.cache
def date_words() -> frozenset[str]:
    return frozenset(_lines("date_words.txt"))


@functools.cache
def not_names() -> frozenset[str]:
    return frozenset(_lines("not_names.txt"))


@functools.cache
def caption_credits() -> tuple[str, ...]:
    return tuple(_lines("caption_credits.txt"))


@functools.cache
def html_hints() -> tuple[tuple[str, str], ...]:
    hints = tuple(tuple(line.split("\t")) for line in _lines("html_hints.tsv"))
    assert all(kind in BOILERPLATE_KINDS for _, kind in hints), "unknown kind in html_hints.tsv"
    return hints  # type: ignore[return-value]


@functools.cache
def function_words() -> frozenset[str]:
    return frozenset(_lines("function_words.txt"))


@functools.cache
def stopwords() -> frozenset[str]:
    """English function words, for the stopword density of a block.

    jusText (installed with trafilatura) ships frequency-based stoplists built for exactly
    this measure, so we reuse its English list rather than keep our own.
    """
    return frozenset(justext.get_stoplist("English"))
