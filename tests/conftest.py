"""Shared fixtures: the loaded pipeline (once per test session) and the paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_984ed68fecf4170e.txt"
FIXTURES = REPO / "tests" / "fixtures"
SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def resources():
    from backstory.pipeline import Resources

    return Resources.load()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEED


@pytest.fixture(scope="session")
def store_path(tmp_path_factory, resources):
    """The store of seed + samples + test corpus (tests/fixtures/corpus), built once per session."""
    from corpus_helpers import shared_store

    return shared_store(tmp_path_factory)


@pytest.fixture(scope="session")
def corpus(store_path):
    from backstory.query import Corpus
    from backstory.store import Store

    return Corpus(Store(store_path))
