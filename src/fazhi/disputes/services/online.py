"""Online applications for people's mediation from the citizen portal."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Organization
from fazhi.disputes.error_codes import DisputesErrorCode as Code
from fazhi.disputes.models import (
    CaseSource,
    MediationCase,
    PartyRole,
)
from fazhi.disputes.procedures import CASE
from fazhi.disputes.services._base import (
    PartyInput,
    _event,
    _problem,
    _raise_first,
    _register,
)

ONLINE_SERIES = "disputes.online"


def _tell_applicant(case: MediationCase, title: str, state: str) -> None:
    """A citizen who applied online hears of each step in their portal inbox."""
    if case.applicant_user_id is None:
        return
    from django.urls import reverse

    core_services.notification_raise(
        user=case.applicant_user,
        title=title,
        body=_("调解申请 %(no)s") % {"no": case.case_no},
        url=reverse("disputes-portal:case", args=[case.pk]),
        dedupe_key=f"disputes.applicant:{case.pk}:{state}",
    )


@transaction.atomic
def mediation_apply_online(
    *,
    actor: User,
    committee: Organization,
    kind: str,
    applicant_name: str,
    applicant_id_number: str,
    respondent_name: str,
    request: str,
    summary: str,
    contact_phone: str,
    respondent_id_number: str = "",
    contact_address: str = "",
) -> MediationCase:
    """A citizen applies online for people's mediation (人民调解法 art 17: the parties may
    apply to a committee). The committee's mediators are told; the citizen follows the case in
    我的办件 and is told when mediation starts and ends."""
    from django.utils import timezone

    from fazhi.core.handoffs import notify_next

    if actor is None or not actor.is_authenticated:
        raise ValidationFailed(Code.REQUIRED, _("请先登录后再申请。"), field="applicant_name")
    errors: list = []
    if not request.strip():
        _problem(errors, Code.REQUIRED, _("请填写调解请求。"), "request")
    if not summary.strip():
        _problem(errors, Code.REQUIRED, _("请填写纠纷的事实和理由。"), "summary")
    phone = contact_phone.strip()
    if not phone or not phone.replace("-", "").isdigit() or not 7 <= len(phone) <= 20:
        _problem(errors, Code.INVALID, _("请填写正确的联系电话。"), "contact_phone")
    _raise_first(errors)
    today = timezone.localdate()
    core_services.number_series_ensure(
        key=ONLINE_SERIES,
        name="人民调解网上申请编号",
        template="网调〔{year}〕{seq}号",
        organization=committee,
    )
    number = core_services.number_issue(series_key=ONLINE_SERIES, year=today.year, actor=None)
    case = _register(
        actor=actor,
        committee=committee,
        case_no=number.number,
        kind=kind,
        source=CaseSource.APPLICATION,
        registered_on=today,
        parties=[
            PartyInput(PartyRole.APPLICANT, applicant_name, applicant_id_number),
            PartyInput(PartyRole.RESPONDENT, respondent_name, respondent_id_number),
        ],
        summary=summary.strip(),
    )
    case.applicant_user = actor
    case.contact_phone = phone
    case.contact_address = contact_address.strip()
    case.request = request.strip()
    case.save()
    _event(case, "mediation_applied_online", actor)
    notify_next(CASE, case, actor=actor)
    return case
