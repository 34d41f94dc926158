"""Fixtures of the evidence tests: a throwaway signing key, small uploads, a clean cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture
def log_key(evidence_log_key):
    return evidence_log_key


@pytest.fixture(autouse=True)
def witness_path(tmp_path, settings):
    settings.FAZHI_EVIDENCE_WITNESS_PATH = tmp_path / "witness.json"
    return settings.FAZHI_EVIDENCE_WITNESS_PATH


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache():
    # Rate limits count in the cache; each test starts with none used.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def upload():
    def make(
        content: bytes = b"contract text", name: str = "contract.pdf", media="application/pdf"
    ):
        return SimpleUploadedFile(name, content, content_type=media)

    return make
