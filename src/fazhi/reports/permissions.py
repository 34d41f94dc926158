"""Who may do what with an annual report.

- Editors: a unit's legal officers over its own report, and the justice bureau's legal officers
  for any report (the bureau is the rule-of-law office that drafts the city's report and guides
  the units').
- The principal leader approves: the ``leader`` role held over the reporting organisation.
- Reviewers (comments): editors and leaders.
- Readers: anyone whose scope covers the organisation (``core.scoping``).
"""

from __future__ import annotations

from fazhi.core.models import Role
from fazhi.core.scoping import scope_for


def may_edit(user, report) -> bool:
    scope = scope_for(user)
    return scope.can_change(report.organization, (Role.DEPARTMENT_LEGAL_OFFICER,)) or (
        scope.has_role(Role.JUSTICE_LEGAL_OFFICER)
    )


def may_create(user, organization) -> bool:
    scope = scope_for(user)
    return scope.can_change(organization, (Role.DEPARTMENT_LEGAL_OFFICER,)) or scope.has_role(
        Role.JUSTICE_LEGAL_OFFICER
    )


def may_approve(user, report) -> bool:
    return scope_for(user).can_change(report.organization, (Role.LEADER,))


def may_review(user, report) -> bool:
    return may_edit(user, report) or may_approve(user, report)
