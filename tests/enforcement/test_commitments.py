"""Notice-and-commitment: kept, broken and refused commitments, and their gates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.indicators import evaluate, get
from fazhi.core.selectors import domain_events_for
from fazhi.enforcement import services
from fazhi.enforcement.models import Commitment, CommitmentStatus, PartyType, PenaltyCase

pytestmark = pytest.mark.django_db

NOTICE = dt.date(2022, 4, 1)


def notify(enf, tree, **changes) -> Commitment:
    values = {
        "actor": enf.town_officer,
        "organization": tree.town,
        "exemption": enf.exemption,
        "party": services.Party(PartyType.ORGANIZATION, "某商行", "92330481MA2C000001"),
        "facts": "店外设置摊点",
        "violation_date": dt.date(2022, 3, 30),
        "notice_on": NOTICE,
        "correct_by": dt.date(2022, 4, 11),
    } | changes
    return services.commitment_notify(**values)


def test_kept_commitment_is_verified_and_filed(enf, tree):
    commitment = notify(enf, tree)
    services.commitment_sign(actor=enf.town_officer, commitment=commitment, on=NOTICE)
    services.commitment_verify(
        actor=enf.town_officer, commitment=commitment, on=dt.date(2022, 4, 8), result="corrected"
    )
    commitment = services.commitment_file(
        actor=enf.town_officer, commitment=commitment, on=dt.date(2022, 4, 9)
    )
    assert commitment.status == CommitmentStatus.VERIFIED
    assert list(domain_events_for(commitment).values_list("event_type", flat=True)) == [
        "enforcement.commitment_notified",
        "enforcement.commitment_signed",
        "enforcement.commitment_verified",
        "enforcement.commitment_filed",
    ]
    rate = evaluate(get("enforcement.commitment_fulfilment_rate"), 2022)
    assert (rate.numerator, rate.denominator) == (1, 1)


def test_broken_commitment_becomes_a_case_before_filing(enf, tree):
    commitment = notify(enf, tree)
    services.commitment_sign(actor=enf.town_officer, commitment=commitment, on=NOTICE)
    with pytest.raises(ApplicationError) as caught:
        services.commitment_verify(
            actor=enf.town_officer,
            commitment=commitment,
            on=dt.date(2022, 4, 11),
            result="not_corrected",
        )
    assert caught.value.code == "invalid_date"  # the deadline has not passed yet
    services.commitment_verify(
        actor=enf.town_officer,
        commitment=commitment,
        on=dt.date(2022, 4, 12),
        result="not_corrected",
    )
    before = model_to_dict(Commitment.objects.get())
    with pytest.raises(ApplicationError) as caught:
        services.commitment_file(
            actor=enf.town_officer, commitment=commitment, on=dt.date(2022, 4, 13)
        )
    assert caught.value.code == "follow_up_required"
    assert model_to_dict(Commitment.objects.get()) == before
    case = services.commitment_convert(
        actor=enf.town_officer,
        commitment=commitment,
        opened_on=dt.date(2022, 4, 13),
        officers=["执法员甲", "执法员乙"],
        party_address="浙江省海宁市长安镇长安路2号",
    )
    assert case.item == enf.item
    assert case.party_name == "某商行"
    services.commitment_file(actor=enf.town_officer, commitment=commitment, on=dt.date(2022, 4, 14))
    rate = evaluate(get("enforcement.commitment_fulfilment_rate"), 2022)
    assert (rate.numerator, rate.denominator) == (0, 1)


def test_kept_commitment_cannot_be_turned_into_a_case(enf, tree):
    commitment = notify(enf, tree)
    services.commitment_sign(actor=enf.town_officer, commitment=commitment, on=NOTICE)
    services.commitment_verify(
        actor=enf.town_officer, commitment=commitment, on=dt.date(2022, 4, 8), result="corrected"
    )
    with pytest.raises(ApplicationError) as caught:
        services.commitment_convert(
            actor=enf.town_officer,
            commitment=commitment,
            opened_on=NOTICE,
            officers=["执法员甲", "执法员乙"],
        )
    assert caught.value.code == "invalid_transition"
    assert PenaltyCase.objects.count() == 0


def test_matter_not_on_the_list_or_not_held_is_refused(enf, tree, users):
    services.exemption_repeal(
        actor=users["administrator"], exemption=enf.exemption, on=dt.date(2022, 3, 1), reason="废止"
    )
    with pytest.raises(ApplicationError) as caught:
        notify(enf, tree)
    assert caught.value.code == "exemption_not_in_force"
    assert Commitment.objects.count() == 0


def test_other_town_cannot_notify_or_act(enf, tree):
    with pytest.raises(ApplicationError) as caught:
        notify(enf, tree, actor=enf.other_town_officer, organization=tree.other_town)
    assert caught.value.code == "item_not_held"
    commitment = notify(enf, tree)
    with pytest.raises(PermissionDenied):
        services.commitment_sign(actor=enf.other_town_officer, commitment=commitment, on=NOTICE)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.NOTIFIED


def test_commitment_pages(client, enf, tree):
    commitment = notify(enf, tree)
    client.force_login(enf.town_officer)
    assert "某商行" in client.get("/enforcement/commitments/").content.decode()
    response = client.post(
        f"/enforcement/commitments/{commitment.pk}/steps/sign/", {"sign-on": "2022-03-01"}
    )
    assert response.status_code == 400
    assert "日期不能早于上一环节" in response.content.decode()
    response = client.post(
        f"/enforcement/commitments/{commitment.pk}/steps/sign/", {"sign-on": "2022-04-01"}
    )
    assert response.status_code == 302
    client.force_login(enf.other_town_officer)
    assert client.get(f"/enforcement/commitments/{commitment.pk}/").status_code == 403
