"""The cached ``get_FOO_display`` answers what Django's own does, in the active language."""

from __future__ import annotations

from django.db.models import Model
from django.utils import translation

from fazhi.core.displays import _get_field_display
from fazhi.core.models import Role, RoleAssignment


def test_generated_displays_use_the_cached_choices():
    assert RoleAssignment.__dict__["get_role_display"].func is _get_field_display


def test_label_unknown_value_and_language():
    assignment = RoleAssignment(role=Role.ADMINISTRATOR)
    field = RoleAssignment._meta.get_field("role")
    with translation.override("zh-hans"):
        assert assignment.get_role_display() == "系统管理员"
        assert assignment.get_role_display() == Model._get_FIELD_display(assignment, field)
    assignment.role = "no-such-role"
    assert assignment.get_role_display() == "no-such-role"
    assignment.role = None
    assert assignment.get_role_display() is None
