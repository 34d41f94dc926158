"""Law base pages: staff search (htmx), law page with anchors, citation check; the portal."""

from __future__ import annotations

import pytest

from fazhi.lawbase.models import Law

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, users):
    client.force_login(users["drafter"])
    return client


def test_search_page_and_htmx_results(staff, loaded):
    page = staff.get("/lawbase/", {"q": "听证"})
    assert page.status_code == 200
    assert "中华人民共和国行政处罚法" in page.content.decode()
    partial = staff.get("/lawbase/", {"q": "听证"}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body
    assert "#article-63" in body


def test_search_page_shows_the_error_for_an_overlong_query(staff, loaded):
    page = staff.get("/lawbase/", {"q": "行" * 101})
    assert page.status_code == 200
    assert "检索词不能超过100个字" in page.content.decode()


def test_law_page_lists_articles_with_anchors(staff, loaded, django_assert_max_num_queries):
    law = Law.objects.get(title="中华人民共和国行政处罚法")
    with django_assert_max_num_queries(15):
        page = staff.get(f"/lawbase/laws/{law.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count('class="article" id="article-') == 86
    assert 'href="#article-1"' in body  # the contents links to chapter one


def test_law_list_filters_and_exports(staff, loaded, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        page = staff.get("/lawbase/laws/", {"kind": "administrative_regulation"})
    assert "法规规章备案审查条例" in page.content.decode()
    assert "中华人民共和国行政处罚法" not in page.content.decode()
    export = staff.get("/lawbase/laws/", {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_citation_page_checks_a_text(staff, loaded):
    page = staff.post(
        "/lawbase/citations/", {"text": "《行政处罚法》第九十条", "date": "2022-01-01"}
    )
    assert "没有第九十条（共86条）" in page.content.decode()
    empty = staff.post("/lawbase/citations/", {"text": ""})
    assert 'id="id_text_error"' in empty.content.decode()


def test_staff_pages_need_a_login(client, loaded):
    response = client.get("/lawbase/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_portal_is_public(client, loaded):
    home = client.get("/portal/lawbase/")
    assert home.status_code == 200
    assert "中华人民共和国行政处罚法" in home.content.decode()
    found = client.get("/portal/lawbase/", {"q": "备案审查"}).content.decode()
    assert "法规规章备案审查条例" in found
    law = Law.objects.get(title="法规规章备案审查条例")
    page = client.get(f"/portal/lawbase/laws/{law.pk}/")
    assert page.status_code == 200
    assert 'id="article-26"' in page.content.decode()
