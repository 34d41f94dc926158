"""Domain-event types written by the consultation services (the record's timeline)."""

CONSULTATION_OPENED = "consultations.opened"
CONSULTATION_REVISED = "consultations.revised"
CONSULTATION_CLOSED = "consultations.closed"
COMMENT_SUBMITTED = "consultations.comment_submitted"
COMMENT_MODERATED = "consultations.comment_moderated"
COMMENT_RESPONDED = "consultations.comment_responded"
SUMMARY_PUBLISHED = "consultations.summary_published"

EVENT_LABELS = {
    CONSULTATION_OPENED: "公开征求意见",
    CONSULTATION_REVISED: "修改征求意见稿",
    CONSULTATION_CLOSED: "征求意见结束",
    COMMENT_SUBMITTED: "收到意见",
    COMMENT_MODERATED: "审核意见",
    COMMENT_RESPONDED: "答复意见",
    SUMMARY_PUBLISHED: "公布意见采纳情况",
}
