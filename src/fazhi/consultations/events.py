"""Domain-event types written by the consultation services (the record's timeline)."""

CONSULTATION_OPENED = "consultations.opened"
CONSULTATION_REVISED = "consultations.revised"
CONSULTATION_CLOSED = "consultations.closed"
COMMENT_SUBMITTED = "consultations.comment_submitted"
COMMENT_MODERATED = "consultations.comment_moderated"
COMMENT_RESPONDED = "consultations.comment_responded"
SUMMARY_PUBLISHED = "consultations.summary_published"
