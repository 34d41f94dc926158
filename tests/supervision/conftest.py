"""Supervision tests reuse the enforcement fixture (an item, its exemption, a reviewer)."""

from tests.enforcement.conftest import enf  # noqa: F401  (shared fixture)
