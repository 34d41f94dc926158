"""The procedures of the services app, declared once (``fazhi.core.procedures``).

Staff steps are taken by the unit that owns the record; the applicant's own steps (evaluation)
are authorised by being the applicant, not by a role.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.procedures import Procedure, Transition
from fazhi.services import forms
from fazhi.services.models import (
    ApplicationPart,
    ApplicationStatus,
    Commitment,
    CommitmentStatus,
    EstateInquiry,
    EstateStatus,
    InquiryRequest,
    OneThingApplication,
    PartStatus,
    Rectification,
    RectificationStatus,
    RequestStatus,
    VerificationRequest,
    VerificationStatus,
    WillRegistration,
    WillStatus,
)
from fazhi.services.services.common import NOTARY_ROLES, SERVICE_ROLES

SERVICES = "fazhi.services.services."


def _is_applicant(user, record) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and record.applicant_id == user.pk


def _not_evaluated(record) -> bool:
    return not hasattr(record, "evaluation")


PART = Procedure(
    key="services.part",
    label=_("一件事部门办件"),
    model=ApplicationPart,
    subject_arg="part",
    getter="fazhi.services.selectors.part_get",
    detail_url=lambda part: reverse("services:application_detail", args=[part.application_id]),
    roles=SERVICE_ROLES,
    api_basename="services-api:part",
    transitions=[
        Transition(
            name="complete",
            label=_("部门办结"),
            service=SERVICES + "catalog.part_complete",
            sources=(PartStatus.PENDING,),
            target=PartStatus.DONE,
            form=forms.PartCompleteForm,
        ),
        Transition(
            name="refuse",
            label=_("不予办理"),
            service=SERVICES + "catalog.part_refuse",
            sources=(PartStatus.PENDING,),
            target=PartStatus.REFUSED,
            form=forms.PartRefuseForm,
            danger=True,
        ),
    ],
)

APPLICATION = Procedure(
    key="services.application",
    label=_("一件事申请"),
    model=OneThingApplication,
    subject_arg="application",
    getter="fazhi.services.selectors.application_get",
    detail_url=lambda app: reverse("services-portal:application", args=[app.pk]),
    api_basename="services-api:application",
    transitions=[
        Transition(
            name="evaluate",
            label=_("评价"),
            service=SERVICES + "catalog.application_evaluate",
            sources=(ApplicationStatus.COMPLETED, ApplicationStatus.REFUSED),
            guard=_not_evaluated,
            authorize=_is_applicant,
            refusal=_("只有办结后的申请可以评价，且只能评价一次。"),
            form=forms.EvaluateForm,
        ),
    ],
)

RECTIFICATION = Procedure(
    key="services.rectification",
    label=_("差评整改"),
    model=Rectification,
    subject_arg="rectification",
    getter="fazhi.services.selectors.rectification_get",
    detail_url=lambda r: reverse("services:rectification_detail", args=[r.pk]),
    roles=SERVICE_ROLES,
    api_basename="services-api:rectification",
    transitions=[
        Transition(
            name="respond",
            label=_("整改反馈"),
            service=SERVICES + "catalog.rectification_respond",
            sources=(RectificationStatus.OPEN,),
            target=RectificationStatus.DONE,
            form=forms.RespondForm,
        ),
    ],
)

VERIFICATION = Procedure(
    key="services.verification",
    label=_("证明事项核验"),
    model=VerificationRequest,
    subject_arg="request",
    getter="fazhi.services.selectors.verification_get",
    detail_url=lambda r: reverse("services:verification_detail", args=[r.pk]),
    roles=SERVICE_ROLES,
    # The holder of the data answers.
    organization_of=lambda r: r.holder,
    api_basename="services-api:verification",
    transitions=[
        Transition(
            name="answer",
            label=_("答复核验"),
            service=SERVICES + "certification.verification_answer",
            sources=(VerificationStatus.PENDING,),
            target=VerificationStatus.ANSWERED,
            form=forms.VerificationAnswerForm,
        ),
    ],
)

COMMITMENT = Procedure(
    key="services.commitment",
    label=_("告知承诺"),
    model=Commitment,
    subject_arg="commitment",
    getter="fazhi.services.selectors.commitment_get",
    detail_url=lambda c: reverse("services:commitment_detail", args=[c.pk]),
    roles=SERVICE_ROLES,
    api_basename="services-api:commitment",
    transitions=[
        Transition(
            name="check",
            label=_("核查承诺"),
            service=SERVICES + "certification.commitment_check",
            sources=(CommitmentStatus.RECORDED,),
            form=forms.CommitmentCheckForm,
        ),
        Transition(
            name="handle_breach",
            label=_("失信处理"),
            service=SERVICES + "certification.commitment_breach_handle",
            sources=(CommitmentStatus.BREACHED,),
            target=CommitmentStatus.HANDLED,
            form=forms.BreachForm,
            danger=True,
        ),
    ],
)

WILL = Procedure(
    key="services.will",
    label=_("遗嘱登记"),
    model=WillRegistration,
    subject_arg="will",
    getter="fazhi.services.selectors.will_get",
    detail_url=lambda w: reverse("services:will_detail", args=[w.pk]),
    roles=NOTARY_ROLES,
    api_basename="services-api:will",
    transitions=[
        Transition(
            name="revoke",
            label=_("登记撤回遗嘱"),
            service=SERVICES + "inheritance.will_revoke",
            sources=(WillStatus.REGISTERED,),
            target=WillStatus.REVOKED,
            form=forms.WillRevokeForm,
            danger=True,
        ),
    ],
)


def _requests_answered(inquiry) -> bool:
    return not inquiry.requests.filter(status=RequestStatus.SENT).exists()


ESTATE = Procedure(
    key="services.estate",
    label=_("遗产继承一件事"),
    model=EstateInquiry,
    subject_arg="inquiry",
    getter="fazhi.services.selectors.estate_get",
    detail_url=lambda i: reverse("services:estate_detail", args=[i.pk]),
    roles=NOTARY_ROLES,
    api_basename="services-api:estate",
    transitions=[
        Transition(
            name="accept",
            label=_("受理并发出查询请求"),
            service=SERVICES + "inheritance.estate_accept",
            sources=(EstateStatus.SUBMITTED,),
            target=EstateStatus.INQUIRING,
            form=forms.AcceptForm,
        ),
        Transition(
            name="settle",
            label=_("登记继承人协商一致"),
            service=SERVICES + "inheritance.estate_settle",
            sources=(EstateStatus.INQUIRING,),
            target=EstateStatus.SETTLED,
            guard=_requests_answered,
            refusal=_("各查询请求均已答复后才能办结。"),
            form=forms.SettleForm,
        ),
        Transition(
            name="refer",
            label=_("纠纷移交人民调解"),
            service=SERVICES + "inheritance.estate_refer",
            sources=(EstateStatus.INQUIRING,),
            target=EstateStatus.MEDIATION,
            guard=_requests_answered,
            refusal=_("各查询请求均已答复后才能移交调解。"),
            form=forms.ReferForm,
        ),
    ],
)

ESTATE_APPLICANT = Procedure(
    key="services.estate_applicant",
    label=_("遗产继承一件事（申请人）"),
    model=EstateInquiry,
    subject_arg="inquiry",
    getter="fazhi.services.selectors.estate_get",
    detail_url=lambda i: reverse("services-portal:estate", args=[i.pk]),
    api_basename="services-api:estate",
    transitions=[
        Transition(
            name="evaluate",
            label=_("评价"),
            service=SERVICES + "inheritance.estate_evaluate",
            sources=(EstateStatus.SETTLED, EstateStatus.MEDIATION),
            guard=_not_evaluated,
            authorize=_is_applicant,
            refusal=_("办结后才能评价，且只能评价一次。"),
            form=forms.EvaluateForm,
        ),
    ],
)

INQUIRY_REQUEST = Procedure(
    key="services.inquiry_request",
    label=_("遗产查询请求"),
    model=InquiryRequest,
    subject_arg="request",
    getter="fazhi.services.selectors.inquiry_request_get",
    detail_url=lambda r: reverse("services:estate_detail", args=[r.inquiry_id]),
    roles=NOTARY_ROLES,
    api_basename="services-api:inquiry-request",
    transitions=[
        Transition(
            name="answer",
            label=_("登记答复"),
            service=SERVICES + "inheritance.inquiry_answer",
            sources=(RequestStatus.SENT,),
            target=RequestStatus.ANSWERED,
            form=forms.InquiryAnswerForm,
        ),
    ],
)
