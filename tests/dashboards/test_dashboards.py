"""The leader's dashboard: figures beside last year, towns, clocks, charts with table,
drill-down and XLSX; scope and role refusals."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from fazhi.dashboards import selectors
from fazhi.dashboards.charts import CHARTS
from fazhi.disputes.models import Outcome
from tests.reports.conftest import conclude


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_dashboard_shows_figures_charts_towns_and_clocks(client, tree, users, drafted):
    client.force_login(users["leader"])
    params = {"year": 2022, "scope": "CITY"}
    response = client.get(reverse("dashboards:index"), params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "echarts.min.js" in page
    for key in CHARTS:
        assert f'data-testid="chart-{key}"' in page
        assert reverse("dashboards:chart", args=[key]) in page  # loaded after the page
    assert "年度报告报送" in page  # the report's own clock, among every module's
    towns = client.get(reverse("dashboards:towns"), params).content.decode()
    assert 'data-testid="towns"' in towns and "长安镇" in towns
    figures_part = client.get(reverse("dashboards:figures"), params).content.decode()
    assert "人民调解" in figures_part and "调处矛盾纠纷" in figures_part
    assert 'data-testid="figures-disputes"' in page  # each area loads on its own
    area = client.get(reverse("dashboards:figures"), {**params, "area": "disputes"})
    assert "调处矛盾纠纷" in area.content.decode() and "行政复议" not in area.content.decode()
    assert client.get(reverse("dashboards:figures"), {**params, "area": "nope"}).status_code == 404
    chart = client.get(reverse("dashboards:chart", args=["mediation_town"]), params)
    assert 'id="mediation_town-data"' in chart.content.decode()
    assert "长安镇" in chart.content.decode()  # the table view
    data = client.get(
        reverse("dashboards:chart", args=["mediation_town"]), {**params, "format": "json"}
    ).json()
    assert sum(sum(s["data"]) for s in data["series"]) == 3
    figures = selectors.key_figures(2022, tree.city)
    mediation = next(f for f in figures["人民调解"] if f.key == "disputes.mediation_cases")
    assert (mediation.value, mediation.previous, mediation.change) == (3, 0, 3)


def test_a_changed_record_empties_the_cache(client, tree, users, mediation_cases):
    client.force_login(users["leader"])
    params = {"year": 2022, "scope": "CITY", "format": "json"}
    url = reverse("dashboards:chart", args=["mediation_town"])
    before = client.get(url, params).json()
    assert sum(sum(s["data"]) for s in before["series"]) == 3
    conclude(
        mediation_cases["actor"],
        mediation_cases["committee"],
        mediation_cases["mediator"],
        "2022-009",
        Outcome.FAILED,
    )
    after = client.get(url, params).json()
    assert sum(sum(s["data"]) for s in after["series"]) == 4


def test_every_chart_has_table_drill_down_and_export(client, tree, users, mediation_cases):
    client.force_login(users["leader"])
    for key in CHARTS:
        params = {"year": 2022, "scope": "CITY"}
        assert client.get(reverse("dashboards:chart", args=[key]), params).status_code == 200
        export = client.get(reverse("dashboards:chart_export", args=[key]), params)
        assert export["Content-Type"].startswith("application/vnd.openxmlformats"), key
        records = client.get(
            reverse("dashboards:chart_records", args=[key]), {**params, "category": "0"}
        )
        assert records.status_code == 200, key


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
    for name in ("figures", "towns"):
        assert client.get(reverse(f"dashboards:{name}"), {"scope": "MARKET"}).status_code == 404
    chart = reverse("dashboards:chart", args=["consistency"])
    assert client.get(chart, {"scope": "MARKET"}).status_code == 404
    client.force_login(users["public"])
    assert client.get(reverse("dashboards:index")).status_code == 403
    assert client.get(chart).status_code == 403


def test_consistency_chart_flags_the_outlier_with_table_records_and_export(
    client, tree, users, enf
):
    from tests.enforcement.test_selectors import penalise

    for amount in [8000, 9000, 10000, 10000, 11000, 12000]:
        penalise(enf, tree, amount)
    outlier = penalise(enf, tree, 19500)
    client.force_login(users["leader"])
    params = {"year": 2022, "scope": "CITY"}
    url = reverse("dashboards:chart", args=["consistency"])
    data = client.get(url, {**params, "format": "json"}).json()
    assert [s["key"] for s in data["series"]] == ["within", "flagged"]
    assert [s["data"] for s in data["series"]] == [[6], [1]]
    page = client.get(url, params).content.decode()
    assert 'data-testid="table-consistency"' in page and outlier.item.name in page
    records = client.get(
        reverse("dashboards:chart_records", args=["consistency"]),
        {**params, "category": data["values"][0], "series": "flagged"},
    ).content.decode()
    assert outlier.case_number in records
    assert records.count("<tr>") == 2  # the header and the outlier alone
    export = client.get(reverse("dashboards:chart_export", args=["consistency"]), params)
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
