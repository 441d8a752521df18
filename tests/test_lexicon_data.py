"""The PLOVER lexicon files (src/backstory/data/plover/*.tsv) are well formed.

These read the files directly, not through backstory.lexicon, so that a malformed row is
reported as such rather than as a loader surprise.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from backstory.records import EVENT_TYPES, PLOVER_TYPES

DATA = Path(__file__).resolve().parents[1] / "src" / "backstory" / "data" / "plover"
COLUMNS = {"verbs.tsv": 6, "nouns.tsv": 5, "light_verbs.tsv": 3, "modifiers.tsv": 2, "modes.tsv": 3}
VERB_NEEDS = {"-", "object", "no_object", "person_object", "act_object"}
NOUN_NEEDS = {"-", "of_object"}
LIGHT_EFFECTS = {"-", "suppress", "future", "attempted", "failed", "negated", "forced"}
MODIFIER_EFFECTS = {"future", "negated", "attempted"}
# Which needs a row hides when it comes first: a row that always holds hides every later one.
HIDES = {"-": {"-", "object", "no_object", "person_object", "of_object", "act_object"},
         "object": {"object", "person_object", "act_object"}, "person_object": {"person_object"},
         "act_object": {"act_object"}, "no_object": {"no_object"}, "of_object": {"of_object"}}
MIN_ENTRIES_PER_TYPE = 4          # every type must be reachable from both verbs and nouns
LEMMA = re.compile(r"^[a-z][a-z'-]*( [a-z][a-z'-]*)*$")


def rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def header(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines[:40] if line.startswith("#")]


@pytest.fixture(scope="module")
def modes() -> dict[str, set[str]]:
    allowed: dict[str, set[str]] = defaultdict(set)
    for type_, mode, _description in rows("modes.tsv"):
        allowed[type_].add(mode)
    return allowed


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_files_have_a_header_naming_their_sources_and_the_right_columns(name):
    assert any("Sources:" in line for line in header(name)), f"{name} lacks its sources comment"
    assert any("Columns" in line for line in header(name)), f"{name} lacks its column description"
    for number, row in enumerate(rows(name), start=1):
        assert len(row) == COLUMNS[name], f"{name} row {number}: {row}"
        assert all(cell and cell == cell.strip() for cell in row), f"{name} row {number}: empty or padded cell {row}"


def test_modes_belong_to_known_types_once(modes):
    listed = [(t, m) for t, m, _ in rows("modes.tsv")]
    assert not [pair for pair, n in Counter(listed).items() if n > 1]
    assert set(modes) <= set(EVENT_TYPES)


@pytest.mark.parametrize("name", ["verbs.tsv", "nouns.tsv"])
def test_entries_use_known_types_modes_and_cameo_roots(name, modes):
    for row in rows(name):
        lemma, type_, mode, cameo, needs = (row[0], *row[2:]) if name == "verbs.tsv" else row
        assert LEMMA.match(lemma), f"lemma must be lowercase words: {row}"
        assert type_ in EVENT_TYPES, row
        assert mode == "-" or mode in modes[type_], f"mode {mode!r} is not listed for {type_} in modes.tsv: {row}"
        assert needs in (VERB_NEEDS if name == "verbs.tsv" else NOUN_NEEDS), row
        if type_ in PLOVER_TYPES:
            assert re.fullmatch(r"\d\d", cameo) and 1 <= int(cameo) <= 20, f"CAMEO root 01..20: {row}"
        else:
            assert cameo == "-", f"extension types have no CAMEO root: {row}"


def test_verb_particles_are_single_words():
    for lemma, particle, *_ in rows("verbs.tsv"):
        assert particle == "-" or re.fullmatch(r"[a-z]+", particle), (lemma, particle)


def test_no_duplicate_entries():
    verbs = Counter((r[0], r[1], r[5]) for r in rows("verbs.tsv"))
    nouns = Counter((r[0], r[4]) for r in rows("nouns.tsv"))
    light = Counter((r[0], r[1]) for r in rows("light_verbs.tsv"))
    modifiers = Counter(r[0] for r in rows("modifiers.tsv"))
    for counts in (verbs, nouns, light, modifiers):
        assert not [key for key, n in counts.items() if n > 1]


@pytest.mark.parametrize("name", ["verbs.tsv", "nouns.tsv"])
def test_sorted_by_type_in_codebook_order_then_lemma(name):
    keys = [(EVENT_TYPES.index(r[2] if name == "verbs.tsv" else r[1]), r[0]) for r in rows(name)]
    assert keys == sorted(keys)


@pytest.mark.parametrize("name", ["verbs.tsv", "nouns.tsv"])
def test_no_entry_hides_a_later_one(name):
    """The loader takes the first entry whose needs hold, so a broader entry must come after narrower ones."""
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows(name):
        key, needs = ((row[0], row[1]), row[5]) if name == "verbs.tsv" else ((row[0], "-"), row[4])
        hidden_by = [earlier for earlier in seen[key] if needs in HIDES[earlier]]
        assert not hidden_by, f"{row} can never match: an earlier {key} row needs {hidden_by}"
        seen[key].append(needs)


def test_no_particle_entry_is_hidden_by_an_unconditional_one_of_the_same_verb():
    unconditional = set()
    for lemma, particle, _type, _mode, _cameo, needs in rows("verbs.tsv"):
        if particle != "-":
            assert lemma not in unconditional, f"{lemma} {particle}: an earlier '{lemma}' row always matches"
        elif needs == "-":
            unconditional.add(lemma)


def test_every_type_has_verbs_and_nouns():
    verbs = Counter(r[2] for r in rows("verbs.tsv"))
    nouns = Counter(r[1] for r in rows("nouns.tsv"))
    for type_ in EVENT_TYPES:
        assert verbs[type_] >= MIN_ENTRIES_PER_TYPE, f"{type_} has {verbs[type_]} verbs"
        assert nouns[type_] >= MIN_ENTRIES_PER_TYPE, f"{type_} has {nouns[type_]} nouns"


def test_light_verbs_and_modifiers_use_known_effects():
    for lemma, particle, effect in rows("light_verbs.tsv"):
        assert LEMMA.match(lemma) and (particle == "-" or particle.isalpha()), (lemma, particle)
        assert effect in LIGHT_EFFECTS, (lemma, effect)
    for word, effect in rows("modifiers.tsv"):
        assert word == word.lower() and " " not in word, word
        assert effect in MODIFIER_EFFECTS, (word, effect)


def test_suppressing_light_verbs_have_an_event_of_their_own():
    """A "suppress" light verb folds the embedded event into its own, so it needs a verbs.tsv entry."""
    event_verbs = {(r[0], r[1]) for r in rows("verbs.tsv")} | {(r[0], "-") for r in rows("verbs.tsv")}
    for lemma, particle, effect in rows("light_verbs.tsv"):
        if effect == "suppress":
            assert (lemma, particle) in event_verbs, f"{lemma} {particle} suppresses but names no event"
