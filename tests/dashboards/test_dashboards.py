"""The leader's dashboard: figures beside last year, towns, clocks, charts with table,
drill-down and XLSX; scope and role refusals."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from fazhi.dashboards import selectors


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_dashboard_shows_figures_charts_towns_and_clocks(client, tree, users, drafted):
    client.force_login(users["leader"])
    response = client.get(reverse("dashboards:index"), {"year": 2022, "scope": "CITY"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "echarts.min.js" in page
    for key in ("mediation_town", "mediation_kind", "reconsideration", "enforcement", "normdocs"):
        assert f'data-testid="chart-{key}"' in page
    assert "人民调解" in page and "调处矛盾纠纷" in page
    assert 'data-testid="towns"' in page and "长安镇" in page
    assert "年度报告报送" in page  # the report's own clock, among every module's
    figures = selectors.key_figures(2022, tree.city)
    mediation = next(f for f in figures["人民调解"] if f.key == "disputes.mediation_cases")
    assert (mediation.value, mediation.previous, mediation.change) == (3, 0, 3)


def test_chart_drills_down_to_records_and_exports(client, tree, users, mediation_cases):
    client.force_login(users["leader"])
    url = reverse("dashboards:chart_records", args=["mediation_town"])
    page = client.get(
        url, {"year": 2022, "scope": "CITY", "category": tree.town.pk, "series": "failed"}
    ).content.decode()
    assert "2022-003" in page and "2022-001" not in page
    export = client.get(reverse("dashboards:chart_export", args=["mediation_town"]), {"year": 2022})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_scope_the_user_may_not_read_is_refused(client, tree, users):
    client.force_login(users["mediator"])  # town mediator
    response = client.get(reverse("dashboards:index"), {"scope": "MARKET"})
    assert response.status_code == 404
    client.force_login(users["public"])
    assert client.get(reverse("dashboards:index")).status_code == 403
