"""The reconsideration 文书: 行政复议受理通知书 and 行政复议决定书, numbered by the case number.

Articles follow the law version the case is handled under (2023 law, or the 2017 law and its
2007 regulation). Wording is in ``document_templates/*.json``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from fazhi.core.documents import OfficialDocument, Paragraph, template_get
from fazhi.core.documents.records import RecordDocument, cn_date, register
from fazhi.reconsideration.models import (
    Closure,
    Decision,
    LawVersionChoice,
    ReconsiderationCase,
)

GETTER = "fazhi.reconsideration.selectors.case_get"
LAW_2023 = "《中华人民共和国行政复议法》"
LAW_2017 = "《中华人民共和国行政复议法》（2017年修正）"

# Decision kind -> article (2023 law arts 63-71; 2017 law art 28).
ARTICLES_2023 = {
    Decision.VARY: "第六十三条",
    Decision.ANNUL: "第六十四条",
    Decision.ANNUL_PARTIAL: "第六十四条",
    Decision.CONFIRM_ILLEGAL: "第六十五条",
    Decision.ORDER_PERFORM: "第六十六条",
    Decision.CONFIRM_VOID: "第六十七条",
    Decision.UPHOLD: "第六十八条",
    Decision.REJECT_CLAIM: "第六十九条",
    Decision.AGREEMENT_LIABILITY: "第七十一条",
}
ARTICLES_2017 = {
    Decision.UPHOLD: "第二十八条第一款第（一）项",
    Decision.ORDER_PERFORM: "第二十八条第一款第（二）项",
    Decision.ANNUL: "第二十八条第一款第（三）项",
    Decision.ANNUL_PARTIAL: "第二十八条第一款第（三）项",
    Decision.VARY: "第二十八条第一款第（三）项",
    Decision.CONFIRM_ILLEGAL: "第二十八条第一款第（三）项",
}


def _is_2017(case: ReconsiderationCase) -> bool:
    return case.law_version == LawVersionChoice.V2017


def _context(case: ReconsiderationCase) -> dict[str, Any]:
    return {
        "issuer": case.organization.name,
        "case_no": case.case_no,
        "applicant_name": case.applicant_name,
        "respondent": case.respondent.name,
        "contested_act": case.contested_act.strip().rstrip("。"),
        "contested_act_ref": f"（{case.contested_act_ref}）" if case.contested_act_ref else "",
        "received_on": cn_date(case.received_on),
        "accepted_on": cn_date(case.accepted_on),
        "procedure": case.get_procedure_display() if case.procedure else "普通程序",
    }


def acceptance_notice(case: ReconsiderationCase) -> OfficialDocument:
    context = _context(case)
    context["acceptance_basis"] = f"{LAW_2017}第十七条" if _is_2017(case) else f"{LAW_2023}第三十条"
    return template_get("reconsideration.acceptance_notice").render(context, date=case.accepted_on)


def decision_basis(case: ReconsiderationCase) -> str:
    if _is_2017(case):
        article = ARTICLES_2017.get(case.decision)
        return f"{LAW_2017}{article}" if article else f"{LAW_2017}（适用条款未解析）"
    article = ARTICLES_2023.get(case.decision)
    return f"{LAW_2023}{article}" if article else f"{LAW_2023}（适用条款未解析）"


def decision(case: ReconsiderationCase) -> OfficialDocument:
    context = _context(case)
    context |= {
        "request": case.request.strip(),
        "summary": case.decision_summary.strip() or "—",
        "decision": case.get_decision_display(),
        "decision_basis": decision_basis(case),
        "effect_basis": f"{LAW_2017}第三十一条" if _is_2017(case) else f"{LAW_2023}第七十五条",
    }
    third = [Paragraph(f"第三人：{case.third_parties}", indent=False)] if case.third_parties else []
    reasons = [Paragraph(f"申请人称：{case.reasons.strip()}")] if case.reasons.strip() else []
    return template_get("reconsideration.decision").render(
        context, date=case.decided_on, slots={"third_parties": third, "reasons": reasons}
    )


register(
    RecordDocument(
        key="reconsideration.acceptance_notice",
        label=_("行政复议受理通知书"),
        model=ReconsiderationCase,
        getter=GETTER,
        build=acceptance_notice,
        available=lambda case: case.accepted_on is not None,
        unavailable=_("该申请尚未受理。"),
    )
)
register(
    RecordDocument(
        key="reconsideration.decision",
        label=_("行政复议决定书"),
        model=ReconsiderationCase,
        getter=GETTER,
        build=decision,
        available=lambda case: (
            case.closure == Closure.DECIDED and bool(case.decision) and case.decided_on is not None
        ),
        unavailable=_("本案尚未作出行政复议决定。"),
    )
)
