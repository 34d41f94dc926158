"""The test tree's justice bureau is the reconsideration office."""

import pytest


@pytest.fixture(autouse=True)
def reconsideration_body(settings):
    settings.FAZHI_RECONSIDERATION_BODY_CODE = "JUSTICE"
