"""Domain-event types of a normative document's life and of inspections."""

DOCUMENT_DRAFTED = "normdocs.drafted"
DOCUMENT_DRAFT_UPDATED = "normdocs.draft_updated"
COMMENT_OPENED = "normdocs.comment_opened"
REVIEW_SUBMITTED = "normdocs.review_submitted"
JOINT_REVIEW_RECORDED = "normdocs.joint_review_recorded"
LEGALITY_CONCLUDED = "normdocs.legality_concluded"
DELIBERATED = "normdocs.deliberated"
ISSUED = "normdocs.issued"
FILED = "normdocs.filed"
FILING_REVIEWED = "normdocs.filing_reviewed"
EVALUATED = "normdocs.evaluated"
CLEANUP_DECIDED = "normdocs.cleanup_decided"
REVIEW_TYPE_CONFIGURED = "normdocs.review_type_configured"
INSPECTION_OPENED = "normdocs.inspection_opened"
INSPECTION_DOCUMENTS_SELECTED = "normdocs.inspection_documents_selected"
INSPECTION_FINDING_RECORDED = "normdocs.inspection_finding_recorded"
INSPECTION_FINDING_RECTIFIED = "normdocs.inspection_finding_rectified"
INSPECTION_CLOSED = "normdocs.inspection_closed"

EVENT_LABELS = {
    DOCUMENT_DRAFTED: "起草",
    DOCUMENT_DRAFT_UPDATED: "修改草案",
    COMMENT_OPENED: "公开征求意见",
    REVIEW_SUBMITTED: "报送审查",
    JOINT_REVIEW_RECORDED: "联合审查结论",
    LEGALITY_CONCLUDED: "合法性审核意见",
    DELIBERATED: "集体审议",
    ISSUED: "统一登记、编号、发布",
    FILED: "备案",
    FILING_REVIEWED: "备案审查结果",
    EVALUATED: "评估",
    CLEANUP_DECIDED: "清理",
    REVIEW_TYPE_CONFIGURED: "配置联合审查事项",
    INSPECTION_OPENED: "开展专项检查",
    INSPECTION_DOCUMENTS_SELECTED: "确定检查文件",
    INSPECTION_FINDING_RECORDED: "记录检查问题",
    INSPECTION_FINDING_RECTIFIED: "问题整改",
    INSPECTION_CLOSED: "检查结束",
}
