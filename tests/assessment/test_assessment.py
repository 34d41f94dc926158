"""The assessment: scoring rules, a scheme, computed and hand scores, notification with the
objection period, objection and review, ranking and the score sheet; refusals change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.assessment import domain, services
from fazhi.assessment.models import Assessment, Item, Method, Scheme, Score, Status
from fazhi.core.errors import ApplicationError
from fazhi.core.models import Clock, DomainEvent, Role
from tests.factories import user_with_role
from tests.reports.conftest import mediation_cases  # noqa: F401 - fixture

D = Decimal


@pytest.mark.parametrize(
    ("rule", "value", "params", "expected"),
    [
        ("thresholds", 100, {"bands": [[100, 1], [95, 0.8], [90, 0.5]]}, D("10.00")),
        ("thresholds", 96, {"bands": [[100, 1], [95, 0.8], [90, 0.5]]}, D("8.00")),
        ("thresholds", 80, {"bands": [[100, 1], [95, 0.8], [90, 0.5]]}, D("0.00")),
        ("thresholds", 3, {"bands": [[0, 1], [5, 0.6]], "lower_is_better": True}, D("6.00")),
        ("linear", 97, {"low": 95, "high": 99}, D("5.00")),
        ("linear", 120, {"low": 95, "high": 99}, D("10.00")),
        ("linear", 50, {"low": 95, "high": 99}, D("0.00")),
        ("pass_fail", 100, {"target": 100}, D("10.00")),
        ("pass_fail", D("99.99"), {"target": 100}, D("0.00")),
        ("pass_fail", None, {"target": 100}, D("10.00")),  # 不涉及: full points
    ],
)
def test_scoring_rules(rule, value, params, expected):
    assert domain.score(rule, value, D(10), params) == expected


SCHEME = [
    {
        "name": "矛盾纠纷多元化解",
        "items": [
            {
                "name": "人民调解成功率",
                "points": 10,
                "method": Method.COMPUTED,
                "indicator_key": "disputes.mediation_success_rate",
                "rule": "linear",
                "params": {"low": 50, "high": 100},
            }
        ],
    },
    {
        "name": "第一责任人职责",
        "items": [{"name": "履行第一责任人职责", "points": 15, "method": Method.MANUAL}],
    },
]


@pytest.fixture
def assessed(tree, users, mediation_cases):  # noqa: F811
    assessor = users["justice_legal_officer"]
    scheme = services.scheme_create(
        actor=assessor, year=2022, title="2022年度考核", dimensions=SCHEME
    )
    assessment = services.assessment_open(actor=assessor, scheme=scheme, organization=tree.town)
    return assessor, scheme, assessment


def refused(code: str, call) -> ApplicationError:
    before = (
        list(Assessment.objects.values_list("status", "total")),
        list(Score.objects.values_list("score", flat=True)),
        DomainEvent.objects.count(),
    )
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.code == code
    after = (
        list(Assessment.objects.values_list("status", "total")),
        list(Score.objects.values_list("score", flat=True)),
        DomainEvent.objects.count(),
    )
    assert after == before
    return caught.value


def test_scheme_with_an_unknown_indicator_is_refused(users):
    bad = [{"name": "x", "items": [{**SCHEME[0]["items"][0], "indicator_key": "nope.key"}]}]
    with pytest.raises(ApplicationError) as caught:
        services.scheme_create(
            actor=users["justice_legal_officer"], year=2021, title="t", dimensions=bad
        )
    assert caught.value.code == "unknown_indicator"
    assert not Scheme.objects.exists()


def test_compute_score_notify_object_and_review(assessed, tree):
    assessor, _scheme, assessment = assessed
    services.assessment_compute(actor=assessor, assessment=assessment)
    computed = Score.objects.get(assessment=assessment, item__method=Method.COMPUTED)
    assert computed.value == D("66.67")  # 2 of 3 town cases succeeded
    assert computed.score == D("3.33")  # (66.67 − 50) / 50 × 10
    manual_item = Item.objects.get(method=Method.MANUAL)
    refused(
        "unscored_items", lambda: services.assessment_notify(actor=assessor, assessment=assessment)
    )
    refused(
        "score_out_of_range",
        lambda: services.assessment_score(
            actor=assessor,
            assessment=assessment,
            item=manual_item,
            score=D(16),
            evidence="述法报告",
            reason="r",
        ),
    )
    services.assessment_score(
        actor=assessor,
        assessment=assessment,
        item=manual_item,
        score=D(13),
        evidence="述法报告",
        reason="专题会议记录齐全",
    )
    services.assessment_notify(actor=assessor, assessment=assessment)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.total) == (Status.NOTIFIED, D("16.33"))
    refused(
        "objection_period_running",
        lambda: services.assessment_finalize(actor=assessor, assessment=assessment),
    )
    # the assessed unit objects within the period; a unit of another town may not
    other = user_with_role(Role.LEADER, tree.other_town, username="other-leader")
    refused(
        "forbidden_role",
        lambda: services.assessment_object(
            actor=other, assessment=assessment, item=manual_item, reason="x"
        ),
    )
    unit = user_with_role(Role.LEADER, tree.town, username="town-leader")
    services.assessment_object(
        actor=unit, assessment=assessment, item=manual_item, reason="已提交专题会议纪要"
    )
    services.assessment_objection_decide(
        actor=assessor,
        assessment=assessment,
        upheld=True,
        revised_score=D(15),
        response="补充材料属实",
    )
    assessment.refresh_from_db()
    assert (assessment.status, assessment.total) == (Status.FINAL, D("18.33"))


def test_objection_after_the_period_is_refused_and_finalize_works(assessed, users, tree):
    assessor, _scheme, assessment = assessed
    services.assessment_compute(actor=assessor, assessment=assessment)
    for item in Item.objects.filter(method=Method.MANUAL):
        services.assessment_score(
            actor=assessor, assessment=assessment, item=item, score=D(10), evidence="e", reason="r"
        )
    services.assessment_notify(actor=assessor, assessment=assessment)
    Clock.objects.filter(clock_type="assessment.objection").update(
        due_date=dt.date.today() - dt.timedelta(days=1)  # noqa: DTZ011 - the period has run out
    )
    unit = user_with_role(Role.LEADER, tree.town, username="town-leader2")
    refused(
        "objection_period_over",
        lambda: services.assessment_object(
            actor=unit, assessment=assessment, item=Item.objects.first(), reason="迟到的异议"
        ),
    )
    services.assessment_finalize(actor=assessor, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == Status.FINAL


def test_ranking_score_sheet_and_scope(client, assessed, users, tree):
    assessor, scheme, assessment = assessed
    services.assessment_compute(actor=assessor, assessment=assessment)
    other = services.assessment_open(actor=assessor, scheme=scheme, organization=tree.other_town)
    services.assessment_compute(actor=assessor, assessment=other)
    client.force_login(assessor)
    page = client.get(reverse("assessment:index")).content.decode()
    assert page.index("黄湾镇") < page.index("长安镇")  # no cases: 不涉及 scores full points
    sheet = client.get(reverse("assessment:index"), {"year": 2022, "export": "xlsx"})
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(users["department_legal_officer"])  # market bureau
    assert client.get(reverse("assessment:detail", args=[assessment.pk])).status_code == 404
    response = client.get(reverse("assessment-api:assessment-list"))
    data = response.json()
    assert (data["results"] if isinstance(data, dict) else data) == []


def test_assessment_api_runs_the_declared_steps(client, assessed, users):
    assessor, _scheme, assessment = assessed
    client.force_login(assessor)
    response = client.post(reverse("assessment-api:assessment-compute", args=[assessment.pk]))
    assert response.status_code == 200
    response = client.post(reverse("assessment-api:assessment-notify", args=[assessment.pk]))
    assert response.status_code == 400 and response.json()["code"] == "unscored_items"
    item = Item.objects.get(method=Method.MANUAL)
    response = client.post(
        reverse("assessment-api:assessment-score", args=[assessment.pk]),
        {"item": item.pk, "score": "14", "evidence": "述法报告", "reason": "齐全"},
    )
    assert response.status_code == 200
    assert Decimal(response.json()["total"]) == D("3.33") + D(14)
    client.force_login(users["leader"])
    response = client.post(reverse("assessment-api:assessment-notify", args=[assessment.pk]))
    assert response.status_code == 403


def test_scheme_and_assessment_created_through_the_api_and_page(client, users, tree):
    client.force_login(users["justice_legal_officer"])
    response = client.post(
        reverse("assessment-api:scheme-list"),
        {"year": 2022, "title": "2022年度考核", "dimensions": SCHEME},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    response = client.post(
        reverse("assessment-api:assessment-list"), {"year": 2022, "organization": "TOWN"}
    )
    assert response.status_code == 201
    client.post(reverse("assessment:index"), {"organization": tree.other_town.pk})
    assert Assessment.objects.count() == 2
    client.force_login(users["leader"])
    response = client.post(
        reverse("assessment-api:assessment-list"), {"year": 2022, "organization": "MARKET"}
    )
    assert response.status_code == 403
    assert Assessment.objects.count() == 2


@pytest.mark.parametrize("rows", [1, 20])
def test_list_queries_do_not_grow_with_rows(client, users, tree, rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganizationFactory

    assessor = users["justice_legal_officer"]
    scheme = services.scheme_create(actor=assessor, year=2022, title="t", dimensions=SCHEME[1:])
    for index in range(rows):
        unit = OrganizationFactory(code=f"A{index}", kind="town", parent=tree.city)
        assessment = services.assessment_open(actor=assessor, scheme=scheme, organization=unit)
        services.assessment_score(
            actor=assessor,
            assessment=assessment,
            item=Item.objects.get(),
            score=D(10),
            evidence="e",
            reason="r",
        )
    client.force_login(assessor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("assessment-api:assessment-list")).status_code == 200
    assert len(queries) <= 8
    with CaptureQueriesContext(connection) as page:
        assert client.get(reverse("assessment:index")).status_code == 200
    assert len(page) <= 14
