"""The enforcement 文书 generated from a penalty case: 事先告知书, 决定书 and 不予处罚决定书.

Wording is in ``document_templates/*.json``; this module supplies the case's facts.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from fazhi.core.documents import OfficialDocument, Paragraph, template_get
from fazhi.core.documents.records import RecordDocument, cn_date, register, yuan
from fazhi.enforcement.models import CaseOutcome, PenaltyCase, PenaltyKind

GETTER = "fazhi.enforcement.selectors.case_get"
LAW = "《中华人民共和国行政处罚法》"


def _kinds(kinds, fine) -> str:
    labels = []
    for kind in kinds or ():
        label = str(PenaltyKind(kind).label) if kind in PenaltyKind.values else str(kind)
        if kind == PenaltyKind.FINE and fine is not None:
            label = f"{label}{yuan(fine)}"
        labels.append(label)
    if fine is not None and PenaltyKind.FINE not in (kinds or ()):
        labels.append(f"罚款{yuan(fine)}")
    return "；".join(labels) or "—"


def _context(case: PenaltyCase) -> dict[str, Any]:
    item = case.item
    return {
        "issuer": case.organization.name,
        "case_number": case.case_number,
        "decision_number": case.decision_number,
        "party_name": case.party_name,
        "party_type": case.get_party_type_display(),
        "party_id_number": case.masked_party_id,
        # Art 59 (i): name and address (cases opened before the field existed show it missing).
        "party_address": case.party_address.strip() or "（未登记）",
        "facts": case.facts.strip().rstrip("。"),
        "violation_date": cn_date(case.violation_date),
        "opened_on": cn_date(case.opened_on),
        "legal_basis": item.legal_basis.strip().rstrip("。"),
        "penalty_basis": item.penalty_basis.strip().rstrip("。"),
    }


def penalty_notice(case: PenaltyCase) -> OfficialDocument:
    context = _context(case)
    context["intended"] = _kinds(case.intended_kinds, case.intended_fine)
    hearing = []
    if case.hearing_offered:
        hearing.append(
            Paragraph(
                f"根据{LAW}第六十三条、第六十四条的规定，你（单位）有权要求听证。"
                "要求听证的，应当在本机关告知后五日内提出。"
            )
        )
    return template_get("enforcement.penalty_notice").render(
        context, date=case.notice_on, slots={"hearing": hearing}
    )


def _procedure(case: PenaltyCase) -> list[Paragraph]:
    steps = []
    if case.notice_on:
        steps.append(
            f"本机关于{cn_date(case.notice_on)}告知当事人拟作出的行政处罚内容及事实、理由、依据，"
            "并告知当事人依法享有的陈述、申辩"
            + ("、要求听证" if case.hearing_offered else "")
            + f"等权利（{LAW}第四十四条）"
        )
    if case.statement.strip():
        steps.append(f"当事人提出陈述、申辩意见：{case.statement.strip().rstrip('。')}")
    if case.hearing_held_on:
        steps.append(f"本机关于{cn_date(case.hearing_held_on)}依当事人申请举行了听证")
    if case.reviewed_on:
        steps.append(f"本案于{cn_date(case.reviewed_on)}经法制审核")
    return [Paragraph("。".join(steps) + "。")] if steps else []


def penalty_decision(case: PenaltyCase) -> OfficialDocument:
    context = _context(case)
    context["penalty"] = _kinds(case.penalty_kinds, case.fine_amount)
    performance = []
    if case.fine_amount is not None:
        performance = [
            Paragraph(
                "当事人应当自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳"
                f"罚款（{LAW}第六十七条）。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三"
                f"加处罚款，加处罚款的数额不得超出罚款的数额（{LAW}第七十二条）。"
            )
        ]
    return template_get("enforcement.penalty_decision").render(
        context,
        date=case.decided_on,
        slots={"procedure": _procedure(case), "performance": performance},
    )


def no_penalty_decision(case: PenaltyCase) -> OfficialDocument:
    context = _context(case)
    if case.outcome == CaseOutcome.NO_PENALTY_FACTS:
        grounds = [
            Paragraph(
                "本机关认为，当事人违法事实不能成立。依据"
                f"{LAW}第五十七条第一款第（三）项的规定，本机关决定不予行政处罚。"
            )
        ]
    else:
        exemption = case.exemption
        listed = (
            f"，且属于《{exemption.list_name}》所列事项（依据：{exemption.legal_basis}）"
            if exemption is not None
            else ""
        )
        grounds = [
            Paragraph(
                f"本机关认为，当事人的违法行为轻微并及时改正，没有造成危害后果{listed}。依据"
                f"{LAW}第三十三条第一款、第五十七条第一款第（二）项的规定，"
                "本机关决定不予行政处罚。"
            )
        ]
        if case.education_given.strip():
            grounds.append(
                Paragraph(
                    f"本机关已对当事人进行教育（{LAW}第三十三条第三款）："
                    f"{case.education_given.strip().rstrip('。')}。"
                )
            )
    return template_get("enforcement.no_penalty_decision").render(
        context, date=case.decided_on, slots={"grounds": grounds}
    )


NO_PENALTY = (CaseOutcome.NO_PENALTY_MINOR, CaseOutcome.NO_PENALTY_FACTS)

register(
    RecordDocument(
        key="enforcement.penalty_notice",
        label=_("行政处罚事先告知书"),
        model=PenaltyCase,
        getter=GETTER,
        build=penalty_notice,
        available=lambda case: case.notice_on is not None,
        unavailable=_("尚未告知当事人，不能生成事先告知书。"),
    )
)
register(
    RecordDocument(
        key="enforcement.penalty_decision",
        label=_("行政处罚决定书"),
        model=PenaltyCase,
        getter=GETTER,
        build=penalty_decision,
        available=lambda case: case.outcome == CaseOutcome.PENALTY and bool(case.decision_number),
        unavailable=_("本案尚未作出行政处罚决定。"),
    )
)
register(
    RecordDocument(
        key="enforcement.no_penalty_decision",
        label=_("不予行政处罚决定书"),
        model=PenaltyCase,
        getter=GETTER,
        build=no_penalty_decision,
        available=lambda case: case.outcome in NO_PENALTY and bool(case.decision_number),
        unavailable=_("本案尚未作出不予行政处罚决定。"),
    )
)
