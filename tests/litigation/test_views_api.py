"""Pages and API of litigation: the permission matrix and the appearance form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.litigation import services
from fazhi.litigation.models import LitigationHearing, Status
from tests.litigation.factories import court, register


@pytest.fixture
def case(tree, users):
    return register(users["department_legal_officer"], tree, court())


def test_pages_permission_matrix(client, case, users):
    detail = reverse("litigation:case_detail", args=[case.pk])
    conclude = reverse("core:transition", args=["litigation.case", case.pk, "conclude"])
    data = {"conclude-on": "2022-05-01", "conclude-outcome": "withdrawn"}
    assert client.get(detail).status_code == 302
    client.force_login(users["mediator"])  # another organisation
    assert client.get(detail).status_code == 404
    assert client.post(conclude, data).status_code == 404
    client.force_login(users["leader"])  # reads, cannot change
    assert client.get(detail).status_code == 200
    assert client.post(conclude, data).status_code == 403
    case.refresh_from_db()
    assert case.status == Status.FILED
    client.force_login(users["department_legal_officer"])
    bad = client.post(conclude, {"conclude-on": "2022-01-01", "conclude-outcome": "withdrawn"})
    assert bad.status_code == 400
    assert client.post(conclude, data).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CONCLUDED
    listing = client.get(reverse("litigation:cases"), {"status": "concluded"})
    assert case.court_case_no in listing.content.decode()
    assert client.get(reverse("litigation:cases"), {"export": "xlsx"}).status_code == 200


def test_appearance_page_and_api(client, case, users):
    legal = users["department_legal_officer"]
    hearing = services.litigation_hearing_schedule(
        actor=legal, case=case, held_on=dt.date(2022, 4, 1), head_required=True
    )
    client.force_login(legal)
    url = reverse("core:transition", args=["litigation.hearing", hearing.pk, "appearance"])
    response = client.post(url, {"appearance-appearance": "none"})
    assert response.status_code == 400
    assert LitigationHearing.objects.get().appearance == ""
    api = reverse("litigation-api:hearing-appearance", args=[hearing.pk])
    client.force_login(users["mediator"])
    assert client.post(api, {"appearance": "deputy", "head_name": "副局长"}).status_code == 404
    client.force_login(legal)
    assert client.post(api, {"appearance": "deputy", "head_name": "副局长"}).status_code == 200
    again = client.post(api, {"appearance": "principal", "head_name": "局长"})
    assert (again.status_code, again.json()["code"]) == (409, "appearance_already_recorded")
    assert LitigationHearing.objects.get().appearance == "deputy"


def test_api_register_and_scope(client, tree, case, users):
    client.force_login(users["department_legal_officer"])
    assert client.get(reverse("litigation-api:case-list")).json()["count"] == 1
    response = client.post(
        reverse("litigation-api:case-list"),
        {
            "organization": tree.enforcement.code,
            "court": "COURT",
            "court_case_no": "X-1",
            "trial_level": "first",
            "plaintiff_name": "甲",
            "cause": "行政强制",
            "contested_act": "查封决定",
            "filed_on": "2022-05-01",
        },
    )
    assert (response.status_code, response.json()["code"]) == (403, "out_of_scope")
    client.force_login(users["mediator"])
    assert client.get(reverse("litigation-api:case-list")).json()["count"] == 0


def test_list_page_queries_are_bounded(client, tree, case, users, django_assert_max_num_queries):
    for number in range(2, 7):
        register(users["department_legal_officer"], tree, case.court, number=number)
    client.force_login(users["leader"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("litigation:cases"))
    assert response.status_code == 200
    assert response.content.decode().count("浙0481行初") == 6


def test_register_page_links_a_reconsideration_case(client, tree, users, settings):
    from fazhi.litigation.models import LitigationCase
    from fazhi.reconsideration import services as reconsideration_services
    from tests.reconsideration.factories import accepted

    settings.FAZHI_RECONSIDERATION_BODY_CODE = "JUSTICE"
    officer = users["reconsideration_officer"]
    origin = accepted(officer, tree)
    origin = reconsideration_services.reconsideration_decide(
        actor=officer, case=origin, on=dt.date(2022, 4, 1), decision="uphold", summary="维持"
    )
    the_court = court()
    client.force_login(users["department_legal_officer"])
    data = {
        "organization": tree.market.pk,
        "court": the_court.pk,
        "court_case_no": "（2022）浙0481行初50号",
        "trial_level": "first",
        "procedure": "ordinary",
        "plaintiff_name": "张三",
        "cause": "行政处罚",
        "contested_act": "罚款决定",
        "filed_on": "2022-04-20",
        "origin_reconsideration_no": "海宁复〔2022〕999号",
    }
    response = client.post(reverse("litigation:case_create"), data)
    assert response.status_code == 200
    assert "复议案件不存在" in response.content.decode()
    assert LitigationCase.objects.count() == 0
    data["origin_reconsideration_no"] = origin.case_no
    assert client.post(reverse("litigation:case_create"), data).status_code == 302
    assert LitigationCase.objects.get().origin_reconsideration == origin


def test_hearing_is_scheduled_through_the_declared_api_step(client, case, users):
    """litigation_hearing_schedule as an API step: the hearing is listed and the case answered."""
    client.force_login(users["department_legal_officer"])
    url = reverse("litigation-api:case-hearing", args=[case.pk])
    bad = client.post(url, {"held_on": "2021-01-01", "head_required": True})
    assert (bad.status_code, bad.json()["field"]) == (400, "held_on")
    assert not LitigationHearing.objects.exists()
    response = client.post(url, {"held_on": "2022-04-01", "head_required": True})
    assert response.status_code == 200, response.json()
    hearings = client.get(reverse("litigation-api:hearing-list")).json()
    assert [h["held_on"] for h in hearings["results"]] == ["2022-04-01"]
