"""Committees, mediators and cases for the mediation tests (through the services)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import DomainEvent, Organization
from fazhi.disputes import services
from fazhi.disputes.models import CaseSource, DisputeKind, MediationCase, PartyRole
from fazhi.disputes.services import PartyInput
from tests.factories import OrganizationFactory, PersonFactory


def committee(parent: Organization, code: str = "TOWN-MC") -> Organization:
    return OrganizationFactory(
        code=code, name=f"{parent.name}人民调解委员会", kind="mediation_committee", parent=parent
    )


def mediator(committee: Organization, name: str = "调解员甲"):
    return PersonFactory(organization=committee, name=name, id_number="")


def parties() -> list[PartyInput]:
    return [
        PartyInput(PartyRole.APPLICANT, "王小明", "33048119800101001X"),
        PartyInput(PartyRole.RESPONDENT, "李大华"),
    ]


def register(actor, committee: Organization, case_no: str = "2022-001", **overrides):
    fields = {
        "actor": actor,
        "committee": committee,
        "case_no": case_no,
        "kind": DisputeKind.NEIGHBOUR,
        "source": CaseSource.APPLICATION,
        "registered_on": dt.date(2022, 3, 1),
        "parties": parties(),
    }
    fields.update(overrides)
    return services.mediation_case_register(**fields)


def events(case: MediationCase) -> list[str]:
    return list(
        DomainEvent.objects.filter(object_id=str(case.pk), content_type__model="mediationcase")
        .order_by("id")
        .values_list("event_type", flat=True)
    )
