"""证明事项: verification requests on the holder's clock, commitments with spot checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core import indicators
from fazhi.core.errors import NotFound
from fazhi.services import selectors
from fazhi.services.models import (
    CommitmentStatus,
    LookupLog,
    Replacement,
    VerificationStatus,
)
from fazhi.services.services import certification
from tests.services.conftest import ID_A, refused

pytestmark = pytest.mark.django_db


def item(tree, world, replacement=Replacement.DEPT_VERIFICATION, code="ZM-1"):
    return certification.certificate_item_save(
        actor=world.notary,
        organization=tree.justice,
        code=code,
        category="户籍类",
        name="亲属关系证明",
        issuing_body="派出所",
        replacement=replacement,
        holder=tree.enforcement if replacement != Replacement.COMMITMENT else None,
        response_days=3,
    )


def ask(tree, world, certificate, on=None):
    return certification.verification_request(
        actor=world.market,
        organization=tree.market,
        item=certificate,
        matter="个体工商户设立",
        subject_name="王某",
        subject_id_number=ID_A,
        fact="申请人与王某某系父子关系",
        on=on,
    )


def test_verification_is_answered_by_the_holder_and_late_needs_a_reason(tree, world):
    certificate = item(tree, world)
    request = ask(tree, world, certificate, on=dt.date(2022, 3, 1))
    # The requester cannot answer for the holder.
    refused(
        "out_of_scope",
        lambda: certification.verification_answer(
            actor=world.market, request=request, result="confirmed"
        ),
        request,
    )
    error = refused(
        "late_without_reason",
        lambda: certification.verification_answer(
            actor=world.enforcement_staff,
            request=request,
            result="confirmed",
            on=dt.date(2022, 3, 20),
        ),
        request,
    )
    assert error.field == "late_reason"
    certification.verification_answer(
        actor=world.enforcement_staff,
        request=request,
        result="confirmed",
        on=dt.date(2022, 3, 20),
        late_reason="系统故障，人工核查",
    )
    request.refresh_from_db()
    assert request.status == VerificationStatus.ANSWERED
    rate = indicators.evaluate(indicators.get("services.verification_on_time_rate"), 2022)
    assert rate.value == 0


def test_on_time_answer_and_every_read_is_logged(tree, world):
    request = ask(tree, world, item(tree, world))
    certification.verification_answer(
        actor=world.enforcement_staff, request=request, result="not_confirmed"
    )
    assert (
        indicators.evaluate(
            indicators.get("services.verification_on_time_rate"), timezone.localdate().year
        ).value
        == 100
    )
    selectors.verification_get(user=world.market, pk=request.pk)
    assert LookupLog.objects.filter(kind="verification", user=world.market).count() == 1
    with pytest.raises(NotFound):
        selectors.verification_get(user=world.citizen, pk=request.pk)


def test_an_item_replaced_by_commitment_cannot_be_verified(tree, world):
    certificate = item(tree, world, Replacement.COMMITMENT, code="ZM-2")
    refused("wrong_replacement", lambda: ask(tree, world, certificate))


def test_commitment_spot_check_and_breach_handling(tree, world):
    verification_only = item(tree, world)
    refused(
        "wrong_replacement",
        lambda: certification.commitment_record(
            actor=world.market,
            organization=tree.market,
            item=verification_only,
            matter="个体工商户设立",
            applicant_name="王某",
            applicant_id_number=ID_A,
            promised_fact="经营场所合法",
        ),
    )
    commitment = certification.commitment_record(
        actor=world.market,
        organization=tree.market,
        item=item(tree, world, Replacement.COMMITMENT, code="ZM-3"),
        matter="个体工商户设立",
        applicant_name="王某",
        applicant_id_number=ID_A,
        promised_fact="本人对经营场所享有合法使用权",
    )
    refused(
        "invalid_transition",
        lambda: certification.commitment_breach_handle(
            actor=world.market, commitment=commitment, measures="撤销", credit_record="X-1"
        ),
        commitment,
    )
    certification.commitment_check(
        actor=world.market, commitment=commitment, truthful=False, note="实地核查不实"
    )
    refused(
        "required",
        lambda: certification.commitment_breach_handle(
            actor=world.market, commitment=commitment, measures="撤销登记", credit_record=""
        ),
        commitment,
    )
    certification.commitment_breach_handle(
        actor=world.market, commitment=commitment, measures="撤销登记", credit_record="XY-0001"
    )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.HANDLED
    rate = indicators.evaluate(
        indicators.get("services.commitment_check_rate"), timezone.localdate().year
    )
    assert rate.value == 100
