"""Who may do what in supervision."""

from fazhi.core.models import Role

SUPERVISION_ROLES = (Role.SUPERVISOR, Role.JUSTICE_LEGAL_OFFICER)
RESPONDING_ROLES = (Role.ENFORCEMENT_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER)
