from django.urls import path

from phaen.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("<slug:name>/run/", views.run_create, name="run_create"),
    path("runs/", views.run_list, name="run_list"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/download/", views.run_download, name="run_download"),
]
