"""URL map: the staff UI, the public portal, the REST API and its schema.

Each app in ``FAZHI_APPS`` may provide ``urls.py`` (staff pages, mounted at ``/<label>/``),
``portal_urls.py`` (public pages, at ``/portal/<label>/``) and ``api_urls.py`` (at
``/api/<label>/``); each module sets ``app_name``. They are found here, so adding an app
touches no shared file but settings.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from fazhi.core import account_api, document_views
from fazhi.core import api as core_api
from fazhi.core import views as core_views

router = DefaultRouter()
router.register("organizations", core_api.OrganizationViewSet, basename="organization")
router.register("people", core_api.PersonViewSet, basename="person")
router.register("deadlines/due", core_api.DueClockViewSet, basename="due-clock")
router.register("notifications", core_api.NotificationViewSet, basename="notification")
router.register("accounts", account_api.AccountViewSet, basename="account")
router.register("role-assignments", account_api.RoleAssignmentViewSet, basename="role-assignment")
router.register("calendar-days", account_api.CalendarDayViewSet, basename="calendar-day")


def _app_urls(module_name: str, prefix: str) -> list:
    patterns = []
    for app_path in settings.FAZHI_APPS:
        if app_path == "fazhi.core":
            continue
        name = f"{app_path}.{module_name}"
        if find_spec(name) is None:
            continue
        label = apps.get_containing_app_config(app_path).label
        module = import_module(name)
        patterns.append(path(f"{prefix}{label}/", include(module)))
    return patterns


api_patterns = [
    path("", include(router.urls)),
    path("calendar/deadline/", core_api.DeadlineView.as_view(), name="deadline"),
    path("indicators/", core_api.IndicatorView.as_view(), name="indicators"),
    path("numbers/", core_api.NumberIssueView.as_view(), name="number-issue"),
    path("history/<str:model>/<str:pk>/", core_api.HistoryView.as_view(), name="history"),
    path(
        "documents/<str:key>/<int:pk>/<str:fmt>/",
        document_views.record_document_api,
        name="record-document",
    ),
    path("me/applications/", core_api.MyApplicationsView.as_view(), name="my-applications"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("healthz", core_api.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include((api_patterns, "api"))),
    *_app_urls("api_urls", "api/"),
    path("portal/", core_views.portal_index, name="portal"),
    *_app_urls("portal_urls", "portal/"),
    *_app_urls("urls", ""),
    *([path("admin/", admin.site.urls)] if settings.FAZHI_ADMIN_ENABLED else []),
    path("", include("fazhi.core.urls")),
]

admin.site.site_header = settings.VERBOSE_NAME
admin.site.site_title = settings.VERBOSE_NAME
