"""Who may do what in enforcement (one place; services and views import these)."""

from fazhi.core.models import Role

CATALOG_ROLES = (Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER)
CASE_ROLES = (Role.ENFORCEMENT_OFFICER,)
REVIEW_ROLES = (Role.DEPARTMENT_LEGAL_OFFICER, Role.JUSTICE_LEGAL_OFFICER)
# 行政执法证 records: the justice bureau for every unit, a department's legal office for its own.
CERTIFICATE_ROLES = (Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER)
