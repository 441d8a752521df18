"""The PLOVER lexicon: event verbs, event nouns, light verbs and modality words, loaded from data files.

The lexicon is written by hand (see data/plover/*.tsv) because no packaged resource maps
English news vocabulary to PLOVER 2.0; the files follow the PLOVER and CAMEO codebooks'
definitions and users can extend them without touching code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from backstory.datafile import rows

DATA = Path(__file__).parent / "data" / "plover"
NONE = "-"


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: a word that names an event of ``type`` (and ``mode``)."""

    lemma: str
    type: str
    mode: str | None
    cameo: str | None
    particle: str | None = None      # a particle or preposition the verb must govern ("call for")
    needs: str | None = None         # object, no_object, person_object, act_object, of_object: see data/plover/verbs.tsv


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]          # keyed by the head lemma; multi-word entries included
    light_verbs: dict[str, tuple[tuple[str | None, str], ...]]   # lemma -> ((particle, effect), ...)
    modifiers: dict[str, str]                       # word -> future | negated | attempted
    intentions: dict[str, tuple[str | None, str | None]]  # type -> (type if future, type if negated)
    frames: dict[str, tuple[tuple[str | None, frozenset[str], Trigger], ...]]  # verb -> (particle, objects, trigger)
    figurative: dict[str, frozenset[str]]           # kind -> words (figurative.tsv: sport cues and triggers, compounds)

    @classmethod
    def load(cls, folder: Path = DATA) -> "Lexicon":
        return cls(
            verbs=_group(_triggers(folder / "verbs.tsv"), order=lambda t: t.particle is None),
            nouns=_group(_triggers(folder / "nouns.tsv", has_particle=False), key=_head),
            light_verbs=_light_verbs(folder / "light_verbs.tsv"),
            modifiers={row[0].lower(): row[1] for row in rows(folder / "modifiers.tsv")},
            intentions={row[0]: (_value(row[1]), _value(row[2])) for row in rows(folder / "intentions.tsv")},
            frames=_frames(folder / "object_frames.tsv"),
            figurative=_figurative(folder / "figurative.tsv"),
        )

    @functools.cached_property
    def sport_cues(self) -> re.Pattern[str]:
        """The sport cues of figurative.tsv as one pattern over lowercased text, plurals included
        ("strikers", "overs")."""
        cues = sorted(self.figurative.get("sport-cue", ()), key=len, reverse=True)
        return re.compile(r"\b(" + "|".join(re.escape(c) for c in cues) + r")s?\b") if cues else re.compile(r"(?!)")

    def frame(self, lemma: str, particles: set[str], objects: set[str]) -> Trigger | None:
        """The event a verb names through what it acts on ("gave ... dollars", "lifted the curfew")."""
        for particle, wanted, trigger in self.frames.get(lemma, ()):
            if (particle is None or particle in particles) and wanted & objects:
                return trigger
        return None

    def light_effect(self, lemma: str, particles: set[str]) -> str | None:
        """The effect of a light verb ("-", attempted, future, suppress, forced), or None if it is not one."""
        for particle, effect in self.light_verbs.get(lemma, ()):
            if particle is None or particle in particles:
                return effect
        return None


def _value(cell: str) -> str | None:
    return None if cell in ("", NONE) else cell


def _triggers(path: Path, has_particle: bool = True) -> list[Trigger]:
    triggers = []
    for row in rows(path):
        if has_particle:
            lemma, particle, type_, mode, cameo, needs = (row + [NONE] * 6)[:6]
        else:
            lemma, type_, mode, cameo, needs = (row + [NONE] * 5)[:5]
            particle = NONE
        triggers.append(
            Trigger(lemma.lower(), type_, _value(mode), _value(cameo), _value(particle), _value(needs))
        )
    return triggers


def _head(trigger: Trigger) -> str:
    return trigger.lemma.split()[-1]


def _group(triggers: list[Trigger], key=lambda t: t.lemma,
           order=lambda t: -len(t.lemma.split())) -> dict[str, tuple[Trigger, ...]]:
    """Entries by lemma, the more specific first (a stable sort keeps file order otherwise):
    multi-word nouns before one-word ones ("hunger strike" before "strike"), verbs with a
    particle before bare ones ("back down" before "back")."""
    grouped: dict[str, list[Trigger]] = {}
    for trigger in triggers:
        grouped.setdefault(key(trigger), []).append(trigger)
    return {k: tuple(sorted(v, key=order)) for k, v in grouped.items()}


def _frames(path: Path) -> dict[str, tuple[tuple[str | None, frozenset[str], Trigger], ...]]:
    frames: dict[str, list[tuple[str | None, frozenset[str], Trigger]]] = {}
    for lemma, particle, objects, type_, mode, cameo in ((row + [NONE] * 6)[:6] for row in rows(path)):
        trigger = Trigger(lemma.lower(), type_, _value(mode), _value(cameo), _value(particle), "object")
        frames.setdefault(lemma.lower(), []).append((_value(particle), frozenset(objects.split(",")), trigger))
    return {k: tuple(v) for k, v in frames.items()}


def _light_verbs(path: Path) -> dict[str, tuple[tuple[str | None, str], ...]]:
    entries: dict[str, list[tuple[str | None, str]]] = {}
    for row in rows(path):
        lemma, particle, effect = (row + [NONE] * 3)[:3]
        entries.setdefault(lemma.lower(), []).append((_value(particle), effect))
    # Entries with a particle are more specific than bare ones.
    return {k: tuple(sorted(v, key=lambda e: e[0] is None)) for k, v in entries.items()}


def _figurative(path: Path) -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for row in rows(path):
        kinds.setdefault(row[0], set()).add(row[1].lower())
    return {kind: frozenset(words) for kind, words in kinds.items()}
