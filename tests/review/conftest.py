from __future__ import annotations

import pytest

from fazhi.lawbase import services as lawbase_services
from tests.lawbase.corpus import make_small_corpus


@pytest.fixture
def laws_loaded(db, tmp_path):
    """Three laws in the law base, so that citations are checked against the database."""
    return lawbase_services.laws_load(directory=make_small_corpus(tmp_path / "laws"))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
