"""Every write of normdocs: one service per step of a document's life, plus inspections.

State machine (``DocumentStatus``, declared in ``normdocs.procedures``)::

    drafting ─comment_open→ in_comment ─review_submit→ in_review ─legality_conclude(lawful)→
    legality_passed ─deliberation_record(approved)→ deliberated ─document_issue→ issued
    ─cleanup_decide(repeal | declare_invalid)→ repealed | declared_invalid

A legality opinion of "amend"/"unlawful", or a deliberation that sends the draft back, returns
the document to ``drafting`` for a new review round (public comment is not repeated).

By area: ``drafting`` (draft, public comment), ``reviews`` (joint and legality review),
``issue`` (deliberation, issue, filing), ``afterlife`` (evaluation, cleanup, reminders),
``inspections``. Reads are in ``normdocs.selectors``.
"""

from fazhi.normdocs.permissions import (
    CONFIGURATION_ROLES,
    DRAFTING_ROLES,
    INSPECTION_ROLES,
    JOINT_REVIEW_ROLES,
    LEGALITY_ROLES,
)
from fazhi.normdocs.services.afterlife import (
    cleanup_decide,
    competition_sunset_reminders_raise,
    evaluation_record,
    evaluation_reminders_raise,
)
from fazhi.normdocs.services.drafting import (
    comment_minimum,
    comment_open,
    comment_revise,
    document_create,
    document_update_draft,
)
from fazhi.normdocs.services.inspections import (
    inspection_close,
    inspection_finding_record,
    inspection_finding_rectify,
    inspection_open,
    inspection_select_documents,
)
from fazhi.normdocs.services.issue import (
    deliberation_record,
    document_issue,
    filing_record,
    filing_review_record,
    filing_targets,
)
from fazhi.normdocs.services.reviews import (
    joint_review_record,
    legality_conclude,
    legality_earliest_conclusion,
    review_submit,
    review_type_configure,
)

__all__ = [
    "CONFIGURATION_ROLES",
    "DRAFTING_ROLES",
    "INSPECTION_ROLES",
    "JOINT_REVIEW_ROLES",
    "LEGALITY_ROLES",
    "cleanup_decide",
    "comment_minimum",
    "comment_open",
    "comment_revise",
    "competition_sunset_reminders_raise",
    "deliberation_record",
    "document_create",
    "document_issue",
    "document_update_draft",
    "evaluation_record",
    "evaluation_reminders_raise",
    "filing_record",
    "filing_review_record",
    "filing_targets",
    "inspection_close",
    "inspection_finding_record",
    "inspection_finding_rectify",
    "inspection_open",
    "inspection_select_documents",
    "joint_review_record",
    "legality_conclude",
    "legality_earliest_conclusion",
    "review_submit",
    "review_type_configure",
]
