"""The 2022 demo builds through the services, idempotently, and yields the report's figures."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest

from fazhi.core import indicators
from fazhi.core.models import Role
from fazhi.decisions import demo
from fazhi.decisions.models import Catalog, Decision
from tests.factories import OrganizationFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def haining():
    city = OrganizationFactory(code="HN", name="海宁市人民政府", kind="city_government")
    for code, name in [
        ("HN-D02", "海宁市发展和改革局"),
        ("HN-D04", "海宁市教育局"),
        ("HN-D07", "海宁市民政局"),
        ("HN-D08", "海宁市司法局"),
        ("HN-D13", "海宁市交通运输局"),
        ("HN-D14", "海宁市水利局"),
    ]:
        OrganizationFactory(code=code, name=name, parent=city)
    admin = user_with_role(Role.ADMINISTRATOR, city, username="admin")
    user_with_role(Role.JUSTICE_LEGAL_OFFICER, city.children.get(code="HN-D08"), username="justice")
    return admin


def test_demo_builds_the_2022_catalog(haining):
    out = StringIO()
    demo.build(admin=haining, stdout=out)
    demo.build(admin=haining, stdout=out)  # idempotent
    assert Catalog.objects.count() == 1
    titles = list(Catalog.objects.get().entries.values_list("title", flat=True))
    assert len(titles) == 6
    assert titles[:3] == [
        "海宁市储能产业发展规划",
        "海宁市养老服务设施布局专项规划",
        "海宁市高速公路差异化收费(高速免费通行)政策",
    ]
    assert Decision.objects.filter(status="published").count() == 5
    values = {
        key: indicators.evaluate(indicators.get(key), 2022).as_dict()
        for key in (
            "decisions.catalog_entries",
            "decisions.decisions_made",
            "decisions.procedure_compliance",
            "decisions.average_consultation_days",
            "decisions.comments_received",
            "decisions.comment_adoption_rate",
        )
    }
    assert values["decisions.catalog_entries"]["value"] == 6
    assert values["decisions.decisions_made"]["value"] == 5
    assert values["decisions.procedure_compliance"]["value"] == 100.0
    # Periods of 37, 32, 34, 34, 34 and 34 days (30 days, pushed past May Day and weekends,
    # plus two): 205 / 6 = 34.17.
    assert values["decisions.average_consultation_days"]["value"] == 34
    assert values["decisions.comments_received"]["value"] == 16
    # adopted 8 + partly 4 of 16 answered
    rate = values["decisions.comment_adoption_rate"]
    assert (rate["numerator"], rate["denominator"]) == (12, 16)
    assert Decimal(str(rate["value"])) == Decimal("75.00")
