"""Issue 15 rules for normative documents, each test naming its source:
the deliberating meeting fits the issuing body (国办发〔2018〕37号 §2(7), UNCONFIRMED); the
legality reviewer follows the issuer (国办发〔2018〕115号); the filing review's result is
recorded (spec §1.5); the fair-competition conclusion, its exception (公平竞争审查条例第十二条,
in force 2024-08-01; before that unresolved) and the sunset reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from fazhi.core.errors import ApplicationError
from fazhi.core.models import Notification
from fazhi.lawbase.domain.citations import find_citations
from fazhi.lawbase.selectors import corpus_citation_resolver
from fazhi.normdocs import rules, services
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import DocumentStatus, FilingReviewOutcome, NormativeDocument
from tests.normdocs.conftest import PAPER

pytestmark = pytest.mark.django_db
API = "/api/normdocs/"


def _refused(code, call, **kwargs):
    with pytest.raises(ApplicationError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def _department_document(setup) -> NormativeDocument:
    """A market bureau document in its own name, through its joint reviews."""
    document = setup.submitted(setup.create(issuing_body=setup.tree.market))
    reviews = {r.review_type.code: r for r in document.joint_reviews.all()}
    services.joint_review_record(
        actor=setup.users["department_legal_officer"],
        review=reviews["fair-competition"],
        outcome="passed",
        competition_conclusion="no_effect",
        on=dt.date(2022, 4, 8),
    )
    services.joint_review_record(
        actor=setup.finance_legal,
        review=reviews["fiscal"],
        outcome="passed",
        on=dt.date(2022, 4, 8),
    )
    return document


def _legality(actor, document):
    return services.legality_conclude(
        actor=actor,
        document=document,
        outcome="lawful",
        opinion="合法。",
        on=dt.date(2022, 4, 15),
        backdate_reason=PAPER,
    )


# --- legality review: who reviews (国办发〔2018〕115号) -----------------------------------------


def test_department_document_is_reviewed_by_its_own_legal_office_not_the_justice_bureau(setup):
    document = _department_document(setup)
    # The justice bureau reviews government documents only; another department's legal officer
    # is not this department's legal office.
    for actor in (setup.users["justice_legal_officer"], setup.finance_legal):
        _refused("forbidden_role", _legality, actor=actor, document=document)
    document.refresh_from_db()
    assert document.status == DocumentStatus.IN_REVIEW
    _legality(setup.users["department_legal_officer"], document)
    document.refresh_from_db()
    assert document.status == DocumentStatus.LEGALITY_PASSED


def test_government_document_is_reviewed_by_the_justice_bureau_only(setup):
    document = setup.submitted(setup.create())
    for review in document.joint_reviews.all():
        services.joint_review_record(
            actor=setup.users["administrator"],
            review=review,
            outcome="passed",
            competition_conclusion="no_effect",
            on=dt.date(2022, 4, 8),
        )
    _refused(
        "forbidden_role",
        _legality,
        actor=setup.users["department_legal_officer"],
        document=document,
    )
    _legality(setup.users["justice_legal_officer"], document)


def test_legality_step_offered_on_the_page_to_the_department_legal_office(client, setup):
    document = _department_document(setup)
    client.force_login(setup.users["department_legal_officer"])
    page = client.get(reverse("normdocs:detail", args=[document.pk])).content.decode()
    assert 'data-action="legality_conclude"' in page
    client.force_login(setup.users["justice_legal_officer"])
    step = reverse("core:transition", args=["normdocs.document", document.pk, "legality_conclude"])
    response = client.post(
        step,
        {
            "legality_conclude-outcome": "lawful",
            "legality_conclude-opinion": "合法",
            "legality_conclude-on": "2022-04-15",
            "legality_conclude-backdate_reason": PAPER,
        },
    )
    assert response.status_code == 403


# --- the deliberating meeting fits the issuing body (37号 §2(7)) --------------------------------


def test_department_document_deliberated_at_its_office_meeting_not_a_government_meeting(setup):
    document = _department_document(setup)
    _legality(setup.users["department_legal_officer"], document)
    error = _refused(
        Code.WRONG_MEETING,
        services.deliberation_record,
        actor=setup.users["drafter"],
        document=document,
        meeting_kind="executive",
        meeting_date=dt.date(2022, 4, 20),
        approved=True,
        minutes="审议通过。",
    )
    assert error.field == "meeting_kind"
    assert "部门办公会议" in error.message and "37号" in error.message
    document.refresh_from_db()
    assert (document.status, document.meeting_kind) == (DocumentStatus.LEGALITY_PASSED, "")
    services.deliberation_record(
        actor=setup.users["drafter"],
        document=document,
        meeting_kind="office",
        meeting_date=dt.date(2022, 4, 20),
        approved=True,
        minutes="局长办公会议审议通过。",
    )
    document.refresh_from_db()
    assert document.status == DocumentStatus.DELIBERATED


def test_city_document_refused_at_an_office_meeting_and_the_form_offers_only_fitting_ones(
    setup, client
):
    document = setup.reviewed(setup.create())
    _refused(
        Code.WRONG_MEETING,
        services.deliberation_record,
        actor=setup.users["drafter"],
        document=document,
        meeting_kind="office",
        meeting_date=dt.date(2022, 4, 20),
        approved=True,
        minutes="审议通过。",
    )
    client.force_login(setup.users["drafter"])
    page = client.get(reverse("normdocs:detail", args=[document.pk])).content.decode()
    assert "政府常务会议" in page and "政府全体会议" in page and "部门办公会议" not in page
    services.deliberation_record(
        actor=setup.users["drafter"],
        document=document,
        meeting_kind="plenary",
        meeting_date=dt.date(2022, 4, 20),
        approved=True,
        minutes="市政府全体会议审议通过。",
    )


# --- the filing review's result (spec §1.5) --------------------------------------------------


def test_filing_review_result_recorded_by_page_and_api_and_not_by_the_drafter(setup, client):
    document = setup.issued(setup.create())
    filing = document.filings.get(target="upper_government")
    services.filing_record(
        actor=setup.users["justice_legal_officer"], filing=filing, filed_on=dt.date(2022, 5, 5)
    )
    api = APIClient()
    api.force_authenticate(setup.users["drafter"])
    url = f"{API}filings/{filing.pk}/review/"
    body = {"outcome": "correction", "reviewed_on": "2022-05-20", "notes": ""}
    assert api.post(url, body, format="json").status_code == 403
    api.force_authenticate(setup.users["justice_legal_officer"])
    response = api.post(url, body, format="json")
    assert response.status_code == 400
    assert "notes" in str(response.json())
    filing.refresh_from_db()
    assert filing.review_outcome == ""
    body["notes"] = "第三条设定的申报条件无上位法依据，请于30日内自行纠正。"
    assert api.post(url, body, format="json").status_code == 200
    filing.refresh_from_db()
    assert (filing.review_outcome, filing.reviewed_on) == (
        FilingReviewOutcome.CORRECTION_REQUIRED,
        dt.date(2022, 5, 20),
    )
    # After a correction request only its outcome may follow, on the page.
    client.force_login(setup.users["justice_legal_officer"])
    step = reverse("core:transition", args=["normdocs.filing", filing.pk, "review"])
    response = client.post(
        step,
        {"review-outcome": "no_issue", "review-reviewed_on": "2022-06-10", "review-notes": ""},
    )
    assert response.status_code == 400
    response = client.post(
        step,
        {
            "review-outcome": "corrected",
            "review-reviewed_on": "2022-06-10",
            "review-notes": "制定机关已删除第三条申报条件。",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("normdocs:detail", args=[document.pk])).content.decode()
    assert "已自行纠正" in page
    # Nothing left to record.
    assert api.post(url, body, format="json").status_code == 409


def test_filing_review_needs_the_filing_first(setup):
    document = setup.issued(setup.create())
    filing = document.filings.first()
    _refused(
        "invalid_transition",
        services.filing_review_record,
        actor=setup.users["justice_legal_officer"],
        filing=filing,
        outcome="no_issue",
        reviewed_on=dt.date(2022, 5, 20),
    )


# --- fair-competition review (公平竞争审查条例第十二条、第十七条、第十八条) -------------------


def test_exception_articles_of_the_2024_regulation_resolve_in_the_law_base():
    resolver = corpus_citation_resolver()
    for exception in rules.competition_exceptions(dt.date(2024, 8, 1)):
        assert exception.resolved
        mentions = [m for m in find_citations(exception.article) if m.looks_like_instrument]
        result = resolver.resolve(mentions[0], dt.date(2024, 8, 1))
        assert result.ok, (exception.article, result.message)


def test_exceptions_before_2024_08_01_are_the_2016_system_and_unresolved():
    before = rules.competition_exceptions(dt.date(2024, 7, 31))
    assert before and all(not e.resolved and "UNRESOLVED" in e.article for e in before)
    assert rules.competition_exception("art12_3", dt.date(2024, 7, 31)) is None
    assert rules.competition_exception("rules2021_3", dt.date(2024, 8, 1)) is None


def _fair(setup, document):
    return document.joint_reviews.get(review_type__code="fair-competition")


def test_fair_competition_review_needs_a_conclusion_consistent_with_its_outcome(setup):
    document = setup.submitted(setup.create())
    legal = setup.users["department_legal_officer"]
    review = _fair(setup, document)
    common = {"actor": legal, "review": review, "on": dt.date(2022, 4, 8)}
    _refused(Code.COMPETITION_CONCLUSION, services.joint_review_record, outcome="passed", **common)
    # Restrictive without an exception: the measure may not issue (art 18).
    _refused(
        Code.COMPETITION_CONCLUSION,
        services.joint_review_record,
        outcome="passed",
        competition_conclusion="restrictive",
        **common,
    )
    review.refresh_from_db()
    assert review.outcome == ""


def test_2022_exception_recorded_as_unresolved_with_its_period(setup, client):
    document = setup.submitted(setup.create())
    review = _fair(setup, document)
    kwargs = {
        "actor": setup.users["department_legal_officer"],
        "review": review,
        "outcome": "passed_with_changes",
        "opinion": "限定本地企业的条款已改为过渡期安排。",
        "on": dt.date(2022, 4, 8),
        "competition_conclusion": "exception",
        "competition_exception": "art12_3",  # the 2024 regulation: not yet in force in 2022
        "competition_justification": "为保障救灾物资储备，过渡期内指定储备企业。",
        "no_less_restrictive_alternative": True,
        "competition_applies_until": dt.date(2024, 4, 8),
    }
    error = _refused(Code.COMPETITION_CONCLUSION, services.joint_review_record, **kwargs)
    assert error.field == "competition_exception"
    kwargs["competition_exception"] = "rules2021_2"
    for missing, code, field in (
        ({"competition_justification": ""}, Code.REQUIRED, "competition_justification"),
        (
            {"no_less_restrictive_alternative": False},
            Code.COMPETITION_CONCLUSION,
            "no_less_restrictive_alternative",
        ),
        (
            {"competition_applies_until": None},
            Code.COMPETITION_CONCLUSION,
            "competition_applies_until",
        ),
    ):
        error = _refused(code, services.joint_review_record, **{**kwargs, **missing})
        assert error.field == field
    services.joint_review_record(**kwargs)
    review.refresh_from_db()
    assert review.competition_exception_basis.startswith("国发〔2016〕34号")
    assert not review.competition_exception_resolved
    client.force_login(setup.users["drafter"])
    page = client.get(reverse("normdocs:detail", args=[document.pk])).content.decode()
    assert "法律库未收录" in page and "2024-04-08" in page


def test_2024_exception_cites_article_12_and_raises_one_sunset_reminder(setup, client):
    document = setup.submitted(setup.create())
    review = _fair(setup, document)
    services.joint_review_record(
        actor=setup.users["department_legal_officer"],
        review=review,
        outcome="passed",
        on=dt.date(2024, 9, 2),
        competition_conclusion="exception",
        competition_exception="art12_2",
        competition_justification="首台套产品推广应用，促进自主创新。",
        no_less_restrictive_alternative=True,
        competition_applies_until=dt.date(2026, 12, 31),
    )
    review.refresh_from_db()
    assert review.competition_exception_basis == "《公平竞争审查条例》第十二条第一款第（二）项"
    assert review.competition_exception_resolved
    services.joint_review_record(
        actor=setup.finance_legal,
        review=document.joint_reviews.get(review_type__code="fiscal"),
        outcome="passed",
        on=dt.date(2022, 4, 8),
    )
    _legality(setup.users["justice_legal_officer"], document)
    services.deliberation_record(
        actor=setup.users["drafter"],
        document=document,
        meeting_kind="executive",
        meeting_date=dt.date(2022, 4, 20),
        approved=True,
        minutes="审议通过。",
    )
    services.document_issue(
        actor=setup.users["justice_legal_officer"],
        document=document,
        series_key="city-normative",
        issued_on=dt.date(2022, 4, 25),
    )
    days = rules.rule("competition_sunset_reminder_days").value
    early = dt.date(2026, 12, 31) - dt.timedelta(days=days + 1)
    assert services.competition_sunset_reminders_raise(today=early) == 0
    inside = dt.date(2026, 12, 31) - dt.timedelta(days=days)
    raised = services.competition_sunset_reminders_raise(today=inside)
    assert raised == 2  # the market bureau's drafter and legal officer
    assert services.competition_sunset_reminders_raise(today=inside) == 0
    note = Notification.objects.filter(user=setup.users["drafter"]).get()
    assert "第十二条" in note.body and "2026-12-31" in note.body
    assert not Notification.objects.filter(user=setup.users["justice_legal_officer"]).exists()
    client.force_login(setup.users["drafter"])
    response = client.get(reverse("normdocs:reminders"))
    assert response.status_code == 200
    # The window is counted from the real today: the page lists it only when inside it.
    listed = "competition-sunset" in response.content.decode()
    today = timezone.localdate()
    assert listed == (inside <= today <= dt.date(2026, 12, 31))


def test_meeting_rule_is_configurable_data(settings):
    """The meetings are UNCONFIRMED (37号 §2(7) via secondary sources): data an operator sets."""
    assert rules.meeting_rule("city_government").kinds == ("executive", "plenary")
    assert not rules.meeting_rule("town").confirmed
    settings.FAZHI_NORMDOCS_MEETINGS = {"town": ["office"]}
    town = rules.meeting_rule("town")
    assert town.kinds == ("office",) and "本地配置" in town.source
