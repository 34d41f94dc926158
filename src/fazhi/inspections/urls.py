from django.urls import path

from fazhi.inspections import views

app_name = "inspections"

urlpatterns = [
    path("items/", views.item_list, name="items"),
    path("subjects/", views.subject_list, name="subjects"),
    path("inspectors/", views.inspector_list, name="inspectors"),
    path("inspectors/new/", views.inspector_create, name="inspector_create"),
    path("inspectors/<int:pk>/relation/", views.relation_declare, name="relation_declare"),
    path("scenarios/", views.scenario_list, name="scenarios"),
    path("scenarios/new/", views.scenario_create, name="scenario_create"),
    path("import/", views.library_import, name="library_import"),
    path("tasks/new/", views.task_create, name="task_create"),
    path("draws/", views.draw_list, name="draws"),
    path("draws/new/", views.draw_create, name="draw_create"),
    path("draws/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("joint-plans/", views.joint_plan_list, name="joint_plans"),
    path("joint-plans/new/", views.joint_plan_create, name="joint_plan_create"),
    path("joint-plans/<int:pk>/", views.joint_plan_detail, name="joint_plan_detail"),
    path("visits/", views.visit_list, name="visits"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
]
