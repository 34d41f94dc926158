from django.contrib.auth import views as auth_views
from django.urls import path

from fazhi.core import (
    account_views,
    document_views,
    pickers,
    portal_views,
    procedure_views,
    views,
)

app_name = "core"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("", views.dashboard, name="dashboard"),
    path("portal/login/", portal_views.PortalLoginView.as_view(), name="portal_login"),
    path("portal/register/", portal_views.register, name="portal_register"),
    path("portal/me/", portal_views.me, name="portal_me"),
    path(
        "portal/notifications/<int:pk>/",
        portal_views.notification_open,
        name="portal_notification_open",
    ),
    path("pick/<str:kind>/", pickers.pick, name="pick"),
    path("organizations/", views.organization_browser, name="organizations"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/import/", views.organizations_import, name="organizations_import"),
    path(
        "organizations/import/template.xlsx",
        views.organizations_import_template,
        name="organizations_import_template",
    ),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path(
        "organizations/<int:pk>/children/",
        views.organization_children,
        name="organization_children",
    ),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("people/", views.person_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/import/", views.people_import, name="people_import"),
    path(
        "people/import/template.xlsx", views.people_import_template, name="people_import_template"
    ),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("history/<str:model>/<int:pk>/", views.record_history, name="history"),
    path("deadlines/", views.deadline_list, name="deadlines"),
    path("deadlines/calculator/", views.deadline_calculator, name="deadline_calculator"),
    path("clocks/<int:pk>/explain/", views.clock_explain, name="clock_explain"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/read-all/", views.notification_read_all, name="notification_read_all"),
    path("my-work/", procedure_views.my_work, name="my_work"),
    path("accounts/", account_views.user_list, name="users"),
    path("accounts/new/", account_views.user_create, name="user_create"),
    path("accounts/<int:pk>/", account_views.user_detail, name="user_detail"),
    path("accounts/<int:pk>/active/", account_views.user_set_active, name="user_set_active"),
    path("accounts/roles/<int:pk>/revoke/", account_views.role_revoke, name="role_revoke"),
    path("calendar/", account_views.calendar_days, name="calendar_days"),
    path(
        "calendar/<int:pk>/remove/", account_views.calendar_day_remove, name="calendar_day_remove"
    ),
    path(
        "documents/<str:key>/<int:pk>/<str:fmt>/",
        document_views.record_document_download,
        name="record_document",
    ),
    path(
        "do/<str:key>/<int:pk>/<str:name>/",
        procedure_views.transition_view,
        name="transition",
    ),
    # Records keyed by UUID (evidence deposits) take their steps the same way.
    path(
        "do/<str:key>/<uuid:pk>/<str:name>/",
        procedure_views.transition_view,
        name="transition",
    ),
]
