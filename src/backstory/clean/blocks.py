"""Splitting plain text into blocks, and the surface features the classifier reads from a block.

A block is a paragraph as a reader sees it: text between blank lines, or a single line when
the lines of a chunk are separate items (a list of headlines, a page scraped one paragraph per
line). Lines that were only hard-wrapped (an e-mail or wire feed at ~72 columns) are joined back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from backstory.clean.lexicon import stopwords
from backstory.clean.meta import parse_byline, parse_date_line

WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CELL_BREAK = "\t"  # kept (one per run of spaces) so that table rows stay readable as rows
_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = re.compile(r"[.!?]['\"”’»)\]]*(?=\s+['\"“‘(\[]?[A-Z0-9])")


class cached_property:
    """functools.cached_property without its lock: on Python 3.11 the lock taken at every first
    access costs about as much as finding a block's words. Two threads racing on one block just
    compute the same value twice (Python 3.12 dropped the lock for that reason)."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function
        self.name = function.__name__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


def remove_invisible(text: str) -> str:
    """Text without zero-width spaces, joiners, byte-order marks and soft hyphens."""
    return text if text.isascii() else _INVISIBLE.sub("", text)  # none of them is ASCII; the test is free


def normalise_text(text: str) -> str:
    """One newline convention, no invisible characters, single spaces (a tab where the run held
    one: the cell break of a table row), trimmed lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = remove_invisible(text)
    return "\n".join(_SPACES.sub(_one_space if _CELL_BREAK in line else " ", line).strip() for line in text.split("\n"))


def _one_space(run: re.Match[str]) -> str:
    return _CELL_BREAK if _CELL_BREAK in run.group(0) else " "


@dataclass(frozen=True)
class Block:
    text: str

    @cached_property
    def words(self) -> list[str]:
        return WORD.findall(self.text)

    @property
    def n_words(self) -> int:
        return len(self.words)

    @cached_property
    def core(self) -> str:
        """The text without closing quotes and brackets, so endings can be read."""
        return self.text.rstrip(_CLOSERS + " ")

    @property
    def ends_with_ellipsis(self) -> bool:
        return self.core.endswith(("...", "…")) or self.text.endswith(("...", "…"))

    @property
    def ends_with_colon(self) -> bool:
        return self.core.endswith(":")

    @property
    def ends_sentence(self) -> bool:
        return not self.ends_with_ellipsis and self.core.endswith((".", "!", "?"))

    @cached_property
    def n_sentences(self) -> int:
        return len(_SENTENCE_END.findall(self.text)) + 1

    @cached_property
    def stopword_density(self) -> float:
        if not self.words:
            return 0.0
        stop = stopwords()
        return sum(word.lower() in stop for word in self.words) / len(self.words)

    @property
    def is_table_row(self) -> bool:
        """A row of a table: cells separated by tabs (text pages, and HTML tables as we convert them)."""
        return _CELL_BREAK in self.text

    @property
    def is_headline_like(self) -> bool:
        """A short line a page uses as a headline or heading: no full stop, no trailing ellipsis.

        Headlines may end in "?" or "!" or a quotation; they never end mid-sentence (comma,
        colon, ellipsis) and are never a whole paragraph of several sentences.
        """
        if not 2 <= self.n_words <= 25 or self.ends_with_ellipsis or self.is_table_row:
            return False
        if self.core.endswith((".", ",", ";", ":")):
            return False
        first = self.text.lstrip("\"'“‘([-•*–· ")[:1]  # past quotes and list bullets
        return first.isupper() or first.isdigit()

    @property
    def is_prose(self) -> bool:
        """Unmistakably running text: a full sentence of real length made of ordinary words."""
        return (
            self.ends_sentence
            and self.n_words >= 15
            and self.stopword_density >= 0.2
        )

    @property
    def is_teaser_text(self) -> bool:
        """A short blurb that trails off to be continued elsewhere ("... two NATO...")."""
        return (self.ends_with_ellipsis or self.ends_with_colon) and self.n_sentences <= 3 and self.n_words <= 80


def _is_continuation(line: str, following: str) -> bool:
    """Whether a line break falls inside a sentence (hard wrapping) rather than between items."""
    if line.endswith((",", "-", "—", "–")) and not line.endswith("--"):
        return True
    nxt = following.lstrip("\"'“‘(")[:1]
    return bool(nxt) and (nxt.islower() or nxt.isdigit()) and not line.rstrip(_CLOSERS).endswith((".", "!", "?", ":"))


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: long lines whose breaks mostly fall inside sentences, none of them
    a byline or date line ("By Jane Doe, Economics Editor" over "16:05, Thu, Sep 21, 2023")."""
    if any(len(line) < 30 for line in lines[:-1]):
        return False
    breaks = list(zip(lines, lines[1:]))
    continuing = sum(_is_continuation(a, b) for a, b in breaks)
    if continuing * 2 < len(breaks):
        return False
    return not any(parse_byline(line) or parse_date_line(line) for line in lines)


def split_blocks(text: str) -> list[Block]:
    """Blocks in reading order; empty lines never make a block."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", normalise_text(text)):
        lines = [line for line in chunk.split("\n") if line]
        if not lines:
            continue
        if len(lines) > 1 and _looks_hard_wrapped(lines):
            blocks.append(Block(" ".join(lines)))
        else:
            blocks.extend(Block(line) for line in lines)
    return blocks
