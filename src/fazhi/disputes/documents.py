"""The mediation 文书: 人民调解协议书 of a case concluded with a written agreement."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from fazhi.core.documents import OfficialDocument, Paragraph, template_get
from fazhi.core.documents.records import RecordDocument, cn_date, register, yuan
from fazhi.core.domain.identity import mask_by_shape
from fazhi.disputes.models import MediationCase, Outcome


def agreement(case: MediationCase) -> OfficialDocument:
    people = list(case.parties.all())
    parties = [
        Paragraph(
            f"{party.get_role_display()}：{party.name}"
            + (f"（证件号码：{mask_by_shape(party.id_number)}）" if party.id_number else ""),
            indent=False,
        )
        for party in people
    ]
    amount = (
        [Paragraph(f"涉及金额：{yuan(case.amount)}", indent=False)]
        if case.amount is not None
        else []
    )
    mediator = case.mediator.name if case.mediator is not None else ""
    signatures = [
        Paragraph(f"{party.get_role_display()}（签名、盖章或者按指印）：", indent=False)
        for party in people
    ] + [
        Paragraph(f"人民调解员（签名）：{mediator}", indent=False),
        Paragraph("人民调解委员会（印章）", indent=False),
    ]
    # 人民调解法 第二十九条（三）: what was agreed, and the manner and time limit of performance.
    terms = [
        Paragraph(line.strip())
        for line in (case.agreement_terms or "").splitlines()
        if line.strip()
    ] or [Paragraph("—")]
    return template_get("disputes.agreement").render(
        {
            "case_no": case.case_no,
            "committee": case.organization.name,
            "kind": case.get_kind_display(),
            "summary": case.summary.strip() or "—",
            "mediator": mediator,
            "concluded_on": cn_date(case.concluded_on),
            "performance_method": case.performance_method.strip() or "—",
            "performance_due": cn_date(case.performance_due) if case.performance_due else "—",
        },
        date=case.concluded_on,
        slots={
            "parties": parties,
            "amount": amount,
            "terms": terms,
            "signatures": signatures,
        },
    )


register(
    RecordDocument(
        key="disputes.agreement",
        label=_("人民调解协议书"),
        model=MediationCase,
        getter="fazhi.disputes.selectors.case_get",
        build=agreement,
        available=lambda case: case.outcome == Outcome.AGREEMENT_WRITTEN,
        unavailable=_("本案未以书面调解协议结案。"),
    )
)
