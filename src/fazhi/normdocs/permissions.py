"""Who does what with normative documents (declared once; services, pages, API use these).

The joint review is a cross-unit task (``core.scoping.Task``): the unit that owns a review type
holds it on every document sent to that review, so its legal officers may open the draft and
record their conclusion, and nothing more.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Organization, OrganizationKind, Role
from fazhi.core.scoping import Task, register_task, scope_for

DRAFTING_ROLES = (Role.DRAFTER, Role.DEPARTMENT_LEGAL_OFFICER)
JOINT_REVIEW_ROLES = (Role.DEPARTMENT_LEGAL_OFFICER, Role.JUSTICE_LEGAL_OFFICER)
LEGALITY_ROLES = (Role.JUSTICE_LEGAL_OFFICER,)
INSPECTION_ROLES = (Role.JUSTICE_LEGAL_OFFICER, Role.SUPERVISOR)
CONFIGURATION_ROLES = (Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER)


def _joint_review_units(document):
    return Organization.objects.filter(
        pk__in=document.joint_reviews.values("review_type__owner_unit")
    )


JOINT_REVIEW_TASK = register_task(
    Task(
        key="normdocs.joint_review",
        label=_("联合审查"),
        roles=JOINT_REVIEW_ROLES,
        holders=_joint_review_units,
        holder_field="joint_reviews__review_type__owner_unit",
    )
)


def is_justice(user, _record=None) -> bool:
    """The justice bureau's legal officers register, number, issue and review every document."""
    return scope_for(user).has_role(*LEGALITY_ROLES, Role.ADMINISTRATOR)


def legality_reviewer_is_department(document) -> bool:
    """A department's own document is reviewed by its own legal office (国办发〔2018〕115号,
    via rules-documents-decisions.md §1.3); a government's (city or town) by the justice bureau,
    which also helps the towns."""
    return document.issuing_body.kind == OrganizationKind.DEPARTMENT


def may_review_legality(user, document) -> bool:
    """Government documents: the justice bureau's legal officers. Department documents: the
    legal officers (DEPARTMENT_LEGAL_OFFICER) of the issuing department itself. Administrators
    may act for either (paper records entered after the fact)."""
    scope = scope_for(user)
    if scope.has_role(Role.ADMINISTRATOR):
        return True
    if legality_reviewer_is_department(document):
        return scope.can_change(document.issuing_body, (Role.DEPARTMENT_LEGAL_OFFICER,))
    return scope.has_role(*LEGALITY_ROLES)


def is_drafting_unit(user, document) -> bool:
    return scope_for(user).can_change(document.organization, DRAFTING_ROLES)


def is_drafting_unit_or_justice(user, document) -> bool:
    """The drafting unit's own staff, or the justice bureau's legal officers (who organise the
    registration, filing and cleanup of every document)."""
    return is_justice(user) or is_drafting_unit(user, document)


def holds_joint_review(user, review) -> bool:
    """The legal officers of the unit owning this review's type (wherever the draft comes
    from)."""
    return JOINT_REVIEW_TASK.authorizes(user, review.document, unit=review.review_type.owner_unit)


def may_rectify(user, finding) -> bool:
    """The document's drafting unit, or the inspectors."""
    scope = scope_for(user)
    return scope.can_change(finding.document.organization, DRAFTING_ROLES) or scope.can_change(
        finding.inspection.organization, INSPECTION_ROLES
    )
