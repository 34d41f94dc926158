"""Litigation cases for tests, created through the services."""

from __future__ import annotations

import datetime as dt

from fazhi.litigation import services
from tests.factories import OrganizationFactory


def court():
    return OrganizationFactory(code="COURT", name="海宁市人民法院", kind="court")


def register(actor, tree, court, number: int = 1, **overrides):
    fields = {
        "actor": actor,
        "organization": tree.market,
        "court": court,
        "court_case_no": f"（2022）浙0481行初{number}号",
        "trial_level": "first",
        "plaintiff_name": "张三",
        "cause": "行政处罚",
        "contested_act": "罚款决定",
        "filed_on": dt.date(2022, 3, 1),
    }
    fields.update(overrides)
    return services.litigation_case_register(**fields)
