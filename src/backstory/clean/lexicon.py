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
    "comments", "advert", "title", "byline", "dateline", "caption", "pull-quote", "end", "other",
)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_WORD_END = r"(?![^\W_])"  # not followed by a letter or digit
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
    """The labels of ``section_labels.tsv``; prefix, contains and regex labels are also compiled
    into one alternation each, so that a block matching none of them (nearly every block) costs
    one regex search per mode rather than a loop over the lexicon."""

    exact: dict[str, tuple[str, bool]]
    prefix: tuple[tuple[str, str, bool], ...]
    contains: tuple[tuple[str, str, bool], ...]
    regex: tuple[tuple[re.Pattern[str], str, bool], ...]
    any_prefix: re.Pattern[str]      # group i + 1 is prefix i, tried in file order
    any_contains: re.Pattern[str]
    any_regex: re.Pattern[str]

    @classmethod
    def build(cls, exact: dict[str, tuple[str, bool]], prefix: list[tuple[str, str, bool]],
              contains: list[tuple[str, str, bool]], regex: list[tuple[re.Pattern[str], str, bool]]) -> "SectionLabels":
        # "more from" must not match "more frontline ...": a label ending in a letter or digit
        # ends at a word boundary.
        prefixes = "|".join("(" + re.escape(p) + (_WORD_END if p[-1].isalnum() else "") + ")" for p, _, _ in prefix)
        return cls(
            exact, tuple(prefix), tuple(contains), tuple(regex),
            any_prefix=re.compile(f"^(?:{prefixes})"),
            any_contains=re.compile("|".join(re.escape(p) for p, _, _ in contains)),
            any_regex=re.compile("|".join(f"(?:{r.pattern})" for r, _, _ in regex)),
        )

    def match(self, text: str) -> LabelMatch | None:
        """How ``text`` matches a chrome label of ``section_labels.tsv``, if it does (the first
        label in the file's order for each mode: exact, prefix, contains, regex)."""
        label = normalise_label(text)
        for key in (label, label.removesuffix(":")):
            if key in self.exact:
                return LabelMatch(self.exact[key][0], "exact", self.exact[key][1])
        raw = " ".join(text.translate(_QUOTES).lower().split())
        found = self.any_prefix.match(raw)
        if found:
            _, kind, section = self.prefix[found.lastindex - 1]
            return LabelMatch(kind, "prefix", section)
        if self.any_contains.search(raw):
            kind, section = next((k, sec) for p, k, sec in self.contains if p in raw)
            return LabelMatch(kind, "contains", section)
        if self.any_regex.search(raw):
            kind, section = next((k, sec) for r, k, sec in self.regex if r.search(raw))
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
    return SectionLabels.build(exact, prefix, contains, regex)


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
