"""Domain-event types of the enforcement app and how the case timeline names them."""

EVENT_LABELS: dict[str, str] = {
    "enforcement.case_opened": "立案",
    "enforcement.evidence_added": "添加证据",
    "enforcement.case_notified": "告知",
    "enforcement.statement_recorded": "陈述申辩",
    "enforcement.hearing_requested": "申请听证",
    "enforcement.hearing_held": "举行听证",
    "enforcement.decision_extended": "延长办案期限",
    "enforcement.legal_review": "法制审核",
    "enforcement.collective_discussion": "集体讨论",
    "enforcement.case_decided": "作出决定",
    "enforcement.case_served": "送达",
    "enforcement.case_published": "公示",
    "enforcement.case_executed": "执行",
    "enforcement.case_closed": "结案",
    "enforcement.commitment_notified": "告知承诺",
    "enforcement.commitment_signed": "签署承诺书",
    "enforcement.commitment_refused": "拒绝承诺",
    "enforcement.commitment_verified": "核查",
    "enforcement.commitment_converted": "转为立案",
    "enforcement.commitment_filed": "备案",
    "enforcement.item_delegated": "赋权镇街",
    "enforcement.delegation_withdrawn": "收回赋权",
    "enforcement.exemption_added": "新增免罚清单事项",
    "enforcement.exemption_adjusted": "调整免罚清单事项",
    "enforcement.exemption_repealed": "废止免罚清单事项",
    "enforcement.benchmark_added": "新增裁量基准",
    "enforcement.case_anchored": "案卷存证",
    "enforcement.officer_recused": "执法人员回避",
    "enforcement.rights_waived": "当事人书面放弃陈述申辩和听证",
    "enforcement.hearing_scheduled": "通知听证",
    "enforcement.publication_withdrawn": "撤回公示",
    "enforcement.fine_paid": "缴纳罚款",
    "enforcement.certificate_issued": "登记行政执法证",
    "enforcement.certificate_ended": "暂扣、注销行政执法证",
    "enforcement.certificates_registered": "从人员信息补登行政执法证",
}


def label(event_type: str) -> str:
    return EVENT_LABELS.get(event_type, event_type)
