from django.urls import path

from fazhi.reconsideration import views

app_name = "reconsideration-portal"

urlpatterns = [
    path("apply/", views.portal_apply, name="apply"),
]
