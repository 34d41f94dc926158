from django.urls import path

from fazhi.services import views

app_name = "services"

urlpatterns = [
    path("one-things/", views.one_thing_list, name="one_things"),
    path("one-things/new/", views.one_thing_create, name="one_thing_create"),
    path("one-things/<int:pk>/", views.one_thing_detail, name="one_thing_detail"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("evaluations/", views.evaluation_list, name="evaluations"),
    path("evaluations/table/", views.evaluation_table, name="evaluation_table"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification_detail"),
    path("certificate-items/", views.certificate_item_list, name="certificate_items"),
    path("certificate-items/new/", views.certificate_item_create, name="certificate_item_create"),
    path("verifications/", views.verification_list, name="verifications"),
    path("verifications/new/", views.verification_create, name="verification_create"),
    path("verifications/<int:pk>/", views.verification_detail, name="verification_detail"),
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/new/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("notary-items/", views.notary_item_list, name="notary_items"),
    path("notary-items/import/", views.notary_import, name="notary_import"),
    path("certificates/new/", views.certificate_register, name="certificate_register"),
    path("wills/", views.will_list, name="wills"),
    path("wills/new/", views.will_create, name="will_create"),
    path("wills/<int:pk>/", views.will_detail, name="will_detail"),
    path("estates/", views.estate_list, name="estates"),
    path("estates/<int:pk>/", views.estate_detail, name="estate_detail"),
]
