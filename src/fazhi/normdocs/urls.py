from django.urls import path

from fazhi.normdocs import views

app_name = "normdocs"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/prereview/", views.prereview_run, name="prereview"),
    path("review-types/", views.review_types, name="review_types"),
    path("review-queue/", views.review_queue, name="review_queue"),
    path("reminders/", views.reminders, name="reminders"),
    path("inspections/", views.inspection_list, name="inspections"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
]
