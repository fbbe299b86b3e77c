"""Pages of the monitoring app (app_name "monitoring")."""

from django.urls import path

from phaen.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("periods/<int:pk>/lock/", views.period_lock, name="period_lock"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/check/", views.project_check, name="project_check"),
    path("projects/<int:pk>/months/<int:number>/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/<str:action>/", views.report_action, name="report_action"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("problems/", views.problem_list, name="problems"),
    path("problems/staff/", views.problems_staff, name="problems_staff"),
    path("problems/new/", views.problem_form, name="problem_create"),
    path("problems/<int:pk>/", views.problem_form, name="problem_edit"),
    path("meetings/new/", views.meeting_form, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_form, name="meeting_edit"),
    path("postings/", views.posting_list, name="postings"),
    path("postings/<str:code>/", views.posting_form, name="posting_form"),
]
