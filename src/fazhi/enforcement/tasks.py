"""Daily jobs of enforcement (registered with ``fazhi.core.tasks.register_daily``)."""

from __future__ import annotations

import datetime as dt


def certificates_lapse(today: dt.date) -> int:
    """Certificates of people no longer in post lapse (idempotent)."""
    # The services are imported when the sweep runs, not when the app registry is populated.
    from fazhi.enforcement import services

    return services.certificates_lapse_departed(on=today)
