from django.urls import path

from fazhi.services import portal_views as views

app_name = "services-portal"

urlpatterns = [
    path("one-things/", views.one_thing_list, name="one_things"),
    path("one-things/<int:pk>/", views.one_thing_detail, name="one_thing"),
    path("one-things/<int:pk>/apply/", views.apply, name="apply"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("mine/", views.mine, name="mine"),
    path("estates/apply/", views.estate_apply, name="estate_apply"),
    path("estates/<int:pk>/", views.estate_detail, name="estate"),
    path("wills/<int:pk>/", views.will_detail, name="will"),
    path("notary-items/", views.notary_item_list, name="notary_items"),
    path("notary-lookup/", views.notary_lookup, name="notary_lookup"),
]
