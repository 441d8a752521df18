"""The word lists the clean stage reads from ``backstory/data/clean/``, loaded once per process.

Keeping labels and word lists in data files lets a user see (and extend) what counts as
page chrome without reading the classifier.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import justext

BOILERPLATE_KINDS = (
    "teaser", "related", "most-read", "share", "copyright", "newsletter", "navigation",
    "comments", "advert", "title", "byline", "dateline", "caption", "pull-quote", "end", "other",
)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_WORD_END = r"(?![^\W_])"  # not followed by a letter or digit
_NOISE = r"[\s\d()\[\]»›>→.,;!|•·-]"
_TRAILING_NOISE = re.compile(_NOISE + "+$")  # "Comments (12)", "Read more »", "Share ›"
_NOISE_CHAR = re.compile(_NOISE)


def _lines(name: str) -> list[str]:
    text = resources.files("backstory").joinpath("data", "clean", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def normalise_label(text: str) -> str:
    """A block as labels are written in ``section_labels.tsv``: lower case, plain quotes, no trailing noise."""
    return _strip_noise(_lower_plain(text))


def _lower_plain(text: str) -> str:
    """Lower case, plain quotes, single spaces."""
    if not text.isascii():  # the curly quotes and no-break space are not ASCII; the test is free
        text = text.translate(_QUOTES)
    return " ".join(text.lower().split())


def _strip_noise(text: str) -> str:
    if not _NOISE_CHAR.fullmatch(text[-1:]):
        return text  # most blocks end in a letter: one character says so, a search would scan them
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
    """The labels of ``section_labels.tsv``; prefix, contains and regex labels are also compiled
    into alternations, so that a block matching none of them (nearly every block) costs one
    regex search per mode rather than a loop over the lexicon."""

    exact: dict[str, tuple[str, bool]]
    contains: tuple[tuple[str, str, bool], ...]
    regex: tuple[tuple[re.Pattern[str], str, bool], ...]
    # The prefixes by their first character, each group as (alternation, its labels): an
    # anchored alternation tries its branches one by one, and a block can only start with the
    # prefixes of its own first character. Group i + 1 is label i, in file order.
    prefixes: dict[str, tuple[re.Pattern[str], tuple[tuple[str, str, bool], ...]]]
    any_contains: re.Pattern[str]
    # Regex labels anchored at the start are tried there only; searched with the others, they
    # would be tried at every position of the block.
    any_anchored: re.Pattern[str]
    any_regex: re.Pattern[str]

    @classmethod
    def build(cls, exact: dict[str, tuple[str, bool]], prefix: list[tuple[str, str, bool]],
              contains: list[tuple[str, str, bool]], regex: list[tuple[re.Pattern[str], str, bool]]) -> "SectionLabels":
        by_start: dict[str, list[tuple[str, str, bool]]] = {}
        for label in prefix:
            by_start.setdefault(label[0][0], []).append(label)
        return cls(
            exact, tuple(contains), tuple(regex),
            prefixes={start: (_any_prefix(labels), tuple(labels)) for start, labels in by_start.items()},
            any_contains=re.compile("|".join(re.escape(p) for p, _, _ in contains)),
            any_anchored=_alternation(r.pattern for r, _, _ in regex if r.pattern.startswith("^")),
            any_regex=_alternation(r.pattern for r, _, _ in regex if not r.pattern.startswith("^")),
        )

    def match(self, text: str) -> LabelMatch | None:
        """How ``text`` matches a chrome label of ``section_labels.tsv``, if it does (the first
        label in the file's order for each mode: exact, prefix, contains, regex)."""
        raw = _lower_plain(text)
        label = _strip_noise(raw)
        for key in (label, label.removesuffix(":")):
            if key in self.exact:
                return LabelMatch(self.exact[key][0], "exact", self.exact[key][1])
        any_prefix, prefixes = self.prefixes.get(raw[:1], (None, ()))
        found = any_prefix.match(raw) if any_prefix else None
        if found:
            _, kind, section = prefixes[found.lastindex - 1]
            return LabelMatch(kind, "prefix", section)
        if self.any_contains.search(raw):
            kind, section = next((k, sec) for p, k, sec in self.contains if p in raw)
            return LabelMatch(kind, "contains", section)
        if self.any_anchored.match(raw) or self.any_regex.search(raw):
            kind, section = next((k, sec) for r, k, sec in self.regex if r.search(raw))
            return LabelMatch(kind, "regex", section)
        return None


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    """Any of ``patterns``; never matches when there are none."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns) or r"(?!)")


def _any_prefix(labels: list[tuple[str, str, bool]]) -> re.Pattern[str]:
    """One anchored alternation of prefix labels. "more from" must not match "more frontline
    ...": a label ending in a letter or digit ends at a word boundary."""
    prefixes = "|".join("(" + re.escape(p) + (_WORD_END if p[-1].isalnum() else "") + ")" for p, _, _ in labels)
    return re.compile(f"^(?:{prefixes})")


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
    return SectionLabels.build(exact, prefix, contains, regex)


@functools.cache
def byline_roles() -> frozenset[str]:
    return frozenset(_lines("byline_roles.txt"))


@functools.cache
def byline_beats() -> frozenset[str]:
    return frozenset(_lines("byline_beats.txt"))


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
