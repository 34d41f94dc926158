"""Every write of major decisions, one module per area; reads are in ``selectors``.

State machines (declared in ``decisions.procedures``, which every service checks first):

- catalog ``drafting`` → ``approved`` → ``published``; entries ``proposed`` → ``listed`` (on
  approval) → ``withdrawn`` (by an adjustment with its reason);
- decision ``drafting`` → ``decided`` | ``rejected`` (collective discussion) → ``published`` ⇄
  ``suspended`` → ``terminated``;
- each procedure step ``pending`` → ``open`` → ``completed``, or ``pending`` → ``skipped`` (only
  the three conditional procedures, with the legal reason).

Every service locks its row first, so two people recording the same step queue, and the second
one is refused because the step is no longer where it was. The names are re-exported here so
callers (and the declarations' dotted paths) write ``services.step_skip`` whatever module holds it.
"""

from fazhi.decisions.selectors import legality_minimum_due
from fazhi.decisions.services.attachments import attachment_add
from fazhi.decisions.services.catalog import (
    catalog_adjust,
    catalog_approve,
    catalog_create,
    catalog_publish,
    decision_launch,
    entry_propose,
)
from fazhi.decisions.services.implementation import (
    CHANGE_TRANSITIONS,
    decision_change,
    decision_publish,
    evaluation_commission,
    evaluation_complete,
    implementation_report,
)
from fazhi.decisions.services.review import (
    check_record,
    collective_discussion_record,
    legality_review_conclude,
    legality_review_submit,
)
from fazhi.decisions.services.steps import (
    expert_argumentation_complete,
    expert_argumentation_start,
    public_participation_complete,
    public_participation_start,
    risk_assessment_complete,
    risk_assessment_start,
    step_skip,
)

__all__ = [
    "CHANGE_TRANSITIONS",
    "attachment_add",
    "catalog_adjust",
    "catalog_approve",
    "catalog_create",
    "catalog_publish",
    "check_record",
    "collective_discussion_record",
    "decision_change",
    "decision_launch",
    "decision_publish",
    "entry_propose",
    "evaluation_commission",
    "evaluation_complete",
    "expert_argumentation_complete",
    "expert_argumentation_start",
    "implementation_report",
    "legality_minimum_due",
    "legality_review_conclude",
    "legality_review_submit",
    "public_participation_complete",
    "public_participation_start",
    "risk_assessment_complete",
    "risk_assessment_start",
    "step_skip",
]
