from __future__ import annotations

import pytest

from fazhi.lawbase import services
from tests.lawbase.corpus import make_small_corpus


@pytest.fixture
def small_corpus(tmp_path):
    return make_small_corpus(tmp_path / "laws")


@pytest.fixture
def loaded(db, small_corpus):
    """The three-law corpus loaded into the database."""
    return services.laws_load(directory=small_corpus)
