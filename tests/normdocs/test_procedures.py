"""normdocs on the declared procedures: the cross-unit joint review (scope follows the task),
every step through the API, editing a draft, and list endpoints' query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core.errors import ApplicationError
from fazhi.core.models import Role
from fazhi.core.scoping import scope_for
from fazhi.normdocs import prereview, services
from fazhi.normdocs.models import DocumentStatus, JointReview, NormativeDocument
from fazhi.normdocs.permissions import JOINT_REVIEW_TASK
from tests.factories import user_with_role
from tests.normdocs.conftest import PAPER, docx_bytes

pytestmark = pytest.mark.django_db

API = "/api/normdocs/"


def _prefixed(prefix: str, **fields) -> dict[str, object]:
    return {f"{prefix}-{key}": value for key, value in fields.items()}


def _transition(key: str, pk: int, name: str) -> str:
    return reverse("core:transition", args=[key, pk, name])


# --- a joint reviewer from another unit -------------------------------------------------------


def test_cross_unit_joint_reviewer_reviews_and_nothing_more(client, setup, tree):
    """ENF owns the fiscal review: its legal officer opens the MARKET draft, records the fiscal
    conclusion, and can do nothing else — not the other review, not the document's steps, not
    another MARKET draft. ENF's drafter holds no task at all."""
    document = setup.submitted(setup.create())
    other_draft = setup.create(title="另一草案")
    fiscal = document.joint_reviews.get(review_type__code="fiscal")
    fair = document.joint_reviews.get(review_type__code="fair-competition")
    reviewer = setup.finance_legal  # DEPARTMENT_LEGAL_OFFICER at ENF
    enf_drafter = user_with_role(Role.DRAFTER, tree.enforcement, username="enf-drafter")

    scope = scope_for(reviewer)
    assert scope.holds_task(JOINT_REVIEW_TASK, document, unit=tree.enforcement)
    assert not scope.holds_task(JOINT_REVIEW_TASK, document, unit=tree.market)
    assert not scope.holds_task(JOINT_REVIEW_TASK, other_draft)
    assert not scope_for(enf_drafter).holds_task(JOINT_REVIEW_TASK, document)

    detail = reverse("normdocs:detail", args=[document.pk])
    matrix = {reviewer: 200, enf_drafter: 403}
    for user, expected in matrix.items():
        client.force_login(user)
        assert client.get(detail).status_code == expected, user
    client.force_login(reviewer)
    page = client.get(detail).content.decode()
    assert "第一条" in page  # the draft text is readable
    assert page.count('data-action="conclude"') == 1  # only ENF's own review is offered
    assert 'data-action="comment_revise"' not in page
    assert client.get(reverse("normdocs:detail", args=[other_draft.pk])).status_code == 403
    assert client.get(reverse("normdocs:edit", args=[document.pk])).status_code in (403, 409)
    listed = client.get(reverse("normdocs:list")).context["page"].object_list
    assert [d.pk for d in listed] == [document.pk]
    queue = client.get(reverse("normdocs:review_queue")).context["page"].object_list
    assert [r.pk for r in queue] == [fiscal.pk]

    # Not the other unit's review, not the legality opinion.
    response = client.post(
        _transition("normdocs.joint_review", fair.pk, "conclude"),
        _prefixed(
            "conclude", outcome="passed", competition_conclusion="no_effect", on="2022-04-08"
        ),
    )
    assert response.status_code == 403
    fair.refresh_from_db()
    assert fair.outcome == ""
    response = client.post(
        _transition("normdocs.document", document.pk, "legality_conclude"),
        _prefixed("legality_conclude", outcome="lawful", opinion="合法", on="2022-04-20"),
    )
    assert response.status_code == 403

    # Its own review: recorded through the page.
    response = client.post(
        _transition("normdocs.joint_review", fiscal.pk, "conclude"),
        _prefixed(
            "conclude", outcome="passed", competition_conclusion="no_effect", on="2022-04-08"
        ),
    )
    assert response.status_code == 302, response.content.decode()
    fiscal.refresh_from_db()
    assert (fiscal.outcome, fiscal.reviewer) == ("passed", reviewer)

    # ENF's drafter cannot record it, by page or API.
    client.force_login(enf_drafter)
    assert (
        client.post(
            _transition("normdocs.joint_review", fair.pk, "conclude"),
            _prefixed(
                "conclude", outcome="passed", competition_conclusion="no_effect", on="2022-04-08"
            ),
        ).status_code
        == 403
    )

    # With both reviews in, the justice bureau's opinion is no longer blocked.
    services.joint_review_record(
        actor=setup.users["department_legal_officer"],
        review=fair,
        outcome="passed",
        competition_conclusion="no_effect",
        on=dt.date(2022, 4, 8),
    )
    services.legality_conclude(
        actor=setup.users["justice_legal_officer"],
        document=document,
        outcome="lawful",
        opinion="合法。",
        on=dt.date(2022, 4, 15),
        backdate_reason=PAPER,
    )
    document.refresh_from_db()
    assert document.status == DocumentStatus.LEGALITY_PASSED


def test_cross_unit_joint_review_through_the_api(setup):
    document = setup.submitted(setup.create())
    fiscal = document.joint_reviews.get(review_type__code="fiscal")
    fair = document.joint_reviews.get(review_type__code="fair-competition")
    api = APIClient()
    api.force_authenticate(setup.finance_legal)
    assert api.get(f"{API}documents/{document.pk}/").status_code == 200
    listed = api.get(f"{API}joint-reviews/").json()["results"]
    assert {r["id"] for r in listed} == {fiscal.pk, fair.pk}
    response = api.post(
        f"{API}joint-reviews/{fair.pk}/conclude/",
        {"outcome": "passed", "on": "2022-04-08"},
        format="json",
    )
    assert response.status_code == 403
    response = api.post(
        f"{API}documents/{document.pk}/comment-revise/", {"text": "改"}, format="json"
    )
    assert response.status_code == 403
    response = api.post(
        f"{API}joint-reviews/{fiscal.pk}/conclude/",
        {"outcome": "passed_with_changes", "opinion": "建议调整资金来源表述。", "on": "2022-04-08"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["outcome"] == "passed_with_changes"


# --- the whole life through the API -----------------------------------------------------------


def test_every_document_step_through_the_api(setup):
    users = setup.users
    document = setup.through_comment(setup.create())
    api = APIClient()
    api.force_authenticate(users["drafter"])
    url = f"{API}documents/{document.pk}/"
    response = api.post(
        f"{url}submit-for-review/",
        {
            "review_types": ["fair-competition", "fiscal"],
            "on": "2022-04-06",
            "backdate_reason": PAPER,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    for review in JointReview.objects.filter(document=document):
        services.joint_review_record(
            actor=users["administrator"],
            review=review,
            outcome="passed",
            competition_conclusion="no_effect",
            on=dt.date(2022, 4, 8),
        )
    api.force_authenticate(users["justice_legal_officer"])
    response = api.post(
        f"{url}legality-conclude/",
        {"outcome": "lawful", "opinion": "合法。", "on": "2022-04-15", "backdate_reason": PAPER},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = api.post(
        f"{url}deliberate/",
        {
            "meeting_kind": "executive",
            "meeting_date": "2022-04-20",
            "approved": "1",
            "minutes": "常务会议审议通过。",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = api.post(
        f"{url}issue/", {"series_key": "city-normative", "issued_on": "2022-04-25"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["document_number"] == "海政规〔2022〕1号"
    filing = document.filings.first()
    response = api.post(
        f"{API}filings/{filing.pk}/record/", {"filed_on": "2022-04-28"}, format="json"
    )
    assert response.status_code == 200, response.json()
    response = api.post(
        f"{API}filings/{filing.pk}/record/", {"filed_on": "2022-04-29"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate"
    response = api.post(
        f"{url}evaluate/",
        {
            "kind": "self",
            "evaluator": "市场监管局",
            "report": "实施良好。",
            "conclusion": "continue",
            "evaluated_on": "2023-04-25",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = api.post(
        f"{url}cleanup/",
        {"outcome": "repeal", "reason": "已被新规定替代。", "decided_on": "2024-01-10"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == DocumentStatus.REPEALED


def test_draft_edited_through_the_api_and_the_comment_steps(setup):
    document = setup.create()
    api = APIClient()
    api.force_authenticate(setup.users["drafter"])
    url = f"{API}documents/{document.pk}/"
    response = api.post(
        f"{url}update-draft/", {"title": document.title, "body": "第一条 新文本。"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["body"] == "第一条 新文本。"
    response = api.post(
        f"{url}comment-open/",
        {"starts_on": "2022-03-01", "ends_on": "2022-03-02", "backdate_reason": PAPER},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "ends_on"
    response = api.post(
        f"{url}comment-open/",
        {"starts_on": "2022-03-01", "ends_on": "2022-03-31", "backdate_reason": PAPER},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = api.post(f"{url}comment-revise/", {"text": "第一条 修改稿。"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["body"] == "第一条 修改稿。"


def test_inspection_through_the_api(setup, tree):
    document = setup.issued(setup.create())
    api = APIClient()
    api.force_authenticate(setup.users["supervisor"])
    response = api.post(
        f"{API}inspections/",
        {
            "organization": "JUSTICE",
            "title": "专项检查",
            "kind": "special",
            "started_on": "2022-06-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    url = f"{API}inspections/{response.json()['id']}/"
    assert api.post(f"{url}select-documents/", {"unit": "MARKET"}, format="json").status_code == 200
    response = api.post(
        f"{url}record-finding/",
        {
            "document": document.pk,
            "category": "form",
            "description": "格式不规范",
            "recorded_on": "2022-06-02",
            "rectification_due": "2022-07-02",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = api.post(
        f"{url}close/", {"closed_on": "2022-06-03", "summary": "检查结束。"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "findings_open"
    finding = api.get(f"{API}findings/").json()["results"][0]
    api.force_authenticate(setup.users["drafter"])  # the inspected unit rectifies
    response = api.post(
        f"{API}findings/{finding['id']}/rectify/",
        {"rectified_on": "2022-06-10", "note": "已改正。"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    api.force_authenticate(setup.users["supervisor"])
    response = api.post(
        f"{url}close/", {"closed_on": "2022-06-30", "summary": "检查结束。"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "closed"


def test_review_type_configured_through_the_api(setup):
    api = APIClient()
    payload = {
        "code": "credit",
        "name": "信用审查",
        "owner_unit": "ENF",
        "configured_on": "2022-01-01",
    }
    api.force_authenticate(setup.users["drafter"])
    assert api.post(f"{API}review-types/", payload, format="json").status_code == 403
    api.force_authenticate(setup.users["justice_legal_officer"])
    response = api.post(f"{API}review-types/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["owner_unit"] == "ENF"


# --- editing a draft (issue 16) ---------------------------------------------------------------


def test_editing_an_uploaded_draft_shows_the_new_text(client, setup):
    client.force_login(setup.users["drafter"])
    form = {"organization": "MARKET", "issuing_body": "CITY", "title": "海宁市测试办法"}
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("normdocs:create"),
        {**form, "upload": SimpleUploadedFile("a.docx", docx_bytes("第一条 旧文本。"))},
    )
    document = NormativeDocument.objects.get()
    response = client.post(
        reverse("normdocs:edit", args=[document.pk]),
        {**form, "upload": SimpleUploadedFile("b.docx", docx_bytes("第一条 新文本。"))},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "新文本" in page
    assert "旧文本" not in page
    # Edited by another route (the API) without a new pre-review: the old run is not shown as
    # the draft; the page says it is out of date.
    services.document_update_draft(
        actor=setup.users["drafter"],
        document=document,
        title="海宁市测试办法",
        body="第一条 第三版。",
    )
    page = client.get(reverse("normdocs:detail", args=[document.pk])).content.decode()
    assert "第三版" in page
    assert "新文本" not in page
    if prereview.available():
        assert 'data-testid="prereview-stale"' in page


# --- list endpoints: the query count does not grow with rows ----------------------------------


@pytest.mark.parametrize(
    "endpoint", ["documents", "joint-reviews", "filings", "inspections", "findings", "review-types"]
)
def test_list_endpoints_query_count_at_1_and_20_rows(
    setup, endpoint, django_assert_max_num_queries
):
    api = APIClient()
    api.force_authenticate(setup.users["justice_legal_officer"])
    api.get(f"{API}{endpoint}/")  # the caller's scope is loaded once, then cached
    counts = []
    for rows in (1, 20):
        _rows(setup, endpoint, rows)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = api.get(f"{API}{endpoint}/", {"page_size": 50})
        assert response.status_code == 200
        assert response.json()["count"] >= rows
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def _rows(setup, endpoint: str, wanted: int) -> None:
    from fazhi.normdocs.models import Filing, Inspection, InspectionFinding, ReviewType

    admin = setup.users["administrator"]
    if endpoint == "documents":
        while NormativeDocument.objects.count() < wanted:
            setup.create(title=f"文件{NormativeDocument.objects.count()}")
    elif endpoint == "joint-reviews":
        while JointReview.objects.count() < wanted:
            setup.submitted(setup.create(title=f"文件{NormativeDocument.objects.count()}"))
    elif endpoint == "filings":
        while Filing.objects.count() < wanted:
            setup.issued(setup.create(title=f"文件{NormativeDocument.objects.count()}"))
    elif endpoint in ("inspections", "findings"):
        if not NormativeDocument.objects.filter(status=DocumentStatus.ISSUED).exists():
            setup.issued(setup.create())
        document = NormativeDocument.objects.filter(status=DocumentStatus.ISSUED).first()
        model = Inspection if endpoint == "inspections" else InspectionFinding
        while model.objects.count() < wanted:
            inspection = services.inspection_open(
                actor=admin,
                organization=setup.tree.justice,
                title=f"检查{Inspection.objects.count()}",
                kind="special",
                started_on=dt.date(2022, 6, 1),
            )
            services.inspection_select_documents(actor=admin, inspection=inspection)
            services.inspection_finding_record(
                actor=admin,
                inspection=inspection,
                document=document,
                category="form",
                description="格式不规范",
                recorded_on=dt.date(2022, 6, 2),
                rectification_due=dt.date(2022, 7, 2),
            )
    else:
        while ReviewType.objects.count() < wanted:
            n = ReviewType.objects.count()
            services.review_type_configure(
                actor=admin,
                code=f"t{n}",
                name=f"审查{n}",
                owner_unit=setup.tree.enforcement,
                configured_on=dt.date(2022, 1, 1),
            )


# --- back-dating never shortens the minimum legality review (issue 16) ------------------------


def test_minimum_legality_review_runs_from_the_day_it_is_entered(setup):
    from django.utils import timezone

    today = timezone.localdate()
    document = setup.through_comment(setup.create())
    justice = setup.users["justice_legal_officer"]
    # A submission dated a month back needs a reason and is marked as back-dated ...
    with pytest.raises(ApplicationError) as caught:
        services.review_submit(
            actor=setup.users["drafter"],
            document=document,
            review_type_codes=["fair-competition", "fiscal"],
            on=today - dt.timedelta(days=30),
        )
    assert (caught.value.code, caught.value.field) == (
        "backdate_reason_required",
        "backdate_reason",
    )
    legality = services.review_submit(
        actor=setup.users["drafter"],
        document=document,
        review_type_codes=["fair-competition", "fiscal"],
        on=today - dt.timedelta(days=30),
        backdate_reason="纸质送审件补录",
    )
    assert (legality.recorded_on, legality.submission_backdate_reason) == (today, "纸质送审件补录")
    for review in document.joint_reviews.all():
        services.joint_review_record(
            actor=setup.users["administrator"],
            review=review,
            outcome="passed",
            competition_conclusion="no_effect",
            on=today,
        )
    # ... but a review concluded in the system runs from the day the submission was entered:
    # no opinion today, five working days early.
    with pytest.raises(ApplicationError) as caught:
        services.legality_conclude(
            actor=justice, document=document, outcome="lawful", opinion="合法。"
        )
    assert caught.value.code == "legality_review_too_fast"
    assert services.legality_earliest_conclusion(legality) > today
    document.refresh_from_db()
    assert document.status == DocumentStatus.IN_REVIEW
    # An opinion given on paper before the submission was entered is a paper record: counted
    # from the paper dates, with its reason kept.
    review = services.legality_conclude(
        actor=justice,
        document=document,
        outcome="lawful",
        opinion="合法。",
        on=today - dt.timedelta(days=20),
        backdate_reason="纸质意见补录",
    )
    assert review.conclusion_backdate_reason == "纸质意见补录"


def test_resubmission_cannot_be_dated_before_its_return(setup):
    document = setup.submitted(setup.create())
    for review in document.joint_reviews.all():
        services.joint_review_record(
            actor=setup.users["administrator"],
            review=review,
            outcome="passed",
            competition_conclusion="no_effect",
            on=dt.date(2022, 4, 8),
        )
    services.legality_conclude(
        actor=setup.users["justice_legal_officer"],
        document=document,
        outcome="amend",
        opinion="请修改第二条。",
        on=dt.date(2022, 4, 15),
        backdate_reason=PAPER,
    )
    with pytest.raises(ApplicationError) as caught:
        services.review_submit(
            actor=setup.users["drafter"],
            document=document,
            review_type_codes=["fair-competition", "fiscal"],
            on=dt.date(2022, 4, 10),
            backdate_reason=PAPER,
        )
    assert (caught.value.code, caught.value.field) == ("date_before_previous_step", "on")
    document.refresh_from_db()
    assert (document.status, document.review_round) == (DocumentStatus.DRAFTING, 1)


# --- a dismissed pre-review finding without a reason (issue 16) --------------------------------


@pytest.mark.skipif(not prereview.available(), reason="the review app is not installed")
def test_dismissing_a_finding_without_a_reason_shows_the_error_on_the_page(client, setup):
    """The decision form posts with htmx, which by default leaves a 400 answer unswapped (the
    error was invisible). The document page swaps the 400 fragment in, and the fragment names
    the missing reason."""
    document = setup.create(body="第一条 本办法自发布之日起施行。\n第二条 违者罚款一百万元。")
    run = prereview.run(document=document, actor=setup.users["department_legal_officer"])
    client.force_login(setup.users["department_legal_officer"])
    page = client.get(reverse("normdocs:detail", args=[document.pk])).content.decode()
    # every staff page tells htmx to swap 400 answers (base.html's htmx-config)
    assert '{"code":"400","swap":true}' in page
    finding = run.findings.first()
    if finding is None:
        pytest.skip("the draft raised no finding")
    response = client.post(
        reverse("review:finding_decide", args=[finding.pk]),
        {"outcome": "dismissed", "reason": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    finding.refresh_from_db()
    assert finding.status != "dismissed"
