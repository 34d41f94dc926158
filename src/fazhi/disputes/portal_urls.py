"""``/portal/disputes/``: a citizen applies online for people's mediation and follows it."""

from django.urls import path

from fazhi.disputes import portal_views

app_name = "disputes-portal"

urlpatterns = [
    path("apply/", portal_views.apply, name="apply"),
    path("cases/<int:pk>/", portal_views.case_detail, name="case"),
]
