"""The report tests' records serve the dashboard too."""

from tests.enforcement.conftest import enf  # noqa: F401 - fixture
from tests.reports.conftest import drafted, mediation_cases  # noqa: F401 - fixtures
