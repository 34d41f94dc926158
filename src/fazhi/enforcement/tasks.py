"""Daily jobs of enforcement (registered with ``fazhi.core.tasks.register_daily``)."""

from __future__ import annotations

import datetime as dt

from fazhi.enforcement import services


def certificates_lapse(today: dt.date) -> int:
    """Certificates of people no longer in post lapse (idempotent)."""
    return services.certificates_lapse_departed(on=today)
