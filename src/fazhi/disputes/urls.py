from django.urls import path

from fazhi.disputes import views

app_name = "disputes"

urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    path("cases/new/", views.case_create, name="case_create"),
    path("committees/new/", views.committee_create, name="committee_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("ledger/import/", views.ledger_import, name="ledger_import"),
    path("ledger/template/", views.ledger_template, name="ledger_template"),
    path("statistics/", views.statistics, name="statistics"),
]
