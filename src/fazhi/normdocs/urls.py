from django.urls import path

from fazhi.normdocs import views

app_name = "normdocs"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/prereview/", views.prereview_run, name="prereview"),
    path("<int:pk>/steps/<slug:step>/", views.document_step, name="step"),
    path("reviews/<int:pk>/", views.joint_review_record, name="joint_review"),
    path("filings/<int:pk>/", views.filing_record, name="filing"),
    path("review-types/", views.review_types, name="review_types"),
    path("review-queue/", views.review_queue, name="review_queue"),
    path("reminders/", views.reminders, name="reminders"),
    path("inspections/", views.inspection_list, name="inspections"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/steps/<slug:step>/", views.inspection_step, name="inspection_step"),
    path("findings/<int:pk>/rectify/", views.finding_rectify, name="finding_rectify"),
]
