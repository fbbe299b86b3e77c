from django.urls import path

from phaen.reports.api import views

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/<slug:name>/", views.ReportDataView.as_view(), name="report_data"),
]
