"""Pages, portal and API of reconsideration: the permission matrix and the public form."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from fazhi.reconsideration.models import Channel, ReconsiderationCase, Status
from tests.reconsideration.factories import receive


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def _portal_data(tree, **overrides):
    data = {
        "applicant_name": "陈某",
        "applicant_phone": "13800000000",
        "respondent": tree.market.pk,
        "act_kind": "action",
        "contested_act": "罚款5000元的行政处罚决定",
        "request": "撤销该决定",
    }
    data.update(overrides)
    return data


def test_portal_application_creates_an_online_case(client, tree):
    url = reverse("reconsideration-portal:apply")
    assert client.get(url).status_code == 200
    response = client.post(url, _portal_data(tree))
    assert response.status_code == 200
    case = ReconsiderationCase.objects.get()
    assert case.channel == Channel.ONLINE
    assert case.organization == tree.justice
    assert case.case_no in response.content.decode()


def test_portal_refuses_bad_input_and_floods(client, tree, monkeypatch):
    from fazhi.reconsideration import views

    url = reverse("reconsideration-portal:apply")
    response = client.post(url, _portal_data(tree, applicant_id_number="123"))
    assert response.status_code == 400
    assert "身份证号码" in response.content.decode()
    assert ReconsiderationCase.objects.count() == 0
    monkeypatch.setattr(views, "PORTAL_LIMIT", 2)
    assert client.post(url, _portal_data(tree)).status_code == 200
    assert client.post(url, _portal_data(tree)).status_code == 429
    assert ReconsiderationCase.objects.count() == 1


def test_public_api_is_throttled(client, tree, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"public_form": "1/hour"})
    url = reverse("reconsideration-api:apply")
    data = {**_portal_data(tree), "respondent": tree.market.code}
    first = client.post(url, data)
    assert first.status_code == 201
    assert first.json()["case_no"].endswith("〕1号")
    assert client.post(url, data).status_code == 429
    assert ReconsiderationCase.objects.count() == 1


def test_permission_matrix_for_pages(client, tree, users):
    case = receive(users["reconsideration_officer"], tree)
    detail = reverse("reconsideration:case_detail", args=[case.pk])
    accept = reverse("core:transition", args=["reconsideration.case", case.pk, "accept"])
    data = {"accept-on": "2022-03-02", "accept-procedure": "ordinary"}
    assert client.get(detail).status_code == 302  # anonymous
    client.force_login(users["department_legal_officer"])  # the respondent's legal officer
    assert client.get(detail).status_code == 200
    assert client.post(accept, data).status_code == 403
    client.force_login(users["mediator"])  # another organisation
    assert client.get(detail).status_code == 404
    assert case.case_no not in client.get(reverse("reconsideration:cases")).content.decode()
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    client.force_login(users["reconsideration_officer"])
    response = client.post(accept, {"accept-on": "2022-02-01", "accept-procedure": "ordinary"})
    assert response.status_code == 400
    assert client.post(accept, data).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    assert client.get(detail).status_code == 200
    assert client.get(reverse("reconsideration:cases"), {"export": "xlsx"}).status_code == 200


def test_staff_intake_page(client, tree, users):
    url = reverse("reconsideration:case_create")
    client.force_login(users["drafter"])
    assert client.get(url).status_code == 403
    client.force_login(users["reconsideration_officer"])
    response = client.post(
        url,
        {**_portal_data(tree), "channel": "post", "received_on": "2022-06-01"},
    )
    assert response.status_code == 302
    assert ReconsiderationCase.objects.get().channel == Channel.POST


def test_permission_matrix_for_the_api(client, tree, users):
    case = receive(users["reconsideration_officer"], tree)
    url = reverse("reconsideration-api:case-accept", args=[case.pk])
    data = {"on": "2022-03-02", "procedure": "ordinary"}
    assert client.post(url, data).status_code in (401, 403)
    client.force_login(users["mediator"])
    assert client.post(url, data).status_code == 404
    client.force_login(users["department_legal_officer"])
    response = client.post(url, data)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden_role"
    client.force_login(users["reconsideration_officer"])
    response = client.post(
        reverse("reconsideration-api:case-decide", args=[case.pk]),
        {"on": "2022-03-05", "decision": "uphold", "summary": "维持"},
    )
    assert (response.status_code, response.json()["code"]) == (409, "not_yet_accepted")
    assert client.post(url, data).status_code == 200
    listing = client.get(reverse("reconsideration-api:case-list")).json()
    assert listing["count"] == 1
    assert listing["results"][0]["applicant_id_number"] != "33048119800101001X"


def test_list_page_queries_are_bounded(client, tree, users, django_assert_max_num_queries):
    for _ in range(5):
        receive(users["reconsideration_officer"], tree)
    client.force_login(users["justice_legal_officer"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reconsideration:cases"))
    assert response.status_code == 200


def test_dismissal_and_a_letter_reply_through_the_declared_api(client, tree, users):
    """Steps generated from the declaration: the same service, refusals in the error shape."""
    officer = users["reconsideration_officer"]
    case = receive(officer, tree)
    client.force_login(officer)
    base = "reconsideration-api:case-"
    assert (
        client.post(
            reverse(base + "accept", args=[case.pk]), {"on": "2022-03-02", "procedure": "ordinary"}
        ).status_code
        == 200
    )
    response = client.post(reverse(base + "dismiss", args=[case.pk]), {"on": "2022-03-10"})
    assert (response.status_code, response.json()["field"]) == (400, "summary")
    # reconsideration_dismiss through the API: the case is concluded as dismissed
    response = client.post(
        reverse(base + "dismiss", args=[case.pk]), {"on": "2022-03-10", "summary": "不符合受理条件"}
    )
    assert response.status_code == 200
    assert response.json()["closure"] == "dismissed"
    again = client.post(
        reverse(base + "dismiss", args=[case.pk]), {"on": "2022-03-11", "summary": "再次"}
    )
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
    response = client.post(
        reverse(base + "letter", args=[case.pk]),
        {
            "on": "2022-03-12",
            "letter_type": "opinion",
            "addressee": tree.market.pk,
            "issues": "执法程序不规范",
        },
    )
    assert response.status_code == 200
    letter = case.letters.get()
    # reconsideration_letter_reply: the page offers it once, then the API refuses a second reply
    page = client.get(reverse("reconsideration:case_detail", args=[case.pk])).content.decode()
    assert reverse("core:transition", args=["reconsideration.letter", letter.pk, "reply"]) in page
    reply = reverse("reconsideration-api:letter-reply", args=[letter.pk])
    assert (
        client.post(
            reply, {"on": "2022-04-01", "rectified": True}, content_type="application/json"
        ).status_code
        == 200
    )
    letter.refresh_from_db()
    assert (letter.replied_on.isoformat(), letter.rectified) == ("2022-04-01", True)
    second = client.post(reply, {"on": "2022-04-02"})
    assert (second.status_code, second.json()["detail"]) == (409, "已登记回复。")
    client.force_login(users["mediator"])
    assert client.post(reply, {"on": "2022-04-03"}).status_code == 404
