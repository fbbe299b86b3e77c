"""Pages of the rounds app (app_name "rounds")."""

from django.urls import path

from phaen.rounds import views

app_name = "rounds"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.round_create, name="round_create"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/amend/", views.round_amend, name="round_amend"),
    path("<int:pk>/export.json", views.round_export, {"fmt": "json"}, name="round_export_json"),
    path("<int:pk>/export.xlsx", views.round_export, {"fmt": "xlsx"}, name="round_export_xlsx"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submission_submit"),
    path("submissions/<int:pk>/accept/", views.submission_accept, name="submission_accept"),
    path("submissions/<int:pk>/return/", views.submission_return, name="submission_return"),
]
