"""Every write of the shared kernel, by area; import from here (``core.services.X``)."""

from fazhi.core.services.accounts import (
    login_failure_record,
    login_locked_out,
    login_success_record,
    role_assign,
    user_create,
)
from fazhi.core.services.base import (
    _user_or_none,
    event_record,
    user_or_none,
)
from fazhi.core.services.clocks import (
    clock_due,
    clock_explanation,
    clock_extend,
    clock_for,
    clock_of,
    clock_pause,
    clock_resume,
    clock_start,
    clock_stop,
)
from fazhi.core.services.notifications import (
    deadline_notifications_raise,
    notification_mark_read,
    notification_raise,
)
from fazhi.core.services.numbering import (
    number_issue,
    number_series_create,
    number_series_ensure,
)
from fazhi.core.services.organizations import (
    ORGANIZATION_ADMIN_ROLES,
    ORGANIZATION_EDITABLE,
    OrganizationRow,
    organization_create,
    organization_update,
    organizations_import,
)
from fazhi.core.services.people import (
    PEOPLE_ADMIN_ROLES,
    PEOPLE_SHEET_HEADERS,
    PERSON_EDITABLE,
    PersonRow,
    people_import,
    people_import_xlsx,
    person_create,
    person_update,
)

__all__ = [
    "ORGANIZATION_ADMIN_ROLES",
    "ORGANIZATION_EDITABLE",
    "PEOPLE_ADMIN_ROLES",
    "PEOPLE_SHEET_HEADERS",
    "PERSON_EDITABLE",
    "OrganizationRow",
    "PersonRow",
    "_user_or_none",
    "clock_due",
    "clock_explanation",
    "clock_extend",
    "clock_for",
    "clock_of",
    "clock_pause",
    "clock_resume",
    "clock_start",
    "clock_stop",
    "deadline_notifications_raise",
    "event_record",
    "login_failure_record",
    "login_locked_out",
    "login_success_record",
    "notification_mark_read",
    "notification_raise",
    "number_issue",
    "number_series_create",
    "number_series_ensure",
    "organization_create",
    "organization_update",
    "organizations_import",
    "people_import",
    "people_import_xlsx",
    "person_create",
    "person_update",
    "role_assign",
    "user_create",
    "user_or_none",
]
