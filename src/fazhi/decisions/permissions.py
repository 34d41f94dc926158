"""Who may do what with major decisions (declared once; services and views use these)."""

from fazhi.core.models import Role

# Sponsors: the sponsoring unit's legal officers and drafters, within their unit.
SPONSOR_ROLES = (Role.DEPARTMENT_LEGAL_OFFICER, Role.DRAFTER)
# The justice bureau reviews legality and does the legal agency's re-check (法制机构再查);
# it also records the government legal adviser's check (法律顾问协查).
JUSTICE_ROLES = (Role.JUSTICE_LEGAL_OFFICER,)
# The catalog is approved and published by the government (administrator or leadership).
CATALOG_ROLES = (Role.ADMINISTRATOR, Role.LEADER)
# The government's own steps on a decision (collective discussion, publication, post-evaluation,
# change) are recorded by the staff who run its decision procedure, not by leaders (issue #17):
# a leader chairs the meeting, the office records it.
DECISION_OFFICE_ROLES = (Role.ADMINISTRATOR,)
