"""Who may do what in the inspections app (services and views import these)."""

from fazhi.core.models import Role

# The resource library and the joint plans are kept by the comprehensive-enforcement office
# (the justice bureau's legal officers in the demo tree) and the administrator.
LIBRARY_ROLES = (Role.JUSTICE_LEGAL_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER)
COORDINATOR_ROLES = (Role.JUSTICE_LEGAL_OFFICER,)
# Each department runs its own random-check plans and records its own visits.
DEPARTMENT_ROLES = (Role.ENFORCEMENT_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER)
VISIT_ROLES = (Role.ENFORCEMENT_OFFICER, Role.SUPERVISOR, Role.JUSTICE_LEGAL_OFFICER)
