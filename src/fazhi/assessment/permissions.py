"""Assessors are the rule-of-law office (the justice bureau's legal officers) and administrators;
the assessed unit's own staff read their assessment and may object to it."""

from __future__ import annotations

from fazhi.core.models import Role
from fazhi.core.scoping import STAFF_ROLES, scope_for


def may_assess(user, obj=None) -> bool:
    return scope_for(user).has_role(Role.JUSTICE_LEGAL_OFFICER, Role.ADMINISTRATOR)


def may_object(user, assessment) -> bool:
    """The assessed unit's legal officers or leaders (held over the unit itself)."""
    return scope_for(user).covers(
        assessment.organization, (Role.DEPARTMENT_LEGAL_OFFICER, Role.LEADER)
    )


def may_read(user, assessment) -> bool:
    scope = scope_for(user)
    return scope.reads_all or scope.covers(assessment.organization, STAFF_ROLES)
