"""Who may run pre-reviews and who may decide on their findings: declared once, here.

Drafters and legal officers run reviews for their own unit's subtree. Findings are accepted or
dismissed by legal officers only: a department's legal officer within the department, the
justice bureau's legal officers everywhere (they conduct the legality review of every unit's
documents, rules-documents-decisions.md).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import PermissionDenied
from fazhi.core.models import Organization, Role
from fazhi.core.scoping import require_change, require_role, scope_for

RUN_ROLES = (
    Role.DRAFTER,
    Role.DEPARTMENT_LEGAL_OFFICER,
    Role.JUSTICE_LEGAL_OFFICER,
)
DECIDE_ROLES = (Role.DEPARTMENT_LEGAL_OFFICER, Role.JUSTICE_LEGAL_OFFICER)
CITY_WIDE_ROLES = (Role.JUSTICE_LEGAL_OFFICER,)
# The rule-adoption page (what reviewers overrule): those who decide, and leaders; each sees
# only the runs of their own subtree. Administrators always may (``require_role``).
ADOPTION_ROLES = (*DECIDE_ROLES, Role.LEADER)
# Reviewers' decisions exported as training data (clause text, reasons, reviewers' names): the
# justice bureau's legal officers, who run the training, and administrators.
FEEDBACK_ROLES = (Role.JUSTICE_LEGAL_OFFICER,)


def require_run(user, organization: Organization) -> None:
    if scope_for(user).has_role(*CITY_WIDE_ROLES):
        return
    require_change(user, organization, roles=RUN_ROLES)


def can_decide(user, organization: Organization) -> bool:
    scope = scope_for(user)
    return scope.has_role(*CITY_WIDE_ROLES) or scope.can_change(
        organization, [Role.DEPARTMENT_LEGAL_OFFICER]
    )


def require_decide(user, organization: Organization) -> None:
    if can_decide(user, organization):
        return
    if scope_for(user).has_role(*DECIDE_ROLES):
        raise PermissionDenied(
            CoreErrorCode.OUT_OF_SCOPE, _("该预审不在您的单位范围内。"), field="organization"
        )
    raise PermissionDenied(
        CoreErrorCode.FORBIDDEN_ROLE, _("只有法制审核人员可以处理预审发现。"), field="outcome"
    )


def require_adoption(user) -> None:
    require_role(user, *ADOPTION_ROLES)


def can_export_feedback(user) -> bool:
    return scope_for(user).has_role(*FEEDBACK_ROLES, Role.ADMINISTRATOR)


def require_feedback(user) -> None:
    require_role(user, *FEEDBACK_ROLES)
