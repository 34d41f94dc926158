"""Django admin for the shared kernel: mainly the holiday table and the reference data.

Domain records are changed through the pages and the API (which run the services and their
checks); the admin is for operators and shows history through simple-history.
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from simple_history.admin import SimpleHistoryAdmin

from fazhi.core.auth import LOCKED_OUT_MESSAGE
from fazhi.core.models import CalendarDay, NumberSeries, Organization, Person, RoleAssignment


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "is_workday", "name", "source"]
    list_filter = ["is_workday"]
    search_fields = ["name", "source"]
    date_hierarchy = "date"


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    readonly_fields = ["path", "depth", "parent"]

    def has_add_permission(self, request):
        return False  # created through the organisation pages, which keep the tree's paths


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "masked_id_number", "organization", "post", "leader_level"]
    list_filter = ["leader_level"]
    search_fields = ["name", "enforcement_certificate_number"]
    exclude = ["id_number"]
    readonly_fields = ["organization", "user"]
    list_select_related = ["organization"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organization"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]
    autocomplete_fields = ["organization"]


@admin.register(NumberSeries)
class NumberSeriesAdmin(SimpleHistoryAdmin):
    list_display = ["key", "name", "template", "organization"]
    readonly_fields = ["key"]


class _LockoutAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login shows the same lock-out message; the backend enforces it anyway."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "locked_out": LOCKED_OUT_MESSAGE,
    }

    def clean(self):
        from django.conf import settings
        from django.core.exceptions import ValidationError

        from fazhi.core import services

        username = self.cleaned_data.get("username") or ""
        if username and services.login_locked_out(username):
            raise ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": settings.FAZHI_LOGIN_LOCKOUT_MINUTES},
            )
        return super().clean()


admin.site.login_form = _LockoutAdminAuthenticationForm
