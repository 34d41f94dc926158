"""The deposit's procedure, declared once (``fazhi.core.procedures``).

A deposit's lifecycle is short, and most of it is not a step anyone takes. Depositing creates
the record (``deposit_create``, the record's creation, like any app's create service) and its
log entry; the certificate is not a state but a proof computed on demand from the log (it is the
same for every later read, so there is nothing to "issue" or "revoke"); the log entry can never
change. The one step on a deposit is the lawful erasure of its stored file and personal details
(``deposited → file_erased``), taken by the depositor (or, through the service, a system
administrator acting on a court order), never by a role over a unit: a citizen's deposit belongs
to the citizen, so the step is authorised per record and is in nobody's 待我处理.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition
from fazhi.core.scoping import scope_for
from fazhi.evidence import forms
from fazhi.evidence.error_codes import EvidenceErrorCode
from fazhi.evidence.models import Deposit, DepositStatus


def depositor_or_administrator(user, deposit: Deposit) -> bool:
    """Who may erase a deposit's file: its depositor, or a system administrator."""
    if user is None or not user.is_authenticated:
        return False
    return deposit.depositor_id == user.pk or scope_for(user).has_role(Role.ADMINISTRATOR)


DEPOSIT = Procedure(
    key="evidence.deposit",
    label=_("电子存证"),
    model=Deposit,
    subject_arg="deposit",
    getter="fazhi.evidence.selectors.deposit_get",
    detail_url=lambda d: reverse("evidence:deposit_detail", args=[d.pk]),
    api_basename="evidence_api:deposit",
    # A deposit is its depositor's, not a unit's: no list of records waiting for a unit.
    organization_field="",
    transitions=[
        Transition(
            name="erase",
            label=_("依法删除文件"),
            description=_("删除存储的文件和个人信息；日志条目（只含哈希）永久保留，仍可验证。"),
            service="fazhi.evidence.services.deposit_erase_file",
            sources=(DepositStatus.DEPOSITED,),
            target=DepositStatus.FILE_ERASED,
            form=forms.EraseForm,
            authorize=depositor_or_administrator,
            denial=(EvidenceErrorCode.NOT_YOURS, _("只有存证人或系统管理员可以删除文件。")),
            refusal=_("该存证的文件已删除。"),
            refusal_code=EvidenceErrorCode.INVALID_TRANSITION,
            danger=True,
        ),
    ],
)
