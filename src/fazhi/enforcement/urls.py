from django.urls import path

from fazhi.enforcement import certificate_views, summary_views, views

app_name = "enforcement"

urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    path("cases/new/", views.case_open, name="case_open"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/calculator/", views.case_calculator, name="case_calculator"),
    path("cases/<int:pk>/steps/<str:step>/", views.case_step, name="case_step"),
    path("items/", views.item_list, name="items"),
    path("items/import/", views.item_import, name="item_import"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/delegations/new/", views.item_delegate, name="item_delegate"),
    path(
        "items/<int:pk>/delegations/<int:delegation_pk>/withdraw/",
        views.delegation_withdraw,
        name="delegation_withdraw",
    ),
    path("items/<int:pk>/benchmarks/new/", views.benchmark_add, name="benchmark_add"),
    path("exemptions/", views.exemption_list, name="exemptions"),
    path("exemptions/new/", views.exemption_add, name="exemption_add"),
    path("exemptions/<str:code>/", views.exemption_versions, name="exemption_versions"),
    path("exemptions/<str:code>/adjust/", views.exemption_adjust, name="exemption_adjust"),
    path("exemptions/<str:code>/repeal/", views.exemption_repeal, name="exemption_repeal"),
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/new/", views.commitment_notify, name="commitment_notify"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path(
        "commitments/<int:pk>/steps/<str:step>/",
        views.commitment_step,
        name="commitment_step",
    ),
    path("consistency/", views.consistency, name="consistency"),
    path("summary/", summary_views.summary_list, name="summary"),
    path("summary/new/", summary_views.summary_decide, name="summary_decide"),
    path("summary/<int:pk>/", summary_views.summary_detail, name="summary_detail"),
    path("certificates/", certificate_views.certificate_list, name="certificates"),
    path("certificates/new/", certificate_views.certificate_issue, name="certificate_issue"),
    path(
        "certificates/from-people/",
        certificate_views.certificates_from_people,
        name="certificates_from_people",
    ),
    path("certificates/lapse/", certificate_views.certificates_lapse, name="certificates_lapse"),
    path(
        "certificates/<int:pk>/revoke/",
        certificate_views.certificate_revoke,
        name="certificate_revoke",
    ),
]
