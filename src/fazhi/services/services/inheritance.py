"""遗产继承一件事: will registration, the estate inquiry, the hand-off to mediation, evaluation.

- A will registration records the form of the will and checks what the Civil Code asks of that
  form (arts 1134–1139). Several registrations of one testator are all kept; where wills
  conflict the last one made prevails (art 1142 para 3), which the pages show.
- An estate inquiry, once accepted, sends one request per source (practice.md §5) to the body
  holding it; each answer is recorded on its clock. The heirs then agree, or their dispute goes
  to the people's mediation committee of the deceased's town as a new case, registered through
  the disputes app's own service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Organization, OrganizationKind
from fazhi.core.scoping import require_change
from fazhi.disputes import services as disputes_services
from fazhi.disputes.models import DisputeKind, PartyRole
from fazhi.services import clocks
from fazhi.services.error_codes import ServicesErrorCode as Code
from fazhi.services.models import (
    EstateInquiry,
    EstateStatus,
    InquiryRequest,
    Registry,
    Relation,
    RequestStatus,
    Source,
    WillForm,
    WillRegistration,
    WillStatus,
)
from fazhi.services.procedures import ESTATE, ESTATE_APPLICANT, INQUIRY_REQUEST, WILL
from fazhi.services.services.catalog import evaluation_record
from fazhi.services.services.common import (
    NOTARY_ROLES,
    clock_stop,
    day,
    event,
    id_number,
    late_answer,
    notary_body,
    number,
    required,
)

CIVIL_CODE = "《中华人民共和国民法典》"
# What each form of will must satisfy, cited to the article of the Civil Code that says so.
WILL_FORM_BASIS: dict[str, str] = {
    WillForm.HOLOGRAPH: CIVIL_CODE + "第一千一百三十四条",
    WillForm.SCRIBED: CIVIL_CODE + "第一千一百三十五条",
    WillForm.PRINTED: CIVIL_CODE + "第一千一百三十六条",
    WillForm.AUDIO_VIDEO: CIVIL_CODE + "第一千一百三十七条",
    WillForm.ORAL: CIVIL_CODE + "第一千一百三十八条",
    WillForm.NOTARIAL: CIVIL_CODE + "第一千一百三十九条",
}
WITNESS_BASIS = CIVIL_CODE + "第一千一百四十条"
LATEST_PREVAILS_BASIS = CIVIL_CODE + "第一千一百四十二条第三款"
WITNESSED_FORMS = (WillForm.SCRIBED, WillForm.PRINTED, WillForm.AUDIO_VIDEO, WillForm.ORAL)
SERVICE_NAME = "遗产继承一件事"
# Who answers each kind of inquiry in Haining (the request is addressed to the body, which
# answers it; nothing is read from its systems directly).
SOURCE_HOLDERS = {
    Source.REAL_ESTATE: "海宁市自然资源和规划局（不动产登记中心）",
    Source.DEPOSIT: "开户银行（凭存款查询函）",
    Source.SECURITIES: "证券登记结算机构、基金管理人",
    Source.VEHICLE: "海宁市公安局交通警察大队车辆管理所",
    Source.HOUSING_FUND: "嘉兴市住房公积金管理服务中心海宁分中心",
    Source.SOCIAL_SECURITY: "海宁市社会保险事业管理服务中心",
}


# --- wills ------------------------------------------------------------------------------------


def _check_will(
    *,
    testator_name: str,
    form: str,
    witnesses: Sequence[str],
    signed_each_page: bool,
    emergency: bool,
    notary_office: str,
) -> list[str]:
    if form not in WillForm.values:
        raise ValidationFailed(Code.INVALID, _("遗嘱形式无效。"), field="form")
    names = [" ".join(w.split()) for w in witnesses if w.strip()]
    if form in WITNESSED_FORMS and len(set(names)) < 2:
        raise ValidationFailed(
            Code.WITNESSES,
            _("%(form)s应当有两个以上见证人在场见证（%(basis)s）。")
            % {"form": WillForm(form).label, "basis": WILL_FORM_BASIS[form]},
            field="witnesses",
        )
    if testator_name in names:
        raise ValidationFailed(
            Code.WITNESS_DISQUALIFIED,
            _("遗嘱人本人不能作为见证人（%(basis)s）。") % {"basis": WITNESS_BASIS},
            field="witnesses",
        )
    if form == WillForm.PRINTED and not signed_each_page:
        raise ValidationFailed(
            Code.INVALID,
            _("打印遗嘱须由遗嘱人和见证人在每一页签名并注明年、月、日（%(basis)s）。")
            % {"basis": WILL_FORM_BASIS[form]},
            field="signed_each_page",
        )
    if form == WillForm.ORAL and not emergency:
        raise ValidationFailed(
            Code.INVALID,
            _("口头遗嘱只能在危急情况下订立（%(basis)s）。") % {"basis": WILL_FORM_BASIS[form]},
            field="emergency",
        )
    if form == WillForm.NOTARIAL and not notary_office.strip():
        raise ValidationFailed(
            Code.REQUIRED,
            _("公证遗嘱须写明办理的公证机构（%(basis)s）。") % {"basis": WILL_FORM_BASIS[form]},
            field="notary_office",
        )
    return names


@transaction.atomic
def will_register(
    *,
    actor: User,
    testator_name: str,
    testator_id_number: str,
    form: str,
    made_on: dt.date,
    registry: str,
    witnesses: Sequence[str] = (),
    place: str = "",
    pages: int | None = None,
    signed_each_page: bool = False,
    emergency: bool = False,
    notary_office: str = "",
    keeping_place: str = "",
    testator_username: str = "",
) -> WillRegistration:
    """Register a will. An earlier-made will registered after a later one is kept too; the
    pages then show that the later will prevails where they conflict."""
    body = notary_body()
    require_change(actor, body, roles=NOTARY_ROLES)
    name = required(testator_name, "testator_name", _("请填写遗嘱人姓名。"))
    id_no = id_number(testator_id_number, "testator_id_number")
    if registry not in Registry.values:
        raise ValidationFailed(Code.INVALID, _("登记库无效。"), field="registry")
    names = _check_will(
        testator_name=name,
        form=form,
        witnesses=witnesses,
        signed_each_page=signed_each_page,
        emergency=emergency,
        notary_office=notary_office,
    )
    registered_on = day(None)
    if made_on > registered_on:
        raise ValidationFailed(Code.FUTURE_DATE, _("立遗嘱日期不能晚于今天。"), field="made_on")
    testator = None
    if testator_username.strip():
        testator = get_user_model().objects.filter(username=testator_username.strip()).first()
        if testator is None:
            raise ValidationFailed(
                Code.INVALID, _("未找到该遗嘱人账号。"), field="testator_username"
            )
    will = WillRegistration.objects.create(
        organization=body,
        registration_no=number(
            "services-will",
            "遗嘱登记号",
            "海宁遗登〔{year}〕{seq}号",
            body,
            registered_on.year,
            actor,
        ),
        testator=testator,
        testator_name=name,
        testator_id_number=id_no,
        form=form,
        made_on=made_on,
        place=place.strip(),
        witnesses=names,
        pages=pages,
        signed_each_page=signed_each_page,
        emergency=emergency,
        notary_office=notary_office.strip(),
        registry=registry,
        keeping_place=keeping_place.strip(),
        registered_on=registered_on,
    )
    event(will, "services.will_registered", actor, form=form, made_on=made_on)
    return will


@transaction.atomic
def will_revoke(
    *, actor: User, will: WillRegistration, on: dt.date | None = None
) -> WillRegistration:
    """Record that the testator revoked this will (art 1142 para 1)."""
    will = WillRegistration.objects.select_for_update().get(pk=will.pk)
    WILL.require(actor, will, "revoke")
    will.revoked_on = day(on, not_before=will.made_on)
    will.status = WillStatus.REVOKED
    will.save(update_fields=["revoked_on", "status"])
    event(will, "services.will_revoked", actor, on=will.revoked_on)
    return will


# --- estate inquiry ---------------------------------------------------------------------------


@transaction.atomic
def estate_apply(
    *,
    actor: User,
    town: Organization,
    applicant_name: str,
    applicant_id_number: str,
    relation: str,
    deceased_name: str,
    deceased_id_number: str,
    died_on: dt.date,
    death_proof: str,
    kinship_proof: str,
    on: dt.date | None = None,
) -> EstateInquiry:
    """An heir's application after a death, from the portal (the applicant's own account)."""
    if not getattr(actor, "is_authenticated", False):
        raise ValidationFailed(Code.REQUIRED, _("请先登录后申请。"), field="applicant")
    if town is None or town.kind != OrganizationKind.TOWN:
        raise ValidationFailed(
            Code.INVALID, _("请选择被继承人最后住所地所在的镇（街道）。"), field="town"
        )
    if relation not in Relation.values:
        raise ValidationFailed(Code.INVALID, _("请选择与被继承人的关系。"), field="relation")
    submitted_on = day(on)
    if died_on > submitted_on:
        raise ValidationFailed(Code.FUTURE_DATE, _("死亡日期不能晚于申请日期。"), field="died_on")
    body = notary_body()
    inquiry = EstateInquiry.objects.create(
        organization=body,
        town=town,
        number=number(
            "services-estate",
            "遗产查询编号",
            "海宁遗查〔{year}〕{seq}号",
            body,
            submitted_on.year,
            actor,
        ),
        applicant=actor,
        applicant_name=required(applicant_name, "applicant_name", _("请填写申请人姓名。")),
        applicant_id_number=id_number(applicant_id_number, "applicant_id_number"),
        relation=relation,
        deceased_name=required(deceased_name, "deceased_name", _("请填写被继承人姓名。")),
        deceased_id_number=id_number(deceased_id_number, "deceased_id_number"),
        died_on=died_on,
        death_proof=required(
            death_proof, "death_proof", _("缺少必需材料：死亡证明（医院、公安或法院出具）。")
        ),
        kinship_proof=required(kinship_proof, "kinship_proof", _("缺少必需材料：亲属关系证明。")),
        submitted_on=submitted_on,
    )
    event(inquiry, "services.estate_submitted", actor)
    return inquiry


def _locked_inquiry(inquiry: EstateInquiry) -> EstateInquiry:
    return (
        EstateInquiry.objects.select_for_update()
        .select_related("organization", "town")
        .get(pk=inquiry.pk)
    )


@transaction.atomic
def estate_accept(
    *, actor: User, inquiry: EstateInquiry, sources: Sequence[str], on: dt.date | None = None
) -> EstateInquiry:
    """Accept the application and send one inquiry request to each chosen source."""
    inquiry = _locked_inquiry(inquiry)
    ESTATE.require(actor, inquiry, "accept")
    chosen = [s for s in Source.values if s in set(sources)]
    if not chosen or len(chosen) != len(set(sources)):
        raise ValidationFailed(Code.REQUIRED, _("请选择要查询的财产来源。"), field="sources")
    inquiry.accepted_on = day(on, not_before=inquiry.submitted_on)
    inquiry.status = EstateStatus.INQUIRING
    inquiry.save(update_fields=["accepted_on", "status"])
    for source in chosen:
        request = InquiryRequest.objects.create(
            inquiry=inquiry,
            organization=inquiry.organization,
            source=source,
            holder=SOURCE_HOLDERS[Source(source)],
            sent_on=inquiry.accepted_on,
        )
        core_services.clock_start(
            clock_type=clocks.INQUIRY_ANSWER.key,
            subject=request,
            organization=inquiry.organization,
            start_date=inquiry.accepted_on,
            label=_("遗产查询：%(no)s %(source)s")
            % {"no": inquiry.number, "source": request.get_source_display()},
            url=f"/services/estates/{inquiry.pk}/",
            actor=actor,
        )
    event(inquiry, "services.estate_accepted", actor, sources=chosen)
    return inquiry


@transaction.atomic
def inquiry_answer(
    *,
    actor: User,
    request: InquiryRequest,
    found: bool,
    answer: str,
    on: dt.date | None = None,
    late_reason: str = "",
) -> InquiryRequest:
    """Record a source's answer; one after its clock needs a reason."""
    request = (
        InquiryRequest.objects.select_for_update()
        .select_related("organization", "inquiry")
        .get(pk=request.pk)
    )
    INQUIRY_REQUEST.require(actor, request, "answer")
    request.answer = required(answer, "answer", _("请填写答复内容。"))
    request.answered_on = day(on, not_before=request.sent_on)
    on_time = late_answer(request, request.answered_on, late_reason)
    request.found = bool(found)
    request.late_reason = "" if on_time else late_reason.strip()
    request.status = RequestStatus.ANSWERED
    request.save(update_fields=["answer", "answered_on", "found", "late_reason", "status"])
    clock_stop(request, request.answered_on, actor)
    event(request.inquiry, "services.inquiry_answered", actor, source=request.source)
    return request


@transaction.atomic
def estate_settle(
    *, actor: User, inquiry: EstateInquiry, summary: str, on: dt.date | None = None
) -> EstateInquiry:
    """The heirs agree on the estate (the agreement's gist; the deed itself is the notary's)."""
    inquiry = _locked_inquiry(inquiry)
    ESTATE.require(actor, inquiry, "settle")
    inquiry.outcome_summary = required(summary, "summary", _("请填写继承人协商情况。"))
    inquiry.closed_on = day(on, not_before=inquiry.accepted_on)
    inquiry.status = EstateStatus.SETTLED
    inquiry.save(update_fields=["outcome_summary", "closed_on", "status"])
    event(inquiry, "services.estate_settled", actor)
    return inquiry


@transaction.atomic
def estate_refer(
    *,
    actor: User,
    inquiry: EstateInquiry,
    committee: Organization,
    respondent_name: str,
    summary: str,
    on: dt.date | None = None,
) -> EstateInquiry:
    """Hand the heirs' dispute to the people's mediation committee of the deceased's town.

    The case is registered through the disputes app's referral entry point
    (``mediation_case_refer``): the notary staff refer from their own body and the committee's
    mediators are told; they register nothing in the committee's name themselves.
    """
    inquiry = _locked_inquiry(inquiry)
    ESTATE.require(actor, inquiry, "refer")
    if committee is None or committee.kind != OrganizationKind.MEDIATION_COMMITTEE:
        raise ValidationFailed(Code.INVALID, _("请选择人民调解委员会。"), field="committee")
    if not committee.path.startswith(inquiry.town.path):
        raise ValidationFailed(
            Code.OUTSIDE_TOWN,
            _("%(committee)s不在被继承人最后住所地%(town)s，请选择本镇（街道）的人民调解委员会。")
            % {"committee": committee.name, "town": inquiry.town.name},
            field="committee",
        )
    referred_on = day(on, not_before=inquiry.accepted_on)
    summary = required(summary, "summary", _("请填写纠纷情况。"))
    case = disputes_services.mediation_case_refer(
        actor=actor,
        referring_body=inquiry.organization,
        committee=committee,
        case_no=f"遗产{inquiry.number}",
        # The disputes app has no inheritance kind; succession disputes are family disputes.
        kind=DisputeKind.MARRIAGE_FAMILY,
        registered_on=referred_on,
        parties=[
            disputes_services.PartyInput(role=PartyRole.APPLICANT, name=inquiry.applicant_name),
            disputes_services.PartyInput(
                role=PartyRole.RESPONDENT,
                name=required(respondent_name, "respondent_name", _("请填写对方当事人。")),
            ),
        ],
        summary=_("遗产继承纠纷（%(no)s）：%(summary)s")
        % {"no": inquiry.number, "summary": summary},
    )
    inquiry.mediation_case = case
    inquiry.outcome_summary = summary
    inquiry.closed_on = referred_on
    inquiry.status = EstateStatus.MEDIATION
    inquiry.save(update_fields=["mediation_case", "outcome_summary", "closed_on", "status"])
    event(inquiry, "services.estate_referred", actor, committee=committee.name, case=case.case_no)
    return inquiry


@transaction.atomic
def estate_evaluate(
    *, actor: User, inquiry: EstateInquiry, grade: int, comment: str = "", on: dt.date | None = None
):
    """The applicant's rating of the whole service, once it is settled or handed over."""
    inquiry = _locked_inquiry(inquiry)
    ESTATE_APPLICANT.require(actor, inquiry, "evaluate")
    evaluation = evaluation_record(
        actor=actor,
        organization=inquiry.organization,
        service_name=SERVICE_NAME,
        grade=int(grade),
        comment=comment,
        on=day(on, not_before=inquiry.closed_on),
        estate_inquiry=inquiry,
    )
    inquiry.status = EstateStatus.EVALUATED
    inquiry.save(update_fields=["status"])
    return evaluation
