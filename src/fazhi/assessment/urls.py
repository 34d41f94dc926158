from django.urls import path

from fazhi.assessment import scheme_views, views

app_name = "assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("schemes/new/", scheme_views.scheme_new, name="scheme_new"),
    path("schemes/<int:pk>/", scheme_views.scheme_edit, name="scheme_edit"),
    path("dimensions/<int:pk>/", scheme_views.dimension_edit, name="dimension_edit"),
    path("dimensions/<int:pk>/items/new/", scheme_views.item_new, name="item_new"),
    path("items/<int:pk>/", scheme_views.item_edit, name="item_edit"),
]
